// How a notebook run and a check ended, as data: the code decides from these, and this module alone turns them
// into the words people read (the pull request, the progress comment, the check report, the job summary's record
// of runs, the model's repair prompt). Pure.
import { fenced } from '../../ports/fenced.ts'
import { exitWords } from '../../ports/exit.ts'
import type { RunRow } from '../../record/summary.ts'
import { counted } from '../../plural.ts'
import type { CheckLine, CheckReport } from '../types.ts'

/** How a notebook of the change ended. */
export type NotebookStatus =
  /** Only markdown changed: the old outputs were kept and it did not run. */
  | { kind: 'text-only' }
  | { kind: 'ran'; ms: number; rounds: number }
  /** Every repair round used, and it still fails; `error` is its first error, masked. */
  | { kind: 'still-fails'; rounds: number; error: string }
  /** It failed and the request's time for runs ran out before it could be repaired. */
  | { kind: 'stopped'; limitMs: number; error: string }
  /** The request's time for runs ran out before it started. */
  | { kind: 'out-of-time'; limitMs: number }
  /** Notebooks cannot run here; `reason` is the runner's phrase. */
  | { kind: 'unavailable'; reason: string }
  /**
   * Jupyter itself failed: nothing the model could repair. `problem` is one line that says why (the exit code or
   * signal, a limit, the time); `output` the last lines Jupyter printed, masked; `ms` how long the run took.
   */
  | { kind: 'could-not-run'; problem: string; output: string | null; ms: number }

/** How one line of the checks ended: a command run in the sandbox, or a notebook. */
export type CheckStatus =
  | { kind: 'passed'; ms: number }
  /** The sandbox's limit it hit, in the sandbox's words ("stopped: used more than 4 GB of memory ..."). */
  | { kind: 'limit'; limit: string }
  /** Killed when the request's time for runs and checks ran out. */
  | { kind: 'timed-out'; ms: number }
  | { kind: 'setup-failed'; setup: string | null; code: number | null }
  | { kind: 'failed'; code: number; ms: number }
  | { kind: 'could-not-run' }
  /** Not run: checks cannot run here; `reason` is the sandbox's phrase. */
  | { kind: 'unavailable'; reason: string }
  /** Not run: the request's time for runs and checks had run out. */
  | { kind: 'out-of-time' }
  /** Not run: an earlier check failed, and the rest waits for the repair. */
  | { kind: 'after-failure' }
  | { kind: 'notebook'; notebook: NotebookStatus }

const TIME_INPUT = 'the `notebook-timeout-seconds` input'

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)} s`
}

/** The time for all notebook runs of a request, for the pull request. */
function notebookTimeLimit(limitMs: number): string {
  return `the ${Math.round(limitMs / 1000)} s for all notebook runs of this request (${TIME_INPUT}) ran out`
}

function firstLine(text: string): string {
  return text.split('\n')[0]!
}

/**
 * The sentence after a notebook's line in the pull request's description; with `emphasis` false, the same
 * words without markdown, for its line in the checks. A notebook that went wrong is named here, and why is said
 * once, under "What could not be done" (notebookProblem), which every message about the change carries.
 */
export function notebookSentence(status: NotebookStatus, emphasis = true): string {
  const strong = (text: string): string => (emphasis ? `**${text}**` : text)
  switch (status.kind) {
    case 'text-only':
      return 'only its text changed, so its earlier outputs were kept and it was not run again'
    case 'ran':
      return status.rounds === 0
        ? `ran without errors in ${seconds(status.ms)}`
        : `ran without errors in ${seconds(status.ms)} after ${counted(status.rounds, 'repair round')}`
    case 'still-fails':
      return `${strong(`still fails after ${counted(status.rounds, 'repair round')}`)} (see below)`
    case 'stopped':
      return `${strong('stopped')} before it could be repaired (see below)`
    case 'out-of-time':
      return `${strong('not run')} (see below)`
    case 'unavailable':
      return `${strong('not run')}: ${status.reason}`
    case 'could-not-run':
      return `${strong('could not be run')} (see below)`
  }
}

/** A notebook's end in full, in one line, after its path: what the job summary's record of runs says. */
function notebookAccount(status: NotebookStatus): string {
  switch (status.kind) {
    case 'still-fails':
      return `still fails after ${counted(status.rounds, 'repair round')}; it is committed with the error visible: ${firstLine(status.error)}`
    case 'stopped':
      return `was stopped: ${notebookTimeLimit(status.limitMs)} before it could be repaired; it is committed with the error visible: ${firstLine(status.error)}`
    case 'out-of-time':
      return `was not run: ${notebookTimeLimit(status.limitMs)}; it is committed without fresh outputs`
    case 'could-not-run':
      return `could not be run: ${firstLine(status.problem)}`
    default:
      return notebookSentence(status, false)
  }
}

/**
 * What the pull request lists under "What could not be done" for a notebook: the one place that says why;
 * null when nothing went wrong.
 */
export function notebookProblem(path: string, status: NotebookStatus): string | null {
  switch (status.kind) {
    case 'stopped':
    case 'out-of-time':
    case 'still-fails':
      return `\`${path}\` ${notebookAccount(status)}. Please look at it.`
    case 'could-not-run': {
      const said = `\`${path}\` ${notebookAccount(status)}`
      if (!status.output) return `${said}.`
      const shown = fenced(status.output)
        .split('\n')
        .map((line) => (line ? `  ${line}` : line))
        .join('\n')
      return `${said}. The last lines Jupyter printed:\n\n${shown}`
    }
    default:
      return null
  }
}

