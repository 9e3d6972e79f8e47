// Wraps a provider into a LanguageModel: timeouts, retries, continuation of cut answers,
// structured output validated with zod (with one repair round), and a record of every call.
import { z } from 'zod'
import type { Transcript } from '../record/transcript.ts'
import { untilValid, type Verdict } from './ask-until-valid.ts'
import { imageTypes, outputTokenCap, supportsTools } from './capabilities.ts'
import { estimateCost } from './prices.ts'
import { runToolLoop, toolDeclaration, type Turn } from './tool-loop.ts'
import { LlmError } from './errors.ts'
import type { ModelSpec } from './providers.ts'
import { withRetries, type RetryPolicy } from './retry.ts'
import type {
  ContentPart,
  LanguageModel,
  Message,
  ModelReply,
  ObjectRequest,
  ProviderClient,
  ProviderRequest,
  ProviderResponse,
  TextRequest,
  ToolReply,
  ToolRequest
} from './types.ts'
import { agrees, counted } from '../plural.ts'

export interface ModelOptions {
  timeoutMs: number
  retry: RetryPolicy
  maxOutputTokens: number
  /** How many times a cut-off answer is continued. */
  maxContinuations: number
  transcript: Transcript
  onRetry?: (message: string) => void
}

const CONTINUE =
  'Your answer was cut off by the output limit. Continue exactly where it stopped, without repeating anything.'

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
): Verdict<{ response: ProviderResponse; value: T }> {
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

/** Strict structured output (OpenAI strict mode, Anthropic, Gemini) needs every property required. */
function assertAllRequired(node: unknown, path: string): void {
  if (Array.isArray(node)) return node.forEach((item, i) => assertAllRequired(item, `${path}[${i}]`))
  if (!node || typeof node !== 'object') return
  const record = node as Record<string, unknown>
  if (record.type === 'object' && record.properties && typeof record.properties === 'object') {
    const required = new Set(Array.isArray(record.required) ? record.required : [])
    const missing = Object.keys(record.properties).filter((key) => !required.has(key))
    if (missing.length)
      throw new Error(
        `structured-output schema: ${path || '(root)'} has optional ${missing.join(', ')}; use .nullable() instead of .optional()`
      )
  }
  for (const [key, value] of Object.entries(record)) assertAllRequired(value, path ? `${path}.${key}` : key)
}

export function jsonSchemaFor(schema: z.ZodType): Record<string, unknown> {
  const json = z.toJSONSchema(schema, { target: 'draft-7', io: 'output' }) as Record<string, unknown>
  delete json.$schema
  assertAllRequired(json, '')
  withoutBounds(json)
  return json
}

// Strict providers refuse these keywords in a schema; zod still checks them when the reply is parsed, and a
// violation goes into the repair round like any other.
const BOUNDS = new Set([
  'minItems',
  'maxItems',
  'minLength',
  'maxLength',
  'minimum',
  'maximum',
  'exclusiveMinimum',
  'exclusiveMaximum',
  'multipleOf',
  'pattern',
  'format'
])

function withoutBounds(node: unknown): void {
  if (!node || typeof node !== 'object') return
  if (Array.isArray(node)) return node.forEach(withoutBounds)
  const record = node as Record<string, unknown>
  for (const [key, value] of Object.entries(record)) {
    // A keyword has a scalar value; a property that happens to be called "format" is a schema object.
    if (BOUNDS.has(key) && (value === null || typeof value !== 'object')) delete record[key]
    else withoutBounds(value)
  }
}

/**
 * Images the model cannot read become a short text in their place, so the model knows something was
 * there; the count goes to the transcript's notes, which the answer and the job summary show.
 */
export function withoutUnreadableImages(spec: ModelSpec, messages: Message[], transcript: Transcript): Message[] {
  const accepted: readonly string[] = imageTypes(spec)
  let dropped = 0
  const result = messages.map((m): Message => {
    if (
      m.role === 'tool' ||
      typeof m.content === 'string' ||
      m.content.every((p) => p.type === 'text' || accepted.includes(p.mediaType))
    )
      return m
    const content = m.content.map((p): ContentPart => {
      if (p.type === 'text' || accepted.includes(p.mediaType)) return p
      dropped++
      return {
        type: 'text',
        text: `[An image (${p.mediaType}) was here; it is left out because ${spec.id} does not read ${accepted.length ? 'this image type' : 'images'}.]`
      }
    })
    return { ...m, content }
  })
  if (dropped) {
    transcript.notes.tell(
      `${counted(dropped, 'image')} from the conversation ${agrees(dropped, 'was', 'were')} left out: ${spec.id} does not read ${accepted.length ? 'their type' : 'images'}.`
    )
  }
  return result
}

export function createLanguageModel(spec: ModelSpec, client: ProviderClient, options: ModelOptions): LanguageModel {
  const cap = outputTokenCap(spec)

  async function callOnce(
    purpose: string,
    messages: Message[],
    maxOutputTokens: number,
    jsonSchema?: { name: string; schema: Record<string, unknown> },
    tools?: ProviderRequest['tools']
  ): Promise<ProviderResponse & { attempts: number }> {
    const started = Date.now()
    let attempts = 0
    try {
      const response = await withRetries(
        async () => {
          attempts++
          const signal = AbortSignal.timeout(options.timeoutMs)
          try {
            return await client.call({
              model: spec.model,
              messages,
              maxOutputTokens,
              signal,
              ...(jsonSchema ? { jsonSchema } : {}),
              ...(tools ? { tools } : {})
            })
          } catch (error) {
            if (signal.aborted && !(error instanceof LlmError && error.kind !== 'network')) {
              throw new LlmError('timeout', `no answer within ${Math.round(options.timeoutMs / 1000)} s`, {
                cause: error
              })
            }
            throw error
          }
        },
        options.retry,
        (error, delay, attempt) =>
          options.onRetry?.(
            `${spec.id}: ${error.message}; retry ${attempt} of ${options.retry.retries} in ${Math.round(delay / 100) / 10} s`
          )
      )
      options.transcript.add({
        purpose,
        provider: spec.provider.name,
        requestedModel: spec.model,
        servedModel: response.servedModel,
        messages,
        answer: response.text,
        ...(jsonSchema ? { schema: jsonSchema.name } : {}),
        usage: response.usage,
        durationMs: Date.now() - started,
        attempts,
        error: null
      })
      return { ...response, attempts }
    } catch (error) {
      options.transcript.add({
        purpose,
        provider: spec.provider.name,
        requestedModel: spec.model,
        servedModel: null,
        messages,
        answer: null,
        ...(jsonSchema ? { schema: jsonSchema.name } : {}),
        usage: { inputTokens: 0, outputTokens: 0 },
        durationMs: Date.now() - started,
        attempts,
        error: error instanceof Error ? error.message : String(error)
      })
      throw error
    }
  }

  function reply(
    response: ProviderResponse,
    text: string,
    usage: { inputTokens: number; outputTokens: number }
  ): ModelReply {
    return {
      text,
      servedModel: response.servedModel ?? spec.model,
      provider: spec.provider.name,
      usage,
      finishReason: response.finishReason
    }
  }

  /** The request's limit, else the configured one, never above what the model accepts. */
  function outputLimit(request: TextRequest): number {
    const wanted = request.maxOutputTokens ?? options.maxOutputTokens
    return cap === undefined ? wanted : Math.min(wanted, cap)
  }

  const toolsSupported = supportsTools(spec)

  const model: LanguageModel = {
    id: spec.id,
    provider: spec.provider.name,
    toolsSupported,

    async generateWithTools(request: ToolRequest): Promise<ToolReply> {
      if (!toolsSupported || !request.tools.length) {
        if (request.tools.length)
          options.transcript.notes.tell(
            `Tools were not available: ${spec.id} cannot call tools, so it read the fixed context only.`
          )
        const answer = await model.generateText(request)
        return { ...answer, steps: 0, toolCalls: 0, cutShort: null, readings: '' }
      }
      const declarations = request.tools.map(toolDeclaration)
      const limit = outputLimit(request)
      const price = (response: ProviderResponse): number | null =>
        estimateCost(spec.provider.name, response.servedModel ?? spec.model, response.usage) ??
        estimateCost(spec.provider.name, spec.model, response.usage)
      const result = await runToolLoop({
        purpose: request.purpose,
        messages: withoutUnreadableImages(spec, request.messages, options.transcript),
        tools: request.tools,
        limits: request.limits,
        modelId: spec.id,
        ask: async (messages, choice, purpose): Promise<Turn> => {
          const response = await callOnce(purpose, [...messages], limit, undefined, { declarations, choice })
          return {
            text: response.text,
            toolCalls: choice === 'auto' ? (response.toolCalls ?? []) : [],
            usage: response.usage,
            servedModel: response.servedModel,
            finishReason: response.finishReason,
            costUsd: price(response)
          }
        },
        recordTools: (runs) => options.transcript.addToolRuns(runs),
        tell: (note) => options.transcript.notes.tell(note),
        remark: (note) => options.transcript.remark(note)
      })
      // A cut final answer is continued, without tools, as generateText continues one.
      let text = result.text
      let finishReason = result.finishReason
      let messages = result.messages
      for (let round = 0; finishReason === 'length' && text && round < options.maxContinuations; round++) {
        messages = [...messages, { role: 'user', content: CONTINUE }]
        const more = await callOnce(`${request.purpose} (continued)`, messages, limit, undefined, {
          declarations,
          choice: 'none'
        })
        messages = [...messages, { role: 'assistant', content: more.text }]
        text += more.text
        finishReason = more.finishReason
        result.usage.inputTokens += more.usage.inputTokens
        result.usage.outputTokens += more.usage.outputTokens
      }
      return {
        text,
        servedModel: result.servedModel ?? spec.model,
        provider: spec.provider.name,
        usage: result.usage,
        finishReason,
        steps: result.steps,
        toolCalls: result.toolCalls,
        cutShort: result.cutShort,
        readings: result.readings
      }
    },

    async generateText(request: TextRequest): Promise<ModelReply> {
      const messages = withoutUnreadableImages(spec, request.messages, options.transcript)
      const limit = outputLimit(request)
      let response = await callOnce(request.purpose, [...messages], limit)
      let text = response.text
      const usage = { ...response.usage }
      // An empty cut answer has nothing to continue from (and some APIs reject an empty assistant turn).
      for (
        let round = 0;
        response.finishReason === 'length' && response.text && round < options.maxContinuations;
        round++
      ) {
        messages.push({ role: 'assistant', content: response.text }, { role: 'user', content: CONTINUE })
        response = await callOnce(`${request.purpose} (continued)`, [...messages], limit)
        text += response.text
        usage.inputTokens += response.usage.inputTokens
        usage.outputTokens += response.usage.outputTokens
      }
      if (response.finishReason === 'length') {
        options.transcript.notes.tell(
          `The answer reached the output limit (${limit.toLocaleString('en-US')} tokens per call) and was continued ${counted(options.maxContinuations, 'time')}; it may end early.`
        )
      }
      return reply(response, text, usage)
    },

    async generateObject<T>(request: ObjectRequest<T>): Promise<ModelReply & { value: T }> {
      const jsonSchema = { name: request.schemaName, schema: jsonSchemaFor(request.schema) }
      let messages = withoutUnreadableImages(spec, request.messages, options.transcript)
      const limit = outputLimit(request)
      const usage = { inputTokens: 0, outputTokens: 0 }
      const call = async (purpose: string): Promise<ProviderResponse> => {
        const response = await callOnce(purpose, [...messages], limit, jsonSchema)
        usage.inputTokens += response.usage.inputTokens
        usage.outputTokens += response.usage.outputTokens
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
        return { ...reply(response, response.text, usage), value }
      }
      const problem = settled.problem
      throw new LlmError(
        'invalid_output',
        `the model's answer did not match the expected structure (${problem.split('\n')[0]})`
      )
    }
  }
  return model
}
