// The raw HTML inside markdown, as a browser reads it after GitHub's filters: comments and attributes
// are hidden, text between tags is shown (entities decoded), and a few tags change what the text is
// (code, quotes, collapsed sections, line breaks). Pure.
import { decodeNamedCharacterReference } from 'decode-named-character-reference'

export type HtmlToken =
  | { kind: 'text'; start: number; end: number }
  /** A comment, CDATA, processing instruction or declaration: never shown. */
  | { kind: 'hidden'; start: number; end: number }
  | { kind: 'tag'; start: number; end: number; name: string; closing: boolean; attributes: string }

// GitHub's tagfilter extension escapes these, so "<script>" is shown as text.
const FILTERED = new Set(['title', 'textarea', 'style', 'xmp', 'iframe', 'noembed', 'noframes', 'script', 'plaintext'])

const TAG =
  /^<(\/?)([A-Za-z][A-Za-z0-9-]*)((?:\s+[A-Za-z_:][\w.:-]*(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'=<>`]+))?)*)\s*\/?>/
const HIDDEN = [
  { open: '<!--', close: '-->' },
  { open: '<![CDATA[', close: ']]>' },
  { open: '<?', close: '?>' },
  { open: '<!', close: '>' }
]

/** Splits raw HTML into text, hidden parts and tags; offsets are relative to `html`. */
export function tokenizeHtml(html: string): HtmlToken[] {
  const tokens: HtmlToken[] = []
  let text = 0
  const flush = (end: number): void => {
    if (end > text) tokens.push({ kind: 'text', start: text, end })
  }
  for (let i = 0; i < html.length;) {
    if (html[i] !== '<') {
      i++
      continue
    }
    const hidden = HIDDEN.find((h) => html.startsWith(h.open, i))
    if (hidden) {
      const close = html.indexOf(hidden.close, i + hidden.open.length)
      // An unterminated comment hides the rest, as it does in a browser.
      const end = close < 0 ? html.length : close + hidden.close.length
      flush(i)
      tokens.push({ kind: 'hidden', start: i, end })
      i = text = end
      continue
    }
    const tag = TAG.exec(html.slice(i))
    if (tag && !FILTERED.has(tag[2]!.toLowerCase())) {
      flush(i)
      const end = i + tag[0].length
      tokens.push({
        kind: 'tag',
        start: i,
        end,
        name: tag[2]!.toLowerCase(),
        closing: tag[1] === '/',
        attributes: tag[3] ?? ''
      })
      i = text = end
      continue
    }
    i++
  }
  flush(html.length)
  return tokens
}

/** The value of one attribute of a tag, decoded; null when the tag does not have it. */
export function attribute(attributes: string, name: string): string | null {
  const pattern = /([A-Za-z_:][\w.:-]*)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?/g
  for (const m of attributes.matchAll(pattern)) {
    if (m[1]!.toLowerCase() === name) return decodeEntities(m[2] ?? m[3] ?? m[4] ?? '').text
  }
  return null
}

const ENTITY = /^&(?:#([0-9]{1,7})|#[xX]([0-9a-fA-F]{1,6})|([A-Za-z][A-Za-z0-9]{0,31}));/

/** The character reference at the start of `text` and what it stands for; null when there is none. */
export function entityAt(text: string): { length: number; value: string } | null {
  const m = ENTITY.exec(text.slice(0, 40))
  if (!m) return null
  if (m[3] !== undefined) {
    const value = decodeNamedCharacterReference(m[3])
    return value === false ? null : { length: m[0].length, value }
  }
  const code = m[1] !== undefined ? Number(m[1]) : parseInt(m[2]!, 16)
  const valid = code > 0 && code <= 0x10ffff && !(code >= 0xd800 && code <= 0xdfff)
  return { length: m[0].length, value: String.fromCodePoint(valid ? code : 0xfffd) }
}

/**
 * Text with its character references decoded, and for each character of the result the offset in
 * `text` it came from (-1 for the later characters of a reference that stands for several).
 */
export function decodeEntities(text: string): { text: string; at: number[] } {
  let out = ''
  const at: number[] = []
  for (let i = 0; i < text.length;) {
    const entity = text[i] === '&' ? entityAt(text.slice(i)) : null
    if (entity) {
      for (let k = 0; k < entity.value.length; k++) at.push(k === 0 ? i : -1)
      out += entity.value
      i += entity.length
      continue
    }
    at.push(i)
    out += text[i]
    i++
  }
  return { text: out, at }
}
