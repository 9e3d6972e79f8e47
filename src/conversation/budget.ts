// The one place where what the model reads is trimmed, in one unit: estimated tokens (tokens.ts).
// GitHub Models, the default, accepts only about 8,000 input tokens per request on its free tiers, so a
// prompt that ignores the budget would fail on any real thread. One policy for the conversation: the
// description and the request stay; the oldest other messages go first, whole; only then are the
// description and the request cut at their end. A whole prompt (fitPrompt) first gives up the named
// files' contents, then the file list, then the diff, then documents' texts (cut at their end). What is left out is returned as notes, which
// the callers record in the run's Notes (for the model's prompt and for people). Pure.
import type { RepoContext } from './repo-context.ts'
import { renderRepoContext } from './repo-context.ts'
import type { Thread, ThreadDocument, ThreadEntry } from './thread.ts'
import { renderThread } from './thread.ts'
import { charsFor, estimateTokens } from './tokens.ts'
import type { LeftOut } from '../record/notes.ts'
import { counted } from '../plural.ts'
import { documentKind } from '../media/read-document.ts'
import type { InstructionText } from './instructions.ts'

/** GitHub Models' free and Copilot tiers accept 8,000 input tokens per request; leave room for the estimate's error. */
export const GITHUB_MODELS_PROMPT_TOKENS = 6500
/** Other providers' current models take 128k tokens and more. */
export const DEFAULT_PROMPT_TOKENS = 100_000

/** The input budget for a chain of models: the smallest of theirs, unless the workflow sets one. */
export function promptBudgetFor(providers: readonly string[], configured: number | null): number {
  if (configured !== null) return configured
  return Math.min(
    ...providers.map((p) => (p === 'github_models' ? GITHUB_MODELS_PROMPT_TOKENS : DEFAULT_PROMPT_TOKENS))
  )
}

/** More than a message's heading takes in tokens beyond its author, kind and place (renderThread). */
const HEADING_TOKENS = 40

const tokens = (n: number): string => `${n.toLocaleString('en-US')} tokens`

/** Keeps the beginning of a text within a number of tokens, saying where it was cut. `note` is null when it fits. */
export function clipEnd(text: string, maxTokens: number, what: string): { text: string; note: string | null } {
  if (estimateTokens(text) <= maxTokens) return { text, note: null }
  const marker = `\n\n[… ${what} cut here to fit the model's input budget]`
  return {
    text: `${text.slice(0, Math.max(0, charsFor(maxTokens) - marker.length))}${marker}`,
    note: `the end of ${what}, which was longer than about ${tokens(maxTokens)}`
  }
}

/** What a fit kept, and what it left out in words for the "Left out" lists. */
export interface Fitted<T> {
  kept: T
  leftOut: string[]
}

/**
 * The one policy for a conversation. `excess` measures a candidate list of entries in tokens beyond the
 * room it has (zero or less: it fits). The first entry is the description; it and the request stay.
 * `why` ends each note ("to fit the model's input budget").
 */
export function fitEntries(
  entries: readonly ThreadEntry[],
  excess: (entries: readonly ThreadEntry[]) => number,
  why: string
): Fitted<ThreadEntry[]> {
  let kept = [...entries]
  const leftOut: string[] = []
  let over = excess(kept)
  if (over <= 0) return { kept, leftOut }

  // 1. The oldest messages, whole. A batch stops once the messages' sizes, over-estimated (a heading's
  // words and room for its labels), cover the excess, so it never drops more than needed; the whole is
  // measured again after each batch.
  let dropped = 0
  while (over > 0) {
    let freed = 0
    const before = kept.length
    kept = kept.filter((e, k) => {
      if (k === 0 || e.isRequest || freed >= over) return true
      freed += estimateTokens(`${e.body}${e.kind}${e.author}${e.location ?? ''}`) + HEADING_TOKENS
      dropped++
      return false
    })
    if (kept.length === before) break
    over = excess(kept)
  }
  if (dropped) leftOut.push(`${counted(dropped, 'older message')}, ${why}`)

  // 2. What is left, cut at its end: the description first, then the request.
  for (const which of [0, kept.findIndex((e) => e.isRequest)]) {
    const entry = which < 0 ? undefined : kept[which]
    if (over <= 0) break
    if (!entry) continue
    const marker = `\n[… cut ${why}]`
    const room = Math.max(0, entry.body.length - charsFor(over) - marker.length - 8)
    if (room >= entry.body.length) continue
    kept = kept.map((e, k) => (k === which ? { ...e, body: `${e.body.slice(0, room)}${marker}` } : e))
    leftOut.push(`the end of the ${entry.kind} by @${entry.author}, ${why}`)
    over = excess(kept)
  }
  return { kept, leftOut }
}

