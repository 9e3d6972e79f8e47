// The repository's checks (a test command, a syntax check) run in the sandbox: in a box of their own, on a copy of
// what git tracks and git-bob wrote, with an allow-listed environment, limits and a time limit; nothing they write
// comes back. The set-up command runs first in the same run, so what it installs is there for the check.
import type { Availability, CheckRun } from '../../ports/workspace.ts'
import type { BoxSource } from '../git/tracked-copy.ts'
import { openSandbox, type SandboxOptions } from './sandbox.ts'
import { SECURITY_URL } from '../../version.ts'

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
  /** Which isolation the checks ran in, once a box was opened; null before. */
  readonly isolation: string | null
  available(): Promise<Availability>
  run(workspace: BoxSource, command: string, options: { setup: string | null; timeoutMs: number }): Promise<CheckRun>
}

export function sandboxChecks(
  env: Readonly<Record<string, string | undefined>>,
  settings: Omit<SandboxOptions, 'env'> = {}
): SandboxChecks {
  let sandbox: ReturnType<typeof openSandbox> | null = null
  let elapsedMs = 0
  let isolation: string | null = null
  const opened = (): ReturnType<typeof openSandbox> =>
    (sandbox ??= openSandbox({ ...settings, env }).then((opening) => {
      if (opening.ok) isolation = opening.sandbox.isolation
      return opening
    }))
  return {
    get elapsedMs() {
      return elapsedMs
    },
    get isolation() {
      return isolation
    },
    async available() {
      const opening = await opened()
      return opening.ok
        ? { ok: true }
        : {
            ok: false,
            reason: `no sandbox could be had (${opening.reason}); git-bob never runs code the model wrote outside one (see [the security model](${SECURITY_URL}) for how to enable it)`
          }
    },
    async run(workspace, command, options) {
      const started = Date.now()
      const opening = await opened()
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
