import { describe, expect, it } from 'vitest'
import { LlmError, type LlmErrorKind } from '../../../src/llm/errors.ts'
import { backoffDelay, withRetries, type RetryPolicy } from '../../../src/llm/retry.ts'

interface Harness {
  policy: RetryPolicy
  sleeps: number[]
  retries: { kind: LlmErrorKind; delay: number; attempt: number }[]
  onRetry: (error: LlmError, delayMs: number, attempt: number) => void
}

function harness(overrides: Partial<RetryPolicy> = {}, random = 1): Harness {
  const sleeps: number[] = []
  const retries: Harness['retries'] = []
  return {
    sleeps,
    retries,
    policy: {
      retries: 3,
      baseDelayMs: 1000,
      maxDelayMs: 30_000,
      sleep: async (ms) => {
        sleeps.push(ms)
      },
      random: () => random,
      ...overrides
    },
    onRetry: (error, delay, attempt) => retries.push({ kind: error.kind, delay, attempt })
  }
}

/** A task that fails with the given errors in turn, then succeeds with "ok"; records each attempt number. */
function flaky(errors: unknown[]): { task: (attempt: number) => Promise<string>; attempts: number[] } {
  const attempts: number[] = []
  return {
    attempts,
    task: async (attempt) => {
      attempts.push(attempt)
      const error = errors[attempts.length - 1]
      // eslint-disable-next-line @typescript-eslint/only-throw-error -- providers throw more than Errors
      if (error !== undefined) throw error
      return 'ok'
    }
  }
}

const RETRYABLE: LlmErrorKind[] = ['rate_limit', 'server', 'timeout', 'network']
const NOT_RETRYABLE: LlmErrorKind[] = [
  'authentication',
  'permission',
  'quota',
  'context_too_long',
  'refused',
  'not_found',
  'bad_request',
  'invalid_output'
]

