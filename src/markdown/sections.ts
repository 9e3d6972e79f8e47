// The sections of a markdown text: each heading of the document's top level and what follows it up to the next
// heading of the same or a higher level. Read with the one parser (document.ts), so a "#" line inside a fenced
// code block, a quote or a list starts no section. A text the limits would not let a parser read (limits.ts)
// has no sections. Pure.
import type { Nodes } from 'mdast'
import { normaliseLineEndings, parseMarkdown } from './document.ts'
import { whyUnreadable } from './limits.ts'

export interface Section {
  /** The heading as a reader sees it ("Code Review Rules"). */
  title: string
  /** 1 for "#", 6 for "######" (and 1 or 2 for setext headings). */
  depth: number
  /** Source offsets, line endings normalised: from the heading's start to the next section's start (or the end). */
  start: number
  end: number
}

/** The visible text of a heading's inline content. */
function textOf(node: Nodes): string {
  if ('value' in node && typeof node.value === 'string' && node.type !== 'html') return node.value
  if ('children' in node) return node.children.map(textOf).join('')
  return ''
}

/** Every top-level section of `markdown`, in order; offsets refer to the text with line endings normalised. */
export function sections(markdown: string): Section[] {
  const source = normaliseLineEndings(markdown)
  if (whyUnreadable(source) !== null) return []
  const headings = parseMarkdown(source).children.flatMap((node) =>
    node.type === 'heading' && node.position?.start.offset !== undefined
      ? [{ title: textOf(node).trim(), depth: node.depth, start: node.position.start.offset }]
      : []
  )
  return headings.map((h, i) => {
    const next = headings.slice(i + 1).find((later) => later.depth <= h.depth)
    return { ...h, end: next?.start ?? source.length }
  })
}
