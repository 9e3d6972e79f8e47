import { describe, expect, it } from 'vitest'
import { ConfigError } from '../../../src/errors.ts'
import { formatLedger, LEDGER_REF, ledgerHome, type Ledger } from '../../../src/ports/ledger.ts'
import {
  budgetAllows,
  budgetSpentMessage,
  closeLedger,
  ledgerLine,
  recordSpending,
  type LedgerStore
} from '../../../src/record/ledger.ts'

/** A ref in memory, compare-and-swap like GitHub's; `race` writes another run's ledger before a write. */
function memoryStore(initial: Ledger | null, race: (write: number) => Ledger | null = () => null) {
  let commit = initial ? 1 : 0
  let text = initial ? formatLedger(initial) : null
  let writes = 0
  const store: LedgerStore = {
    refFile: async (ref) => {
      expect(ref).toBe(LEDGER_REF)
      return commit ? { commit: String(commit), text } : null
    },
    writeRefFile: async (_ref, _path, next, parent) => {
      const raced = race(++writes)
      if (raced) {
        commit++
        text = formatLedger(raced)
      }
      if ((parent === null ? 0 : Number(parent)) !== commit) return false
      commit++
      text = next
      return true
    }
  }
  return { store, text: () => text, writes: () => writes }
}

const NOW = Date.parse('2026-03-02T10:00:00Z')
const LIMITS = { dailyUsd: 1, monthlyUsd: 10, dailyRequests: null }
const entry = { day: '2026-03-02', run: '42', command: 'comment', usd: 0.4, calls: 2 }

describe('recordSpending', () => {
  it('creates the ledger with the first entry', async () => {
    const mem = memoryStore(null)
    expect(await recordSpending(mem.store, entry, NOW, LIMITS)).toEqual({
      todayUsd: 0.4,
      monthUsd: 0.4,
      todayRequests: 1
    })
    expect(JSON.parse(mem.text()!)).toEqual({ version: 1, entries: [entry] })
  })

  it('when another run wrote first, reads again and adds to what it wrote', async () => {
    const theirs: Ledger = { version: 1, entries: [{ ...entry, run: '7', usd: 0.1 }] }
    const mem = memoryStore(null, (write) => (write === 1 ? theirs : null))
    const spent = await recordSpending(mem.store, entry, NOW, LIMITS)
    expect(spent.todayUsd).toBeCloseTo(0.5, 10)
    const written = JSON.parse(mem.text()!) as Ledger
    expect(written.entries.map((e) => e.run)).toEqual(['7', '42'])
    expect(mem.writes()).toBe(2)
  })

  it('gives up after 5 lost races; closeLedger makes that a warning and the summary says so', async () => {
    const other: Ledger = { version: 1, entries: [] }
    const mem = memoryStore(null, () => other)
    const warnings: string[] = []
    const log = { info: () => {}, warning: (m: string) => warnings.push(m), error: () => {} }
    const line = await closeLedger(mem.store, entry, NOW, LIMITS, log)
    expect(mem.writes()).toBe(5)
    expect(line).toBe('not recorded: the ledger changed under 5 attempts to add this run')
    expect(warnings[0]).toContain('was not added to the budget')
  })
})

describe('closeLedger without contents: write', () => {
  it('says which permission the workflow needs', async () => {
    const forbidden = Object.assign(new Error('Resource not accessible by integration'), { status: 403 })
    const store: LedgerStore = {
      refFile: async () => null,
      writeRefFile: async () => Promise.reject(forbidden)
    }
    const warnings: string[] = []
    const log = { info: () => {}, warning: (m: string) => warnings.push(m), error: () => {} }
    expect(await closeLedger(store, entry, NOW, LIMITS, log)).toContain('add `contents: write`')
    expect(warnings).toHaveLength(1)
  })

  it("on GitLab, names the branch and what GitLab's token needs", async () => {
    const forbidden = Object.assign(new Error('403 Forbidden'), { status: 403 })
    const refs: string[] = []
    const store: LedgerStore = {
      dialect: 'gitlab',
      refFile: async (ref) => (refs.push(ref), null),
      writeRefFile: async () => Promise.reject(forbidden)
    }
    const warnings: string[] = []
    const log = { info: () => {}, warning: (m: string) => warnings.push(m), error: () => {} }
    const line = await closeLedger(store, entry, NOW, LIMITS, log)
    expect(refs).toEqual(['git-bob/ledger'])
    expect(line).toContain('needs the Developer role and the `api` scope')
    expect(line).not.toContain('contents: write')
    expect(warnings[0]).toContain('(branch git-bob/ledger)')
  })
})

