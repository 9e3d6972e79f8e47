// Issue references in text git-bob writes. GitHub closes an issue when a merged pull request's title or
// body, or a commit on the default branch, says "fixes #5" (close, closes, closed, fix, fixes, fixed,
// resolve, resolves, resolved, any case, before "#N", "owner/repo#N" or an issue URL): only the one
// "closes #N" git-bob adds itself may do that, so every other keyword is broken with a zero-width space
// after its first letter (it still reads "fixes"). And every reference notes the message in the issue it
// names: past a limit, the rest are written so that GitHub does not link them, with a note. A link counts
// as much as a reference written out: "[x](https://github.com/o/r/issues/1)", a reference link and an HTML
// <a href> to an issue, pull request or discussion; past the limit such a link keeps only its text. On GitLab a
// merge request's reference, "!N" or "group/sub/project!N", and a link to one (/-/merge_requests/N) note the
// message there just as an issue's "#N" does, and a project's path may have more parts: they count the same. Pure.
import {
  applySourceEdits,
  blockTexts,
  normaliseLineEndings,
  readMarkdown,
  replaceRendered,
  stillUnreadable,
  type SourceEdit
} from '../markdown/document.ts'
import { attribute } from '../markdown/html.ts'
import type { ForgeDialect } from '../ports/forge.ts'

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
  const edits: SourceEdit[] = []
  let precise = !doc.unplaced
  for (const block of blockTexts(doc.runs, () => true)) {
    for (const i of closingKeywords(block.text)) {
      const first = block.text[i]!
      const edit = replaceRendered(doc.source, block.at[i]!, first, `${first}${ZWSP}`)
      if (edit) edits.push(edit)
      else precise = false
    }
  }
  const out = neutraliseClosingPlain(applySourceEdits(doc.source, edits))
  // Nothing found and nothing changed: the reading above already is the check.
  if (precise && out === doc.source) return out
  if (precise && keywordsInMarkdown(out) === 0) return out
  // The last resort: character references are shown as written, so none can spell a keyword.
  const plain = neutraliseClosingPlain(doc.source.replace(/&/g, '&amp;'))
  return doc.unreadable === null ? plain : stillUnreadable(plain, doc.unreadable)
}

/** How many issue references a text may link; GitHub notes each in the issue it names. */
export const REFERENCE_LIMIT = 20

