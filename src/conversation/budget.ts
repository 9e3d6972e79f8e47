// Fits a conversation prompt into the model's input budget. GitHub Models, the default, accepts only
// about 8,000 input tokens per request on its free tiers, so a prompt that ignores the budget would
// fail on any real thread. What goes first: the named files' contents, then the file list, then the
// diff, then the oldest comments, then the length of what is left. The request itself stays. Pure.
import type { RepoContext } from './repo-context.ts'
import { renderRepoContext } from './repo-context.ts'
import type { Thread } from './thread.ts'
import { renderThread } from './thread.ts'
import type { LeftOut } from '../record/notes.ts'
import { counted } from '../plural.ts'

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

/** What one prompt shows: the conversation, the repository's files, and what the model is told was left out. */
export interface PromptParts {
  thread: Thread
  repo: RepoContext
  /** The run's notes for the model; fitting adds what it leaves out of this one prompt. */
  leftOut: LeftOut
}

const charsFor = (tokens: number): number => Math.max(0, tokens * 4)

/** The conversation and the files as the model reads them. */
export function renderParts(parts: PromptParts): string[] {
  return [renderThread(parts.thread, parts.leftOut.conversation), renderRepoContext(parts.repo, parts.leftOut.files)]
}

const size = (parts: PromptParts): number => renderParts(parts).reduce((sum, text) => sum + text.length, 0)

/** `fixedTokens`: the system prompt and the task, which always go in. */
export function fitPrompt(parts: PromptParts, budgetTokens: number, fixedTokens: number): PromptParts {
  if (size(parts) <= charsFor(budgetTokens - fixedTokens)) return parts
  // Room for the notes that say what was left out, which are added as it goes.
  const limit = charsFor(budgetTokens - fixedTokens) - 400
  const { repo } = parts
  const notes = [...parts.leftOut.conversation]
  const fileNotes = [...parts.leftOut.files]
  let t: Thread = parts.thread
  let r: RepoContext = { ...repo, files: [...repo.files] }
  const current = (): PromptParts => ({ thread: t, repo: r, leftOut: { conversation: notes, files: fileNotes } })
  const over = (): boolean => size(current()) > limit

  // 1. The contents of named files, largest first.
  const bySize = [...r.files].sort((a, b) => b.text.length - a.text.length)
  for (const file of bySize) {
    if (!over()) break
    r = { ...r, files: r.files.filter((f) => f !== file) }
    fileNotes.push(`${file.path} (its content did not fit the model's input budget)`)
  }
  // 2. The file list, down to the paths the conversation names.
  if (over() && r.paths.length) {
    const named = r.paths.filter((p) => renderThread(t, notes).includes(p))
    r = { ...r, paths: named }
    fileNotes.push(
      `the list of the repository's ${repo.paths.length.toLocaleString('en-US')} files (the model's input budget is small)`
    )
  }
  // 3. The diff, cut to what is left.
  if (over() && t.pull?.diff) {
    const room = Math.max(0, limit - (size(current()) - t.pull.diff.length)) - 200
    if (room < t.pull.diff.length) {
      t = {
        ...t,
        pull: {
          ...t.pull,
          diff: room > 500 ? `${t.pull.diff.slice(0, room)}\n[… diff cut to fit the model's input budget]` : null
        }
      }
      notes.push(
        room > 500
          ? "most of the diff, to fit the model's input budget"
          : "the diff, to fit the model's input budget (the list of changed files is complete)"
      )
    }
  }
  // 4. The oldest messages, keeping the description and the request.
  let dropped = 0
  while (over()) {
    const i = t.entries.findIndex((e, k) => k > 0 && !e.isRequest)
    if (i < 0) break
    t = { ...t, entries: t.entries.filter((_, k) => k !== i) }
    dropped++
  }
  if (dropped) notes.push(`${counted(dropped, 'older message')}, to fit the model's input budget`)
  // 5. What is left, cut in length: the description first, then the request.
  for (const which of [0, t.entries.findIndex((e) => e.isRequest)]) {
    if (!over() || which < 0) continue
    const entry = t.entries[which]!
    const room = Math.max(400, entry.body.length - (size(current()) - limit) - 100)
    if (room < entry.body.length) {
      t = {
        ...t,
        entries: t.entries.map((e, k) =>
          k === which ? { ...e, body: `${e.body.slice(0, room)}\n[… cut to fit the model's input budget]` } : e
        )
      }
      notes.push(`the end of the ${entry.kind} by @${entry.author}, to fit the model's input budget`)
    }
  }
  return current()
}