describe('budgetAllows', () => {
  it('reads the ledger and decides; a malformed ledger refuses with how to start over', async () => {
    const spent: Ledger = { version: 1, entries: [{ ...entry, usd: 1 }] }
    expect(await budgetAllows(memoryStore(spent).store, LIMITS, NOW)).toMatchObject({ allowed: false, limit: 'daily' })
    expect(await budgetAllows(memoryStore(null).store, LIMITS, NOW)).toMatchObject({ allowed: true })
    const broken: LedgerStore = { refFile: async () => ({ commit: '1', text: '[]' }), writeRefFile: async () => true }
    const error = await budgetAllows(broken, LIMITS, NOW).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(ConfigError)
    expect((error as Error).message).toContain('git push origin --delete refs/git-bob/ledger')
  })

  it('on GitLab, a malformed ledger says to delete the branch', async () => {
    const broken: LedgerStore = {
      dialect: 'gitlab',
      refFile: async () => ({ commit: 'a'.repeat(40), text: '[]' }),
      writeRefFile: async () => true
    }
    const error = await budgetAllows(broken, LIMITS, NOW).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(ConfigError)
    expect((error as Error).message).toContain('deleting the branch: `git push origin --delete git-bob/ledger`')
  })
})

describe('the words', () => {
  it('the summary line: today and this month against the limits, requests only when limited', () => {
    const spent = { todayUsd: 0.5, monthUsd: 3, todayRequests: 4 }
    expect(ledgerLine(spent, LIMITS)).toBe('today $0.5000 of $1.00; this month $3.00 of $10.00 (refs/git-bob/ledger)')
    expect(ledgerLine(spent, { dailyUsd: null, monthlyUsd: null, dailyRequests: 5 })).toBe(
      'today $0.5000, 4 of 5 requests; this month $3.00 (refs/git-bob/ledger)'
    )
  })

  it('the answer when spent: which limit, what was spent, when it starts over', () => {
    const spent = { todayUsd: 0.5, monthUsd: 12, todayRequests: 4 }
    const monthly = budgetSpentMessage({
      allowed: false,
      spent,
      limit: 'monthly',
      of: 10,
      resets: new Date('2026-04-01T00:00:00Z')
    })
    expect(monthly).toContain("this month's budget of $10.00 is spent ($12.00 so far)")
    expect(monthly).toContain('starts over at 2026-04-01 00:00 UTC')
    const requests = budgetSpentMessage({
      allowed: false,
      spent,
      limit: 'requests',
      of: 4,
      resets: new Date('2026-03-03T00:00:00Z')
    })
    expect(requests).toContain("today's 4 requests that call a model are used up")
  })

  it('on GitLab: the branch in the summary line, the CI/CD variables in the answer', () => {
    const spent = { todayUsd: 0.5, monthUsd: 3, todayRequests: 4 }
    const home = ledgerHome('gitlab')
    expect(ledgerLine(spent, LIMITS, home)).toBe(
      'today $0.5000 of $1.00; this month $3.00 of $10.00 (branch git-bob/ledger)'
    )
    const decision = {
      allowed: false,
      spent,
      limit: 'daily',
      of: 0.5,
      resets: new Date('2026-03-03T00:00:00Z')
    } as const
    expect(budgetSpentMessage(decision)).toContain('(the `budget-*` inputs of the workflow)')
    const onGitLab = budgetSpentMessage(decision, home)
    expect(onGitLab).toContain('CI/CD variables such as `GIT_BOB_BUDGET_DAILY_USD`')
    expect(onGitLab).not.toContain('workflow')
  })
})
