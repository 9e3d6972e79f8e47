// Decides, by code, which of the model's line comments can sit on the diff. GitHub rejects a whole
// review (422 "line must be part of the diff") when one comment names a line outside the hunks, so
// every comment is checked against the hunks first; the ones that don't fit move into the summary. Pure.
import { fenced } from '../../ports/fenced.ts'
import { forgeWords, suggestionInfo, type ForgeDialect } from '../../ports/forge.ts'
import { rightSideRanges, type LineRange } from './diff.ts'

/** A comment as the model proposed it. */
export interface ProposedComment {
  path: string
  /** The (last) line it concerns, in the new file. */
  line: number
  /** The first line of a multi-line comment, or null. */
  startLine: number | null
  body: string
  /** Replacement text for lines startLine..line (or line), shown as the forge's suggestion; null for none. */
  suggestion: string | null
}

/** A comment ready for GitHub's review API (RIGHT side). */
export interface InlineComment {
  path: string
  line: number
  startLine?: number
  body: string
}

export interface MovedComment extends ProposedComment {
  /** Why it could not be placed on the diff. */
  why: string
}

export const MAX_INLINE_COMMENTS = 30

/**
 * The comment's text with its suggestion block, as it is posted on the line: on GitLab the comment sits on its
 * last line, and the block names the lines above it that it replaces too.
 */
export function inlineBody(comment: ProposedComment, dialect?: ForgeDialect): string {
  const body = comment.body.trim()
  if (comment.suggestion === null) return body
  const above = comment.startLine !== null && comment.startLine < comment.line ? comment.line - comment.startLine : 0
  return `${body}\n\n${fenced(comment.suggestion.replace(/\n$/, ''), suggestionInfo(dialect, above))}`
}

function linesLabel(c: ProposedComment): string {
  return c.startLine !== null && c.startLine !== c.line ? `lines ${c.startLine}–${c.line}` : `line ${c.line}`
}

function problem(
  c: ProposedComment,
  ranges: readonly LineRange[] | null | undefined,
  dialect: ForgeDialect | undefined
): string | null {
  const words = forgeWords(dialect)
  if (ranges === undefined) return `\`${c.path}\` is not one of the files this ${words.pullRequest} changes`
  if (ranges === null)
    return `${words.name} shows no text diff for \`${c.path}\` (binary, or too large), so no line of it can take a comment`
  const bad = [c.line, c.startLine].find((n) => n !== null && !Number.isInteger(n))
  if (bad !== undefined) return `${bad} is not a line number of \`${c.path}\``
  const hunk = ranges.find((r) => c.line >= r.start && c.line <= r.end)
  if (!hunk)
    return `${linesLabel(c)} of \`${c.path}\` ${c.startLine !== null && c.startLine !== c.line ? 'are' : 'is'} not part of the diff`
  if (c.startLine !== null && c.startLine !== c.line && !(c.startLine < c.line && c.startLine >= hunk.start)) {
    return `${linesLabel(c)} of \`${c.path}\` are not one continuous part of the diff`
  }
  return null
}

/**
 * Splits the proposed comments into those GitHub will accept on the RIGHT side of the diff and those
 * that move into the summary. `patches` maps every changed file to its patch (null: no text diff).
 */
export function placeComments(
  proposed: readonly ProposedComment[],
  patches: ReadonlyMap<string, string | null>,
  maxInline = MAX_INLINE_COMMENTS,
  dialect?: ForgeDialect
): { inline: InlineComment[]; placed: ProposedComment[]; moved: MovedComment[] } {
  const ranges = new Map<string, LineRange[] | null>()
  for (const [path, patch] of patches) ranges.set(path, patch === null ? null : rightSideRanges(patch))
  const inline: InlineComment[] = []
  const placed: ProposedComment[] = []
  const moved: MovedComment[] = []
  for (const c of proposed) {
    const why = problem(c, ranges.get(c.path), dialect)
    if (why) {
      moved.push({ ...c, why })
      continue
    }
    if (inline.length >= maxInline) {
      moved.push({ ...c, why: `more than ${maxInline} comments were proposed; the rest are listed here` })
      continue
    }
    const multi = c.startLine !== null && c.startLine !== c.line
    inline.push({
      path: c.path,
      line: c.line,
      ...(multi ? { startLine: c.startLine! } : {}),
      body: inlineBody(c, dialect)
    })
    placed.push(c)
  }
  return { inline, placed, moved }
}
