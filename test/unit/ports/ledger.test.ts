import { describe, expect, it } from 'vitest'
import {
  addEntry,
  decideBudget,
  EMPTY_LEDGER,
  formatLedger,
  nextDay,
  nextMonth,
  parseLedger,
  spending,
  utcDay,
  type Ledger,
  type LedgerEntry
} from '../../../src/ports/ledger.ts'

const at = (iso: string): number => Date.parse(iso)
const entry = (day: string, usd: number | null, calls = 1): LedgerEntry => ({
  day,
  run: '1',
  command: 'comment',
  usd,
  calls
})
const ledger = (...entries: LedgerEntry[]): Ledger => ({ version: 1, entries })
const NO_LIMITS = { dailyUsd: null, monthlyUsd: null, dailyRequests: null }

describe('the reset times', () => {
  it('the day is UTC, whatever the local time; it starts over at the next UTC midnight', () => {
    expect(utcDay(at('2026-03-02T23:59:59-05:00'))).toBe('2026-03-03')
    expect(nextDay(at('2026-03-02T00:00:00Z')).toISOString()).toBe('2026-03-03T00:00:00.000Z')
    expect(nextDay(at('2026-02-28T23:59:59Z')).toISOString()).toBe('2026-03-01T00:00:00.000Z')
    expect(nextDay(at('2024-02-28T12:00:00Z')).toISOString()).toBe('2024-02-29T00:00:00.000Z')
  })

  it('the month starts over on the first of the next month, the year too', () => {
    expect(nextMonth(at('2026-03-31T23:00:00Z')).toISOString()).toBe('2026-04-01T00:00:00.000Z')
    expect(nextMonth(at('2026-12-15T00:00:00Z')).toISOString()).toBe('2027-01-01T00:00:00.000Z')
  })
})

describe('spending and the decision', () => {
  const book = ledger(
    entry('2026-02-28', 5),
    entry('2026-03-01', 1.5),
    entry('2026-03-02', 0.25),
    entry('2026-03-02', null, 3),
    entry('2026-03-02', 0, 0)
  )
  const now = at('2026-03-02T12:00:00Z')

  it('sums today and this month; an unpriced run counts as a request, a run without model calls does not', () => {
    expect(spending(book, now)).toEqual({ todayUsd: 0.25, monthUsd: 1.75, todayRequests: 2 })
  })

  it('allows below every limit, and with no limit at all', () => {
    expect(decideBudget(book, NO_LIMITS, now).allowed).toBe(true)
    expect(decideBudget(book, { dailyUsd: 0.26, monthlyUsd: 2, dailyRequests: 3 }, now).allowed).toBe(true)
  })

  it('refuses once a limit is reached (not only exceeded), naming the monthly limit first', () => {
    expect(decideBudget(book, { ...NO_LIMITS, dailyUsd: 0.25 }, now)).toMatchObject({
      allowed: false,
      limit: 'daily',
      of: 0.25,
      resets: new Date('2026-03-03T00:00:00Z')
    })
    expect(decideBudget(book, { dailyUsd: 0.1, monthlyUsd: 1.75, dailyRequests: 1 }, now)).toMatchObject({
      allowed: false,
      limit: 'monthly',
      resets: new Date('2026-04-01T00:00:00Z')
    })
    expect(decideBudget(book, { ...NO_LIMITS, dailyRequests: 2 }, now)).toMatchObject({
      allowed: false,
      limit: 'requests'
    })
    expect(decideBudget(EMPTY_LEDGER, { ...NO_LIMITS, dailyUsd: 0 }, now).allowed).toBe(false)
  })

  it('the next day starts over for the daily limits, not for the month', () => {
    const tomorrow = at('2026-03-03T00:00:00Z')
    expect(decideBudget(book, { ...NO_LIMITS, dailyUsd: 0.25, dailyRequests: 2 }, tomorrow).allowed).toBe(true)
    expect(decideBudget(book, { ...NO_LIMITS, monthlyUsd: 1.75 }, tomorrow).allowed).toBe(false)
  })
})

describe('adding and pruning', () => {
  it('adds the entry last and keeps the current month and the 7 days before it', () => {
    const book = ledger(entry('2026-01-31', 1), entry('2026-02-21', 1), entry('2026-02-22', 1), entry('2026-03-01', 1))
    const next = addEntry(book, entry('2026-03-05', 2), at('2026-03-05T10:00:00Z'))
    expect(next.entries.map((e) => e.day)).toEqual(['2026-02-22', '2026-03-01', '2026-03-05'])
  })

  it('past 10,000 entries, folds the days before today into one entry each: the month keeps its total', () => {
    const many = ledger(
      ...Array.from({ length: 6_000 }, () => entry('2026-03-01', 0.01)),
      ...Array.from({ length: 4_000 }, () => entry('2026-03-02', null, 2))
    )
    const now = at('2026-03-02T12:00:00Z')
    const next = addEntry(many, entry('2026-03-02', 9), now)
    // 2026-03-01 folded into one entry; today's 4,001 runs stay apart (the daily request count counts them).
    expect(next.entries).toHaveLength(4_002)
    expect(next.entries[0]).toMatchObject({ day: '2026-03-01', calls: 6_000, command: 'all' })
    expect(next.entries[0]!.usd).toBeCloseTo(60, 6)
    expect(next.entries.at(-1)!.usd).toBe(9)
    const spent = decideBudget(next, NO_LIMITS, now).spent
    const before = decideBudget(many, NO_LIMITS, now).spent
    expect(spent.monthUsd).toBeCloseTo(before.monthUsd + 9, 6)
  })
})

describe('the ledger as read: untrusted', () => {
  it('reads what formatLedger wrote', () => {
    const book = ledger(entry('2026-03-01', 0.5), entry('2026-03-02', null, 2))
    expect(parseLedger(formatLedger(book))).toEqual({ ok: true, ledger: book })
    expect(formatLedger(book).split('\n')).toHaveLength(5) // one entry a line
    expect(parseLedger(formatLedger(EMPTY_LEDGER))).toEqual({ ok: true, ledger: EMPTY_LEDGER })
  })

  it('names the problem of a file that is not JSON or not a ledger', () => {
    expect(parseLedger('{')).toEqual({ ok: false, problem: 'ledger.json is not JSON' })
    expect(parseLedger('{"version":2,"entries":[]}')).toMatchObject({
      ok: false,
      problem: expect.stringMatching(/^ledger.json: version/)
    })
    const negative = JSON.stringify(ledger({ ...entry('2026-03-01', 1), usd: -5 }))
    expect(parseLedger(negative)).toMatchObject({ ok: false, problem: expect.stringContaining('entries.0.usd') })
    expect(parseLedger('{"version":1,"entries":[{"day":"March 1"}]}').ok).toBe(false)
  })
})