/** A conversation's messages as a loader measures them: their texts and a heading each. */
export function entriesTokens(entries: readonly ThreadEntry[]): number {
  return entries.reduce((sum, e) => sum + estimateTokens(e.body) + HEADING_TOKENS, 0)
}

/** A thread rendered within a number of tokens, its "Left out" list included (the review's conversation share). */
export function fitThread(
  thread: Thread,
  leftOut: readonly string[],
  maxTokens: number,
  why: string
): { text: string; leftOut: string[] } {
  const render = (entries: readonly ThreadEntry[], notes: readonly string[]): string =>
    renderThread({ ...thread, entries: [...entries] }, notes)
  // Room for the notes this fit adds.
  const room = maxTokens - 100
  const fitted = fitEntries(thread.entries, (es) => estimateTokens(render(es, leftOut)) - room, why)
  return { text: render(fitted.kept, [...leftOut, ...fitted.leftOut]), leftOut: fitted.leftOut }
}

/** What one prompt shows: the conversation, the repository's files, and what the model is told was left out. */
export interface PromptParts {
  thread: Thread
  repo: RepoContext
  /** The run's notes for the model; fitting adds what it leaves out of this one prompt. */
  leftOut: LeftOut
}

/** The conversation and the files as the model reads them. */
export function renderParts(parts: PromptParts): string[] {
  return [renderThread(parts.thread, parts.leftOut.conversation), renderRepoContext(parts.repo, parts.leftOut.files)]
}

const size = (parts: PromptParts): number => renderParts(parts).reduce((sum, text) => sum + estimateTokens(text), 0)

const WHY = "to fit the model's input budget"

/** Less of a document than this is not worth keeping: it is left out whole instead. */
const MIN_DOCUMENT_TOKENS = 250

/**
 * `fixedTokens`: the system prompt and the task, which always go in. `tell` hears each thing left out,
 * for people (the returned parts carry them for the model).
 */
export function fitPrompt(
  parts: PromptParts,
  budgetTokens: number,
  fixedTokens: number,
  tell: (note: string) => void = () => {}
): PromptParts {
  if (size(parts) <= budgetTokens - fixedTokens) return parts
  const { repo } = parts
  const fit: Fitting = {
    // Room for the notes that say what was left out, which are added as it goes.
    limit: budgetTokens - fixedTokens - 100,
    thread: parts.thread,
    repo: { ...repo, files: [...repo.files] },
    notes: [...parts.leftOut.conversation],
    fileNotes: [...parts.leftOut.files],
    said: []
  }
  leaveFileContents(fit)
  narrowFileList(fit, repo.paths.length)
  cutDiff(fit)
  cutDocuments(fit)
  fitConversation(fit)
  for (const note of fit.said) tell(note)
  return current(fit)
}

/** One prompt being fitted: the parts as they stand, and what was left out so far. */
interface Fitting {
  readonly limit: number
  thread: Thread
  repo: RepoContext
  /** Left out of the conversation. */
  readonly notes: string[]
  /** Left out of the files. */
  readonly fileNotes: string[]
  /** Everything left out, in order, for people. */
  readonly said: string[]
}

