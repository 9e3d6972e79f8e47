// Fits a pull request's changes into a token budget, and says plainly what was left out. Pure.
//
// Policy, in order:
// 1. Diffs come first: what changed matters more than the rest of a file. Files are taken from the
//    smallest diff up, so that one huge file cannot crowd out many small ones; generated files (lock
//    files, bundles, snapshots) go last. A diff that does not fit whole is cut after the last hunk
//    that fits.
// 2. With budget left, the full new text of files whose whole diff was sent, smallest diff first,
//    so the model sees the code around each change.
// Sizes are measured on exactly the text that is sent (see render*), by estimateTokens.
import { estimateTokens } from '../../conversation/tokens.ts'
import { numberedPatch, numberedText, parsePatch, type Hunk } from './diff.ts'

export interface ChangedFile {
  path: string
  status: string
  additions: number
  deletions: number
  /** The file's unified-diff hunks; null when GitHub shows no text diff (binary or too large). */
  patch: string | null
}

export type Coverage = 'full' | 'partial' | 'none'

export interface PlannedFile {
  file: ChangedFile
  /** The numbered diff text sent to the model (possibly cut), or null when none of it was sent. */
  diff: string | null
  hunksSent: number
  hunksTotal: number
  /** The numbered full new text sent, or null. */
  content: string | null
  /** Why the file's new text was not sent (when it would have helped). */
  contentNote: string | null
}

export interface ReviewPlan {
  /** In the pull request's order. */
  files: PlannedFile[]
  /** Estimated tokens of everything planned. */
  usedTokens: number
  budgetTokens: number
}

const GENERATED = [
  /(^|\/)(package-lock\.json|npm-shrinkwrap\.json|yarn\.lock|pnpm-lock\.yaml|poetry\.lock|Pipfile\.lock|uv\.lock|Cargo\.lock|Gemfile\.lock|composer\.lock|go\.sum)$/,
  /(^|\/)(dist|build|vendor|node_modules)\//,
  /\.min\.(js|css)$/,
  /\.(snap|map)$/,
  /\.ipynb$/
]

export function isGenerated(path: string): boolean {
  return GENERATED.some((pattern) => pattern.test(path))
}

function statusText(f: ChangedFile): string {
  return `${f.status}, +${f.additions} −${f.deletions}`
}

