// For tests that read markdown past the deadline on purpose: a shorter deadline for the describe block (or file)
// that calls it, and the product's back afterwards (test files share a worker's modules).
import { afterAll, beforeAll } from 'vitest'
import { setReadDeadline } from '../../src/markdown/document.ts'

/** Half a second: the slow texts take micromark many seconds either way, ordinary ones milliseconds. */
export const SHORT_DEADLINE_MS = 500

/**
 * For reads that are all past the deadline, and no ordinary text read in the same block: the slow texts take
 * micromark seconds, so a tenth of a second is past it as surely, and the worker parses each for a fifth as long.
 * (An ordinary text read by a worker just started can take a few tenths on a busy machine: SHORT_DEADLINE_MS.)
 */
export const PAST_DEADLINE_MS = 100

export function useShortReadDeadline(ms = SHORT_DEADLINE_MS): void {
  let before = 0
  beforeAll(() => {
    before = setReadDeadline(ms)
  })
  afterAll(() => {
    setReadDeadline(before)
  })
}
