// Which GitHub the person's token may be sent to: github.com (its API api.github.com), or the one server they
// configured (--server, GITHUB_SERVER_URL or GH_HOST), and the API they named (GITHUB_API_URL); never a host
// that only the issue URL names, since a URL is easily copied from someone else. Always https, except plain
// http to a loopback address that is exactly the configured server (a local GitHub Enterprise proxy, the tests'
// stand-in): it never leaves the machine, and no other local port is trusted. Decided before any request; pure.
import { apiUrlFor } from './target.ts'

export type TokenHome = { kind: 'home'; server: string; apiUrl: string } | { kind: 'refused'; message: string }

const GITHUB = 'https://github.com'

export interface HostSettings {
  /** The server the issue URL names (null for owner/repo#N). */
  target: string | null
  /** --server. */
  flag: string | null
  env: Readonly<Record<string, string | undefined>>
}

export function tokenHome({ target, flag, env }: HostSettings): TokenHome {
  const host = env.GH_HOST?.trim()
  const named = flag?.trim() || env.GITHUB_SERVER_URL?.trim() || (host ? `https://${host}` : '')
  let configured: string | null = null
  if (named) {
    configured = originOf(named)
    if (!configured) return refused(`"${named}" (the configured GitHub server) is not an http(s) address.`)
    if (!safeScheme(configured))
      return refused(
        `${configured} is plain http: git-bob sends the token over https only (plain http only to a loopback address such as http://127.0.0.1:8080).`
      )
  }
  const server = target ? originOf(target) : (configured ?? GITHUB)
  if (!server || (server !== GITHUB && server !== configured)) {
    const yours = configured && configured !== GITHUB ? ` (here ${configured})` : ''
    return refused(
      `git-bob sends your token only to ${GITHUB} or the GitHub server you configured with --server, GITHUB_SERVER_URL or GH_HOST${yours}; ${server ?? target} is neither. If that server is yours, add --server ${server ?? target}.`
    )
  }
  const api = env.GITHUB_API_URL?.trim()
  if (!api) return { kind: 'home', server, apiUrl: apiUrlFor(server) }
  const apiOrigin = originOf(api)
  if (!apiOrigin || !safeScheme(apiOrigin))
    return refused(
      `GITHUB_API_URL (${api}) must be an https address (plain http only to a loopback address such as http://127.0.0.1:8080).`
    )
  return { kind: 'home', server, apiUrl: api }
}

function refused(message: string): TokenHome {
  return { kind: 'refused', message }
}

/** The URL's origin (lower-case host, default port left out), or null when it is not http(s). */
function originOf(text: string): string | null {
  try {
    const url = new URL(text)
    return url.protocol === 'https:' || url.protocol === 'http:' ? url.origin : null
  } catch {
    return null
  }
}

/** https, or http to a loopback address literal (the URL parser has normalised 127.1 and 0x7f000001 already). */
function safeScheme(origin: string): boolean {
  const url = new URL(origin)
  if (url.protocol === 'https:') return true
  return /^127(?:\.\d{1,3}){3}$/.test(url.hostname) || url.hostname === '[::1]'
}
