// The last stage, and what it gathers on the way: the run's facts, its notes, the transcript of every
// model call and where the time went. At the end it writes the job summary and the action's outputs.
import type { RunOutputs, RunResult } from '../ports/run.ts'
import type { RunRow } from './summary.ts'
import type { TriggerEvent } from '../trigger/event.ts'
import type { Command } from '../trigger/grammar.ts'
import { Notes } from './notes.ts'
import { renderSummary } from './summary.ts'
import { Transcript } from './transcript.ts'

/** Where time went besides the model: filled in by the stages that use git or Jupyter. */
export interface TimeSpent {
  git: { readonly gitMs: number } | null
  notebooks: { readonly elapsedMs: number; readonly isolation: string | null } | null
  checks: { readonly elapsedMs: number; readonly isolation: string | null } | null
}

/** Where the time of a run went; a part is named only where the run had it (a comment runs neither git nor Jupyter). */
export interface TimeParts {
  model: number | null
  notebooks: number | null
  checks: number | null
  git: number | null
}

export function timeLine(totalMs: number, parts: TimeParts, forge = 'GitHub'): string {
  const s = (ms: number): string => `${(ms / 1000).toFixed(1)} s`
  const named = (Object.entries(parts) as [keyof TimeParts, number | null][]).filter(
    (entry): entry is [keyof TimeParts, number] => entry[1] !== null
  )
  if (!named.length) return `total ${s(totalMs)}`
  const other = Math.max(0, totalMs - named.reduce((sum, [, ms]) => sum + ms, 0))
  return `total ${s(totalMs)}: ${named.map(([name, ms]) => `${name} ${s(ms)}`).join(', ')}, ${forge} and the rest ${s(other)}`
}

export function requestFacts(event: TriggerEvent, command: Command): [string, string][] {
  const source =
    event.request.source === 'label' ? `label ${event.request.label}` : event.request.source.replace('_', ' ')
  const verb =
    command.kind === 'known'
      ? command.verb
      : command.unreadable !== undefined
        ? `none (${command.unreadable})`
        : `unknown ("${command.word}")`
  // A login with a space is no user's (GitLab's pipeline schedule): named, not written as a handle.
  const login = event.request.author.login
  const who = /\s/.test(login) ? login : `@${login}`
  return [
    ['request', `[${source} by ${who}](${event.request.url})`],
    ['command', verb + (command.model ? `, asking for the model ${command.model}` : '')]
  ]
}

export class RunRecord {
  readonly notes = new Notes()
  readonly transcript = new Transcript(this.notes)
  readonly spent: TimeSpent = { git: null, notebooks: null, checks: null }
  private readonly started: number
  private readonly facts: [string, string][] = []
  private runs: readonly RunRow[] = []
  private readonly clock: () => number

  constructor(clock: () => number = Date.now) {
    this.clock = clock
    this.started = clock()
  }

  fact(name: string, value: string): void {
    this.facts.push([name, value])
  }

  /** The notebooks and checks a change ran, for the job summary's section of runs. */
  ran(rows: readonly RunRow[]): void {
    this.runs = rows
  }

  /** The job summary (redacted) and the outputs `status` and `comment-url`. */
  async close(
    result: RunResult,
    title: string,
    /** The forge's name (GitHub, GitLab) and how many of its API's requests the run made. */
    api: { forge: string; calls: number },
    adapters: RunOutputs,
    redact: (text: string) => string
  ): Promise<void> {
    const modelMs = this.transcript.calls.reduce((sum, c) => sum + c.durationMs, 0)
    const total = this.clock() - this.started
    this.fact('outcome', result.status + (result.posted.length ? `: ${result.posted.join(', ')}` : ''))
    this.fact(`${api.forge} API calls`, String(api.calls))
    const isolation = this.spent.notebooks?.isolation ?? this.spent.checks?.isolation
    if (isolation) this.fact('sandbox', isolation)
    this.fact(
      'time',
      timeLine(
        total,
        {
          model: this.transcript.calls.length ? modelMs : null,
          // Both runners are created for every request that could run them; named only when they ran.
          notebooks: this.spent.notebooks?.elapsedMs || null,
          checks: this.spent.checks?.elapsedMs || null,
          git: this.spent.git?.gitMs ?? null
        },
        api.forge
      )
    )
    await adapters.writeSummary(renderSummary({ title, rows: this.facts, runs: this.runs }, this.transcript, redact))
    adapters.setOutput('status', result.status)
    if (result.posted[0]) adapters.setOutput('comment-url', result.posted[0])
  }
}
