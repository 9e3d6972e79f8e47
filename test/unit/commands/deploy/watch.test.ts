import { describe, expect, it } from 'vitest'
import type { WorkflowRun } from '../../../../src/ports/github.ts'
import { CLOCK_SKEW_MS, pickRun, watchRun } from '../../../../src/commands/deploy/watch.ts'
import type { WorkflowPort } from '../../../../src/commands/types.ts'

const T0 = Date.parse('2026-03-01T12:00:00Z')
const at = (ms: number): string => new Date(T0 + ms).toISOString()
const run = (id: number, createdMs: number, status = 'queued', conclusion: string | null = null): WorkflowRun => ({
  id,
  url: `https://github.com/o/r/actions/runs/${id}`,
  status,
  conclusion,
  createdAt: at(createdMs)
})

/** A port on a clock that only moves when git-bob sleeps; `states` are what successive reads of the run give. */
function port(listed: WorkflowRun[][], states: WorkflowRun[]): WorkflowPort & { sleeps: number[]; since: string[] } {
  let clock = T0
  const sleeps: number[] = []
  const since: string[] = []
  return {
    sleeps,
    since,
    permission: async () => 'admin',
    dispatch: async () => {},
    dispatchedRuns: async (_w, _r, s) => {
      since.push(s)
      return listed.shift() ?? []
    },
    run: async () => (states.length > 1 ? states.shift()! : states[0]!),
    now: () => clock,
    sleep: async (ms) => {
      sleeps.push(ms)
      clock += ms
    }
  }
}

describe('pickRun', () => {
  it('takes the oldest run created since the dispatch, allowing for clock skew, and no older one', () => {
    const runs = [run(3, 5000), run(2, -2000), run(1, -CLOCK_SKEW_MS - 1)]
    expect(pickRun(runs, T0)?.id).toBe(2)
    expect(pickRun([run(1, -CLOCK_SKEW_MS - 1)], T0)).toBeNull()
  })
})

describe('watchRun', () => {
  const watch = { workflow: 'release.yml', ref: 'main', dispatchedAt: T0, waitMs: 60_000, pollMs: 10_000 }

  it('looks until the run appears, then follows it until it completes', async () => {
    const p = port([[], [run(7, 1000)]], [run(7, 1000, 'in_progress'), run(7, 1000, 'completed', 'success')])
    const watched = await watchRun(p, watch)
    expect(watched).toEqual({ kind: 'finished', run: run(7, 1000, 'completed', 'success') })
    expect(p.sleeps).toEqual([10_000, 10_000, 10_000])
    expect(p.since[0]).toBe('2026-03-01T11:59:50Z')
  })

  it('stops at the deadline with the run still going, never sleeping past it', async () => {
    const p = port([[run(7, 0)]], [run(7, 0, 'in_progress')])
    const watched = await watchRun(p, { ...watch, waitMs: 25_000 })
    expect(watched).toMatchObject({ kind: 'running', run: { id: 7, status: 'in_progress' } })
    expect(p.sleeps).toEqual([10_000, 10_000, 5_000])
  })

  it('reports no run when none appears within the wait', async () => {
    const p = port([], [])
    expect(await watchRun(p, { ...watch, waitMs: 0 })).toEqual({ kind: 'not-found' })
    expect(p.sleeps).toEqual([])
  })
})
