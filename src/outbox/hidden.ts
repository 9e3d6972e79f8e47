// Text the model writes carries nothing a reader cannot see: HTML comments and link reference
// definitions nothing refers to (the "[//]: # (...)" idiom) are removed, and a git-bob marker written by
// the model, even in code, no longer reads as one. Only the stamp writes markers. Pure.
import { applyEdits, readMarkdown, type Edit } from '../markdown/document.ts'

const MARKER = /<!--(\s*git-bob-message)/gi

function removeOnce(markdown: string): string {
  const doc = readMarkdown(markdown)
  const edits: Edit[] = [
    ...doc.comments.map((c) => ({ ...c, text: '' })),
    ...doc.definitions.filter((d) => !doc.referenced.has(d.identifier)).map((d) => ({ ...d, text: '' }))
  ]
  return edits.length ? applyEdits(doc.source, edits) : doc.source
}

/** Model text without hidden comments, unused definitions or markers. */
export function removeHiddenText(markdown: string): string {
  let text = markdown
  // Removing one comment can join the halves of another ("<!<!-- -->-- x -->"): again until nothing changes.
  for (let round = 0; round < 5; round++) {
    const next = removeOnce(text)
    if (next === text) break
    text = next
  }
  if (readMarkdown(text).comments.length) text = text.replace(/<!/g, '&lt;!')
  return text.replace(MARKER, '<!--\u200b$1')
}
