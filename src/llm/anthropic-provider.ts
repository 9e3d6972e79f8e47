// Anthropic Messages API through @anthropic-ai/sdk. Structured answers use the API's structured
// output (output_config.format) where the model has it, and a forced tool call on older models.
import Anthropic from '@anthropic-ai/sdk'
import { LlmError, kindFromStatus, retryAfterMs, type LlmErrorKind } from './errors.ts'
import type { FinishReason, Message, ProviderClient, ProviderRequest, ProviderResponse, ToolCall } from './types.ts'

type MessageParam = Anthropic.Messages.MessageParam
type ContentBlockParam = Anthropic.Messages.ContentBlockParam
type CreateParams = Anthropic.Messages.MessageCreateParamsNonStreaming

export interface AnthropicProviderOptions {
  apiKey: string
  /** Passed unchanged to the SDK's baseURL option; undefined keeps the SDK default. */
  baseURL: string | undefined
  timeoutMs: number
}

export type StructuredMode = 'output_config' | 'tool'

/** Structured outputs came with Claude Sonnet 4.5, Opus 4.1 and Haiku 4.5; older models get a forced tool. */
export function structuredMode(model: string): StructuredMode {
  return /^claude-(?:2|instant|3|sonnet-4(?:-0|-2\d{7}|$)|opus-4(?:-0|-2\d{7}|$))/i.test(model)
    ? 'tool'
    : 'output_config'
}

const IMAGE_TYPES = ['image/jpeg', 'image/png', 'image/gif', 'image/webp'] as const
type ImageType = (typeof IMAGE_TYPES)[number]
const isImageType = (t: string): t is ImageType => (IMAGE_TYPES as readonly string[]).includes(t)

function plain(message: Message): string {
  if (message.role === 'tool') return message.content
  return typeof message.content === 'string'
    ? message.content
    : message.content.map((p) => (p.type === 'text' ? p.text : '')).join('\n')
}

function toContent(message: Message): string | ContentBlockParam[] {
  if (message.role === 'tool') return message.content
  if (typeof message.content === 'string') return message.content
  return message.content.map((part): ContentBlockParam => {
    if (part.type === 'text') return { type: 'text', text: part.text }
    // llm/unreadable-images.ts leaves only types the model reads; anything else would be a bug upstream.
    if (!isImageType(part.mediaType))
      throw new LlmError('bad_request', `Anthropic does not read ${part.mediaType} images`)
    return { type: 'image', source: { type: 'base64', media_type: part.mediaType, data: part.data } }
  })
}

/** Tool calls become tool_use blocks; tool results (with any text after them) one user turn of tool_result blocks. */
function toMessages(messages: Message[]): MessageParam[] {
  const result: MessageParam[] = []
  for (const m of messages) {
    if (m.role === 'system') continue
    if (m.role === 'assistant') {
      const text = plain(m)
      if (!m.toolCalls?.length) {
        result.push({ role: 'assistant', content: text })
        continue
      }
      const blocks: ContentBlockParam[] = [
        ...(text ? [{ type: 'text' as const, text }] : []),
        ...m.toolCalls.map((c): ContentBlockParam => ({
          type: 'tool_use',
          id: c.id,
          name: c.name,
          input: c.arguments && typeof c.arguments === 'object' ? c.arguments : {}
        }))
      ]
      result.push({ role: 'assistant', content: blocks })
      continue
    }
    const blocks: ContentBlockParam[] =
      m.role === 'tool'
        ? [
            {
              type: 'tool_result',
              tool_use_id: m.toolCallId,
              content: m.content,
              ...(m.isError ? { is_error: true } : {})
            }
          ]
        : []
    const previous = result.at(-1)
    // Results of one round, and the text after them, travel in the same user turn.
    if (
      previous?.role === 'user' &&
      Array.isArray(previous.content) &&
      previous.content.some((b) => b.type === 'tool_result')
    ) {
      const content = m.role === 'tool' ? blocks : toBlocks(m)
      previous.content = [...previous.content, ...content]
      continue
    }
    result.push(m.role === 'tool' ? { role: 'user', content: blocks } : { role: 'user', content: toContent(m) })
  }
  return result
}

function toBlocks(message: Message): ContentBlockParam[] {
  const content = toContent(message)
  return typeof content === 'string' ? [{ type: 'text', text: content }] : content
}

/** System messages go to the top-level `system` field; the rest keep their order. */
export function toAnthropicRequest(request: ProviderRequest): CreateParams {
  const system = request.messages
    .filter((m) => m.role === 'system')
    .map(plain)
    .join('\n\n')
  const params: CreateParams = {
    model: request.model,
    max_tokens: request.maxOutputTokens,
    messages: toMessages(request.messages),
    ...(system ? { system } : {}),
    ...(request.tools
      ? {
          tools: request.tools.declarations.map((d) => ({
            name: d.name,
            description: d.description,
            input_schema: { ...d.parameters, type: 'object' as const }
          })),
          tool_choice: { type: request.tools.choice }
        }
      : {})
  }
  if (!request.jsonSchema) return params
  if (structuredMode(request.model) === 'output_config') {
    return { ...params, output_config: { format: { type: 'json_schema', schema: request.jsonSchema.schema } } }
  }
  const name = toolName(request.jsonSchema.name)
  return {
    ...params,
    tools: [
      {
        name,
        description: 'Give your answer as the input of this tool.',
        input_schema: { ...request.jsonSchema.schema, type: 'object' }
      }
    ],
    tool_choice: { type: 'tool', name }
  }
}

