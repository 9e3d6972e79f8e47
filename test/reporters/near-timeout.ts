// No test may run near its timeout (CONTRIBUTING.md): on a busy machine, or with two suites at once, it would
// fail. This reporter lists, after the run, every test that took more than a third of its timeout. It prints and
// fails nothing (no timed tests): a listed test gets an honest timeout of its own, or is made shorter.
import type { Reporter, TestCase, TestModule } from 'vitest/node'

/** The share of its timeout a test may take before it is listed. */
const SHARE = 1 / 3

interface NearTimeout {
  name: string
  duration: number
  timeout: number
}

/** The finished tests that took more than a third of their timeout, the closest first. */
function nearTimeout(tests: Iterable<TestCase>): NearTimeout[] {
  const near: NearTimeout[] = []
  for (const test of tests) {
    const duration = test.diagnostic()?.duration
    const timeout = test.options.timeout ?? test.project.config.testTimeout
    if (duration !== undefined && timeout > 0 && duration > timeout * SHARE)
      near.push({ name: `${test.project.name} ${test.module.relativeModuleId}: ${test.fullName}`, duration, timeout })
  }
  return near.sort((a, b) => b.duration / b.timeout - a.duration / a.timeout)
}

export default class NearTimeoutReporter implements Reporter {
  onTestRunEnd(modules: ReadonlyArray<TestModule>): void {
    const near = nearTimeout(modules.flatMap((m) => [...m.children.allTests()]))
    if (near.length === 0) return
    const lines = near.map(
      (t) => `  ${(t.duration / 1000).toFixed(1)} s of ${(t.timeout / 1000).toFixed(0)} s  ${t.name}`
    )
    process.stdout.write(`\n${near.length} tests took more than a third of their timeout:\n${lines.join('\n')}\n`)
  }
}
