// What an eval shows (pure): each thread as it reads on GitHub, a table per model, the results as JSON and a
// markdown report. A run with the stand-ins is labelled "harness check, not a score" in each of them.
import { formatCost } from '../src/llm/prices.ts'
import type { Usage } from '../src/llm/types.ts'
import type { Ending } from './thread.ts'

export const HARNESS_CHECK = 'harness check, not a score'

export interface ThreadEntry {
  login: string
  what: string
  body: string
}

/** A thread as GitHub shows it: who, what, and the message (stamps included, hidden markers gone). */
export function renderThread(title: string, entries: readonly ThreadEntry[]): string {
  const messages = entries.map((e) => `**@${e.login}** ${e.what}\n\n${e.body.trim() || '*(empty)*'}`)
  return `#### ${title}\n\n${messages.join('\n\n---\n\n')}`
}

export interface TaskResult {
  task: string
  kind: string
  model: string
  authorModel: string
  /** Not run: the cost cap was reached before it. */
  skipped: string | null
  solved: boolean
  ending: Ending | null
  turns: number
  messages: number
  failedRuns: number
  check: string[]
  /** git-bob's tokens and cost (the model under test); the author's apart. */
  usage: Usage
  costUsd: number | null
  authorUsage: Usage
  authorCostUsd: number | null
  wallMs: number
  thread: string
  /** Calls the replay asked for beyond the cassette, when replaying. */
  beyondCassette?: number
}

export interface EvalResults {
  /** "harness check, not a score" with the stand-ins; "score" with real models or their replayed cassettes. */
  label: string
  mode: 'stand-in' | 'real' | 'replay'
  date: string
  gitBobVersion: string
  models: string[]
  authorModels: string[]
  estimateUsd: number | null
  maxCostUsd: number | null
  results: TaskResult[]
}

const seconds = (ms: number): string => `${(ms / 1000).toFixed(1)} s`
const cost = (usd: number | null): string => (usd === null ? '–' : formatCost(usd))

interface Row {
  model: string
  solved: number
  run: number
  skipped: number
  turns: number
  messages: number
  usage: Usage
  cost: number | null
  wallMs: number
}

export function rows(results: EvalResults): Row[] {
  return results.models.map((model) => {
    const mine = results.results.filter((r) => r.model === model)
    const ran = mine.filter((r) => !r.skipped)
    const costs = ran.map((r) => r.costUsd)
    return {
      model,
      solved: ran.filter((r) => r.solved).length,
      run: ran.length,
      skipped: mine.length - ran.length,
      turns: ran.reduce((s, r) => s + r.turns, 0),
      messages: ran.reduce((s, r) => s + r.messages, 0),
      usage: {
        inputTokens: ran.reduce((s, r) => s + r.usage.inputTokens, 0),
        outputTokens: ran.reduce((s, r) => s + r.usage.outputTokens, 0)
      },
      cost: costs.some((c) => c === null) ? null : costs.reduce<number>((s, c) => s + c!, 0),
      wallMs: ran.reduce((s, r) => s + r.wallMs, 0)
    }
  })
}

/** The table per model, as markdown (it reads as a table in a terminal too). */
export function table(results: EvalResults): string {
  const head = '| model | tasks solved | turns | messages | tokens in | tokens out | cost | wall time |'
  const lines = rows(results).map(
    (r) =>
      `| ${r.model} | ${r.solved}/${r.run}${r.skipped ? ` (${r.skipped} not run)` : ''} | ${r.turns} | ${r.messages} | ${r.usage.inputTokens} | ${r.usage.outputTokens} | ${cost(r.cost)} | ${seconds(r.wallMs)} |`
  )
  const label = results.label === HARNESS_CHECK ? [`**${HARNESS_CHECK}**: the stand-ins played both roles.`, ''] : []
  return [...label, head, '| --- | --- | --- | --- | --- | --- | --- | --- |', ...lines].join('\n')
}

/** The markdown report: the table, then each task's result and its thread as it reads on GitHub. */
export function report(results: EvalResults): string {
  const title = results.label === HARNESS_CHECK ? `git-bob eval (${HARNESS_CHECK})` : 'git-bob eval'
  return [
    `# ${title}`,
    '',
    `${results.date}, git-bob ${results.gitBobVersion}; models ${results.models.join(', ')}; simulated author ${results.authorModels.join(', ')}; ${results.mode === 'stand-in' ? 'stand-ins, no model was asked' : results.mode === 'replay' ? 'replayed from cassettes' : 'real models'}.`,
    '',
    table(results),
    '',
    ...results.results.flatMap((r) => [
      `## ${r.task} (${r.kind}) with ${r.model}`,
      '',
      r.skipped
        ? `Not run: ${r.skipped}.`
        : `${r.solved ? '**Solved**' : '**Not solved**'}; the thread ended ${r.ending === 'turn limit' ? 'at the turn limit' : `with the author ${r.ending}`} after ${r.turns} turns, ${r.messages} messages; ${r.usage.inputTokens} tokens in, ${r.usage.outputTokens} out, ${cost(r.costUsd)} (the author: ${r.authorUsage.inputTokens} in, ${r.authorUsage.outputTokens} out); ${seconds(r.wallMs)}${r.failedRuns ? `; ${r.failedRuns} of git-bob's runs failed` : ''}.`,
      '',
      ...(r.skipped ? [] : ['The check:', '', ...r.check.map((d) => `- ${d.replace(/\n/g, '\n  ')}`), '', r.thread, ''])
    ])
  ].join('\n')
}