/** The mark a status gets in the report: passed, failed, or not run. */
export function stateOf(status: CheckStatus): CheckLine['status'] {
  switch (status.kind) {
    case 'passed':
      return 'passed'
    case 'unavailable':
    case 'out-of-time':
    case 'after-failure':
      return 'not-run'
    case 'notebook':
      return status.notebook.kind === 'ran' || status.notebook.kind === 'text-only'
        ? 'passed'
        : status.notebook.kind === 'still-fails' || status.notebook.kind === 'stopped'
          ? 'failed'
          : 'not-run'
    default:
      return 'failed'
  }
}

/** How a line ended, in one sentence after its command or path. */
export function summaryOf(status: CheckStatus): string {
  switch (status.kind) {
    case 'passed':
      return `passed in ${seconds(status.ms)}`
    case 'limit':
      return `was ${status.limit}`
    case 'timed-out':
      return `was stopped after ${seconds(status.ms)}: the time for notebook runs and checks ran out (${TIME_INPUT})`
    case 'setup-failed':
      return `did not run: the set-up command \`${status.setup}\` failed${status.code === null ? '' : ` (exit code ${status.code})`}`
    case 'failed':
      return `failed with ${exitWords(status.code)}`
    case 'could-not-run':
      return 'could not be run'
    case 'unavailable':
      return `not run: ${status.reason}`
    case 'out-of-time':
      return `not run: the time for notebook runs and checks ran out (${TIME_INPUT})`
    case 'after-failure':
      return 'not run: an earlier check failed'
    case 'notebook':
      return notebookSentence(status.notebook, false)
  }
}

/**
 * How a line ended for the job summary's record of runs: summaryOf's words, but with why a notebook went wrong
 * (the pull request says it once, under "What could not be done").
 */
export function recordSentence(status: CheckStatus): string {
  return status.kind === 'notebook' ? notebookAccount(status.notebook) : summaryOf(status)
}

/** How long a line's run took, where it ran and its status knows. */
export function runMs(status: CheckStatus): number | null {
  switch (status.kind) {
    case 'passed':
    case 'timed-out':
    case 'failed':
      return status.ms
    case 'notebook':
      return status.notebook.kind === 'ran' || status.notebook.kind === 'could-not-run' ? status.notebook.ms : null
    default:
      return null
  }
}

/** Whether a line ended because the request's time for runs and checks ran out. */
export function timeRanOut(status: CheckStatus): boolean {
  return status.kind === 'timed-out' || status.kind === 'out-of-time'
}

/** A line of the report: its status, and that status in words. */
export function checkLine(kind: CheckLine['kind'], name: string, ended: CheckStatus, tail: string | null): CheckLine {
  return { kind, name, status: stateOf(ended), summary: summaryOf(ended), tail, ended }
}

/** Why the repair of failing checks stopped before they passed. */
export type RepairStop =
  /** Every repair round the `check-repair-rounds` input allows was used. */
  | { kind: 'rounds-used'; rounds: number; allowed: number }
  /** The request's time for runs and checks ran out. */
  | { kind: 'time-up'; limitMs: number }
  /** The model's tool conversation was cut short by a limit; `why` is the tool loop's phrase. */
  | { kind: 'cut-short'; why: string }
  /** The model ended its tool conversation while checks still failed. */
  | { kind: 'model-ended' }

/** Why the repair stopped, for the pull request's warning ("I stopped: ..."). */
export function stopSentence(stop: RepairStop): string {
  switch (stop.kind) {
    case 'rounds-used':
      return `the checks still fail after ${counted(stop.rounds, 'repair round')} (the \`check-repair-rounds\` input allows ${stop.allowed})`
    case 'time-up':
      return `the ${Math.round(stop.limitMs / 1000)} s for notebook runs and checks ran out (${TIME_INPUT})`
    case 'cut-short':
      return `the model's repair was cut short: ${stop.why}`
    case 'model-ended':
      return 'the model ended its repair before the checks passed'
  }
}

const RUN_KIND: Record<CheckLine['kind'], string> = { notebook: 'notebook', check: 'check', syntax: 'syntax check' }

/** The job summary's rows of what a change ran: what, how it ended (recordSentence), how long, its output. */
export function runRows(report: CheckReport | null): RunRow[] {
  return (report?.lines ?? []).map((line) => ({
    kind: RUN_KIND[line.kind],
    name: line.name,
    ended: recordSentence(line.ended),
    ms: runMs(line.ended),
    tail: line.tail ?? null
  }))
}
