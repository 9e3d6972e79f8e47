// read_ci: the check runs and commit statuses of a pull request's head commit, and the tail of each failed
// GitHub Actions job's log, so "why does CI fail?" can be answered. A permission the token lacks is named.
import { z } from 'zod'
import { MissingPermissionError } from '../../errors.ts'
import type { Tool } from '../../llm/tools.ts'
import { KEY_BLOCK_BEGIN, KEY_BLOCK_END } from '../../outbox/repository-secrets.ts'
import { counted } from '../../plural.ts'
import { fenced } from '../../ports/fenced.ts'
import type { CheckRunInfo, StatusInfo } from '../../ports/github.ts'
import type { CiSource } from '../../ports/repository.ts'
import { cutMasked, failed, MASK_MARGIN, reason } from './result.ts'

export interface CiToolContext {
  ci: CiSource
  current: { number: number; kind: 'issue' | 'pull_request' }
  /** The most failed jobs whose logs are read. */
  maxLogs: number
  /** Lines kept from the end of each log. */
  tailLines: number
  /** Masks secrets in a log before its long lines are cut (the tools' own redaction comes after the cut). */
  redact: (text: string) => string
}

const FAILED = new Set(['failure', 'timed_out', 'startup_failure', 'action_required'])
const LINE_CHARS = 400

const ciInput = z.object({
  number: z
    .number()
    .int()
    .min(1)
    .optional()
    .describe('the pull request number; default: the pull request this conversation is on')
})

export function readCiTool(context: CiToolContext): Tool<z.infer<typeof ciInput>> {
  return {
    name: 'read_ci',
    description:
      "Shows a pull request's CI: the check runs and commit statuses of its head commit, and the end of each failed job's log.",
    input: ciInput,
    async run(input) {
      const number = input.number ?? (context.current.kind === 'pull_request' ? context.current.number : null)
      if (number === null) return failed('This conversation is on an issue: name the pull request with "number".')
      const sha = await context.ci.headSha(number)
      if (!sha) return failed(`There is no pull request #${number}.`)
      const [runs, statuses] = await Promise.allSettled([context.ci.checkRuns(sha), context.ci.statuses(sha)])
      if (runs.status === 'rejected' && statuses.status === 'rejected')
        return failed(
          `CI of pull request #${number} could not be read. ${reason(runs.reason)}. ${reason(statuses.reason)}.`
        )
      const lines = [`# CI of pull request #${number} at ${sha.slice(0, 7)}`, '']
      if (runs.status === 'fulfilled') lines.push(...renderRuns(runs.value, context.redact))
      else lines.push(`Check runs: ${reason(runs.reason)}.`)
      lines.push('')
      if (statuses.status === 'fulfilled') lines.push(...renderStatuses(statuses.value, context.redact))
      else lines.push(`Commit statuses: ${reason(statuses.reason)}.`)
      if (runs.status === 'fulfilled') lines.push(...(await failedLogs(runs.value, context)))
      return { text: lines.join('\n') }
    }
  }
}

function renderRuns(runs: CheckRunInfo[], redact: (text: string) => string): string[] {
  if (!runs.length) return ['Check runs: none.']
  const failing = runs.filter((r) => r.conclusion && FAILED.has(r.conclusion)).length
  const pending = runs.filter((r) => r.status !== 'completed').length
  const lines = [`Check runs (${counted(runs.length, 'run')}: ${failing} failed, ${pending} not finished):`]
  for (const run of runs) {
    const state = run.status === 'completed' ? (run.conclusion ?? 'completed') : run.status
    const title = run.title ? ` — ${run.title}` : ''
    lines.push(`- ${run.name}: ${state}${title}`)
    if (run.summary && run.conclusion && FAILED.has(run.conclusion))
      lines.push(`  ${oneLine(run.summary, LINE_CHARS, redact)}`)
  }
  return lines
}

function renderStatuses(statuses: StatusInfo[], redact: (text: string) => string): string[] {
  if (!statuses.length) return ['Commit statuses: none.']
  return [
    `Commit statuses (${counted(statuses.length, 'status', 'statuses')}):`,
    ...statuses.map(
      (s) => `- ${s.context}: ${s.state}${s.description ? ` — ${oneLine(s.description, LINE_CHARS, redact)}` : ''}`
    )
  ]
}

