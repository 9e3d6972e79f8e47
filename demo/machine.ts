// What this machine can run of the demo: notebooks need Jupyter and the box, checks need the box (util-linux's
// unshare, as root or with passwordless sudo). Asked once, through the same adapters a run uses, so that the tour
// says before a scene what it cannot show here, in the adapters' own words.
import { jupyterRunner } from '../src/adapters/jupyter/execute.ts'
import { sandboxChecks } from '../src/adapters/sandbox/checks.ts'
import { lazySandbox } from '../src/adapters/sandbox/lazy-box.ts'

export interface Machine {
  /** Why notebooks cannot run here, or null. */
  notebooks: string | null
  /** Why the checks cannot run here, or null. */
  checks: string | null
}

export async function machine(env: Readonly<Record<string, string | undefined>>): Promise<Machine> {
  // One box for both, as in a run: probed once.
  const box = lazySandbox({ env })
  const [notebooks, checks] = await Promise.all([jupyterRunner(env, box).available(), sandboxChecks(box).available()])
  return { notebooks: notebooks.ok ? null : notebooks.reason, checks: checks.ok ? null : checks.reason }
}
