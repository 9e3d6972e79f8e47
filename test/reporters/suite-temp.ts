// The test run's own temporary folder: made when vitest reads its configuration (vitest.config.ts calls
// useSuiteTemp, before vitest starts its workers and their children, which inherit TMPDIR, and whichever reporters
// the command line names), and removed with all the tests left in it when vitest exits (Ctrl-C too). In watch mode
// this reporter empties it after each run.
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

/**
 * Points TMPDIR of this process (and so of everything it starts later) at a folder of the run's own. The folder's
 * name is kept in GIT_BOB_SUITE_TEMP too: vitest loads this module once for its configuration and once as a reporter.
 */
export function useSuiteTemp(): void {
  if (process.env.GIT_BOB_SUITE_TEMP) return
  // mkdtemp: a folder of this run's own (mode 0700), never a name another user could have made first.
  const dir = mkdtempSync(join(tmpdir(), 'git-bob-tests-'))
  process.env.GIT_BOB_SUITE_TEMP = dir
  process.env.TMPDIR = dir
  process.once('exit', () => remove(dir))
}

export default class SuiteTempReporter implements Reporter {
  private watching = false

  onInit(vitest: Vitest): void {
    this.watching = vitest.config.watch
  }

  onTestRunEnd(): void {
    const dir = process.env.GIT_BOB_SUITE_TEMP
    if (!dir || !this.watching) return
    for (const entry of readdirSync(dir)) remove(join(dir, entry))
  }
}