describe('withRetries', () => {
  it('returns the first success without sleeping', async () => {
    const h = harness()
    const { task, attempts } = flaky([])
    await expect(withRetries(task, h.policy, h.onRetry)).resolves.toBe('ok')
    expect(attempts).toEqual([0])
    expect(h.sleeps).toEqual([])
    expect(h.retries).toEqual([])
  })

  it.each(RETRYABLE)('retries a %s error and then succeeds', async (kind) => {
    const h = harness()
    const { task, attempts } = flaky([new LlmError(kind, 'x'), new LlmError(kind, 'y')])
    await expect(withRetries(task, h.policy, h.onRetry)).resolves.toBe('ok')
    expect(attempts).toEqual([0, 1, 2])
    expect(h.sleeps.length).toBe(2)
  })

  it.each(NOT_RETRYABLE)('does not retry a %s error', async (kind) => {
    const h = harness()
    const error = new LlmError(kind, 'nope')
    const { task, attempts } = flaky([error])
    await expect(withRetries(task, h.policy, h.onRetry)).rejects.toBe(error)
    expect(attempts).toEqual([0])
    expect(h.sleeps).toEqual([])
    expect(h.retries).toEqual([])
  })

  it('does not retry errors that are not LlmErrors', async () => {
    const h = harness()
    const error = new TypeError('bug')
    const { task, attempts } = flaky([error])
    await expect(withRetries(task, h.policy)).rejects.toBe(error)
    expect(attempts).toEqual([0])
    expect(h.sleeps).toEqual([])
  })

  it('gives up after `retries` retries and throws the last error', async () => {
    const h = harness({ retries: 2 })
    const errors = [
      new LlmError('server', 'a'),
      new LlmError('server', 'b'),
      new LlmError('server', 'c'),
      new LlmError('server', 'd')
    ]
    const { task, attempts } = flaky(errors)
    await expect(withRetries(task, h.policy, h.onRetry)).rejects.toBe(errors[2])
    expect(attempts).toEqual([0, 1, 2])
    expect(h.sleeps.length).toBe(2)
  })

  it('with retries: 0 makes exactly one attempt', async () => {
    const h = harness({ retries: 0 })
    const error = new LlmError('rate_limit', 'x')
    const { task, attempts } = flaky([error])
    await expect(withRetries(task, h.policy)).rejects.toBe(error)
    expect(attempts).toEqual([0])
    expect(h.sleeps).toEqual([])
  })

  it('stops retrying at the first non-retryable error', async () => {
    const h = harness({ retries: 5 })
    const fatal = new LlmError('authentication', 'bad key')
    const { task, attempts } = flaky([new LlmError('server', 'x'), fatal])
    await expect(withRetries(task, h.policy)).rejects.toBe(fatal)
    expect(attempts).toEqual([0, 1])
    expect(h.sleeps.length).toBe(1)
  })

  it('backs off exponentially (random = 1 gives the full delay)', async () => {
    const h = harness({ retries: 4, baseDelayMs: 100, maxDelayMs: 100_000 }, 1)
    const { task } = flaky(Array.from({ length: 4 }, () => new LlmError('server', 'x')))
    await withRetries(task, h.policy, h.onRetry)
    expect(h.sleeps).toEqual([100, 200, 400, 800])
  })

  it('jitters down to half the delay (random = 0)', async () => {
    const h = harness({ retries: 3, baseDelayMs: 100, maxDelayMs: 100_000 }, 0)
    const { task } = flaky(Array.from({ length: 3 }, () => new LlmError('network', 'x')))
    await withRetries(task, h.policy)
    expect(h.sleeps).toEqual([50, 100, 200])
  })

  it('caps the exponential delay at maxDelayMs', async () => {
    const h = harness({ retries: 5, baseDelayMs: 1000, maxDelayMs: 3000 }, 1)
    const { task } = flaky(Array.from({ length: 5 }, () => new LlmError('server', 'x')))
    await withRetries(task, h.policy)
    expect(h.sleeps).toEqual([1000, 2000, 3000, 3000, 3000])
  })

  it('honours retryAfterMs instead of the backoff', async () => {
    const h = harness({ baseDelayMs: 1000, maxDelayMs: 30_000 }, 1)
    const { task, attempts } = flaky([
      new LlmError('rate_limit', 'slow down', { status: 429, retryAfterMs: 7000 }),
      new LlmError('rate_limit', 'again', { retryAfterMs: 0 })
    ])
    await expect(withRetries(task, h.policy, h.onRetry)).resolves.toBe('ok')
    expect(attempts).toEqual([0, 1, 2])
    expect(h.sleeps).toEqual([7000, 0])
  })

  it('waits exactly maxDelayMs when retry-after equals it', async () => {
    const h = harness({ maxDelayMs: 5000 })
    const { task } = flaky([new LlmError('rate_limit', 'x', { retryAfterMs: 5000 })])
    await expect(withRetries(task, h.policy)).resolves.toBe('ok')
    expect(h.sleeps).toEqual([5000])
  })

  it('gives up at once when retry-after exceeds maxDelayMs', async () => {
    const h = harness({ retries: 5, maxDelayMs: 5000 })
    const error = new LlmError('rate_limit', 'come back tomorrow', { retryAfterMs: 5001 })
    const { task, attempts } = flaky([error])
    await expect(withRetries(task, h.policy, h.onRetry)).rejects.toBe(error)
    expect(attempts).toEqual([0])
    expect(h.sleeps).toEqual([])
    expect(h.retries).toEqual([])
  })

  it('reports each retry with the error, the delay and the 1-based retry number', async () => {
    const h = harness({ baseDelayMs: 10, maxDelayMs: 1000 }, 1)
    const { task } = flaky([new LlmError('server', 'a'), new LlmError('timeout', 'b', { retryAfterMs: 123 })])
    await withRetries(task, h.policy, h.onRetry)
    expect(h.retries).toEqual([
      { kind: 'server', delay: 10, attempt: 1 },
      { kind: 'timeout', delay: 123, attempt: 2 }
    ])
  })

  it('passes the attempt number to the task', async () => {
    const h = harness()
    const seen: number[] = []
    await withRetries(async (attempt) => {
      seen.push(attempt)
      if (attempt < 2) throw new LlmError('server', 'x')
      return attempt
    }, h.policy).then((result) => expect(result).toBe(2))
    expect(seen).toEqual([0, 1, 2])
  })
})

describe('backoffDelay', () => {
  const policy: RetryPolicy = { retries: 3, baseDelayMs: 200, maxDelayMs: 1000, random: () => 0.5 }

  it('is base * 2^attempt jittered by 0.5 + 0.5 * random', () => {
    const error = new LlmError('server', 'x')
    expect(backoffDelay(0, policy, error)).toBe(150)
    expect(backoffDelay(1, policy, error)).toBe(300)
    expect(backoffDelay(2, policy, error)).toBe(600)
    expect(backoffDelay(3, policy, error)).toBe(750)
  })

  it('uses retryAfterMs, capped at maxDelayMs', () => {
    expect(backoffDelay(0, policy, new LlmError('rate_limit', 'x', { retryAfterMs: 400 }))).toBe(400)
    expect(backoffDelay(0, policy, new LlmError('rate_limit', 'x', { retryAfterMs: 99_999 }))).toBe(1000)
  })

  it('stays within [half, full] of the capped delay for any random value', () => {
    const error = new LlmError('server', 'x')
    for (const r of [0, 0.1, 0.37, 0.9, 0.999]) {
      const delay = backoffDelay(1, { ...policy, random: () => r }, error)
      expect(delay).toBeGreaterThanOrEqual(200)
      expect(delay).toBeLessThanOrEqual(400)
    }
  })
})
