// Retries a model call on transient failures with exponential backoff and jitter,
// honouring the provider's retry-after when it sends one.
import { LlmError } from './errors.ts'

export interface RetryPolicy {
  /** Retries after the first attempt. */
  retries: number
  baseDelayMs: number
  maxDelayMs: number
  sleep?: (ms: number) => Promise<void>
  random?: () => number
}

export const defaultSleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms))

export function backoffDelay(attempt: number, policy: RetryPolicy, error: LlmError): number {
  const exponential = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** attempt)
  const jittered = exponential * (0.5 + 0.5 * (policy.random ?? Math.random)())
  // A retry-after beyond our cap means waiting is pointless within this run.
  return error.retryAfterMs !== undefined ? Math.min(error.retryAfterMs, policy.maxDelayMs) : jittered
}

export async function withRetries<T>(
  task: (attempt: number) => Promise<T>,
  policy: RetryPolicy,
  onRetry?: (error: LlmError, delayMs: number, attempt: number) => void
): Promise<T> {
  const sleep = policy.sleep ?? defaultSleep
  for (let attempt = 0; ; attempt++) {
    try {
      return await task(attempt)
    } catch (error) {
      if (!(error instanceof LlmError) || !error.retryable || attempt >= policy.retries) throw error
      if (error.retryAfterMs !== undefined && error.retryAfterMs > policy.maxDelayMs) throw error
      const delay = backoffDelay(attempt, policy, error)
      onRetry?.(error, delay, attempt + 1)
      await sleep(delay)
    }
  }
}