/** The end of the log of each failed GitHub Actions job (their check run id is the job id). */
async function failedLogs(runs: CheckRunInfo[], context: CiToolContext): Promise<string[]> {
  const failedJobs = runs.filter((r) => r.app === 'github-actions' && r.conclusion && FAILED.has(r.conclusion))
  const lines: string[] = []
  for (const run of failedJobs.slice(0, context.maxLogs)) {
    lines.push('', `## Log of ${run.name} (the end)`, '')
    try {
      lines.push(fenced(logTail(await context.ci.jobLog(run.id), context.tailLines, context.redact)))
    } catch (error) {
      if (error instanceof MissingPermissionError) lines.push(`${error.message}.`)
      else lines.push(`The log could not be read (${reason(error)}); it may have expired or the job may still run.`)
    }
  }
  if (failedJobs.length > context.maxLogs)
    lines.push('', `(logs of ${counted(failedJobs.length - context.maxLogs, 'more failed job')} not read)`)
  return lines
}

/** A text on one line, masked before it is cut (a check run's summary may be long). */
function oneLine(text: string, max: number, redact: (text: string) => string): string {
  return cutMasked(text.replace(/\s+/g, ' ').trim(), max, redact)
}

// eslint-disable-next-line no-control-regex -- colour codes start with ESC
const ANSI = /\u001b\[[0-9;?]*[A-Za-z]/g
const TIMESTAMP = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d+)?Z ?/

/**
 * The last lines of a job's log, without timestamps and colour codes; `##[error]` lines from before the tail
 * come first, since they usually say what failed. What is kept is masked (`redact`) before a long line is cut, so
 * that no cut leaves a secret's first characters behind; the masking reads only the lines kept. Pure.
 */
export function logTail(log: string, tailLines: number, redact: (text: string) => string): string {
  const lines = log
    .replace(/\r\n?/g, '\n')
    .split('\n')
    .map((l) => l.replace(ANSI, '').replace(TIMESTAMP, ''))
  while (lines.length && !lines[lines.length - 1]!.trim()) lines.pop()
  const start = Math.max(0, lines.length - tailLines)
  const earlierErrors = lines
    .slice(0, start)
    .filter((l) => l.startsWith('##[error]'))
    .slice(-10)
  const parts: string[] = []
  if (earlierErrors.length) parts.push('(errors earlier in the log)', ...maskedLines(earlierErrors, redact), '')
  if (start > 0) parts.push(`(${counted(start, 'earlier line')} left out)`)
  return [...parts, ...maskedLines(withoutKeyBody(lines.slice(0, start), lines.slice(start)), redact)].join('\n')
}

/**
 * The tail, but where the lines left out end inside a private key block (its BEGIN among them, its END not), the
 * tail's lines up to that END, or all of them, as one mask: masking sees only the tail, which shows no BEGIN.
 */
function withoutKeyBody(leftOut: readonly string[], tail: readonly string[]): string[] {
  if (!endsInsideKey(leftOut)) return [...tail]
  const end = tail.findIndex((l) => l.match(KEY_BLOCK_END) !== null)
  return end < 0 ? ['***'] : ['***', ...tail.slice(end + 1)]
}

/** Whether the last private key block the lines open is not closed in them. */
function endsInsideKey(lines: readonly string[]): boolean {
  let inside = false
  for (const line of lines) {
    const begins = [...line.matchAll(KEY_BLOCK_BEGIN)].map((m) => m.index)
    const ends = [...line.matchAll(KEY_BLOCK_END)].map((m) => m.index)
    if (begins.length || ends.length) inside = (begins.at(-1) ?? -1) > (ends.at(-1) ?? -1)
  }
  return inside
}

/** Lines masked together (a private key block spans lines), then each cut to LINE_CHARS. */
function maskedLines(lines: readonly string[], redact: (text: string) => string): string[] {
  return redact(lines.map((l) => l.slice(0, LINE_CHARS + MASK_MARGIN)).join('\n'))
    .split('\n')
    .map((l) => (l.length > LINE_CHARS ? `${l.slice(0, LINE_CHARS)}…` : l))
}
