// Waiting for the run a dispatch started, bounded: GitHub's dispatch answer has no run id, so the run is the
// oldest one of the workflow started by workflow_dispatch on the branch since just before the dispatch.
import type { WorkflowRun } from '../../ports/github.ts'
import type { WorkflowPort } from '../types.ts'

/** What waiting found: the run as it was when it finished or the wait ended; no run if none appeared. */
export type Watched =
  { kind: 'finished'; run: WorkflowRun } | { kind: 'running'; run: WorkflowRun } | { kind: 'not-found' }

/** Runners' and GitHub's clocks differ a little; a run created this long before the dispatch still counts. */
export const CLOCK_SKEW_MS = 10_000

export interface Watch {
  workflow: string
  ref: string
  /** When the dispatch was sent (port.now()). */
  dispatchedAt: number
  waitMs: number
  pollMs: number
}

/** The run this dispatch started: the oldest one created since it (minus the skew). */
export function pickRun(runs: readonly WorkflowRun[], dispatchedAt: number): WorkflowRun | null {
  const since = dispatchedAt - CLOCK_SKEW_MS
  return (
    [...runs]
      .filter((r) => Date.parse(r.createdAt) >= since)
      .sort((a, b) => Date.parse(a.createdAt) - Date.parse(b.createdAt))[0] ?? null
  )
}

export async function watchRun(port: WorkflowPort, watch: Watch): Promise<Watched> {
  const deadline = watch.dispatchedAt + watch.waitMs
  const since = new Date(watch.dispatchedAt - CLOCK_SKEW_MS).toISOString().replace(/\.\d{3}Z$/, 'Z')
  let run: WorkflowRun | null = null
  for (;;) {
    run = run
      ? await port.run(run.id)
      : pickRun(await port.dispatchedRuns(watch.workflow, watch.ref, since), watch.dispatchedAt)
    if (run?.status === 'completed') return { kind: 'finished', run }
    const left = deadline - port.now()
    if (left <= 0) return run ? { kind: 'running', run } : { kind: 'not-found' }
    await port.sleep(Math.min(watch.pollMs, left))
  }
}
