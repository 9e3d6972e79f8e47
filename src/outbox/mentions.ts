// Keeps git-bob from notifying people the model names. GitHub turns "@login" and "@org/team" into a
// mention wherever it is rendered as text (not in code, not inside a link) after the start of a text or
// a character that is not a letter, digit or underscore. So the mention itself is broken: a zero-width
// space after the "@" (as Dependabot writes the people it quotes), which a reader does not see and which
// no backtick or emphasis around it can undo. People in the thread, and maintainers git-bob asks on
// purpose, stay mentioned. Markdown is read with the one markdown model; titles and commit messages are
// plain text, where every "@login" counts. Pure.
import {
  applySourceEdits,
  normaliseLineEndings,
  readMarkdown,
  replaceRendered,
  stillUnreadable,
  type SourceEdit
} from '../markdown/document.ts'

/** What the "@" becomes: it still reads "@login", but names nobody. */
export const BROKEN_AT = '@\u200b'

// "@login" or "@org/team"; the login as GitHub allows it (letters, digits, hyphens).
const MENTION = /@([A-Za-z0-9][A-Za-z0-9-]*)(\/[A-Za-z0-9][\w.-]*)?/g

function allowSet(allowed: Iterable<string>): Set<string> {
  return new Set([...allowed].map((login) => login.replace(/^@/, '').toLowerCase()))
}

/** The offsets of the "@" of mentions in `text` that would notify someone not in `allowed`. */
export function liveMentions(
  text: string,
  allowed: ReadonlySet<string>,
  starts: ReadonlySet<number> = new Set([0])
): number[] {
  const found: number[] = []
  for (const m of text.matchAll(MENTION)) {
    const before = text[m.index - 1]
    const boundary = m.index === 0 || starts.has(m.index) || !/[A-Za-z0-9_]/.test(before ?? '')
    if (!boundary) continue
    if (!m[2] && allowed.has(m[1]!.toLowerCase())) continue
    found.push(m.index)
  }
  return found
}

/** The live mentions of people outside `allowed` in markdown as GitHub renders it: text, not code, not links. */
export function outsiderMentions(markdown: string, allowed: Iterable<string>): string[] {
  const allow = allowSet(allowed)
  const doc = readMarkdown(markdown)
  return doc.runs
    .filter((r) => (!r.code || r.codeByTag) && !r.link)
    .flatMap((r) => liveMentions(r.text, allow).map((i) => MENTION.exec(r.text.slice(i))?.[0] ?? '@'))
}

// The last resort: every "@" that could start a mention, however written, is broken.
const ANY_AT = /(?:@|\\@|&#0*64;|&#[xX]0*40;|&commat;)(?=[A-Za-z0-9]|&)/g

/** Breaks @mentions of people not in `allowed` (compared case-insensitively) wherever GitHub renders them. */
export function defuseMentions(markdown: string, allowed: Iterable<string>): string {
  // Parsing is costly (micromark): without an "@" or a character reference there is no mention to find.
  if (!/[@&]/.test(markdown)) return normaliseLineEndings(markdown)
  const allow = allowSet(allowed)
  const doc = readMarkdown(markdown)
  const edits: SourceEdit[] = []
  let precise = !doc.unplaced
  for (const run of doc.runs) {
    // Code by an HTML tag is not trusted: an unclosed <code> may end sooner on GitHub than it does here.
    if ((run.code && !run.codeByTag) || run.link) continue
    for (const i of liveMentions(run.text, allow)) {
      const edit = replaceRendered(doc.source, run.at[i]!, '@', BROKEN_AT)
      if (edit) edits.push(edit)
      else precise = false
    }
  }
  if (precise && !edits.length) return doc.source
  const out = applySourceEdits(doc.source, edits)
  if (precise && outsiderMentions(out, allow).length === 0) return out
  const broken = doc.source.replace(ANY_AT, BROKEN_AT)
  return doc.unreadable === null ? broken : stillUnreadable(broken, doc.unreadable)
}

/** The same for plain text (pull request titles, commit messages): every "@login" of an outsider is broken. */
export function defuseMentionsPlain(text: string, allowed: Iterable<string>): string {
  const allow = allowSet(allowed)
  const at = new Set(liveMentions(text, allow))
  return text.replace(/@/g, (m: string, i: number) => (at.has(i) ? BROKEN_AT : m))
}
