// The meter: a local HTTP server between a model's client and its provider. git-bob and the simulated author are
// given its URL as their base URL; it forwards each request unchanged (the key too) to the upstream (the real
// provider, or a stand-in), reads the tokens from the response in the provider's wire format, and keeps the
// exchange, masked, for a cassette. Every mode goes through it, so tokens are counted the same way in each.
import type { IncomingMessage, ServerResponse } from 'node:http'
import type { ProviderFamily } from '../src/llm/providers.ts'
import type { Usage } from '../src/llm/types.ts'
import type { Redactor } from '../src/outbox/secrets.ts'
import { LoopbackServer } from '../test/fakes/loopback.ts'
import type { Exchange, Side } from './cassette.ts'

/** Tokens in and out of one response, by the provider's wire format; zero where it reports none. */
export function usageOf(family: ProviderFamily, body: unknown): Usage {
  const record = (value: unknown): Record<string, unknown> =>
    typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : {}
  const n = (value: unknown): number => (typeof value === 'number' && Number.isFinite(value) ? value : 0)
  const b = record(body)
  if (family === 'openai') {
    const u = record(b.usage)
    return { inputTokens: n(u.prompt_tokens), outputTokens: n(u.completion_tokens) }
  }
  if (family === 'anthropic') {
    const u = record(b.usage)
    return { inputTokens: n(u.input_tokens), outputTokens: n(u.output_tokens) }
  }
  const u = record(b.usageMetadata)
  return { inputTokens: n(u.promptTokenCount), outputTokens: n(u.candidatesTokenCount) + n(u.thoughtsTokenCount) }
}

/** Headers that must not be forwarded as they came (the proxy's own connection, the length it recomputes). */
const HOP = new Set(['host', 'connection', 'content-length', 'transfer-encoding', 'accept-encoding', 'keep-alive'])

export class Meter extends LoopbackServer {
  readonly exchanges: Exchange[] = []
  readonly usage: Usage = { inputTokens: 0, outputTokens: 0 }
  calls = 0

  /** `upstream`: the base URL the requests go on to, the path after it kept (e.g. https://api.openai.com/v1). */
  private readonly side: Side
  private readonly family: ProviderFamily
  private readonly upstream: string
  private readonly redactor: Redactor

  constructor(side: Side, family: ProviderFamily, upstream: string, redactor: Redactor) {
    super()
    this.side = side
    this.family = family
    this.upstream = upstream
    this.redactor = redactor
  }

  /** Forgets what was counted and kept (a new task). */
  reset(): void {
    this.exchanges.length = 0
    this.usage.inputTokens = this.usage.outputTokens = 0
    this.calls = 0
  }

  protected async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = []
    for await (const chunk of req) chunks.push(chunk as Buffer)
    const body = Buffer.concat(chunks)
    const url = new URL(req.url ?? '/', 'http://localhost')
    const target = `${this.upstream.replace(/\/$/, '')}${url.pathname}${url.search}`
    const headers: Record<string, string> = {}
    for (const [name, value] of Object.entries(req.headers))
      if (!HOP.has(name) && typeof value === 'string') headers[name] = value
    let status = 502
    let text = ''
    let type = 'application/json'
    try {
      const answer = await fetch(target, {
        method: req.method ?? 'POST',
        headers,
        ...(body.length ? { body } : {})
      })
      status = answer.status
      text = await answer.text()
      type = answer.headers.get('content-type') ?? type
    } catch (error) {
      text = JSON.stringify({
        error: { message: `the eval's meter could not reach ${this.upstream}: ${String(error)}` }
      })
    }
    const parse = (raw: string): unknown => {
      try {
        return JSON.parse(this.redactor.redact(raw)) as unknown
      } catch {
        return this.redactor.redact(raw)
      }
    }
    const response = parse(text)
    const usage = usageOf(this.family, response)
    this.usage.inputTokens += usage.inputTokens
    this.usage.outputTokens += usage.outputTokens
    this.calls++
    this.exchanges.push({
      side: this.side,
      family: this.family,
      method: req.method ?? 'POST',
      path: url.pathname,
      request: parse(body.toString('utf8')),
      status,
      response
    })
    res.writeHead(status, { 'content-type': type }).end(text)
  }
}
