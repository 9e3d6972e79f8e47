// The budget's ledger on GitHub, and what people read about it. It lives in one small JSON file on the ref
// refs/git-bob/ledger, read and written with the workflow token through GitHub's git data API. Why there:
// every run of any workflow can read and write it (an Actions cache entry cannot be overwritten, and a cache
// written on one branch is not read from another); it needs no checkout and starts no workflow (no branch);
// it is one history git can show (`git fetch origin refs/git-bob/ledger`); and writes are compare-and-swap
// (GitHub moves a ref only to a descendant without force), so two runs at once never lose each other's
// spending. git-bob's stamped messages carry each run's cost too, but summing them means reading every
// thread of the repository. To start over, delete the ref. On GitLab, whose API writes files only on branches,
// the same file lives on the branch git-bob/ledger (as .git-bob/ledger.json), written through the Repository
// Files API with the commit the file was read at as its last_commit_id (GitLab refuses, 400, a write when the
// file changed since): the same compare-and-swap (adapters/gitlab/api.ts), which tells a lost race (false) from
// any other refusal (thrown, so the job's warning names it). ports/ledger.ts names each forge's home.
import { ConfigError, httpStatus } from '../errors.ts'
import { formatCost } from '../llm/prices.ts'
import { counted } from '../plural.ts'
import type { Forge } from '../ports/forge.ts'
import {
  addEntry,
  decideBudget,
  EMPTY_LEDGER,
  formatLedger,
  ledgerHome,
  parseLedger,
  type BudgetDecision,
  type BudgetLimits,
  type Ledger,
  type LedgerEntry,
  type LedgerHome,
  type Spending
} from '../ports/ledger.ts'
import type { Logger } from '../ports/run.ts'

/** The forge calls the ledger makes: a read, and the compare-and-swap write; the dialect names its home. */
export type LedgerStore = Pick<Forge, 'refFile' | 'writeRefFile' | 'dialect'>

/** The ledger's home on the store's forge. */
export function homeOf(store: Pick<Forge, 'dialect'>): LedgerHome {
  return ledgerHome(store.dialect)
}

/** Writes that lost the race are retried from a fresh read this often. */
const ATTEMPTS = 5

/** The ledger and the commit it was read from (null: no ledger yet). */
interface Read {
  ledger: Ledger
  commit: string | null
}

/**
 * The ledger as it is now. A malformed one is no ledger git-bob can trust: it refuses to spend until a
 * maintainer deletes the ref (starting a new one silently would let anyone with write access to the ref
 * lift the limit by breaking the file). Thrown as a ConfigError, so the thread is told how to fix it.
 */
async function readLedger(store: LedgerStore): Promise<Read> {
  const home = homeOf(store)
  const found = await store.refFile(home.ref, home.file)
  if (!found) return { ledger: EMPTY_LEDGER, commit: null }
  if (found.text === null) throw new ConfigError(malformed(`${home.name} has no ${home.file}`, home))
  const parsed = parseLedger(found.text)
  if (!parsed.ok) throw new ConfigError(malformed(parsed.problem, home))
  return { ledger: parsed.ledger, commit: found.commit }
}

function malformed(problem: string, home: LedgerHome): string {
  return `The budget's ledger cannot be read (${problem}), so git-bob spends nothing until it is fixed. A maintainer can start it over by ${home.startOver}.`
}

/**
 * The one check every trigger makes before spending: may a model be called now, given the limits? Reads the
 * ledger (two GitHub requests); a malformed ledger throws (see readLedger).
 */
export async function budgetAllows(store: LedgerStore, limits: BudgetLimits, now: number): Promise<BudgetDecision> {
  const { ledger } = await readLedger(store)
  return decideBudget(ledger, limits, now)
}

/**
 * Adds a run's spending to the ledger: read, add, write only if the ref is still where it was read; when
 * another run wrote first, read again and add to what it wrote. Returns the spending after the entry.
 */
export async function recordSpending(
  store: LedgerStore,
  entry: LedgerEntry,
  now: number,
  limits: BudgetLimits
): Promise<Spending> {
  for (let attempt = 1; attempt <= ATTEMPTS; attempt++) {
    const { ledger, commit } = await readLedger(store)
    const next = addEntry(ledger, entry, now)
    const home = homeOf(store)
    if (await store.writeRefFile(home.ref, home.file, formatLedger(next), commit))
      return decideBudget(next, limits, now).spent
    // Runs that lost together would meet again at once: each waits a random while, longer each time.
    if (attempt < ATTEMPTS) await new Promise((resolve) => setTimeout(resolve, Math.random() * 100 * attempt))
  }
  throw new Error(`the ledger changed under ${counted(ATTEMPTS, 'attempt')} to add this run`)
}

/** After the run: its entry added, and the job summary's line; a ledger that cannot be written is a warning. */
export async function closeLedger(
  store: LedgerStore,
  entry: LedgerEntry,
  now: number,
  limits: BudgetLimits,
  log: Logger
): Promise<string> {
  const home = homeOf(store)
  try {
    return ledgerLine(await recordSpending(store, entry, now, limits), limits, home)
  } catch (error) {
    // The workflow token writes the ref only with `contents: write`; without it the limits would never be reached.
    const why = httpStatus(error) === 403 ? home.forbidden : error instanceof Error ? error.message : String(error)
    log.warning(`git-bob: this run's spending was not added to the budget's ledger (${home.name}): ${why}`)
    return `not recorded: ${why}`
  }
}

function of(limit: number | null, amount: (n: number) => string): string {
  return limit === null ? '' : ` of ${amount(limit)}`
}

/** The job summary's line: today and this month, against the limits. */
export function ledgerLine(spent: Spending, limits: BudgetLimits, home: LedgerHome = ledgerHome()): string {
  const usd = (n: number): string => formatCost(n)
  const requests =
    limits.dailyRequests === null ? '' : `, ${spent.todayRequests}${of(limits.dailyRequests, String)} requests`
  return `today ${usd(spent.todayUsd)}${of(limits.dailyUsd, usd)}${requests}; this month ${usd(spent.monthUsd)}${of(limits.monthlyUsd, usd)} (${home.name})`
}

function when(date: Date): string {
  return `${date.toISOString().slice(0, 16).replace('T', ' ')} UTC`
}

/** The polite answer when the budget is spent: what was spent, which limit, and when it starts over. */
export function budgetSpentMessage(
  decision: Extract<BudgetDecision, { allowed: false }>,
  home: LedgerHome = ledgerHome()
): string {
  const { spent, resets } = decision
  const what =
    decision.limit === 'monthly'
      ? `this month's budget of ${formatCost(decision.of)} is spent (${formatCost(spent.monthUsd)} so far)`
      : decision.limit === 'daily'
        ? `today's budget of ${formatCost(decision.of)} is spent (${formatCost(spent.todayUsd)} so far)`
        : `today's ${counted(decision.of, 'request')} that call a model are used up`
  return `Sorry, I can't take this on now: ${what}. The budget starts over at ${when(resets)}; ask me again then, or a maintainer can raise the limit (${home.limitsAt}).`
}