const current = (fit: Fitting): PromptParts => ({
  thread: fit.thread,
  repo: fit.repo,
  leftOut: { conversation: fit.notes, files: fit.fileNotes }
})

const withEntries = (fit: Fitting, entries: readonly ThreadEntry[]): PromptParts => ({
  ...current(fit),
  thread: { ...fit.thread, entries: [...entries] }
})

const over = (fit: Fitting): boolean => size(current(fit)) > fit.limit

function leave(fit: Fitting, list: string[], note: string): void {
  list.push(note)
  fit.said.push(note)
}

/** 1. The contents of named files, largest first; documents wait for step 4. */
function leaveFileContents(fit: Fitting): void {
  const bySize = [...fit.repo.files].filter((f) => !documentKind(f.path)).sort((a, b) => b.text.length - a.text.length)
  for (const file of bySize) {
    if (!over(fit)) break
    fit.repo = { ...fit.repo, files: fit.repo.files.filter((f) => f !== file) }
    leave(fit, fit.fileNotes, `${file.path} (its content did not fit the model's input budget)`)
  }
}

/** 2. The file list, down to the paths the conversation names. `listed`: how many files it had. */
function narrowFileList(fit: Fitting, listed: number): void {
  if (!over(fit) || !fit.repo.paths.length) return
  const conversation = renderThread(fit.thread, fit.notes)
  const named = fit.repo.paths.filter((p) => conversation.includes(p))
  fit.repo = { ...fit.repo, paths: named }
  leave(
    fit,
    fit.fileNotes,
    `the list of the repository's ${listed.toLocaleString('en-US')} files (the model's input budget is small)`
  )
}

/** 3. The diff, cut to what is left. */
function cutDiff(fit: Fitting): void {
  const t = fit.thread
  if (!over(fit) || !t.pull?.diff) return
  const room = fit.limit - (size(current(fit)) - estimateTokens(t.pull.diff)) - 50
  if (room >= estimateTokens(t.pull.diff)) return
  const keep = room > 125
  fit.thread = { ...t, pull: { ...t.pull, diff: keep ? clipEnd(t.pull.diff, room, 'the diff').text : null } }
  leave(fit, fit.notes, keep ? `most of the diff, ${WHY}` : `the diff, ${WHY} (the list of changed files is complete)`)
}

type RepoFile = RepoContext['files'][number]

/** A document whose text may be cut: attached in the conversation, or a named file of the repository. */
type CuttableDocument =
  { kind: 'attached'; d: ThreadDocument; fromRequest: boolean } | { kind: 'named'; f: RepoFile; fromRequest: boolean }

/**
 * 4. Documents' texts (attached, or named from the repository), the least important first: those the
 * request neither carries nor names, the oldest first; each cut at its end to what is left, or left out.
 */
function cutDocuments(fit: Fitting): void {
  if (!over(fit)) return
  const request = fit.thread.entries.find((e) => e.isRequest)?.body ?? ''
  const documents: CuttableDocument[] = [
    ...(fit.thread.documents ?? []).map((d) => ({ kind: 'attached' as const, d, fromRequest: d.fromRequest === true })),
    ...fit.repo.files
      .filter((f) => documentKind(f.path))
      .map((f) => ({ kind: 'named' as const, f, fromRequest: request.includes(f.path) }))
  ].sort((a, b) => Number(a.fromRequest) - Number(b.fromRequest))
  for (const doc of documents) {
    if (!over(fit)) break
    cutDocument(fit, doc)
  }
}

