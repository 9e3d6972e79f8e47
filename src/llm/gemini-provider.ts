// Gemini through @google/genai, the current official SDK (not the retired @google/generative-ai).
// Structured answers use responseMimeType application/json with responseJsonSchema.
import {
  ApiError,
  FunctionCallingConfigMode,
  GoogleGenAI,
  type Content,
  type GenerateContentConfig,
  type GenerateContentResponse,
  type Part
} from '@google/genai'
import { z } from 'zod'
import { LlmError, kindFromStatus, type LlmErrorKind } from './errors.ts'
import type { FinishReason, Message, ProviderClient, ProviderRequest, ProviderResponse, ToolCall } from './types.ts'

export interface GeminiProviderOptions {
  apiKey: string
  /** Passed unchanged to the SDK's httpOptions.baseUrl; undefined keeps the SDK default. */
  baseURL: string | undefined
  timeoutMs: number
}

function plain(message: Message): string {
  if (message.role === 'tool') return message.content
  return typeof message.content === 'string'
    ? message.content
    : message.content.map((p) => (p.type === 'text' ? p.text : '')).join('\n')
}

function toParts(message: Message): Part[] {
  if (message.role === 'tool')
    return [
      {
        functionResponse: {
          ...(message.toolCallId.startsWith(LOCAL_ID) ? {} : { id: message.toolCallId }),
          name: message.toolName,
          response: message.isError ? { error: message.content } : { output: message.content }
        }
      }
    ]
  if (typeof message.content === 'string') return [{ text: message.content }]
  return message.content.map((part): Part =>
    part.type === 'text' ? { text: part.text } : { inlineData: { mimeType: part.mediaType, data: part.data } }
  )
}

/** Gemini gives calls an id only sometimes; the ones made up here are not sent back. */
const LOCAL_ID = 'gemini-call-'

function modelParts(message: Message): Part[] {
  const text = plain(message)
  const calls = message.role === 'assistant' ? (message.toolCalls ?? []) : []
  return [
    ...(text || !calls.length ? [{ text }] : []),
    ...calls.map((c): Part => ({
      functionCall: {
        ...(c.id.startsWith(LOCAL_ID) ? {} : { id: c.id }),
        name: c.name,
        args: c.arguments && typeof c.arguments === 'object' ? (c.arguments as Record<string, unknown>) : {}
      },
      ...(c.signature ? { thoughtSignature: c.signature } : {})
    }))
  ]
}

/** Function responses of one round, and any text after them, travel in one user turn. */
function toContents(messages: Message[]): Content[] {
  const result: Content[] = []
  let previousWasTool = false
  for (const m of messages) {
    if (m.role === 'system') continue
    if (m.role === 'assistant') {
      result.push({ role: 'model', parts: modelParts(m) })
      previousWasTool = false
      continue
    }
    const last = result.at(-1)
    if (previousWasTool && last?.role === 'user') last.parts = [...(last.parts ?? []), ...toParts(m)]
    else result.push({ role: 'user', parts: toParts(m) })
    previousWasTool = previousWasTool || m.role === 'tool'
  }
  return result
}

/** System messages become the systemInstruction; Gemini calls the assistant "model". */
export function toGeminiRequest(request: ProviderRequest): {
  model: string
  contents: Content[]
  config: GenerateContentConfig
} {
  const system = request.messages
    .filter((m) => m.role === 'system')
    .map(plain)
    .join('\n\n')
  const contents = toContents(request.messages)
  const config: GenerateContentConfig = {
    maxOutputTokens: request.maxOutputTokens,
    abortSignal: request.signal,
    ...(system ? { systemInstruction: system } : {}),
    ...(request.jsonSchema
      ? { responseMimeType: 'application/json', responseJsonSchema: request.jsonSchema.schema }
      : {}),
    ...(request.tools
      ? {
          tools: [
            {
              functionDeclarations: request.tools.declarations.map((d) => ({
                name: d.name,
                description: d.description,
                parametersJsonSchema: d.parameters
              }))
            }
          ],
          toolConfig: {
            functionCallingConfig: {
              mode: request.tools.choice === 'auto' ? FunctionCallingConfigMode.AUTO : FunctionCallingConfigMode.NONE
            }
          }
        }
      : {})
  }
  return { model: request.model, contents, config }
}

const REFUSALS: ReadonlySet<string> = new Set([
  'SAFETY',
  'RECITATION',
  'BLOCKLIST',
  'PROHIBITED_CONTENT',
  'SPII',
  'IMAGE_SAFETY',
  'IMAGE_PROHIBITED_CONTENT',
  'LANGUAGE'
])

function finishReason(reason: string | undefined): FinishReason {
  if (reason === 'STOP') return 'stop'
  if (reason === 'MAX_TOKENS') return 'length'
  if (reason && REFUSALS.has(reason)) return 'refusal'
  return 'other'
}

// Google's error body: {"error": {"code", "message", "status", "details": [...]}}.
const errorBody = z.object({
  error: z.object({
    message: z.string().optional(),
    status: z.string().optional(),
    details: z
      .array(
        z.looseObject({
          '@type': z.string().optional(),
          retryDelay: z.string().optional(),
          reason: z.string().optional()
        })
      )
      .optional()
  })
})

