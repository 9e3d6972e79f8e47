// For tests that read markdown past the deadline on purpose: a shorter deadline for the describe block (or file)
// that calls it, and the product's back afterwards (test files share a worker's modules).
import { afterAll, beforeAll } from 'vitest'
import { setReadDeadline } from '../../src/markdown/document.ts'

/** Half a second: the slow texts take micromark many seconds either way, ordinary ones milliseconds. */
export const SHORT_DEADLINE_MS = 500

export function useShortReadDeadline(): void {
  let before = 0
  beforeAll(() => {
    before = setReadDeadline(SHORT_DEADLINE_MS)
  })
  afterAll(() => {
    setReadDeadline(before)
  })
}
