// OpenAI Chat Completions: OpenAI itself, GitHub Models and any OpenAI-compatible server.
// Chat Completions rather than Responses because it is the dialect every compatible server speaks.
import OpenAI from 'openai'
import type { ChatCompletionContentPart, ChatCompletionMessageParam } from 'openai/resources/chat/completions'
import { LlmError, kindFromStatus, retryAfterMs } from './errors.ts'
import type { FinishReason, Message, ProviderClient, ProviderRequest, ProviderResponse, ToolCall } from './types.ts'

export interface OpenAIProviderOptions {
  apiKey: string
  /** Passed unchanged to the SDK's baseURL option; undefined keeps the SDK default. */
  baseURL: string | undefined
  timeoutMs: number
  /** OpenAI's own API wants max_completion_tokens; compatible servers mostly know max_tokens. */
  tokenLimitParam: 'max_completion_tokens' | 'max_tokens'
  /** json_schema where the server enforces a schema; json_object (DeepSeek) gets the schema in the prompt. */
  structuredOutput: 'json_schema' | 'json_object'
}

function toContent(message: Message): string | ChatCompletionContentPart[] {
  if (typeof message.content === 'string') return message.content
  return message.content.map((part) =>
    part.type === 'text'
      ? { type: 'text', text: part.text }
      : { type: 'image_url', image_url: { url: `data:${part.mediaType};base64,${part.data}` } }
  )
}

function toMessages(messages: Message[]): ChatCompletionMessageParam[] {
  return messages.map((m): ChatCompletionMessageParam => {
    if (m.role === 'tool') return { role: 'tool', tool_call_id: m.toolCallId, content: m.content }
    if (m.role === 'assistant' && m.toolCalls?.length)
      return {
        role: 'assistant',
        content:
          typeof m.content === 'string'
            ? m.content || null
            : m.content.map((p) => (p.type === 'text' ? p.text : '')).join('\n'),
        tool_calls: m.toolCalls.map((c) => ({
          id: c.id,
          type: 'function',
          function: {
            name: c.name,
            arguments: typeof c.arguments === 'string' ? c.arguments : JSON.stringify(c.arguments ?? {})
          }
        }))
      }
    if (m.role === 'system')
      return {
        role: 'system',
        content:
          typeof m.content === 'string' ? m.content : m.content.map((p) => (p.type === 'text' ? p.text : '')).join('\n')
      }
    if (m.role === 'assistant')
      return {
        role: 'assistant',
        content:
          typeof m.content === 'string' ? m.content : m.content.map((p) => (p.type === 'text' ? p.text : '')).join('\n')
      }
    return { role: 'user', content: toContent(m) }
  })
}

/** For json_object servers the schema travels in the system prompt (which must also say "JSON"). */
export function withSchemaInstruction(messages: Message[], schema: Record<string, unknown>): Message[] {
  const instruction = `Answer with one JSON object only, without any other text, matching this JSON schema:\n${JSON.stringify(schema)}`
  const first = messages[0]
  if (first?.role === 'system' && typeof first.content === 'string')
    return [{ role: 'system', content: `${first.content}\n\n${instruction}` }, ...messages.slice(1)]
  return [{ role: 'system', content: instruction }, ...messages]
}

function responseFormat(
  request: ProviderRequest,
  mode: OpenAIProviderOptions['structuredOutput']
): Pick<OpenAI.Chat.Completions.ChatCompletionCreateParamsNonStreaming, 'response_format'> {
  if (!request.jsonSchema) return {}
  if (mode === 'json_object') return { response_format: { type: 'json_object' } }
  return {
    response_format: {
      type: 'json_schema',
      json_schema: { name: request.jsonSchema.name, strict: true, schema: request.jsonSchema.schema }
    }
  }
}

