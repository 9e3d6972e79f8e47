// The budget across runs: the ledger of what git-bob's runs spent in one repository, the limits, and the
// decision whether a run may call a model. Pure: the ledger's home (a git ref on GitHub, a branch on GitLab,
// record/ledger.ts) and the clock are the caller's. Shared by the run (the check before a model is called, the
// entry after it) and by any trigger that acts without a person's words, so it stands low.
import { z } from 'zod'
import type { ForgeDialect } from './forge.ts'

/** Where the ledger lives: a ref outside refs/heads, so it is no branch, starts no workflow and needs no checkout. */
export const LEDGER_REF = 'refs/git-bob/ledger'
/** On GitLab, whose API writes files only on branches: a branch of its own, written with `[skip ci]`. */
export const LEDGER_BRANCH = 'git-bob/ledger'
export const LEDGER_FILE = 'ledger.json'
/**
 * The file on GitLab's branch, which is made from the default branch and so holds the project's own files too:
 * in a folder of git-bob's, where no project keeps a file of its own (a root ledger.json could be the project's).
 */
export const LEDGER_GITLAB_FILE = `.git-bob/${LEDGER_FILE}`

/** The ledger's home on a forge, and what people are told about it. */
export interface LedgerHome {
  /** What the forge port's refFile and writeRefFile are given: a ref on GitHub, a branch's name on GitLab. */
  ref: string
  /** The ledger's path in the commit the ref (or branch) points at. */
  file: string
  /** How the job summary and the log name it. */
  name: string
  /** How a maintainer starts it over. */
  startOver: string
  /** Why a write may be forbidden (HTTP 403), and what to change. */
  forbidden: string
  /** Where the limits are set. */
  limitsAt: string
}

export function ledgerHome(dialect: ForgeDialect = 'github'): LedgerHome {
  return dialect === 'gitlab'
    ? {
        ref: LEDGER_BRANCH,
        file: LEDGER_GITLAB_FILE,
        name: `branch ${LEDGER_BRANCH}`,
        startOver: `deleting the branch: \`git push origin --delete ${LEDGER_BRANCH}\``,
        forbidden: `git-bob's token may not write it: it needs the Developer role and the \`api\` scope, and the branch ${LEDGER_BRANCH} must not be protected`,
        limitsAt: 'the `budget-*` settings, CI/CD variables such as `GIT_BOB_BUDGET_DAILY_USD`'
      }
    : {
        ref: LEDGER_REF,
        file: LEDGER_FILE,
        name: LEDGER_REF,
        startOver: `deleting the ref: \`git push origin --delete ${LEDGER_REF}\``,
        forbidden: "the workflow token may not write it: add `contents: write` to the workflow's permissions",
        limitsAt: 'the `budget-*` inputs of the workflow'
      }
}
/** Days kept before the current month: a run that started on the last day of a month still finds its day. */
const KEEP_DAYS_BEFORE_MONTH = 7
/** A bound on the file: far above a month of runs of a busy repository. */
export const MAX_ENTRIES = 10_000

const DAY = /^\d{4}-\d{2}-\d{2}$/

const Entry = z.object({
  /** The UTC day the run ended on, YYYY-MM-DD. */
  day: z.string().regex(DAY),
  run: z.string().max(100),
  command: z.string().max(40),
  /** US dollars by the price table; null when a model had no known price (it counts as a request only). */
  usd: z.number().min(0).max(100_000).nullable(),
  /** Model calls the run made. */
  calls: z.number().int().min(0).max(1_000_000)
})

const LedgerSchema = z.object({ version: z.literal(1), entries: z.array(Entry).max(MAX_ENTRIES) })

export type LedgerEntry = z.infer<typeof Entry>
export type Ledger = z.infer<typeof LedgerSchema>

export const EMPTY_LEDGER: Ledger = { version: 1, entries: [] }

/** The ledger as read from its ref: anyone with write access can write there, so it is validated like any input. */
export function parseLedger(text: string): { ok: true; ledger: Ledger } | { ok: false; problem: string } {
  let data: unknown
  try {
    data = JSON.parse(text)
  } catch {
    return { ok: false, problem: `${LEDGER_FILE} is not JSON` }
  }
  const parsed = LedgerSchema.safeParse(data)
  if (parsed.success) return { ok: true, ledger: parsed.data }
  const issue = parsed.error.issues[0]
  return {
    ok: false,
    problem: `${LEDGER_FILE}: ${issue ? `${issue.path.join('.') || 'the file'}: ${issue.message}` : 'not a ledger'}`
  }
}

