// Text the model writes carries nothing a reader cannot see: HTML comments and link reference
// definitions nothing refers to (the "[//]: # (...)" idiom) are removed, and a git-bob marker written by
// the model, even in code, no longer reads as one. Only the stamp writes markers. Text too complex to
// parse (markdown/limits.ts) gets the last resort: no "<!" and no "]:" is markup any more. Pure.
import {
  applySourceEdits,
  normaliseLineEndings,
  readMarkdown,
  stillUnreadable,
  type SourceEdit
} from '../markdown/document.ts'

const MARKER = /<!--(\s*git-bob-message)/gi

/** Model text without hidden comments, unused definitions or markers. */
export function removeHiddenText(markdown: string): string {
  // Comments need a "<", definitions a "]:"; without either there is nothing to parse for.
  let text = normaliseLineEndings(markdown)
  if (!text.includes('<') && !text.includes(']:')) return text.replace(MARKER, '<!--\u200b$1')
  // Removing one comment can join the halves of another ("<!<!-- -->-- x -->"): again until nothing changes.
  for (let round = 0; ; round++) {
    const doc = readMarkdown(text)
    if (doc.unreadable !== null) {
      // A definition's label ends in "]" and a colon right after it: a zero-width space parts them.
      text = stillUnreadable(text.replace(/<!/g, '&lt;!').replace(/\]:/g, ']\u200b:'), doc.unreadable)
      break
    }
    const edits: SourceEdit[] = [
      ...doc.comments.map((c) => ({ ...c, text: '' })),
      ...doc.definitions.filter((d) => !doc.referenced.has(d.identifier)).map((d) => ({ ...d, text: '' }))
    ]
    if (!edits.length) break
    if (round === 5) {
      // The last resort: no "<!" is markup any more.
      text = text.replace(/<!/g, '&lt;!')
      break
    }
    text = applySourceEdits(doc.source, edits)
  }
  return text.replace(MARKER, '<!--\u200b$1')
}
