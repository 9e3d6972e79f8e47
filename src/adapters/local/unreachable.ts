// Whether a request to GitHub failed before any answer came: the name does not resolve, nothing listens, the
// connection timed out, broke or could not be trusted. The person at the terminal then hears that the server
// cannot be reached, not a guess about their token. Node's fetch (undici) puts the system's error code in the
// error's causes.

/** The system's error codes of a request that never reached the server, in words. */
const REASONS: Readonly<Record<string, string>> = {
  ENOTFOUND: 'its name does not resolve',
  EAI_AGAIN: 'its name could not be looked up',
  ECONNREFUSED: 'it refused the connection',
  ECONNRESET: 'the connection was closed before an answer',
  UND_ERR_SOCKET: 'the connection was closed before an answer',
  ETIMEDOUT: 'the connection timed out',
  UND_ERR_CONNECT_TIMEOUT: 'the connection timed out',
  ENETUNREACH: 'the network is unreachable',
  EHOSTUNREACH: 'the host is unreachable'
}

/** Why the request never reached the server (e.g. "its name does not resolve (ENOTFOUND)"), or null. */
export function unreachable(error: unknown, timeoutSeconds: number): string | null {
  const seen = new Set<unknown>()
  const queue: unknown[] = [error]
  while (queue.length) {
    const e = queue.shift()
    if (!e || typeof e !== 'object' || seen.has(e)) continue
    seen.add(e)
    const { code, name, cause, errors } = e as { code?: unknown; name?: unknown; cause?: unknown; errors?: unknown }
    if (typeof code === 'string' && REASONS[code]) return `${REASONS[code]} (${code})`
    // The deadline of the first request (AbortSignal.timeout) ran out before any answer.
    if (name === 'TimeoutError') return `no answer within ${timeoutSeconds} s`
    queue.push(cause, ...(Array.isArray(errors) ? (errors as unknown[]) : []))
  }
  // Any other request that failed without an answer (Octokit's error then carries no response): a certificate
  // that does not fit, a proxy that fails, ...
  const { response, cause } = error as { response?: unknown; cause?: unknown }
  if (error instanceof Error && response === undefined && cause !== undefined)
    return `the connection failed (${error.message})`
  return null
}

/** The sentence for the terminal. */
export function cannotReach(host: string, why: string): string {
  return `Cannot reach ${host}: ${why}. Check your network, or --server if your GitHub is another server.`
}