function toolParams(
  request: ProviderRequest
): Pick<OpenAI.Chat.Completions.ChatCompletionCreateParamsNonStreaming, 'tools' | 'tool_choice'> {
  if (!request.tools) return {}
  return {
    tools: request.tools.declarations.map((d) => ({
      type: 'function',
      function: { name: d.name, description: d.description, parameters: d.parameters }
    })),
    tool_choice: request.tools.choice
  }
}

/** The function calls of an answer; arguments that are not JSON stay text, for the loop to report. */
function toolCalls(message: OpenAI.Chat.Completions.ChatCompletionMessage): ToolCall[] {
  return (message.tool_calls ?? []).flatMap((call, i): ToolCall[] => {
    if (call.type !== 'function') return []
    let args: unknown = call.function.arguments
    try {
      args = call.function.arguments.trim() ? JSON.parse(call.function.arguments) : {}
    } catch {
      // Left as text: the loop tells the model its arguments were not JSON.
    }
    return [{ id: call.id || `call_${i}`, name: call.function.name, arguments: args }]
  })
}

function finishReason(reason: string | null | undefined): FinishReason {
  if (reason === 'stop' || reason === 'tool_calls') return 'stop'
  if (reason === 'length') return 'length'
  if (reason === 'content_filter') return 'refusal'
  return 'other'
}

export function fromOpenAIError(error: unknown): LlmError {
  if (error instanceof LlmError) return error
  if (error instanceof OpenAI.APIConnectionTimeoutError)
    return new LlmError('timeout', 'the model did not answer in time', { cause: error })
  if (error instanceof OpenAI.APIUserAbortError)
    return new LlmError('timeout', 'the model did not answer in time', { cause: error })
  if (error instanceof OpenAI.APIConnectionError)
    return new LlmError('network', `could not connect: ${error.message}`, { cause: error })
  if (error instanceof OpenAI.APIError && typeof error.status === 'number') {
    const after = retryAfterMs(error.headers as Headers | undefined)
    return new LlmError(kindFromStatus(error.status, error.message), `HTTP ${error.status}: ${error.message}`, {
      status: error.status,
      ...(after !== undefined ? { retryAfterMs: after } : {}),
      cause: error
    })
  }
  const message = error instanceof Error ? error.message : String(error)
  return new LlmError('network', message, { cause: error })
}

export function createOpenAIProvider(options: OpenAIProviderOptions): ProviderClient {
  // Retries and timeouts are git-bob's own (llm/model-call.ts), the same for every provider.
  const client = new OpenAI({
    apiKey: options.apiKey,
    baseURL: options.baseURL ?? null,
    maxRetries: 0,
    timeout: options.timeoutMs
  })
  return {
    async call(request: ProviderRequest): Promise<ProviderResponse> {
      let completion: OpenAI.Chat.Completions.ChatCompletion
      try {
        completion = await client.chat.completions.create(
          {
            model: request.model,
            messages: toMessages(
              request.jsonSchema && options.structuredOutput === 'json_object'
                ? withSchemaInstruction(request.messages, request.jsonSchema.schema)
                : request.messages
            ),
            [options.tokenLimitParam]: request.maxOutputTokens,
            ...responseFormat(request, options.structuredOutput),
            ...toolParams(request)
          },
          { signal: request.signal }
        )
      } catch (error) {
        throw fromOpenAIError(error)
      }
      const choice = completion.choices?.[0]
      if (!choice) throw new LlmError('server', 'the provider answered with no choices')
      if (choice.message.refusal) throw new LlmError('refused', `the model refused: ${choice.message.refusal}`)
      const reason = finishReason(choice.finish_reason)
      if (reason === 'refusal') throw new LlmError('refused', "the provider's content filter stopped the answer")
      return {
        text: choice.message.content ?? '',
        servedModel: typeof completion.model === 'string' && completion.model ? completion.model : null,
        usage: {
          inputTokens: completion.usage?.prompt_tokens ?? 0,
          outputTokens: completion.usage?.completion_tokens ?? 0
        },
        finishReason: reason,
        toolCalls: toolCalls(choice.message)
      }
    }
  }
}
