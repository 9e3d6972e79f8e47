// The job summary: a readable record of the run and of every model call (prompt, answer, model,
// tokens, time), so people can learn from each other's prompts. Pure: returns markdown.
import { formatCost, freeTier, PRICES_CHECKED } from '../llm/prices.ts'
import type { Message } from '../llm/types.ts'
import type { ToolRun } from '../llm/tool-loop.ts'
import { renderStructured } from './structured.ts'
import { callCost, type CallRecord, type Transcript } from './transcript.ts'
import { fenced } from '../ports/fenced.ts'
import { counted } from '../plural.ts'

/** GitHub accepts at most 1 MiB of summary per step; leave room for the header. */
const SUMMARY_LIMIT = 900_000
const PROMPT_LIMIT = 200_000

export interface RunFacts {
  title: string
  rows: [string, string][]
  /** The notebooks and checks run on a change, as they ended (none: nothing ran). */
  runs?: readonly RunRow[]
}

/** One notebook or check a change ran, in words (commands/implement/statuses.ts's runRows makes them). */
export interface RunRow {
  /** notebook, check, syntax check */
  kind: string
  name: string
  /** How it ended: the exit code or signal, the reason. */
  ended: string
  ms: number | null
  /** The last lines of its output, if any. */
  tail: string | null
}

/** What ran in the sandbox: what, how it ended (exit code or signal, the reason), how long; then each output. */
function runSection(runs: readonly RunRow[]): string[] {
  if (!runs.length) return []
  const rows = runs.map((r) => {
    const ms = r.ms
    return `| ${r.kind} | \`${cell(r.name).replace(/`/g, "'")}\` | ${cell(r.ended)} | ${ms === null ? '' : `${(ms / 1000).toFixed(1)} s`} |`
  })
  const outputs = runs
    .filter((r) => r.tail)
    .flatMap((r) => [
      `<details><summary>${r.kind} <code>${r.name.replace(/[<>&]/g, '')}</code>: the last lines of its output</summary>`,
      '',
      fenced(r.tail!),
      '',
      '</details>',
      ''
    ])
  return [
    '### Notebook and check runs',
    '',
    '| run | what | how it ended | time |',
    '|---|---|---|---|',
    ...rows,
    '',
    ...outputs
  ]
}

function messageText(message: Message): string {
  if (message.role === 'tool') return message.content
  const calls =
    message.role === 'assistant' && message.toolCalls?.length
      ? `\n[tool calls: ${message.toolCalls.map((c) => `${c.name} ${JSON.stringify(c.arguments)}`).join('; ')}]`
      : ''
  if (typeof message.content === 'string') return `${message.content}${calls}`
  return `${message.content.map((p) => (p.type === 'text' ? p.text : `[image: ${p.mediaType}]`)).join('\n')}${calls}`
}

const cell = (text: string): string => text.replace(/\|/g, '\\|').replace(/\n/g, ' ')

/** The tools a call asked for: one row each (tool, arguments, result size, time). */
function toolTable(runs: readonly ToolRun[]): string[] {
  return [
    '| tool | arguments | result | time |',
    '|---|---|---|---|',
    ...runs.map(
      (r) =>
        `| ${r.name} | \`${cell(r.arguments).replace(/`/g, "'")}\` | ${r.isError ? 'error, ' : ''}${n(r.resultChars)} characters | ${(r.durationMs / 1000).toFixed(1)} s |`
    ),
    ''
  ]
}

function clipped(text: string, max: number): string {
  return text.length <= max
    ? text
    : `${text.slice(0, max)}\n[… ${(text.length - max).toLocaleString('en-US')} more characters not shown]`
}

const n = (value: number): string => value.toLocaleString('en-US')

