// How long a run a test starts may go on: up to `marginMs` before the running test's timeout, counted from when the
// test began (a later run of a test that ran several gets what is left), so that a run that hangs is stopped and
// its test fails with what the run said, not with a bare timeout.
import { TestRunner } from 'vitest'

/** The milliseconds left before the running test's timeout, less `marginMs` (at least 1 s); null without a timeout. */
export function timeLeftInTest(marginMs: number): number | null {
  const test = TestRunner.getCurrentTest()
  const timeout = test?.timeout ?? 0
  if (timeout <= 0) return null
  const spent = Date.now() - (test?.result?.startTime ?? Date.now())
  return Math.max(1_000, timeout - spent - marginMs)
}