// "#12", "owner/repo#12", "GH-12", and web addresses (whole, up to a space: GitHub links one address there, and a
// lookahead from each "http" to the next space would read a long run of them again and again).
const REFERENCE = /(?<![\w&/#])(?:[\w.-]+\/[\w.-]+)?#(?=\d+(?!\w))|(?<![\w-])GH-(?=\d)|https?:\/\/[^\s<>]*/gi

// GitLab's: "#12" and "!12" (a merge request), after a project's path of any depth ("group/sub/project#12") or a
// project's name alone ("project!12", within the namespace), and web addresses as above.
const GITLAB_REFERENCE =
  /(?<![\w&/#!.-])(?:[\w.-]+(?:\/[\w.-]+)*)?[#!](?=\d+(?!\w))|(?<![\w-])GH-(?=\d)|https?:\/\/[^\s<>]*/gi

function referenceNote(n: number, dialect: ForgeDialect | undefined): string {
  const what = dialect === 'gitlab' ? 'issue or merge request' : 'issue'
  return `*(${n} more ${what} ${n === 1 ? 'reference is' : 'references are'} written without a link: one message should not be noted in that many ${dialect === 'gitlab' ? 'places' : 'issues'}.)*`
}

// A web address that names an issue, pull request or discussion.
const ISSUE_URL = /\/(?:issues|pull|discussions)\/\d/i
// ... or, on GitLab, a merge request or a work item.
const GITLAB_ISSUE_URL = /\/(?:issues|pull|discussions|merge_requests|work_items)\/\d/i

/** The offsets of the character to break in each reference of `text`: "#" (or "!"), the "-" of "GH-", the scheme's "/". */
function references(text: string, dialect: ForgeDialect | undefined): number[] {
  const issueUrl = dialect === 'gitlab' ? GITLAB_ISSUE_URL : ISSUE_URL
  const at: number[] = []
  for (const m of text.matchAll(dialect === 'gitlab' ? GITLAB_REFERENCE : REFERENCE)) {
    const scheme = /^https?:\/\//i.exec(m[0])
    if (!scheme) at.push(m.index + m[0].length - 1)
    else if (issueUrl.test(m[0])) at.push(m.index + scheme[0].length - 1)
  }
  return at
}

// A link's address that names an issue, pull request or discussion (GitHub resolves relative ones too).
const ISSUE_HREF = /\/(?:issues|pull|pulls|discussions)\/\d/i
// ... or, on GitLab, a merge request or a work item.
const GITLAB_ISSUE_HREF = /\/(?:issues|pull|pulls|discussions|merge_requests|work_items)\/\d/i

/** Markdown with at most `limit` linked issue references in its prose; the rest unlinked, with a note. */
export function capReferences(markdown: string, limit = REFERENCE_LIMIT, dialect?: ForgeDialect): string {
  const href = dialect === 'gitlab' ? GITLAB_ISSUE_HREF : ISSUE_HREF
  // Fewer candidates in the source than the limit (and no character reference): nothing to cut. A link to an
  // issue holds "/issues/1" or the like in the source (counted twice when it is a full URL: the safe side).
  const candidates = references(markdown, dialect).length + (markdown.match(new RegExp(href, 'gi'))?.length ?? 0)
  if (!markdown.includes('&') && candidates <= limit) return normaliseLineEndings(markdown)
  const doc = readMarkdown(markdown)
  // Too complex to parse (markdown/limits.ts): every reference in the source counts, code too.
  if (doc.unreadable !== null) return stillUnreadable(capReferencesPlain(doc.source, limit, dialect), doc.unreadable)
  // Each reference in the order of the source, with the edits that unlink it.
  const found: { at: number; unlink: SourceEdit[] }[] = []
  for (const block of blockTexts(doc.runs, (r) => !r.code)) {
    for (const i of references(block.text, dialect)) {
      const char = block.text[i]!
      const edit = replaceRendered(doc.source, block.at[i]!, char, `${char}${ZWSP}`)
      found.push({ at: block.at[i]!, unlink: edit ? [edit] : [] })
    }
  }
  for (const link of doc.links) {
    if (!href.test(link.url)) continue
    // Only the text stays: the "[" goes, and everything from the "]" that ends the text.
    const unlink = [
      { start: link.start, end: link.start + 1, text: '' },
      { start: link.textEnd, end: link.end, text: '' }
    ]
    // A reference link's definition goes too, so no other use of it links.
    const definition = doc.definitions.find((d) => d.identifier === link.reference)
    found.push({ at: link.start, unlink: definition ? [...unlink, { ...definition, text: '' }] : unlink })
  }
  for (const tag of doc.tags) {
    if (tag.name !== 'a' || tag.closing || !href.test(attribute(tag.attributes, 'href') ?? '')) continue
    // An <a> without an href links nowhere.
    found.push({ at: tag.start, unlink: [{ start: tag.start, end: tag.end, text: '<a>' }] })
  }
  if (found.length <= limit) return markdown
  const edits = found
    .sort((a, b) => a.at - b.at)
    .slice(limit)
    .flatMap((f) => f.unlink)
  return `${applySourceEdits(doc.source, edits)}\n\n${referenceNote(found.length - limit, dialect)}`
}

/** The same for plain text (commit messages). */
export function capReferencesPlain(text: string, limit = REFERENCE_LIMIT, dialect?: ForgeDialect): string {
  const at = references(text, dialect)
  if (at.length <= limit) return text
  const cut = new Set(at.slice(limit))
  let out = ''
  for (let i = 0; i < text.length; i++) out += cut.has(i) ? `${text[i]}${ZWSP}` : text[i]
  return `${out}\n\n${referenceNote(at.length - limit, dialect).replace(/\*/g, '')}`
}
