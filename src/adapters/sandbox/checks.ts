// The repository's checks (a test command, a syntax check) run in the sandbox: in a box of their own, on a copy of
// what git tracks and git-bob wrote, with an allow-listed environment, limits and a time limit; nothing they write
// comes back. The set-up command runs first in the same run, so what it installs is there for the check.
import type { Availability, CheckRun } from '../../ports/workspace.ts'
import type { BoxSource } from '../git/tracked-copy.ts'
import type { LazyBox } from './lazy-box.ts'

/** Printed between the set-up and the check, so the check's output can be told from the set-up's. */
const SETUP_DONE = '--- git-bob: set-up done ---'

/** Runs the set-up (when given) and then the check, each through `sh -c`, the check only if the set-up passed. */
const SCRIPT = `setup=$GIT_BOB_SETUP check=$GIT_BOB_CHECK; unset GIT_BOB_SETUP GIT_BOB_CHECK
if [ -n "$setup" ]; then sh -c "$setup" || exit $?; echo "${SETUP_DONE}"; fi
exec sh -c "$check"`

/** The sandbox's runner for checks; effects/change-ports.ts binds it to the checkout as the command's CheckRunner. */
export interface SandboxChecks {
  /** Milliseconds spent running checks so far. */
  readonly elapsedMs: number
  /** Which isolation the checks run in, once the run's box was opened (by them or the notebooks); null before. */
  readonly isolation: string | null
  available(): Promise<Availability>
  run(workspace: BoxSource, command: string, options: { setup: string | null; timeoutMs: number }): Promise<CheckRun>
}

/** Checks in `box`, the run's box (lazy-box.ts), opened when the first check needs it. */
export function sandboxChecks(box: LazyBox): SandboxChecks {
  let elapsedMs = 0
  return {
    get elapsedMs() {
      return elapsedMs
    },
    get isolation() {
      return box.isolation
    },
    available: () => box.available(),
    async run(workspace, command, options) {
      const started = Date.now()
      const opening = await box.opened()
      if (!opening.ok)
        return { code: null, output: opening.reason, timedOut: false, setupFailed: false, ms: 0, limit: null }
      const result = await opening.sandbox.run({
        source: workspace,
        cwd: '.',
        command: 'sh',
        args: ['-c', SCRIPT],
        env: { GIT_BOB_CHECK: command, GIT_BOB_SETUP: options.setup ?? '', PYTHONDONTWRITEBYTECODE: '1' },
        timeoutMs: options.timeoutMs,
        copyBack: null
      })
      const ms = Date.now() - started
      elapsedMs += ms
      const marker = result.output.lastIndexOf(SETUP_DONE)
      const setupFailed = options.setup !== null && marker < 0 && !result.timedOut
      return {
        code: result.code,
        // The set-up's output is kept only when it failed (or ran out of time).
        output: marker >= 0 ? result.output.slice(marker + SETUP_DONE.length).replace(/^\n/, '') : result.output,
        timedOut: result.timedOut,
        setupFailed,
        ms,
        limit: result.limit?.message ?? null
      }
    }
  }
}
