// A structured answer: JSON the schema accepts, with one repair round in which the problem goes back with
// the answer.
import type { z } from 'zod'
import { untilValid, type Validation } from './ask-until-valid.ts'
import { LlmError } from './errors.ts'
import { jsonSchemaFor } from './json-schema.ts'
import { callOnce } from './model-call.ts'
import { addUsage, outputLimit, reply, type ModelState } from './model-state.ts'
import { withoutUnreadableImages } from './unreadable-images.ts'
import type { ModelReply, ObjectRequest, ProviderResponse } from './types.ts'

export async function generateObject<T>(
  state: ModelState,
  request: ObjectRequest<T>
): Promise<ModelReply & { value: T }> {
  const jsonSchema = { name: request.schemaName, schema: jsonSchemaFor(request.schema) }
  let messages = withoutUnreadableImages(state.spec, request.messages, state.options.transcript)
  const limit = outputLimit(state, request)
  const usage = { inputTokens: 0, outputTokens: 0 }
  const call = async (purpose: string): Promise<ProviderResponse> => {
    const response = await callOnce(state, { purpose, messages: [...messages], maxOutputTokens: limit, jsonSchema })
    addUsage(usage, response.usage)
    return response
  }
  // One repair round: the problem (what was wrong, then what to do) goes back with the answer.
  const settled = await untilValid(
    await call(request.purpose),
    (response) => parseObject(response, request.schema),
    async (problem, last) => {
      messages = [...messages, { role: 'assistant', content: last.text }, { role: 'user', content: problem }]
      return call(`${request.purpose} (repair)`)
    },
    1
  )
  if (settled.ok) {
    const { response, value } = settled.value
    return { ...reply(state, response, response.text, usage), value }
  }
  throw new LlmError(
    'invalid_output',
    `the model's answer did not match the expected structure (${settled.problem.split('\n')[0]})`
  )
}

/** Removes an outer ```json fence some models wrap around JSON despite being asked not to. */
export function extractJson(text: string): string {
  const trimmed = text.trim()
  const fenced = /^```(?:json)?\s*\n([\s\S]*?)\n?```$/i.exec(trimmed)
  return fenced ? fenced[1]!.trim() : trimmed
}

/** The answer's JSON checked against the schema; the problem says what was wrong and what to do. */
function parseObject<T>(
  response: ProviderResponse,
  schema: z.ZodType<T>
): Validation<{ response: ProviderResponse; value: T }> {
  let data: unknown
  try {
    data = JSON.parse(extractJson(response.text))
  } catch (error) {
    const problem = `The answer is not valid JSON: ${error instanceof Error ? error.message : String(error)}`
    return { ok: false, problem: `${problem}\nAnswer again with JSON only, matching the schema.` }
  }
  const parsed = schema.safeParse(data)
  if (parsed.success) return { ok: true, value: { response, value: parsed.data } }
  return {
    ok: false,
    problem: `The JSON does not match the schema:\n${describeZodError(parsed.error)}\nAnswer again with corrected JSON only.`
  }
}

function describeZodError(error: z.ZodError): string {
  return error.issues
    .slice(0, 10)
    .map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`)
    .join('\n')
}