/** One entry a line: small (a busy month is some 80 KB), and each run one line in the ref's history. */
export function formatLedger(ledger: Ledger): string {
  const lines = ledger.entries.map((e) =>
    JSON.stringify({ day: e.day, run: e.run, command: e.command, usd: e.usd, calls: e.calls })
  )
  return `{"version":${ledger.version},"entries":[${lines.length ? `\n${lines.join(',\n')}\n` : ''}]}\n`
}

/** The limits: `budget-daily-usd`, `budget-monthly-usd`, `budget-daily-requests` (null: no limit). */
export interface BudgetLimits {
  dailyUsd: number | null
  monthlyUsd: number | null
  /** Runs that called a model, per UTC day: the only limit a model without a price can be held to. */
  dailyRequests: number | null
}

export function hasLimits(limits: BudgetLimits): boolean {
  return limits.dailyUsd !== null || limits.monthlyUsd !== null || limits.dailyRequests !== null
}

/** The UTC day of a moment, YYYY-MM-DD. */
export function utcDay(now: number): string {
  return new Date(now).toISOString().slice(0, 10)
}

/** The next UTC midnight, when the daily limits start over. */
export function nextDay(now: number): Date {
  const d = new Date(now)
  return new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate() + 1))
}

/** The first of the next month, 00:00 UTC, when the monthly limit starts over. */
export function nextMonth(now: number): Date {
  const d = new Date(now)
  return new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1))
}

export interface Spending {
  todayUsd: number
  monthUsd: number
  /** Runs today that called a model. */
  todayRequests: number
}

export function spending(ledger: Ledger, now: number): Spending {
  const today = utcDay(now)
  const month = today.slice(0, 7)
  let todayUsd = 0
  let monthUsd = 0
  let todayRequests = 0
  for (const entry of ledger.entries) {
    if (entry.day.startsWith(month)) monthUsd += entry.usd ?? 0
    if (entry.day !== today) continue
    todayUsd += entry.usd ?? 0
    if (entry.calls > 0) todayRequests++
  }
  return { todayUsd, monthUsd, todayRequests }
}

export type BudgetDecision =
  | { allowed: true; spent: Spending }
  | {
      allowed: false
      spent: Spending
      /** Which limit is reached. */
      limit: 'daily' | 'monthly' | 'requests'
      /** The limit's value: dollars, or runs. */
      of: number
      resets: Date
    }

/**
 * May a run call a model now? No, once today's or this month's spending has reached its limit (a run in
 * progress cannot be stopped half-way, and runs that start at once each see the spending before them, so a limit
 * can be passed by the runs under way, never by a run that starts after it was reached). The monthly
 * limit is named first: it resets last.
 */
export function decideBudget(ledger: Ledger, limits: BudgetLimits, now: number): BudgetDecision {
  const spent = spending(ledger, now)
  if (limits.monthlyUsd !== null && spent.monthUsd >= limits.monthlyUsd)
    return { allowed: false, spent, limit: 'monthly', of: limits.monthlyUsd, resets: nextMonth(now) }
  if (limits.dailyUsd !== null && spent.todayUsd >= limits.dailyUsd)
    return { allowed: false, spent, limit: 'daily', of: limits.dailyUsd, resets: nextDay(now) }
  if (limits.dailyRequests !== null && spent.todayRequests >= limits.dailyRequests)
    return { allowed: false, spent, limit: 'requests', of: limits.dailyRequests, resets: nextDay(now) }
  return { allowed: true, spent }
}

/**
 * The ledger with a run's entry added and old days dropped: the current month and the week before it are
 * kept (the month's total needs the month; a few days more cost little), newest last; past MAX_ENTRIES the days
 * before today are folded into one entry each.
 */
export function addEntry(ledger: Ledger, entry: LedgerEntry, now: number): Ledger {
  const monthStart = new Date(`${utcDay(now).slice(0, 7)}-01T00:00:00Z`).getTime()
  const oldest = utcDay(monthStart - KEEP_DAYS_BEFORE_MONTH * 86_400_000)
  const kept = [...ledger.entries.filter((e) => e.day >= oldest), entry]
  if (kept.length <= MAX_ENTRIES) return { version: 1, entries: kept }
  // Too many runs for one file: the days before today become one entry each, so the month's total stays whole
  // (today's runs stay apart: the daily request count counts them).
  const days = new Map<string, LedgerEntry>()
  for (const e of kept.filter((e) => e.day !== entry.day)) {
    const day = days.get(e.day)
    days.set(
      e.day,
      day
        ? {
            ...day,
            usd: day.usd === null && e.usd === null ? null : (day.usd ?? 0) + (e.usd ?? 0),
            calls: day.calls + e.calls
          }
        : { ...e, run: 'the runs of the day', command: 'all' }
    )
  }
  return { version: 1, entries: [...days.values(), ...kept.filter((e) => e.day === entry.day)].slice(-MAX_ENTRIES) }
}
