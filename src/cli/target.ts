// What the command line is pointed at: an issue or pull request URL, or owner/repo#N; pure.

export interface Target {
  owner: string
  repo: string
  number: number
  /** The server the URL names (https://github.com, or a GitHub Enterprise Server); null for owner/repo#N. */
  server: string | null
}

const NAME = '[A-Za-z0-9_.-]+'
const SHORT = new RegExp(`^(${NAME})/(${NAME})#(\\d+)$`)
const PATH = new RegExp(`^/(${NAME})/(${NAME})/(?:issues|pull)/(\\d+)(?:/[a-z]*)?/?$`)

export const TARGET_FORMS =
  'an issue or pull request URL (https://github.com/owner/repo/issues/12, .../pull/34) or owner/repo#12'

/** The target, or null when the text is neither form. */
export function parseTarget(text: string): Target | null {
  const short = SHORT.exec(text.trim())
  if (short) return target(short[1]!, short[2]!, short[3]!, null)
  let url: URL
  try {
    url = new URL(text.trim())
  } catch {
    return null
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return null
  const m = PATH.exec(url.pathname)
  return m ? target(m[1]!, m[2]!, m[3]!, url.origin) : null
}

function target(owner: string, repo: string, number: string, server: string | null): Target | null {
  const n = Number(number)
  if (!Number.isSafeInteger(n) || n < 1 || owner === '.' || owner === '..' || repo === '.' || repo === '..') return null
  return { owner, repo: repo.replace(/\.git$/, ''), number: n, server }
}

/** GitHub's REST API for a server: api.github.com for github.com, /api/v3 on GitHub Enterprise Server. */
export function apiUrlFor(server: string): string {
  return server === 'https://github.com' ? 'https://api.github.com' : `${server.replace(/\/$/, '')}/api/v3`
}
