// How a review's prompt shares its token budget. Pure.
//
// The budget covers the whole prompt: system prompt, conversation, changes, the list of what was left
// out, and the task. The conversation gets at most a quarter (fitted by conversation/budget.ts's one
// policy: the description and the request stay, the oldest messages go first), the list of left-out
// files a twentieth, and the changes everything that is left.
import { fitThread } from '../../conversation/budget.ts'
import type { Thread } from '../../conversation/thread.ts'
import { charsFor, estimateTokens } from '../../conversation/tokens.ts'
import type { CoverageEntry } from './budget.ts'
import { fenced } from '../../ports/fenced.ts'
import { fill, forgePlaceholders, PROMPTS } from '../../conversation/prompts.ts'
import type { ForgeDialect } from '../../ports/forge.ts'
import { findingPlace, type Dismissed } from './dismissed.ts'

export const CONVERSATION_SHARE = 0.25
export const LEFT_OUT_SHARE = 0.05
/** Tokens held back for separators and rounding, so the estimate of the whole stays within the budget. */
const SLACK = 16

export interface PromptLayout {
  conversation: string
  /** What fitting the conversation into its share left out (already listed in `conversation`). */
  conversationLeftOut: string[]
  /** Tokens the changes (diffs and file texts) may take. */
  changesTokens: number
  /** Characters the list of left-out files may take. */
  leftOutChars: number
}

/** The user message: conversation, what was already decided, changes, what was left out, task. */
export function userMessage(
  conversation: string,
  changes: string,
  leftOut: string,
  task: string,
  decided = ''
): string {
  const before = decided ? `${conversation}\n\n${decided}` : conversation
  return `${before}\n\n# The changes\n\n${changes}\n\n${leftOut}\n\n# Your task\n\n${task}`
}

/** The share of the budget the findings already decided may take. */
export const DECIDED_SHARE = 0.05

/** Characters of one dismissing reply shown at most. */
const REPLY_CHARS = 400

/**
 * The earlier findings a maintainer dismissed, for the model: where, what, who and how, the replies fenced as
 * the conversation's messages are (untrusted text). Shortened to `maxChars` with a count of the rest.
 */
export function decidedSection(dismissed: readonly Dismissed[], maxChars: number, dialect?: ForgeDialect): string {
  if (!dismissed.length) return ''
  const head = `${fill(PROMPTS.reviewDecided, { ...forgePlaceholders(dialect), count: String(dismissed.length) }).trim()}\n`
  const items: string[] = []
  let used = head.length + 80
  for (const [i, d] of dismissed.entries()) {
    const reply = d.reply
      ? `\n\n   Reply by @${d.reply.login}:\n\n${indent(fenced(clip(d.reply.body, REPLY_CHARS)))}`
      : ''
    const item = `${i + 1}. ${findingPlace(d.finding)} (${d.ways.join('; ')}). Your finding:\n\n${indent(fenced(clip(d.finding.text, REPLY_CHARS)))}${reply}\n`
    if (used + item.length + 1 > maxChars) break
    items.push(item)
    used += item.length + 1
  }
  const rest = dismissed.length - items.length
  // Not even the heading fits: the model is not told, and code still drops repeats.
  if (!items.length && head.length + 60 > maxChars) return ''
  return [head, ...items, ...(rest ? [`- … and ${rest} more, not shown for length.`] : [])].join('\n').trim()
}

const indent = (text: string): string => text.replace(/^/gm, '   ')
const clip = (text: string, max: number): string => (text.length > max ? `${text.slice(0, max - 1)}…` : text)

/**
 * The system prompt and the task always go in whole (they are small, unless the repository's
 * instructions file is very long); the conversation, the list and the changes share the rest.
 */
export function layout(
  system: string,
  conversation: { thread: Thread; leftOut: readonly string[] },
  task: string,
  budgetTokens: number,
  decided = ''
): PromptLayout {
  const leftOutShare = Math.floor(budgetTokens * LEFT_OUT_SHARE)
  const base = estimateTokens(system) + estimateTokens(userMessage('', '', '', task, decided)) + SLACK
  const conversationRoom = Math.max(0, Math.min(budgetTokens * CONVERSATION_SHARE, budgetTokens - base - leftOutShare))
  const fitted = fitThread(
    conversation.thread,
    conversation.leftOut,
    Math.floor(conversationRoom),
    "to fit the conversation's share of the review budget"
  )
  const fixed = estimateTokens(system) + estimateTokens(userMessage(fitted.text, '', '', task, decided)) + SLACK
  const leftOutTokens = Math.max(0, Math.min(leftOutShare, budgetTokens - fixed))
  return {
    conversation: fitted.text,
    conversationLeftOut: fitted.leftOut,
    changesTokens: Math.max(0, budgetTokens - fixed - leftOutTokens),
    leftOutChars: charsFor(leftOutTokens)
  }
}

/** What the model was not shown, so it neither guesses nor comments on it; shortened to fit. */
export function leftOutList(coverage: readonly CoverageEntry[], maxChars: number): string {
  return listOf(coverage, maxChars).slice(0, Math.max(0, maxChars))
}

function listOf(coverage: readonly CoverageEntry[], maxChars: number): string {
  // Files not shown at all first: the model must not guess about those.
  const missing = [
    ...coverage.filter((c) => c.coverage === 'none'),
    ...coverage.filter((c) => c.coverage === 'partial')
  ]
  if (!missing.length) return '## Not shown to you\n\nNothing: you see every changed file in full.'
  const lines = [`## Not shown to you, or only in part (${missing.length} files)`, '']
  let used = lines.join('\n').length + 60
  let shown = 0
  for (const entry of missing) {
    const line = `- ${entry.path}: ${entry.detail}`
    if (used + line.length + 1 > maxChars) break
    lines.push(line)
    used += line.length + 1
    shown++
  }
  if (shown < missing.length) lines.push(`- … and ${missing.length - shown} more files`)
  return lines.join('\n')
}
