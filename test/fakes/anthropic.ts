// A local stand-in for the Anthropic Messages API (POST /v1/messages), answering in its wire
// format. Fixtures are typed with the SDK's own types, so a change of the format fails to compile.
// Answers come from a script of steps, else from a default function; every request is recorded.
import type { IncomingMessage, ServerResponse } from 'node:http'
import { LoopbackServer } from './loopback.ts'
import { playBack, type Played } from './openai.ts'
import type Anthropic from '@anthropic-ai/sdk'

export type AnthropicRequest = Anthropic.Messages.MessageCreateParamsNonStreaming

export type AnthropicStep =
  /** A text answer; when the request forces a tool, the text is parsed as the tool's input. */
  | {
      reply: string
      model?: string
      stopReason?: Anthropic.Messages.StopReason
      usage?: { input: number; output: number }
      /** tool_use blocks after the text (stop_reason tool_use). */
      toolCalls?: { name: string; arguments: unknown }[]
    }
  | { status: number; type?: Anthropic.ErrorType; message?: string; headers?: Record<string, string> }
  | { hang: true }

export interface AnthropicRecorded {
  path: string
  headers: IncomingMessage['headers']
  body: AnthropicRequest
}

const USAGE = { input: 1500, output: 400 }

export function anthropicMessage(
  content: Anthropic.Messages.ContentBlock[],
  model: string,
  stopReason: Anthropic.Messages.StopReason = 'end_turn',
  usage = USAGE
): Anthropic.Messages.Message {
  return {
    id: `msg_${Math.random().toString(36).slice(2)}`,
    type: 'message',
    role: 'assistant',
    model,
    content,
    container: null,
    diagnostics: null,
    stop_details:
      stopReason === 'refusal'
        ? { type: 'refusal', category: null, explanation: 'This request is not something I can help with.' }
        : null,
    stop_reason: stopReason,
    stop_sequence: null,
    usage: {
      input_tokens: usage.input,
      output_tokens: usage.output,
      cache_creation: null,
      cache_creation_input_tokens: null,
      cache_read_input_tokens: null,
      inference_geo: null,
      output_tokens_details: null,
      server_tool_use: null,
      service_tier: 'standard',
      speed: null
    }
  }
}

export function textBlock(text: string): Anthropic.Messages.TextBlock {
  return { type: 'text', text, citations: null }
}

export function toolUseBlock(name: string, input: unknown): Anthropic.Messages.ToolUseBlock {
  return {
    type: 'tool_use',
    id: `toolu_${Math.random().toString(36).slice(2)}`,
    name,
    input,
    caller: { type: 'direct' }
  }
}

const STATUS_TYPES: Record<number, Anthropic.ErrorType> = {
  400: 'invalid_request_error',
  401: 'authentication_error',
  403: 'permission_error',
  404: 'not_found_error',
  429: 'rate_limit_error',
  500: 'api_error',
  504: 'timeout_error',
  529: 'overloaded_error'
}

export function anthropicError(
  type: Anthropic.ErrorType,
  message: string
): { type: 'error'; error: { type: Anthropic.ErrorType; message: string }; request_id: string } {
  return { type: 'error', error: { type, message }, request_id: `req_${Math.random().toString(36).slice(2)}` }
}

export class FakeAnthropic extends LoopbackServer {
  readonly requests: AnthropicRecorded[] = []
  readonly script: AnthropicStep[] = []
  /** Recorded responses played back before the script, as they were recorded (eval/cassette.ts). */
  readonly playback: Played[] = []
  /** The model reported as served: the requested one with a date suffix, as Anthropic's aliases resolve. */
  servedModel: (requested: string) => string = (requested) =>
    /\d{8}$/.test(requested) ? requested : `${requested}-20250929`
  fallback: (request: AnthropicRequest) => string = () => 'Here is my answer from Claude.'

  private send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
    res.writeHead(status, {
      'content-type': 'application/json',
      'request-id': `req_${this.requests.length}`,
      ...headers
    })
    res.end(JSON.stringify(body))
  }

  protected async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = []
    for await (const chunk of req) chunks.push(chunk as Buffer)
    const path = new URL(req.url ?? '/', 'http://localhost').pathname
    if (req.method !== 'POST' || path !== '/v1/messages') {
      return this.send(res, 404, anthropicError('not_found_error', `no route ${req.method} ${path}`))
    }
    const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as AnthropicRequest
    this.requests.push({ path, headers: req.headers, body })
    // SDK 1.x sends the key as a bearer token (API version 2026-10-21); older clients sent x-api-key.
    if (!req.headers.authorization?.startsWith('Bearer ') && req.headers['x-api-key'] === undefined) {
      return this.send(res, 401, anthropicError('authentication_error', 'x-api-key header is required'))
    }
    const played = this.playback.shift()
    if (played) return playBack(res, played)
    const step: AnthropicStep = this.script.shift() ?? { reply: this.fallback(body) }
    if ('hang' in step) return
    if ('status' in step) {
      const type = step.type ?? STATUS_TYPES[step.status] ?? 'api_error'
      return this.send(res, step.status, anthropicError(type, step.message ?? `fake ${type}`), step.headers)
    }
    const model = step.model ?? this.servedModel(body.model)
    const forced = body.tool_choice?.type === 'tool' ? body.tool_choice.name : null
    const calls = step.toolCalls ?? []
    let content: Anthropic.Messages.ContentBlock[] = [
      ...(step.reply || !calls.length ? [textBlock(step.reply)] : []),
      ...calls.map((c) => toolUseBlock(c.name, c.arguments))
    ]
    if (forced) {
      let input: unknown
      try {
        input = JSON.parse(step.reply)
      } catch {
        input = { unparsable: step.reply }
      }
      content = [toolUseBlock(forced, input)]
    }
    const stopReason = step.stopReason ?? (forced || calls.length ? 'tool_use' : 'end_turn')
    this.send(res, 200, anthropicMessage(content, model, stopReason, step.usage))
  }
}
