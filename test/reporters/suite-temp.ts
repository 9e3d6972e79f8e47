// The test run's own temporary folder: made when vitest starts (before its workers and their children, which
// inherit TMPDIR), and removed with all the tests left in it when the run ends, or vitest exits (Ctrl-C too). In
// watch mode the folder stays for the next run, emptied.
import { mkdtempSync, readdirSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Reporter, Vitest } from 'vitest/node'

/** Removes `path`; what cannot be removed (a file a box left to its own user id, through sudo) is said and left. */
function remove(path: string): void {
  try {
    rmSync(path, { recursive: true, force: true, maxRetries: 3 })
  } catch (error) {
    process.stderr.write(`The tests' temporary ${path} was not removed: ${String(error)}\n`)
  }
}

export default class SuiteTempReporter implements Reporter {
  private dir: string | null = null
  private watching = false

  onInit(vitest: Vitest): void {
    this.watching = vitest.config.watch
    // mkdtemp: a folder of this run's own (mode 0700), never a name another user could have made first.
    const dir = mkdtempSync(join(tmpdir(), 'git-bob-tests-'))
    this.dir = dir
    process.env.TMPDIR = dir
    process.once('exit', () => remove(dir))
  }

  onTestRunEnd(): void {
    if (!this.dir) return
    if (!this.watching) return remove(this.dir)
    for (const entry of readdirSync(this.dir)) remove(join(this.dir, entry))
  }
}
