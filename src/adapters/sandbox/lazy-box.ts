// The run's one sandbox: opened at most once, when the checks or the notebooks first need it, and shared by both;
// every notebook and every check still runs in a box of its own. Opening probes a box (about 20 process starts,
// mounts, a user id), so a run that runs notebooks and checks pays for that once; both see the same answer, its
// isolation and the same reason when there is none.
import type { Availability } from '../../ports/workspace.ts'
import { SECURITY_URL } from '../../version.ts'
import { openSandbox, type SandboxAvailability, type SandboxOptions } from './sandbox.ts'

export interface LazyBox {
  /** The sandbox, opened on the first call; every later call gets that same answer. */
  opened(): Promise<SandboxAvailability>
  /** Whether code can run here, with the reason for people when it cannot (opens the sandbox). */
  available(): Promise<Availability>
  /** Which isolation the box gives, once it was opened; null before, and when none could be had. */
  readonly isolation: string | null
}

/** A box opened by `open` when first needed (tests count or fake the opening). */
export function lazyBox(open: () => Promise<SandboxAvailability>): LazyBox {
  let opening: Promise<SandboxAvailability> | null = null
  let isolation: string | null = null
  const opened = (): Promise<SandboxAvailability> =>
    (opening ??= open().then((answer) => {
      if (answer.ok) isolation = answer.sandbox.isolation
      return answer
    }))
  return {
    opened,
    async available() {
      const answer = await opened()
      return answer.ok
        ? { ok: true }
        : {
            ok: false,
            reason: `no sandbox could be had (${answer.reason}); git-bob never runs code the model wrote outside one (see [the security model](${SECURITY_URL}) for how to enable it)`
          }
    },
    get isolation() {
      return isolation
    }
  }
}

/** The sandbox with these settings (adapters/sandbox/sandbox.ts), opened when first needed. */
export function lazySandbox(options: SandboxOptions): LazyBox {
  return lazyBox(() => openSandbox(options))
}
