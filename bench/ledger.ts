// What the budget's ledger costs a run: the check before a model is called (budgetAllows) and the entry added
// after it (recordSpending), through the real Octokit client against the GitHub stand-in over HTTP, on a ledger
// that holds a busy month (1,000 runs). GitHub requests and wall time per run (the stand-in answers at once, so
// the time is git-bob's own and the local round trips; on GitHub each request adds its latency).
import { GitHubApi } from '../src/adapters/github/api.ts'
import { createOctokit } from '../src/adapters/github/client.ts'
import { formatLedger, LEDGER_FILE, LEDGER_REF, type Ledger } from '../src/ports/ledger.ts'
import { budgetAllows, recordSpending } from '../src/record/ledger.ts'
import { FakeGitHub } from '../test/fakes/github.ts'

export interface LedgerMeasure {
  /** GitHub requests of one run: the check, and the entry added. */
  checkCalls: number
  recordCalls: number
  /** Median milliseconds of the check and of the entry, over `runs` runs. */
  checkMs: number
  recordMs: number
  /** The ledger's size after the runs, in bytes. */
  bytes: number
}

const LIMITS = { dailyUsd: 1000, monthlyUsd: 10_000, dailyRequests: null }

export async function measureLedger(runs = 7): Promise<LedgerMeasure> {
  const github = await new FakeGitHub().start()
  try {
    const now = Date.parse('2026-03-20T12:00:00Z')
    const month: Ledger = {
      version: 1,
      entries: Array.from({ length: 1000 }, (_, i) => ({
        day: `2026-03-${String(1 + (i % 20)).padStart(2, '0')}`,
        run: String(10_000 + i),
        command: 'comment',
        usd: 0.0123,
        calls: 2
      }))
    }
    github.commitFile(LEDGER_REF, LEDGER_FILE, formatLedger(month))
    const octokit = await createOctokit('ghs_bench', {
      onLimit: () => undefined,
      baseUrl: github.url,
      spacingMs: { write: 0, notifications: 0, search: 0 }
    })
    const api = new GitHubApi(octokit, { owner: github.owner, repo: github.repo })
    const checks: number[] = []
    const records: number[] = []
    let checkCalls = 0
    let recordCalls = 0
    for (let i = 0; i < runs; i++) {
      let calls = api.calls
      let started = performance.now()
      const decision = await budgetAllows(api, LIMITS, now)
      checks.push(performance.now() - started)
      checkCalls = api.calls - calls
      if (!decision.allowed) throw new Error('the bench ledger refused a run')
      calls = api.calls
      started = performance.now()
      await recordSpending(
        api,
        { day: '2026-03-20', run: String(i), command: 'comment', usd: 0.01, calls: 1 },
        now,
        LIMITS
      )
      records.push(performance.now() - started)
      recordCalls = api.calls - calls
    }
    const median = (values: number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!
    return {
      checkCalls,
      recordCalls,
      checkMs: median(checks),
      recordMs: median(records),
      bytes: Buffer.byteLength(github.refText(LEDGER_REF, LEDGER_FILE) ?? '')
    }
  } finally {
    await github.close()
  }
}
