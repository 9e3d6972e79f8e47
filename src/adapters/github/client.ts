// The Octokit client: @actions/github's getOctokit (GHES base URL and proxy support) with the retry
// and throttling plugins. Imported lazily because @actions/github parses the event file on import,
// and a malformed event file must become a clear error, not a crash before git-bob starts.
import type { getOctokit } from '@actions/github'

export type Octokit = ReturnType<typeof getOctokit>

export interface ClientOptions {
  /** Called when GitHub rate-limits a request; return value decides whether to retry. */
  onLimit: (message: string) => void
  /** GITHUB_API_URL; @actions/github reads it from process.env only once, on import. */
  baseUrl?: string
  /** The wait before the first retry of a failed request (it grows with the square of the attempt). */
  retryBaseMs?: number
  /**
   * The least time between two writes, between two writes that notify people, and between two code searches
   * (default 250 ms, 1 s, 2 s).
   */
  spacingMs?: Spacing
}

/** The least time, in milliseconds, between two requests of each kind the throttling plugin spaces. */
export interface Spacing {
  write: number
  notifications: number
  search: number
}

export async function createOctokit(token: string, options: ClientOptions): Promise<Octokit> {
  const [{ getOctokit: make }, { retry }, { throttling }, { default: Bottleneck }] = await Promise.all([
    import('@actions/github'),
    import('@octokit/plugin-retry'),
    import('@octokit/plugin-throttling'),
    import('bottleneck')
  ])
  const limitHandler =
    (kind: string) =>
    (retryAfter: number, request: { method: string; url: string }, _octokit: unknown, retryCount: number): boolean => {
      // Wait for short limits (twice at most); a long one would only burn the job's minutes.
      const retrying = retryCount < 2 && retryAfter <= 120
      options.onLimit(
        `GitHub ${kind} rate limit on ${request.method} ${request.url}; ${retrying ? `retrying in ${retryAfter} s` : 'giving up'}`
      )
      return retrying
    }
  const spacing = options.spacingMs ?? { write: 250, notifications: 1000, search: 2000 }
  return make(
    token,
    {
      ...(options.baseUrl ? { baseUrl: options.baseUrl } : {}),
      retry: {
        // The plugin's list, and 406: GitHub's answer to a diff too large to make, which a retry cannot change
        // (three retries would wait 1 + 4 + 9 s for the same refusal).
        doNotRetry: [400, 401, 403, 404, 406, 410, 422, 451],
        ...(options.retryBaseMs !== undefined ? { retryAfterBaseValue: options.retryBaseMs } : {})
      },
      throttle: {
        onRateLimit: limitHandler('primary'),
        onSecondaryRateLimit: limitHandler('secondary'),
        // git-bob writes a handful of times per run; the plugin's defaults (1 s between writes, 3 s between
        // requests that notify people) are meant for bulk writers. 1 s between notifications stays within
        // GitHub's 80 content-creating requests per minute.
        write: new Bottleneck.Group({ id: 'git-bob-write', maxConcurrent: 1, minTime: spacing.write }),
        notifications: new Bottleneck.Group({
          id: 'git-bob-notifications',
          maxConcurrent: 1,
          minTime: spacing.notifications
        }),
        // The plugin's own spacing for code search (GitHub allows 10 code searches a minute), given as a group
        // of git-bob's so that a test can shorten it like the others.
        search: new Bottleneck.Group({ id: 'git-bob-search', maxConcurrent: 1, minTime: spacing.search })
      }
    },
    throttling,
    retry
  )
}