function toolName(name: string): string {
  return name.replace(/[^A-Za-z0-9_-]/g, '_').slice(0, 64) || 'answer'
}

function finishReason(reason: Anthropic.Messages.StopReason | null): FinishReason {
  if (reason === 'end_turn' || reason === 'stop_sequence' || reason === 'tool_use') return 'stop'
  if (reason === 'max_tokens') return 'length'
  if (reason === 'refusal') return 'refusal'
  return 'other'
}

const KIND_BY_TYPE: Partial<Record<string, LlmErrorKind>> = {
  overloaded_error: 'server',
  api_error: 'server',
  rate_limit_error: 'rate_limit',
  authentication_error: 'authentication',
  permission_error: 'permission',
  not_found_error: 'not_found',
  billing_error: 'quota',
  timeout_error: 'timeout'
}

export function fromAnthropicError(error: unknown): LlmError {
  if (error instanceof LlmError) return error
  if (error instanceof Anthropic.APIConnectionTimeoutError || error instanceof Anthropic.APIUserAbortError) {
    return new LlmError('timeout', 'the model did not answer in time', { cause: error })
  }
  if (error instanceof Anthropic.APIConnectionError)
    return new LlmError('network', `could not connect: ${error.message}`, { cause: error })
  if (error instanceof Anthropic.APIError && typeof error.status === 'number') {
    const text = error.apiMessage ?? error.message
    const after = retryAfterMs(error.headers as Headers | undefined)
    // The error type Anthropic sends is more precise than the status (529 overloaded, 400 billing, ...).
    const kind = (error.type ? KIND_BY_TYPE[error.type] : undefined) ?? kindFromStatus(error.status, text)
    return new LlmError(kind, `HTTP ${error.status}: ${text}`, {
      status: error.status,
      ...(after !== undefined ? { retryAfterMs: after } : {}),
      cause: error
    })
  }
  const message = error instanceof Error ? error.message : String(error)
  // Errors the SDK raises before sending (a bad option) are not network trouble.
  if (error instanceof Anthropic.AnthropicError) return new LlmError('bad_request', message, { cause: error })
  return new LlmError('network', message, { cause: error })
}

/** The answer text: text blocks, or the forced tool's input as JSON. */
function answerText(message: Anthropic.Messages.Message, structured: boolean): string {
  if (structured) {
    const tool = message.content.find((b) => b.type === 'tool_use')
    if (tool && tool.type === 'tool_use') return JSON.stringify(tool.input)
  }
  return message.content.map((b) => (b.type === 'text' ? b.text : '')).join('')
}

function toolCalls(message: Anthropic.Messages.Message): ToolCall[] {
  return message.content.flatMap((b): ToolCall[] =>
    b.type === 'tool_use' ? [{ id: b.id, name: b.name, arguments: b.input }] : []
  )
}

export function createAnthropicProvider(options: AnthropicProviderOptions): ProviderClient {
  // Retries and timeouts are git-bob's own (llm/model-call.ts); an explicit timeout also keeps the SDK from
  // refusing a non-streaming call with a large max_tokens.
  const client = new Anthropic({
    apiKey: options.apiKey,
    baseURL: options.baseURL ?? null,
    maxRetries: 0,
    timeout: options.timeoutMs
  })
  return {
    async call(request: ProviderRequest): Promise<ProviderResponse> {
      let message: Anthropic.Messages.Message
      try {
        message = await client.messages.create(toAnthropicRequest(request), { signal: request.signal })
      } catch (error) {
        throw fromAnthropicError(error)
      }
      if (message.stop_reason === 'refusal') {
        throw new LlmError(
          'refused',
          `the model refused${message.stop_details?.explanation ? `: ${message.stop_details.explanation}` : ''}`
        )
      }
      if (message.stop_reason === 'model_context_window_exceeded') {
        throw new LlmError('context_too_long', "the conversation filled the model's context window")
      }
      const usage = message.usage
      const structured = request.jsonSchema !== undefined
      return {
        toolCalls: structured ? [] : toolCalls(message),
        text: answerText(message, structured),
        servedModel: typeof message.model === 'string' && message.model ? message.model : null,
        usage: {
          // Cached input is still input read for this answer.
          inputTokens:
            usage.input_tokens + (usage.cache_creation_input_tokens ?? 0) + (usage.cache_read_input_tokens ?? 0),
          outputTokens: usage.output_tokens
        },
        finishReason: finishReason(message.stop_reason)
      }
    }
  }
}
