// Tells code from prose in GitHub markdown, so that commands in code don't count and text hidden in
// HTML comments is found only where GitHub would hide it. Pure.

export interface Segment {
  kind: 'prose' | 'code'
  text: string
}

// A fence may sit inside list items and quotes; a backtick fence's info string has no backticks.
const FENCE_OPEN = /^(\s*(?:(?:[-*+]|\d{1,9}[.)])\s+|>\s?)*)(`{3,}(?=[^`]*$)|~{3,})/
// Inline code spans (not across a blank line), and the HTML elements GitHub renders as code.
const INLINE_CODE =
  /(`+)(?!`)((?:(?!\n[ \t]*\n)[\s\S])*?[^`])\1(?!`)|<(pre|code|tt|kbd|samp)\b[^>]*>[\s\S]*?<\/\3\s*>/gi

/** Splits fenced code blocks from the rest, line-exactly: joining the texts gives the input back. */
function fences(markdown: string): Segment[] {
  const segments: Segment[] = []
  const lines = markdown.split('\n')
  let current: Segment = { kind: 'prose', text: '' }
  let open: { char: string; length: number } | null = null
  const push = (kind: Segment['kind'], line: string): void => {
    if (current.kind !== kind) {
      if (current.text) segments.push(current)
      current = { kind, text: '' }
    }
    current.text += `${line}\n`
  }
  for (const line of lines) {
    const match = FENCE_OPEN.exec(line)
    if (open) {
      push('code', line)
      const marker = match?.[2]
      if (marker && marker[0] === open.char && marker.length >= open.length && !line.slice(match[0].length).trim())
        open = null
      continue
    }
    if (match) {
      open = { char: match[2]![0]!, length: match[2]!.length }
      push('code', line)
      continue
    }
    push('prose', line)
  }
  if (current.text) segments.push(current)
  // The split added a newline after the last line.
  const last = segments.at(-1)
  if (last) last.text = last.text.slice(0, -1)
  return segments
}

/** Code blocks and inline code spans apart from prose. */
export function segments(markdown: string): Segment[] {
  const result: Segment[] = []
  for (const block of fences(markdown.replace(/\r\n?/g, '\n'))) {
    if (block.kind === 'code') {
      result.push(block)
      continue
    }
    let at = 0
    for (const match of block.text.matchAll(INLINE_CODE)) {
      if (match.index > at) result.push({ kind: 'prose', text: block.text.slice(at, match.index) })
      result.push({ kind: 'code', text: match[0] })
      at = match.index + match[0].length
    }
    if (at < block.text.length) result.push({ kind: 'prose', text: block.text.slice(at) })
  }
  return result
}

/** Rewrites the prose of a markdown text and leaves its code (fenced blocks, inline spans) as it is. */
export function mapProse(markdown: string, rewrite: (prose: string) => string): string {
  return segments(markdown)
    .map((s) => (s.kind === 'prose' ? rewrite(s.text) : s.text))
    .join('')
}

export const HTML_COMMENT = /<!--[\s\S]*?(?:-->|$)/g

/**
 * Removes HTML comments where GitHub hides them: in prose, not in code, where "<!--" is just text.
 * Code is swapped for placeholders first, so a comment that encloses inline code hides it too.
 */
export function removeHtmlComments(markdown: string): string {
  const code: string[] = []
  const text = segments(markdown)
    .map((s) => {
      if (s.kind === 'prose') return s.text
      code.push(s.text)
      return `\uE000${code.length - 1}\uE001`
    })
    .join('')
  return text
    .replace(HTML_COMMENT, '')
    .replace(/\uE000(\d+)\uE001/g, (placeholder: string, i: string) => code[Number(i)] ?? placeholder)
}