const KIND_BY_STATUS: Partial<Record<string, LlmErrorKind>> = {
  UNAUTHENTICATED: 'authentication',
  PERMISSION_DENIED: 'permission',
  NOT_FOUND: 'not_found',
  INTERNAL: 'server',
  UNAVAILABLE: 'server',
  DEADLINE_EXCEEDED: 'timeout'
}

/** "31s" or "1.5s" (a protobuf Duration in JSON) -> milliseconds. */
function durationMs(text: string | undefined): number | undefined {
  const m = text ? /^(\d+(?:\.\d+)?)s$/.exec(text) : null
  return m ? Math.round(Number(m[1]) * 1000) : undefined
}

export function fromGeminiError(error: unknown): LlmError {
  if (error instanceof LlmError) return error
  if (error instanceof ApiError) {
    let parsed: z.infer<typeof errorBody> | null = null
    try {
      const result = errorBody.safeParse(JSON.parse(error.message.replace(/^got status: [^.]*\. /, '')))
      parsed = result.success ? result.data : null
    } catch {
      parsed = null
    }
    const text = parsed?.error.message ?? error.message
    const status = parsed?.error.status ?? ''
    const details = parsed?.error.details ?? []
    // Gemini's retry-after is a RetryInfo detail in the body, not a header.
    const after = durationMs(details.find((d) => d.retryDelay)?.retryDelay)
    let kind: LlmErrorKind = KIND_BY_STATUS[status] ?? kindFromStatus(error.status, text)
    if (details.some((d) => d.reason === 'API_KEY_INVALID') || /api key not valid/i.test(text)) kind = 'authentication'
    // A per-minute quota says "quota" but clears by itself: the RetryInfo tells when.
    else if (error.status === 429) kind = after !== undefined ? 'rate_limit' : kindFromStatus(429, text)
    return new LlmError(kind, `HTTP ${error.status}: ${text}`, {
      status: error.status,
      ...(after !== undefined ? { retryAfterMs: after } : {}),
      cause: error
    })
  }
  const message = error instanceof Error ? error.message : String(error)
  if (error instanceof Error && (error.name === 'AbortError' || error.name === 'TimeoutError')) {
    return new LlmError('timeout', 'the model did not answer in time', { cause: error })
  }
  return new LlmError('network', `could not connect: ${message}`, { cause: error })
}

export function fromGeminiResponse(
  response: Pick<GenerateContentResponse, 'candidates' | 'usageMetadata' | 'modelVersion' | 'promptFeedback'>
): ProviderResponse {
  const candidate = response.candidates?.[0]
  if (!candidate) {
    const blocked = response.promptFeedback?.blockReason
    if (blocked)
      throw new LlmError(
        'refused',
        `the prompt was blocked (${blocked}${response.promptFeedback?.blockReasonMessage ? `: ${response.promptFeedback.blockReasonMessage}` : ''})`
      )
    throw new LlmError('server', 'the provider answered with no candidates')
  }
  const reason = finishReason(candidate.finishReason)
  if (reason === 'refusal') throw new LlmError('refused', `the provider stopped the answer (${candidate.finishReason})`)
  const usage = response.usageMetadata
  const parts = candidate.content?.parts ?? []
  return {
    toolCalls: parts.flatMap((p, i): ToolCall[] =>
      p.functionCall?.name
        ? [
            {
              id: p.functionCall.id || `${LOCAL_ID}${i}`,
              name: p.functionCall.name,
              arguments: p.functionCall.args ?? {},
              ...(p.thoughtSignature ? { signature: p.thoughtSignature } : {})
            }
          ]
        : []
    ),
    // Thought summaries are not part of the answer.
    text: (candidate.content?.parts ?? []).map((p) => (p.text && !p.thought ? p.text : '')).join(''),
    servedModel: response.modelVersion || null,
    usage: {
      inputTokens: (usage?.promptTokenCount ?? 0) + (usage?.toolUsePromptTokenCount ?? 0),
      // Thinking tokens are billed as output.
      outputTokens: (usage?.candidatesTokenCount ?? 0) + (usage?.thoughtsTokenCount ?? 0)
    },
    finishReason: reason
  }
}

export function createGeminiProvider(options: GeminiProviderOptions): ProviderClient {
  // No retryOptions: retries are git-bob's own (llm/model-call.ts), the same for every provider.
  // v1beta, where responseJsonSchema lives (SDK 3.x defaults to v1); base-url goes in unchanged.
  const client = new GoogleGenAI({
    apiKey: options.apiKey,
    vertexai: false,
    apiVersion: 'v1beta',
    httpOptions: { timeout: options.timeoutMs, ...(options.baseURL ? { baseUrl: options.baseURL } : {}) }
  })
  return {
    async call(request: ProviderRequest): Promise<ProviderResponse> {
      let response: GenerateContentResponse
      try {
        response = await client.models.generateContent(toGeminiRequest(request))
      } catch (error) {
        throw fromGeminiError(error)
      }
      return fromGeminiResponse(response)
    }
  }
}