/** The answer as a person reads it: structured answers rendered, with the JSON as sent collapsed below. */
function answer(call: CallRecord): string[] {
  const text = clipped(call.answer ?? '', PROMPT_LIMIT)
  const structured = call.schema ? renderStructured(call.schema, call.purpose, text) : null
  if (structured === null)
    return [
      '<details open><summary>Answer</summary>',
      '',
      fenced(text, call.schema ? 'json' : 'markdown'),
      '',
      '</details>'
    ]
  return [
    `<details open><summary>Answer (structured: ${call.schema})</summary>`,
    '',
    structured,
    '',
    '</details>',
    '',
    '<details><summary>The answer as sent (JSON)</summary>',
    '',
    fenced(text, 'json'),
    '',
    '</details>'
  ]
}

/**
 * The run's cost: the list-price estimate of the priced calls, the free tier of calls to a service that is free
 * within limits (GitHub Models), and "unknown" as soon as one call that used tokens has neither.
 */
function costCell(transcript: Transcript): string {
  let total = 0
  let priced = false
  const free = new Set<string>()
  for (const call of transcript.calls) {
    if (call.usage.inputTokens === 0 && call.usage.outputTokens === 0) continue
    const cost = callCost(call)
    const tier = freeTier(call.provider)
    if (cost !== null) {
      total += cost
      priced = true
    } else if (tier !== null) free.add(tier)
    else return 'unknown: no price listed for this model'
  }
  const estimate = priced ? [`${formatCost(total)} (list prices of ${PRICES_CHECKED})`] : []
  return [...estimate, ...free].join('; ') || formatCost(0)
}

export function renderSummary(facts: RunFacts, transcript: Transcript, redact: (text: string) => string): string {
  const total = transcript.totalUsage
  const lines = [`## ${facts.title}`, '', '| about the run | |', '|---|---|']
  for (const [key, value] of facts.rows) lines.push(`| ${key} | ${value.replace(/\|/g, '\\|').replace(/\n/g, ' ')} |`)
  lines.push(`| model calls | ${transcript.calls.length} |`)
  if (transcript.calls.length) {
    lines.push(`| tokens | ${n(total.inputTokens)} in / ${n(total.outputTokens)} out |`)
    lines.push(`| cost (estimate) | ${costCell(transcript)} |`)
  }
  const steps = transcript.calls.filter((c) => c.tools?.length).length
  if (steps)
    lines.push(
      `| tool calls | ${transcript.calls.reduce((sum, c) => sum + (c.tools?.length ?? 0), 0)} in ${counted(steps, 'step')} |`
    )
  // One row per name: the notes share one, and so do the remarks on tools (their limits, a price unknown).
  const notes = transcript.notes.forPeople
  if (notes.length) lines.push(`| ${notes.length === 1 ? 'note' : 'notes'} | ${notes.map(cell).join('<br>')} |`)
  if (transcript.remarks.length) lines.push(`| tools | ${transcript.remarks.map(cell).join('<br>')} |`)
  lines.push('', ...runSection(facts.runs ?? []))
  transcript.calls.forEach((call, i) => {
    const model = call.servedModel ?? call.requestedModel
    const cost = callCost(call)
    const usage = call.error
      ? `failed after ${counted(call.attempts, 'attempt')}`
      : `${n(call.usage.inputTokens)} in / ${n(call.usage.outputTokens)} out tokens${cost === null ? '' : ` (~${formatCost(cost)})`}`
    lines.push(
      `### Call ${i + 1}: ${call.purpose} — ${model} via ${call.provider} — ${usage} — ${(call.durationMs / 1000).toFixed(1)} s`,
      ''
    )
    const prompt = call.messages
      .map((m) => `**${m.role}**\n\n${fenced(clipped(messageText(m), PROMPT_LIMIT), 'markdown')}`)
      .join('\n\n')
    const chars = call.messages.reduce((sum, m) => sum + messageText(m).length, 0)
    lines.push(
      `<details><summary>Prompt (${call.messages.length} messages, ${n(chars)} characters)</summary>`,
      '',
      prompt,
      '',
      '</details>',
      ''
    )
    if (call.error) lines.push(`**Error:** ${call.error}`, '')
    else lines.push(...answer(call), '')
    if (call.tools?.length) lines.push(...toolTable(call.tools))
  })
  return clipped(redact(lines.join('\n')), SUMMARY_LIMIT)
}