/** The diff section of one file, as sent. */
export function renderDiff(file: ChangedFile, numbered: string, cut: string | null): string {
  const fence = '`'.repeat(Math.max(3, ...[...numbered.matchAll(/`+/g)].map((m) => m[0].length + 1)))
  return `### Diff of ${file.path} (${statusText(file)})${cut ? ` — ${cut}` : ''}\n\n${fence}diff\n${numbered}\n${fence}\n`
}

/** The full-text section of one file, as sent. */
export function renderContent(path: string, numbered: string): string {
  const fence = '`'.repeat(Math.max(3, ...[...numbered.matchAll(/`+/g)].map((m) => m[0].length + 1)))
  return `### New content of ${path}\n\n${fence}\n${numbered}\n${fence}\n`
}

function order(files: readonly ChangedFile[]): number[] {
  const size = (f: ChangedFile): number => f.patch?.length ?? Number.MAX_SAFE_INTEGER
  return files
    .map((_, i) => i)
    .sort(
      (a, b) =>
        Number(isGenerated(files[a]!.path)) - Number(isGenerated(files[b]!.path)) ||
        size(files[a]!) - size(files[b]!) ||
        a - b
    )
}

/** The hunks that fit a number of tokens, whole hunks first, then as many leading lines of the next as fit. */
function fitHunks(
  file: ChangedFile,
  hunks: Hunk[],
  tokens: number
): { text: string; sent: number; cost: number } | null {
  let best: { text: string; sent: number; cost: number } | null = null
  for (let n = 1; n <= hunks.length; n++) {
    const text = renderDiff(file, numberedPatch(hunks.slice(0, n)), `the first ${n} of ${hunks.length} hunks`)
    const cost = estimateTokens(text)
    if (cost > tokens) break
    best = { text, sent: n, cost }
  }
  if (best) return best
  // Not even the first hunk fits whole: send its beginning, if a useful part of it fits.
  const first = hunks[0]!
  for (let keep = first.lines.length - 1; keep >= 8; keep = Math.floor(keep * 0.7)) {
    const text = renderDiff(
      file,
      numberedPatch([{ ...first, lines: first.lines.slice(0, keep) }]),
      `the first ${keep} lines of the first of ${hunks.length} hunks`
    )
    const cost = estimateTokens(text)
    if (cost <= tokens) return { text, sent: 0, cost }
  }
  return null
}

/** Step 1: the diffs that fit the budget. */
export function planDiffs(files: readonly ChangedFile[], budgetTokens: number): ReviewPlan {
  const planned: PlannedFile[] = files.map((file) => ({
    file,
    diff: null,
    hunksSent: 0,
    hunksTotal: 0,
    content: null,
    contentNote: null
  }))
  const hunks = files.map((f) => (f.patch === null ? [] : parsePatch(f.patch)))
  planned.forEach((p, i) => (p.hunksTotal = hunks[i]!.length))
  let remaining = budgetTokens
  const sequence = order(files)
  const left: number[] = []
  // Whole diffs, smallest first.
  for (const i of sequence) {
    const file = files[i]!
    if (!hunks[i]!.length) continue
    const text = renderDiff(file, numberedPatch(hunks[i]!), null)
    const cost = estimateTokens(text)
    if (cost <= remaining) {
      planned[i] = { ...planned[i]!, diff: text, hunksSent: hunks[i]!.length }
      remaining -= cost
    } else left.push(i)
  }
  // Then parts of the diffs that did not fit whole, while a useful amount of budget is left.
  for (const i of left) {
    if (remaining < 150) break
    const part = fitHunks(files[i]!, hunks[i]!, remaining)
    if (!part) continue
    planned[i] = { ...planned[i]!, diff: part.text, hunksSent: part.sent }
    remaining -= part.cost
  }
  return { files: planned, usedTokens: budgetTokens - remaining, budgetTokens }
}

/**
 * Step 2's candidates: files whose whole diff was sent and whose new text would show more than the diff
 * already does (not deleted, not newly added), smallest diff first.
 */
export function contentCandidates(plan: ReviewPlan): string[] {
  return order(plan.files.map((p) => p.file))
    .map((i) => plan.files[i]!)
    .filter(
      (p) => p.diff !== null && p.hunksSent === p.hunksTotal && p.file.status !== 'removed' && p.file.status !== 'added'
    )
    .map((p) => p.file.path)
}

/**
 * Whether a file's new text could still fit, judged before reading it: the text holds at least every
 * new-side line of its diff, so when those alone exceed the budget left, reading it is a wasted call.
 */
export function mayFitContent(plan: ReviewPlan, path: string): boolean {
  const planned = plan.files.find((p) => p.file.path === path)
  if (!planned?.file.patch) return false
  const lines = parsePatch(planned.file.patch).flatMap((h) => h.lines.filter((l) => l.newLine !== null))
  const atLeast = estimateTokens(lines.map((l) => `${l.newLine}  ${l.text}\n`).join(''))
  return atLeast <= plan.budgetTokens - plan.usedTokens
}

/** Step 2: adds a file's new text when it fits the budget left; otherwise notes why it was not sent. */
export function withContent(plan: ReviewPlan, path: string, text: string | null): ReviewPlan {
  const index = plan.files.findIndex((p) => p.file.path === path)
  if (index < 0) return plan
  const files = [...plan.files]
  if (text === null || text.includes('\u0000')) {
    files[index] = {
      ...files[index]!,
      contentNote: text === null ? 'its new text could not be read' : 'it is not a text file'
    }
    return { ...plan, files }
  }
  const rendered = renderContent(path, numberedText(text))
  const cost = estimateTokens(rendered)
  if (plan.usedTokens + cost > plan.budgetTokens) {
    files[index] = { ...files[index]!, contentNote: 'the rest of the file did not fit the budget' }
    return { ...plan, files }
  }
  files[index] = { ...files[index]!, content: rendered }
  return { ...plan, files, usedTokens: plan.usedTokens + cost }
}

/** Notes a file whose new text was not fetched (budget spent, or too many files to read). */
export function withoutContent(plan: ReviewPlan, path: string, note: string): ReviewPlan {
  return {
    ...plan,
    files: plan.files.map((p) => (p.file.path === path && !p.content ? { ...p, contentNote: note } : p))
  }
}

export interface CoverageEntry {
  path: string
  coverage: Coverage
  /** Plain words on what was seen of the file. */
  detail: string
}

/** How much of each file the model saw, in the pull request's order. */
export function coverageOf(plan: ReviewPlan, forge = 'GitHub'): CoverageEntry[] {
  return plan.files.map((p): CoverageEntry => {
    const { path, status } = p.file
    if (p.file.patch === null)
      return { path, coverage: 'none', detail: `${forge} shows no text diff (binary, or too large)` }
    if (p.diff === null) return { path, coverage: 'none', detail: 'did not fit the token budget' }
    if (p.hunksSent < p.hunksTotal) {
      const part =
        p.hunksSent === 0 ? 'the beginning of its first change' : `${p.hunksSent} of ${p.hunksTotal} changed parts`
      return { path, coverage: 'partial', detail: `${part}; the rest did not fit the token budget` }
    }
    if (status === 'removed') return { path, coverage: 'full', detail: 'deleted; the whole diff' }
    if (status === 'added') return { path, coverage: 'full', detail: 'new; the whole file' }
    if (p.content) return { path, coverage: 'full', detail: 'the whole diff and the whole new file' }
    return {
      path,
      coverage: 'partial',
      detail: `the whole diff, not the rest of the file (${p.contentNote ?? 'not read'})`
    }
  })
}

/** The material sent to the model: per file, its diff and new text, in the pull request's order. */
export function renderMaterial(plan: ReviewPlan): string {
  return (
    plan.files
      .filter((p) => p.diff !== null)
      // Each section ends with a newline: joined without separators, the text is exactly the planned sections.
      .map((p) => (p.diff ?? '') + (p.content ?? ''))
      .join('')
  )
}
