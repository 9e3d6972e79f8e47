// Text as a reader sees it once GitHub renders it, with a map back to the original: what does not show is
// dropped (every Unicode default-ignorable code point: zero-width characters, joiners, bidi marks, invisible
// operators, variation selectors, Hangul fillers, tag characters, soft hyphen, BOM; HTML tags and comments, and the markdown
// marks `*`, `~` and backticks that can split a word), HTML entities (decimal, hex, the named ones for ASCII
// punctuation and invisible characters), backslash escapes and percent escapes of ASCII become the character
// they stand for. A secret split or spelled that way is found in the view and masked
// in the original. Only the places that change are visited and remembered, so plain text costs one scan. Pure.

export interface RenderedView {
  text: string
  /** Whether text differs from the original. */
  changed: boolean
  /** Where the view's characters [from, to) lie in the original. */
  original(from: number, to: number): [start: number, end: number]
}

/** The Unicode property Default_Ignorable_Code_Point (U+00AD, U+034F, U+200B-200F, U+2060-206F, U+E0000-E0FFF, ...). */
const IGNORABLE = /^\p{Default_Ignorable_Code_Point}$/u
/** Anything the view may change. */
const SPECIAL = /[&\\%<*~`]|\p{Default_Ignorable_Code_Point}/gu
/** Characters that only format: a key or token never holds one, so the view may drop them. */
const MARKS = new Set([0x2a, 0x7e, 0x60])
const TAG = /<\/?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?\/?>/y
const ENTITY = /&(?:#[xX]([0-9a-fA-F]{1,6})|#([0-9]{1,7})|([A-Za-z][A-Za-z0-9]{1,31}));/y
const PERCENT = /%([0-7][0-9a-fA-F])/y
const PUNCTUATION = /[!-/:-@[-`{-~]/

/** The HTML5 named entities for characters that occur in keys and tokens, and for invisible ones. */
const NAMED: Readonly<Record<string, string>> = {
  lowbar: '_',
  UnderBar: '_',
  period: '.',
  equals: '=',
  plus: '+',
  sol: '/',
  colon: ':',
  hyphen: '\u2010',
  dash: '\u2010',
  amp: '&',
  AMP: '&',
  percnt: '%',
  bsol: '\\',
  num: '#',
  excl: '!',
  quest: '?',
  commat: '@',
  dollar: '$',
  ast: '*',
  midast: '*',
  tilde: '~',
  Hat: '^',
  grave: '`',
  DiacriticalGrave: '`',
  verbar: '|',
  vert: '|',
  VerticalLine: '|',
  shy: '\u00ad',
  ZeroWidthSpace: '\u200b',
  zwnj: '\u200c',
  zwj: '\u200d',
  NoBreak: '\u2060'
}

/** One place where the view differs: `from` original characters at `at` became `chars` at `viewAt`. */
interface Edit {
  at: number
  length: number
  viewAt: number
  viewLength: number
}

export function renderedView(original: string): RenderedView {
  const edits: Edit[] = []
  const parts: string[] = []
  const comments = { closeFrom: -1, close: -1 }
  let copied = 0
  let viewLength = 0
  SPECIAL.lastIndex = 0
  for (let m = SPECIAL.exec(original); m; m = SPECIAL.exec(original)) {
    const at = m.index
    const found = decodeAt(original, at, comments)
    if (!found) continue
    if (at > copied) parts.push(original.slice(copied, at))
    if (found.chars) parts.push(found.chars)
    viewLength += at - copied
    const last = edits[edits.length - 1]
    // A run of dropped characters is one edit, so a long run costs one entry.
    if (!found.chars && last && last.viewLength === 0 && last.at + last.length === at) last.length += found.length
    else edits.push({ at, length: found.length, viewAt: viewLength, viewLength: found.chars.length })
    viewLength += found.chars.length
    copied = at + found.length
    SPECIAL.lastIndex = copied
  }
  if (!edits.length) return { text: original, changed: false, original: (from, to) => [from, to] }
  parts.push(original.slice(copied))
  return { text: parts.join(''), changed: true, original: (from, to) => [startOf(edits, from), endOf(edits, to - 1)] }
}

/** What the special character at `at` stands for, or null when it stays as it is. */
function decodeAt(
  text: string,
  at: number,
  comments: { closeFrom: number; close: number }
): { chars: string; length: number } | null {
  const code = text.charCodeAt(at)
  if (MARKS.has(code)) return { chars: '', length: 1 }
  const point = text.codePointAt(at)!
  if (code > 0x7f && IGNORABLE.test(String.fromCodePoint(point))) return { chars: '', length: point > 0xffff ? 2 : 1 }
  if (code === 0x3c /* < */) {
    if (text.startsWith('<!--', at)) {
      // The next "-->" is looked up once and reused, so many unclosed comments cost one scan.
      if (comments.closeFrom < 0 || (comments.close >= 0 && comments.close < at + 4)) {
        comments.closeFrom = at + 4
        comments.close = text.indexOf('-->', at + 4)
      }
      return comments.close < 0 ? null : { chars: '', length: comments.close + 3 - at }
    }
    TAG.lastIndex = at
    const m = TAG.exec(text)
    return m ? { chars: '', length: m[0].length } : null
  }
  if (code === 0x26 /* & */) {
    ENTITY.lastIndex = at
    const m = ENTITY.exec(text)
    if (!m) return null
    let char: string | undefined
    if (m[3] !== undefined) char = NAMED[m[3]]
    else {
      const point = parseInt(m[1] ?? m[2]!, m[1] !== undefined ? 16 : 10)
      // What cmark-gfm renders for a code point that is not a character.
      const valid = point > 0 && point <= 0x10ffff && (point < 0xd800 || point > 0xdfff)
      char = valid ? String.fromCodePoint(point) : '\uFFFD'
    }
    if (char === undefined) return null
    return { chars: IGNORABLE.test(char) ? '' : char, length: m[0].length }
  }
  if (code === 0x5c /* \ */) return PUNCTUATION.test(text[at + 1] ?? '') ? { chars: text[at + 1]!, length: 2 } : null
  PERCENT.lastIndex = at
  const m = PERCENT.exec(text)
  return m ? { chars: String.fromCharCode(parseInt(m[1]!, 16)), length: 3 } : null
}

/** The last edit that starts at or before view position x (of several at one position, the last), or -1. */
function editBefore(edits: readonly Edit[], x: number): number {
  let lo = 0
  let hi = edits.length - 1
  let found = -1
  while (lo <= hi) {
    const mid = (lo + hi) >> 1
    if (edits[mid]!.viewAt <= x) {
      found = mid
      lo = mid + 1
    } else hi = mid - 1
  }
  return found
}

/** Where the view's character x starts in the original. */
function startOf(edits: readonly Edit[], x: number): number {
  const i = editBefore(edits, x)
  if (i < 0) return x
  const e = edits[i]!
  if (x < e.viewAt + e.viewLength) return e.at
  return e.at + e.length + (x - e.viewAt - e.viewLength)
}

/** Where the view's character x ends in the original. */
function endOf(edits: readonly Edit[], x: number): number {
  const i = editBefore(edits, x)
  if (i < 0) return x + 1
  const e = edits[i]!
  if (x < e.viewAt + e.viewLength) return e.at + e.length
  return e.at + e.length + (x - e.viewAt - e.viewLength) + 1
}
