// Issue references in text git-bob writes. GitHub closes an issue when a merged pull request's title or
// body, or a commit on the default branch, says "fixes #5" (close, closes, closed, fix, fixes, fixed,
// resolve, resolves, resolved, any case, before "#N", "owner/repo#N" or an issue URL): only the one
// "closes #N" git-bob adds itself may do that, so every other keyword is broken with a zero-width space
// after its first letter (it still reads "fixes"). And every reference notes the message in the issue it
// names: past a limit, the rest are written so that GitHub does not link them, with a note. Pure.
import {
  applyEdits,
  blockTexts,
  normaliseLineEndings,
  readMarkdown,
  replaceRendered,
  type Edit
} from '../markdown/document.ts'

const ZWSP = '\u200b'

// The keyword, then what GitHub takes as the issue it closes.
const CLOSING =
  /(?<![A-Za-z0-9_])(?:close[sd]?|fix(?:e[sd])?|resolve[sd]?)(?=\s*:?\s*(?:#\d|[\w.-]+\/[\w.-]+#\d|GH-\d|https?:\/\/|www\.))/gi

/** The offsets of closing keywords in text as GitHub reads it. */
export function closingKeywords(text: string): number[] {
  return [...text.matchAll(CLOSING)].map((m) => m.index)
}

/** Plain text (titles, commit messages) without a closing keyword. */
export function neutraliseClosingPlain(text: string): string {
  return text.replace(CLOSING, (m: string) => `${m[0]}${ZWSP}${m.slice(1)}`)
}

function keywordsInMarkdown(markdown: string): number {
  const doc = readMarkdown(markdown)
  return blockTexts(doc.runs, () => true).reduce((n, b) => n + closingKeywords(b.text).length, 0)
}

/** Markdown (a pull request's body) without a closing keyword, in prose or code, however it is written. */
export function neutraliseClosing(markdown: string): string {
  // A keyword closes nothing without a reference: no "#", URL, "GH-" or character reference, nothing to do.
  if (!/[&#]|:\/\/|gh-/i.test(markdown)) return normaliseLineEndings(markdown)
  const doc = readMarkdown(markdown)
  const edits: Edit[] = []
  let precise = !doc.unplaced
  for (const block of blockTexts(doc.runs, () => true)) {
    for (const i of closingKeywords(block.text)) {
      const first = block.text[i]!
      const edit = replaceRendered(doc.source, block.at[i]!, first, `${first}${ZWSP}`)
      if (edit) edits.push(edit)
      else precise = false
    }
  }
  const out = neutraliseClosingPlain(applyEdits(doc.source, edits))
  // Nothing found and nothing changed: the reading above already is the check.
  if (precise && out === doc.source) return out
  if (precise && keywordsInMarkdown(out) === 0) return out
  // The last resort: character references are shown as written, so none can spell a keyword.
  return neutraliseClosingPlain(doc.source.replace(/&/g, '&amp;'))
}

/** How many issue references a text may link; GitHub notes each in the issue it names. */
export const REFERENCE_LIMIT = 20

// "#12", "owner/repo#12", "GH-12", and links to issues, pull requests and discussions.
const REFERENCE =
  /(?<![\w&/#])(?:[\w.-]+\/[\w.-]+)?#(?=\d+(?!\w))|(?<![\w-])GH-(?=\d)|https?:\/\/(?=[^\s<>]*\/(?:issues|pull|discussions)\/\d)/gi

function referenceNote(n: number): string {
  return `*(${n} more issue ${n === 1 ? 'reference is' : 'references are'} written without a link: one message should not be noted in that many issues.)*`
}

/** The offsets of the character to break in each reference of `text`: "#", the "-" of "GH-", the scheme's "/". */
function references(text: string): number[] {
  return [...text.matchAll(REFERENCE)].map((m) => m.index + m[0].length - 1)
}

/** Markdown with at most `limit` linked issue references in its prose; the rest unlinked, with a note. */
export function capReferences(markdown: string, limit = REFERENCE_LIMIT): string {
  // Fewer candidates in the source than the limit (and no character reference): nothing to cut.
  if (!markdown.includes('&') && references(markdown).length <= limit) return normaliseLineEndings(markdown)
  const doc = readMarkdown(markdown)
  // Too complex to parse (markdown/limits.ts): every reference in the source counts, code too.
  if (doc.unreadable !== null) return capReferencesPlain(doc.source, limit)
  const blocks = blockTexts(doc.runs, (r) => !r.code)
  const total = blocks.reduce((n, b) => n + references(b.text).length, 0)
  if (total <= limit) return markdown
  const edits: Edit[] = []
  let seen = 0
  for (const block of blocks) {
    for (const i of references(block.text)) {
      if (++seen <= limit) continue
      const char = block.text[i]!
      const edit = replaceRendered(doc.source, block.at[i]!, char, `${char}${ZWSP}`)
      if (edit) edits.push(edit)
    }
  }
  return `${applyEdits(doc.source, edits)}\n\n${referenceNote(total - limit)}`
}

/** The same for plain text (commit messages). */
export function capReferencesPlain(text: string, limit = REFERENCE_LIMIT): string {
  const at = references(text)
  if (at.length <= limit) return text
  const cut = new Set(at.slice(limit))
  let out = ''
  for (let i = 0; i < text.length; i++) out += cut.has(i) ? `${text[i]}${ZWSP}` : text[i]
  return `${out}\n\n${referenceNote(at.length - limit).replace(/\*/g, '')}`
}
