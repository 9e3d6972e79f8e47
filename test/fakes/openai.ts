// A local stand-in for the OpenAI Chat Completions wire format (also spoken by GitHub Models and
// OpenAI-compatible servers). Answers come from a script of steps, else from a default function;
// every request is recorded.
import type { IncomingMessage, ServerResponse } from 'node:http'
import { LoopbackServer } from './loopback.ts'
import type OpenAI from 'openai'
import { tinyMp3, tinyPng } from './media-bytes.ts'

/** A tool call the stand-in answers with: a name and the arguments (an object, or raw text to test bad JSON). */
export interface ScriptedCall {
  name: string
  arguments: unknown
}

export interface ChatRequest {
  model: string
  messages: {
    role: string
    content: unknown
    tool_call_id?: string
    tool_calls?: { id: string; type: string; function: { name: string; arguments: string } }[]
  }[]
  tools?: { type: string; function: { name: string; description?: string; parameters?: unknown } }[]
  tool_choice?: unknown
  response_format?: { type: string; json_schema?: { name: string; schema: unknown } }
  max_tokens?: number
  max_completion_tokens?: number
}

/** The text of a request's last message (a string here; anything else as JSON). */
export function lastMessageText(request: ChatRequest): string {
  const content = request.messages.at(-1)?.content ?? ''
  return typeof content === 'string' ? content : JSON.stringify(content)
}

export type Step =
  | {
      reply: string
      model?: string
      finishReason?: 'stop' | 'length' | 'content_filter'
      usage?: { prompt: number; completion: number }
      /** Function calls in the answer (finish_reason tool_calls). */
      toolCalls?: ScriptedCall[]
    }
  | { status: number; body?: unknown; headers?: Record<string, string> }
  | { hang: true }

export interface Recorded {
  path: string
  headers: IncomingMessage['headers']
  body: ChatRequest
}

export function completion(
  text: string,
  model: string,
  finishReason: 'stop' | 'length' | 'content_filter' | 'tool_calls' = 'stop',
  usage = { prompt: 1200, completion: 300 },
  calls: readonly ScriptedCall[] = []
): OpenAI.Chat.Completions.ChatCompletion {
  return {
    id: `chatcmpl-${Math.random().toString(36).slice(2)}`,
    object: 'chat.completion',
    created: Math.floor(Date.now() / 1000),
    model,
    choices: [
      {
        index: 0,
        finish_reason: finishReason,
        logprobs: null,
        message: {
          role: 'assistant',
          content: calls.length && !text ? null : text,
          refusal: null,
          ...(calls.length
            ? {
                tool_calls: calls.map((c, i) => ({
                  id: `call_${i}_${Math.random().toString(36).slice(2, 8)}`,
                  type: 'function' as const,
                  function: {
                    name: c.name,
                    arguments: typeof c.arguments === 'string' ? c.arguments : JSON.stringify(c.arguments)
                  }
                }))
              }
            : {})
        }
      }
    ],
    usage: {
      prompt_tokens: usage.prompt,
      completion_tokens: usage.completion,
      total_tokens: usage.prompt + usage.completion
    }
  }
}

/** A response recorded from a provider (eval/cassette.ts): sent back as it came, whatever the wire format. */
export interface Played {
  status: number
  body: unknown
}

export function playBack(res: ServerResponse, played: Played): void {
  res
    .writeHead(played.status, { 'content-type': 'application/json' })
    .end(typeof played.body === 'string' ? played.body : JSON.stringify(played.body))
}

/** A call to the image or speech endpoint, kept apart from the chat requests. */
export interface MediaRecorded {
  path: string
  body: Record<string, unknown>
}

export class FakeOpenAI extends LoopbackServer {
  readonly requests: Recorded[] = []
  readonly mediaRequests: MediaRecorded[] = []
  readonly script: Step[] = []
  /** The model name reported as served, by default the requested one with a date suffix. */
  servedModel: ((requested: string) => string) | null = (requested) => `${requested.replace(/^.*\//, '')}-2025-04-14`
  /** Answer when the script is empty: a text, or a step (tool calls, an error). */
  fallback: (request: ChatRequest) => string | Step = () => 'Here is my answer.'
  /** Recorded responses played back before the script, as they were recorded (eval/cassette.ts). */
  readonly playback: Played[] = []

  protected override baseUrl(origin: string): string {
    return `${origin}/v1`
  }

  protected async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = []
    for await (const chunk of req) chunks.push(chunk as Buffer)
    const path = new URL(req.url ?? '/', 'http://localhost').pathname
    if (req.method === 'POST' && (path.endsWith('/images/generations') || path.endsWith('/audio/speech'))) {
      const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, unknown>
      this.mediaRequests.push({ path, body })
      if (path.endsWith('/audio/speech')) {
        res.writeHead(200, { 'content-type': 'audio/mpeg' }).end(tinyMp3())
        return
      }
      const image: OpenAI.Images.ImagesResponse = {
        created: Math.floor(Date.now() / 1000),
        data: [{ b64_json: tinyPng(8, 6).toString('base64') }],
        usage: {
          input_tokens: 50,
          output_tokens: 272,
          total_tokens: 322,
          input_tokens_details: { image_tokens: 0, text_tokens: 50 }
        }
      }
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(image))
      return
    }
    if (req.method !== 'POST' || !path.endsWith('/chat/completions')) {
      res
        .writeHead(404, { 'content-type': 'application/json' })
        .end(JSON.stringify({ error: { message: `no route ${req.method} ${path}`, type: 'invalid_request_error' } }))
      return
    }
    const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as ChatRequest
    this.requests.push({ path, headers: req.headers, body })
    const played = this.playback.shift()
    if (played) return playBack(res, played)
    const next = this.script.shift() ?? this.fallback(body)
    const step: Step = typeof next === 'string' ? { reply: next } : next
    if ('hang' in step) return
    if ('status' in step) {
      res.writeHead(step.status, { 'content-type': 'application/json', ...step.headers })
      res.end(
        JSON.stringify(
          step.body ?? { error: { message: `fake error ${step.status}`, type: 'server_error', code: null } }
        )
      )
      return
    }
    const model = step.model ?? (this.servedModel ? this.servedModel(body.model) : body.model)
    res.writeHead(200, { 'content-type': 'application/json' })
    const calls = step.toolCalls ?? []
    res.end(
      JSON.stringify(
        completion(step.reply, model, step.finishReason ?? (calls.length ? 'tool_calls' : 'stop'), step.usage, calls)
      )
    )
  }
}
