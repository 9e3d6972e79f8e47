import { describe, expect, it } from 'vitest'
import { cannotReach, unreachable } from '../../../../src/adapters/local/unreachable.ts'

/** A failed fetch as Octokit throws it: a RequestError (500), caused by fetch's TypeError, caused by the system's. */
function failedFetch(cause: unknown): Error {
  const fetchError = new TypeError('fetch failed', { cause })
  return Object.assign(new Error('request failed'), { status: 500, cause: fetchError })
}

const systemError = (code: string): Error => Object.assign(new Error(`connect ${code}`), { code })

describe('unreachable', () => {
  it.each([
    ['ENOTFOUND', 'its name does not resolve (ENOTFOUND)'],
    ['EAI_AGAIN', 'its name could not be looked up (EAI_AGAIN)'],
    ['ECONNREFUSED', 'it refused the connection (ECONNREFUSED)'],
    ['ETIMEDOUT', 'the connection timed out (ETIMEDOUT)'],
    ['UND_ERR_CONNECT_TIMEOUT', 'the connection timed out (UND_ERR_CONNECT_TIMEOUT)']
  ])('reads %s in the causes of a failed fetch', (code, why) => {
    expect(unreachable(failedFetch(systemError(code)), 5)).toBe(why)
  })

  it('reads the errors of every address tried (an AggregateError), and the first read running out of time', () => {
    const both = new AggregateError([systemError('ECONNREFUSED'), systemError('ECONNREFUSED')], 'connect failed')
    expect(unreachable(failedFetch(both), 5)).toBe('it refused the connection (ECONNREFUSED)')
    expect(unreachable(failedFetch(new DOMException('timed out', 'TimeoutError')), 5)).toBe('no answer within 5 s')
  })

  it('says that any other request without an answer failed to connect (a certificate that does not fit)', () => {
    const tls = Object.assign(new Error("Hostname/IP does not match certificate's altnames"), {
      code: 'ERR_TLS_CERT_ALTNAME_INVALID'
    })
    const error = Object.assign(new Error(tls.message), {
      status: 500,
      cause: new TypeError('fetch failed', { cause: tls })
    })
    expect(unreachable(error, 5)).toBe("the connection failed (Hostname/IP does not match certificate's altnames)")
  })

  it('leaves an answer of the server alone', () => {
    const answered = Object.assign(new Error('Server Error'), { status: 502, response: { status: 502 }, cause: 'x' })
    expect(unreachable(answered, 5)).toBeNull()
    expect(unreachable(Object.assign(new Error('Bad credentials'), { status: 401 }), 5)).toBeNull()
    expect(unreachable(new Error('something else'), 5)).toBeNull()
  })

  it('says what to check', () => {
    expect(cannotReach('api.github.com', 'its name does not resolve (ENOTFOUND)')).toBe(
      'Cannot reach api.github.com: its name does not resolve (ENOTFOUND). Check your network, or --server if your GitHub is another server.'
    )
  })
})
