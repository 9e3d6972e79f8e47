// The text of a review's summary: the model's verdict, the comments that could not sit on the diff,
// and a plain list of what was reviewed in full, in part or not at all. Pure.
import { fenced } from '../../ports/fenced.ts'
import type { MovedComment, ProposedComment } from './anchor.ts'
import type { Coverage, CoverageEntry } from './budget.ts'
import type { ReviewScope } from './scope.ts'
import { agrees, counted } from '../../plural.ts'

export interface Verdict {
  /** Does the change do what the discussion asked? */
  fulfils: string
  risks: string[]
  missing: string[]
}

export interface ReviewFacts {
  head: string
  scope: ReviewScope
  coverage: CoverageEntry[]
  usedTokens: number
  budgetTokens: number
  /** Earlier findings a maintainer dismissed, left out of this review. */
  decided?: readonly DecidedItem[]
  /** The forge's name, whose limits the summary names (absent: GitHub). */
  forge?: string
}

/** An earlier finding left out as already decided, as the summary lists it. */
export interface DecidedItem {
  /** "`src/a.py`, line 3": where people find it; its text is not said again. */
  place: string
  /** "@alice resolved the thread", ... */
  ways: readonly string[]
}

/** Items of the already-decided list shown at most. */
const MAX_DECIDED_ITEMS = 20

/** The sentence and list of earlier findings left out as already decided; '' for none. */
export function decidedList(items: readonly DecidedItem[]): string {
  if (!items.length) return ''
  const shown = items.slice(0, MAX_DECIDED_ITEMS).map((d) => `- ${d.place} (${d.ways.join('; ')})`)
  const more = items.length > shown.length ? [`- … and ${items.length - shown.length} more`] : []
  return [
    '### Already decided',
    '',
    `${counted(items.length, 'earlier finding')} ${agrees(items.length, 'was', 'were')} left out: already decided in this pull request.`,
    '',
    ...shown,
    ...more
  ].join('\n')
}

/** Characters the coverage list may take; GitHub's limit for the whole body is 65,536. */
const COVERAGE_CHARS = 30_000

const short = (sha: string): string => sha.slice(0, 7)
const n = (value: number): string => value.toLocaleString('en-US')

function bullets(items: readonly string[], none: string): string {
  const clean = items.map((i) => i.trim()).filter(Boolean)
  return clean.length ? clean.map((i) => `- ${i}`).join('\n') : `- ${none}`
}

function scopeLine(facts: ReviewFacts): string {
  const files = `${facts.coverage.length} changed file${facts.coverage.length === 1 ? '' : 's'}`
  if (facts.scope.kind === 'since')
    return `**Review of the changes since my last review** (${short(facts.scope.since)} → ${short(facts.head)}, ${files}).`
  if (facts.scope.kind === 'full')
    return `**Review of the whole pull request** at ${short(facts.head)} (${files}; ${facts.scope.why}).`
  return `**No changes since my last review** of ${short(facts.scope.since)}.`
}

/** One comment in the summary, with where it belongs. */
export function commentItem(c: ProposedComment, why: string | null): string {
  const where = c.startLine !== null && c.startLine !== c.line ? `lines ${c.startLine}–${c.line}` : `line ${c.line}`
  const lines = [`- **\`${c.path}\`, ${where}**${why ? ` (${why})` : ''}: ${c.body.trim().replace(/\n+/g, ' ')}`]
  if (c.suggestion !== null)
    lines.push('', `  Suggested replacement:`, '', fenced(c.suggestion.replace(/\n$/, '')).replace(/^/gm, '  '))
  return lines.join('\n')
}

const HEADINGS: Record<Coverage, string> = { full: 'In full', partial: 'In part', none: 'Not at all' }

/** Files grouped by coverage and by what was seen, shortened with a count when the list is very long. */
export function coverageList(entries: readonly CoverageEntry[], maxChars = COVERAGE_CHARS, forge = 'GitHub'): string {
  const out: string[] = []
  let used = 0
  let omitted = 0
  for (const coverage of ['full', 'partial', 'none'] as const) {
    const group = entries.filter((e) => e.coverage === coverage)
    if (!group.length) continue
    out.push(`**${HEADINGS[coverage]} (${group.length}):**`, '')
    const details = [...new Set(group.map((e) => e.detail))]
    for (const detail of details) {
      const paths = group.filter((e) => e.detail === detail).map((e) => `\`${e.path}\``)
      const shown: string[] = []
      for (const p of paths) {
        if (used + p.length + 2 > maxChars) break
        shown.push(p)
        used += p.length + 2
      }
      omitted += paths.length - shown.length
      if (shown.length)
        out.push(
          `- ${detail}: ${shown.join(', ')}${shown.length < paths.length ? `, and ${paths.length - shown.length} more` : ''}`
        )
      else out.push(`- ${detail}: ${counted(paths.length, 'file')}, not named here for length`)
    }
    out.push('')
  }
  if (omitted)
    out.push(
      `(${n(omitted)} file names are left out of this list to keep the review within ${forge}'s size limit.)`,
      ''
    )
  return out.join('\n').trim()
}

function coverageSection(facts: ReviewFacts): string {
  const list = coverageList(facts.coverage, COVERAGE_CHARS, facts.forge)
  // Two counts of tokens reach the reader: this estimate, which the budget is kept in, and the provider's count in
  // the stamp (every call of the run, by the model's own tokenizer). Each says which it is, so they never clash.
  const budget = `The prompt took about ${n(facts.usedTokens)} of the ${n(facts.budgetTokens)} tokens the review budget allows, as git-bob estimates them before sending (characters ÷ 4); the stamp gives the tokens the provider counted, over every model call of this run.`
  const body = `${budget}\n\n${list}`
  return facts.coverage.length > 20
    ? `### What I reviewed\n\n<details><summary>${summaryCounts(facts.coverage)}</summary>\n\n${body}\n\n</details>`
    : `### What I reviewed\n\n${body}`
}

function summaryCounts(entries: readonly CoverageEntry[]): string {
  const count = (c: Coverage): number => entries.filter((e) => e.coverage === c).length
  return `${counted(count('full'), 'file')} in full, ${count('partial')} in part, ${count('none')} not at all`
}

const CLOSING = '*I only comment: I never approve, request changes or merge. A person decides what happens next.*'

/**
 * The summary, and the same summary with every inline comment folded in (posted instead if GitHub
 * still rejects a line comment).
 */
export function reviewBody(
  verdict: Verdict,
  facts: ReviewFacts,
  moved: readonly MovedComment[],
  inline: readonly ProposedComment[]
): { body: string; withInline: string } {
  const head = [
    scopeLine(facts),
    '',
    `**Does it do what was asked?** ${verdict.fulfils.trim() || '*(no assessment given)*'}`,
    '',
    '**Risks**',
    '',
    bullets(verdict.risks, 'none found'),
    '',
    '**Missing**',
    '',
    bullets(verdict.missing, 'nothing found')
  ].join('\n')
  const movedSection = moved.length
    ? `### Comments that could not be placed on the diff\n\n${moved.map((c) => commentItem(c, c.why)).join('\n')}`
    : ''
  const inlineSection = inline.length
    ? `### Line comments\n\n${inline.map((c) => commentItem(c, null)).join('\n')}`
    : ''
  const tail = [decidedList(facts.decided ?? []), coverageSection(facts), CLOSING]
  return {
    body: [head, movedSection, ...tail].filter(Boolean).join('\n\n'),
    withInline: [head, movedSection, inlineSection, ...tail].filter(Boolean).join('\n\n')
  }
}