/** One document cut at its end to what is left, or left out when too little of it would stay. */
function cutDocument(fit: Fitting, doc: CuttableDocument): void {
  const text = doc.kind === 'attached' ? doc.d.text : doc.f.text
  const name = doc.kind === 'attached' ? `the document ${doc.d.name} in the ${doc.d.where}` : doc.f.path
  const room = estimateTokens(text) - (size(current(fit)) - fit.limit) - 30
  const cut = room >= MIN_DOCUMENT_TOKENS ? clipEnd(text, room, `the text of ${name}`).text : null
  if (doc.kind === 'attached') {
    const documents = (fit.thread.documents ?? []).flatMap((d) =>
      d !== doc.d ? [d] : cut === null ? [] : [{ ...d, text: cut }]
    )
    fit.thread = { ...fit.thread, documents }
    leave(fit, fit.notes, cut === null ? `${name}, ${WHY}` : `the end of ${name}, ${WHY}`)
  } else {
    const files = fit.repo.files.flatMap((f) => (f !== doc.f ? [f] : cut === null ? [] : [{ ...f, text: cut }]))
    fit.repo = { ...fit.repo, files }
    leave(
      fit,
      fit.fileNotes,
      cut === null
        ? `${name} (its content did not fit the model's input budget)`
        : `the end of ${name} (it did not fit the model's input budget)`
    )
  }
}

/** 5. The conversation, by the one policy. */
function fitConversation(fit: Fitting): void {
  const fitted = fitEntries(fit.thread.entries, (es) => size(withEntries(fit, es)) - fit.limit, WHY)
  fit.thread = { ...fit.thread, entries: fitted.kept }
  for (const note of fitted.leftOut) leave(fit, fit.notes, note)
}

/** The share of the prompt budget the repository's instruction files may take together. */
export const INSTRUCTIONS_SHARE = 0.2
/** What enclosing one file in the system prompt adds, in tokens (its tag and heading). */
const ENCLOSING_TOKENS = 20

const instructionTokens = (f: InstructionText): number =>
  estimateTokens(f.general) + estimateTokens(f.review) + ENCLOSING_TOKENS

/**
 * The instruction files within `maxTokens`, given in order of precedence: the least important are left out
 * whole first; the one that stays is cut at its end if it alone is too long (its review sections kept first).
 */
export function fitInstructions(files: readonly InstructionText[], maxTokens: number): Fitted<InstructionText[]> {
  const kept = [...files]
  const leftOut: string[] = []
  const total = (): number => kept.reduce((sum, f) => sum + instructionTokens(f), 0)
  while (kept.length > 1 && total() > maxTokens) {
    const dropped = kept.pop()!
    leftOut.push(`the instructions in ${dropped.path}, to fit their share of the model's input budget`)
  }
  const only = kept[0]
  if (only && total() > maxTokens) {
    const room = Math.max(0, maxTokens - ENCLOSING_TOKENS)
    const review = clipEnd(only.review, room, `the instructions in ${only.path}`)
    const general = clipEnd(
      only.general,
      Math.max(0, room - estimateTokens(review.text)),
      `the instructions in ${only.path}`
    )
    kept[0] = {
      ...only,
      review: review.text,
      general: estimateTokens(review.text) >= room ? '' : general.text,
      trimmed: true
    }
    leftOut.push(`the end of the instructions in ${only.path}, to fit their share of the model's input budget`)
  }
  return { kept, leftOut }
}

/** A tool's result within `maxTokens`, cut at a line end where one is near, saying how much was left out. */
export function capToolResult(text: string, maxTokens: number): string {
  if (estimateTokens(text) <= maxTokens) return text
  const room = Math.max(0, charsFor(maxTokens) - 120)
  const lineEnd = text.lastIndexOf('\n', room)
  const cut = lineEnd > room * 0.8 ? lineEnd : room
  const left = text.length - cut
  return `${text.slice(0, cut)}\n[cut here: ${left.toLocaleString('en-US')} more characters not shown; ask for less, e.g. a line range or a narrower pattern]`
}

/** The first lines of a list that fit within a number of tokens, in order; how many did not fit. */
export function keepFirstLines(lines: readonly string[], maxTokens: number): { kept: string[]; dropped: number } {
  const kept: string[] = []
  let used = 0
  for (const line of lines) {
    const cost = estimateTokens(`${line}\n`)
    if (used + cost > maxTokens) break
    kept.push(line)
    used += cost
  }
  return { kept, dropped: lines.length - kept.length }
}
