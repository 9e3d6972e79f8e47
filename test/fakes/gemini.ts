// A local stand-in for the Gemini API's generateContent (POST /v1beta/models/{model}:generateContent),
// answering in its wire format. Fixtures are typed with @google/genai's own types, so a change of the
// format fails to compile. Answers come from a script of steps, else from a default function.
import type { IncomingMessage, ServerResponse } from 'node:http'
import { speechPcm, tinyPng } from './media-bytes.ts'
import { LoopbackServer } from './loopback.ts'
import { playBack, type Played } from './openai.ts'
import {
  BlockedReason,
  FinishReason,
  type Content,
  type GenerateContentResponse,
  type GenerationConfig,
  type Tool,
  type ToolConfig
} from '@google/genai'

/** The request as it travels on the wire (the SDK moves config fields into generationConfig). */
export interface GeminiRequest {
  contents: Content[]
  systemInstruction?: Content
  generationConfig?: GenerationConfig
  tools?: Tool[]
  toolConfig?: ToolConfig
}

export type GeminiStep =
  | {
      reply: string
      model?: string
      finishReason?: FinishReason
      usage?: { prompt: number; candidates: number; thoughts?: number }
      thought?: string
      /** functionCall parts after the text. */
      toolCalls?: { name: string; arguments: Record<string, unknown> }[]
    }
  | { blocked: BlockedReason }
  | {
      status: number
      googleStatus?: string
      message?: string
      details?: Record<string, unknown>[]
      headers?: Record<string, string>
    }
  | { hang: true }

export interface GeminiRecorded {
  path: string
  /** The model name from the path. */
  model: string
  headers: IncomingMessage['headers']
  body: GeminiRequest
}

export type GeminiResponse = Pick<
  GenerateContentResponse,
  'candidates' | 'usageMetadata' | 'modelVersion' | 'responseId' | 'promptFeedback'
>

const USAGE = { prompt: 1800, candidates: 500 }

export function geminiResponse(
  text: string,
  model: string,
  finishReason: FinishReason = FinishReason.STOP,
  usage: { prompt: number; candidates: number; thoughts?: number } = USAGE,
  thought?: string,
  calls: readonly { name: string; arguments: Record<string, unknown> }[] = []
): GeminiResponse {
  return {
    candidates: [
      {
        index: 0,
        content: {
          role: 'model',
          parts: [
            ...(thought ? [{ text: thought, thought: true }] : []),
            ...(text || !calls.length ? [{ text }] : []),
            ...calls.map((c, i) => ({
              functionCall: { name: c.name, args: c.arguments },
              ...(i === 0 ? { thoughtSignature: 'c2lnbmF0dXJl' } : {})
            }))
          ]
        },
        finishReason
      }
    ],
    usageMetadata: {
      promptTokenCount: usage.prompt,
      candidatesTokenCount: usage.candidates,
      ...(usage.thoughts ? { thoughtsTokenCount: usage.thoughts } : {}),
      totalTokenCount: usage.prompt + usage.candidates + (usage.thoughts ?? 0)
    },
    modelVersion: model,
    responseId: Math.random().toString(36).slice(2)
  }
}

const GOOGLE_STATUS: Record<number, string> = {
  400: 'INVALID_ARGUMENT',
  401: 'UNAUTHENTICATED',
  403: 'PERMISSION_DENIED',
  404: 'NOT_FOUND',
  429: 'RESOURCE_EXHAUSTED',
  500: 'INTERNAL',
  503: 'UNAVAILABLE',
  504: 'DEADLINE_EXCEEDED'
}

export class FakeGemini extends LoopbackServer {
  readonly requests: GeminiRecorded[] = []
  readonly script: GeminiStep[] = []
  /** Recorded responses played back before the script, as they were recorded (eval/cassette.ts). */
  readonly playback: Played[] = []
  /** The model version reported as served. */
  servedModel: (requested: string) => string = (requested) => `${requested}-001`
  fallback: (request: GeminiRequest) => string = () => 'Here is my answer from Gemini.'
  /** How long the TTS models speak a text: about 2.5 words a second, at least one second. */
  speechSeconds: (text: string) => number = (text) => Math.max(1, text.split(/\s+/).filter(Boolean).length / 2.5)

  private send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
    res.writeHead(status, { 'content-type': 'application/json; charset=UTF-8', ...headers })
    res.end(JSON.stringify(body))
  }

  private error(
    res: ServerResponse,
    code: number,
    message: string,
    status = GOOGLE_STATUS[code] ?? 'UNKNOWN',
    details: Record<string, unknown>[] = [],
    headers: Record<string, string> = {}
  ): void {
    this.send(res, code, { error: { code, message, status, ...(details.length ? { details } : {}) } }, headers)
  }

  protected async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = []
    for await (const chunk of req) chunks.push(chunk as Buffer)
    const path = new URL(req.url ?? '/', 'http://localhost').pathname
    const m = /^\/v1beta\/models\/([^/:]+):generateContent$/.exec(path)
    if (req.method !== 'POST' || !m) return this.error(res, 404, `no route ${req.method} ${path}`)
    const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as GeminiRequest
    const model = decodeURIComponent(m[1]!)
    this.requests.push({ path, model, headers: req.headers, body })
    if (!req.headers['x-goog-api-key'])
      return this.error(res, 403, "Method doesn't allow unregistered callers.", 'PERMISSION_DENIED')
    const modalities: string[] = body.generationConfig?.responseModalities ?? []
    if (modalities.includes('IMAGE') || modalities.includes('AUDIO')) {
      // Images come as PNG; speech as 16-bit mono PCM at 24 kHz, as long as the text takes to say.
      const text = body.contents
        .flatMap((c) => c.parts ?? [])
        .map((p) => p.text ?? '')
        .join(' ')
      const inline = modalities.includes('IMAGE')
        ? { mimeType: 'image/png', data: tinyPng(6, 4).toString('base64') }
        : { mimeType: 'audio/L16;codec=pcm;rate=24000', data: speechPcm(this.speechSeconds(text)).toString('base64') }
      const media: GeminiResponse = {
        candidates: [
          { index: 0, content: { role: 'model', parts: [{ inlineData: inline }] }, finishReason: FinishReason.STOP }
        ],
        usageMetadata: { promptTokenCount: 20, candidatesTokenCount: 1290, totalTokenCount: 1310 },
        modelVersion: model
      }
      return this.send(res, 200, media)
    }
    const played = this.playback.shift()
    if (played) return playBack(res, played)
    const step: GeminiStep = this.script.shift() ?? { reply: this.fallback(body) }
    if ('hang' in step) return
    if ('status' in step)
      return this.error(
        res,
        step.status,
        step.message ?? `fake error ${step.status}`,
        step.googleStatus,
        step.details,
        step.headers
      )
    if ('blocked' in step) {
      const blocked: GeminiResponse = {
        promptFeedback: { blockReason: step.blocked },
        modelVersion: this.servedModel(model)
      }
      return this.send(res, 200, blocked)
    }
    this.send(
      res,
      200,
      geminiResponse(
        step.reply,
        step.model ?? this.servedModel(model),
        step.finishReason,
        step.usage,
        step.thought,
        step.toolCalls
      )
    )
  }
}
