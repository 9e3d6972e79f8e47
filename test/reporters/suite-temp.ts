// The run's own temporary folder (vitest.config.ts points TMPDIR at it before the workers start): made again at
// the start of each run (watch mode runs more than once), removed with all the tests left in it at the end.
import { mkdirSync, rmSync } from 'node:fs'
import type { Reporter } from 'vitest/node'

export default class SuiteTempReporter implements Reporter {
  private readonly dir = process.env.GIT_BOB_SUITE_TEMP

  onTestRunStart(): void {
    if (this.dir) mkdirSync(this.dir, { recursive: true })
  }

  onTestRunEnd(): void {
    if (!this.dir) return
    try {
      rmSync(this.dir, { recursive: true, force: true, maxRetries: 3 })
    } catch (error) {
      // A file a box left to its own user id (through sudo, not as root) must not fail the run: said, and left.
      process.stderr.write(`The tests' temporary folder ${this.dir} was not removed: ${String(error)}\n`)
    }
  }
}
