// GitLab's REST API v4 over plain fetch: the token in PRIVATE-TOKEN, only to the configured base URL; every
// answer checked with zod where it enters; pages followed by x-next-page; a 429 or a server error retried
// twice. No client library: none is installed, and git-bob uses some thirty endpoints whose answers it
// validates anyway (a library's types are not a check of what a server sent).
import { z } from 'zod'

/** An HTTP error from GitLab, with the status outbox/failure.ts and the callers read (httpStatus). */
export class GitLabRequestError extends Error {
  override name = 'GitLabRequestError'
  readonly status: number
  /** GitLab's own words (its answer's `message` or `error`): what a caller tells one refusal from another by. */
  readonly detail: string

  constructor(status: number, method: string, path: string, message: string) {
    super(`GitLab answered ${method} ${path} with HTTP ${status}${message ? `: ${message}` : ''}`)
    this.status = status
    this.detail = message
  }
}

export interface RestOptions {
  /** e.g. https://gitlab.com/api/v4 or https://gitlab.example.org/api/v4 */
  baseUrl: string
  token: string
  /** The first retry waits this long, the second 4 times as long (default 1 s). */
  retryBaseMs?: number
  /** Called before each request: the request cap (api.ts) counts and may refuse. */
  beforeRequest?: () => void
}

type Query = Record<string, string | number | boolean | undefined>

const MAX_PAGES = 100

export class GitLabRest {
  private readonly options: RestOptions

  constructor(options: RestOptions) {
    this.options = { ...options, baseUrl: options.baseUrl.replace(/\/+$/, '') }
  }

  private url(path: string, query: Query = {}): string {
    const url = new URL(`${this.options.baseUrl}${path}`)
    for (const [key, value] of Object.entries(query)) if (value !== undefined) url.searchParams.set(key, String(value))
    return url.toString()
  }

  /** One request; the answer as a Response (ok), or a GitLabRequestError. */
  async send(method: string, path: string, init: { query?: Query; body?: unknown } = {}): Promise<Response> {
    const base = this.options.retryBaseMs ?? 1000
    for (let attempt = 0; ; attempt++) {
      this.options.beforeRequest?.()
      const response = await fetch(this.url(path, init.query), {
        method,
        headers: {
          'PRIVATE-TOKEN': this.options.token,
          accept: 'application/json',
          ...(init.body !== undefined ? { 'content-type': 'application/json' } : {})
        },
        ...(init.body !== undefined ? { body: JSON.stringify(init.body) } : {}),
        redirect: 'error'
      })
      if (response.ok) return response
      const retryable = response.status === 429 || response.status >= 500
      if (retryable && attempt < 2) {
        await response.body?.cancel()
        const after = Number(response.headers.get('retry-after'))
        const waitMs = Number.isFinite(after) && after > 0 ? Math.min(after, 60) * 1000 : base * (attempt + 1) ** 2
        await new Promise((resolve) => setTimeout(resolve, waitMs))
        continue
      }
      throw new GitLabRequestError(response.status, method, path, await errorMessage(response))
    }
  }

  async json<T>(
    schema: z.ZodType<T>,
    method: string,
    path: string,
    init: { query?: Query; body?: unknown } = {}
  ): Promise<T> {
    const response = await this.send(method, path, init)
    return check(schema, await response.json(), method, path)
  }

  async get<T>(schema: z.ZodType<T>, path: string, query: Query = {}): Promise<T> {
    return this.json(schema, 'GET', path, { query })
  }

  async text(path: string, query: Query = {}): Promise<string> {
    return (await this.send('GET', path, { query })).text()
  }

  /** The last `maxBytes` of a text answer, streamed: a job's trace can be hundreds of megabytes. */
  async tail(path: string, maxBytes: number): Promise<string> {
    const response = await this.send('GET', path)
    if (!response.body) return ''
    let kept = Buffer.alloc(0)
    for await (const chunk of response.body as AsyncIterable<Uint8Array>) {
      kept = Buffer.concat([kept, chunk])
      if (kept.length > 2 * maxBytes) kept = kept.subarray(kept.length - maxBytes)
    }
    return kept.subarray(Math.max(0, kept.length - maxBytes)).toString()
  }

  /** Every page (100 a page) up to `maxPages`; `truncated` when more were left. */
  async pages<T>(
    schema: z.ZodType<T>,
    path: string,
    query: Query = {},
    maxPages = MAX_PAGES
  ): Promise<{ items: T[]; truncated: boolean }> {
    const items: T[] = []
    let page: string | null = '1'
    for (let n = 0; page && n < maxPages; n++) {
      const response = await this.send('GET', path, { query: { ...query, per_page: 100, page } })
      const list = check(z.array(schema), await response.json(), 'GET', path)
      items.push(...list)
      page = nextPage(response)
    }
    return { items, truncated: page !== null }
  }

  async all<T>(schema: z.ZodType<T>, path: string, query: Query = {}): Promise<T[]> {
    return (await this.pages(schema, path, query)).items
  }
}

/** The next page: x-next-page (empty on the last), or the rel="next" link when a proxy dropped the header. */
function nextPage(response: Response): string | null {
  const header = response.headers.get('x-next-page')
  if (header !== null) return header.trim() || null
  const next = /<([^>]+)>;\s*rel="next"/.exec(response.headers.get('link') ?? '')?.[1]
  return next ? new URL(next).searchParams.get('page') : null
}

function check<T>(schema: z.ZodType<T>, data: unknown, method: string, path: string): T {
  const parsed = schema.safeParse(data)
  if (parsed.success) return parsed.data
  const issues = parsed.error.issues
    .slice(0, 3)
    .map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`)
    .join('; ')
  throw new Error(`GitLab's answer to ${method} ${path} is not what its API documents: ${issues}`)
}

async function errorMessage(response: Response): Promise<string> {
  const text = (await response.text().catch(() => '')).slice(0, 500)
  try {
    const body = JSON.parse(text) as { message?: unknown; error?: unknown }
    const message = body.message ?? body.error
    return typeof message === 'string' ? message : JSON.stringify(message ?? '')
  } catch {
    return text
  }
}
