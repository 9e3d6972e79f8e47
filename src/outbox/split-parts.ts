// A secret in pieces: split by whitespace into any number of parts, split by a few other characters ("ghp_abc..
// -- ..xyz", "part 2:") between parts of at least 4 characters, or half of it on its own (at least 12 characters,
// letters and digits both, so a word a secret happens to contain is not masked). Found in one pass over the text
// without whitespace: each position looks up its next 4 characters in an index of every secret's 4-character
// pieces, and a piece that continues a piece before it, directly or after a short gap, carries the chain on.
// Pure.

type Span = [start: number, end: number]

/** Characters each part must have: shorter pieces are too common to chain on. */
const PIECE = 4
/** The most characters (whitespace not counted) between two parts. */
const GAP = 8
/** A piece alone is masked from this length, or half the secret when that is longer. */
const FRAGMENT = 12

/** Text without whitespace, with a map back: `positions[i]` is where character i was. */
export interface CompactView {
  text: string
  original(from: number, to: number): Span
}

const UTF16 = new TextDecoder('utf-16le')

/**
 * The text without whitespace, or null when it has none. Copied unit by unit into an array and decoded once: a
 * regular expression replace costs a match object per word, ten times as much on prose.
 */
export function withoutWhitespace(text: string): CompactView | null {
  if (!/\s/.test(text)) return null
  const positions = new Int32Array(text.length)
  const units = new Uint16Array(text.length)
  let n = 0
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i)
    if (isSpace(code)) continue
    positions[n] = i
    units[n++] = code
  }
  return {
    text: UTF16.decode(units.subarray(0, n)),
    original: (from, to) => [positions[from]!, positions[to - 1]! + 1]
  }
}

/** What \s matches: ASCII whitespace, and above U+00A0 what the regular expression says. */
function isSpace(code: number): boolean {
  if (code <= 0x20) return code === 0x20 || (code >= 0x09 && code <= 0x0d)
  if (code < 0xa0) return false
  return /\s/.test(String.fromCharCode(code))
}

interface Secret {
  text: string
  /** Shortest piece masked alone (over the length: none). */
  fragment: number
  /** Letters and digits among the first i characters, to judge a piece in constant time. */
  letters: Int32Array
  digits: Int32Array
}

export class SplitParts {
  private readonly secrets: Secret[] = []
  /** The 4-character pieces by hash: pairs of (secret, offset). */
  private readonly index = new Map<number, number[]>()

  constructor(values: Iterable<string>) {
    for (const value of values) {
      const text = value.replace(/\s+/g, '')
      if (text.length < 8) continue
      const id = this.secrets.length
      const letters = new Int32Array(text.length + 1)
      const digits = new Int32Array(text.length + 1)
      for (let i = 0; i < text.length; i++) {
        letters[i + 1] = letters[i]! + (/[A-Za-z]/.test(text[i]!) ? 1 : 0)
        digits[i + 1] = digits[i]! + (/\d/.test(text[i]!) ? 1 : 0)
      }
      this.secrets.push({ text, fragment: Math.max(FRAGMENT, Math.ceil(text.length / 2)), letters, digits })
      for (let off = 0; off + PIECE <= text.length; off++) {
        const key = hash(text, off)
        const entries = this.index.get(key)
        if (entries) entries.push(id, off)
        else this.index.set(key, [id, off])
      }
    }
  }

  /** Where a split secret or a long piece of one lies in the text (whitespace-free text is best: see above). */
  find(text: string): Span[] {
    const spans: Span[] = []
    if (!this.secrets.length) return spans
    // Per secret and offset: the last position a piece matched there, where its contiguous run began, and where
    // the chain it belongs to began (-1: none). Per covered length: where the covering chain ended and began.
    const state = this.secrets.map((s) => ({
      lastHit: new Int32Array(s.text.length).fill(-2),
      runFrom: new Int32Array(s.text.length),
      chainFrom: new Int32Array(s.text.length).fill(-1),
      reachEnd: new Int32Array(s.text.length + 1).fill(-GAP - 2),
      reachFrom: new Int32Array(s.text.length + 1)
    }))
    for (let i = 0; i + PIECE <= text.length; i++) {
      const entries = this.index.get(hash(text, i))
      if (!entries) continue
      for (let e = 0; e < entries.length; e += 2) {
        const id = entries[e]!
        const off = entries[e + 1]!
        const secret = this.secrets[id]!
        if (!text.startsWith(secret.text.slice(off, off + PIECE), i)) continue
        const st = state[id]!
        const contiguous = off > 0 && st.lastHit[off - 1] === i - 1
        const runFrom = contiguous ? st.runFrom[off - 1]! : i
        st.lastHit[off] = i
        st.runFrom[off] = runFrom
        const length = i + PIECE - runFrom
        const first = off + PIECE - length
        if (
          length >= secret.fragment &&
          secret.letters[off + PIECE]! > secret.letters[first]! &&
          secret.digits[off + PIECE]! > secret.digits[first]!
        )
          spans.push([runFrom, i + PIECE])
        let chainFrom = -1
        if (off === 0) chainFrom = i
        else if (contiguous && st.chainFrom[off - 1]! >= 0) chainFrom = st.chainFrom[off - 1]!
        else if (i - st.reachEnd[off]! >= 0 && i - st.reachEnd[off]! <= GAP) chainFrom = st.reachFrom[off]!
        st.chainFrom[off] = chainFrom
        if (chainFrom < 0) continue
        st.reachEnd[off + PIECE] = i + PIECE
        st.reachFrom[off + PIECE] = chainFrom
        if (off + PIECE === secret.text.length) spans.push([chainFrom, i + PIECE])
      }
    }
    return spans
  }
}

/** The 4 characters at `at` as one number (equal pieces, equal numbers; a collision is checked by comparison). */
function hash(text: string, at: number): number {
  let h = 0
  for (let i = at; i < at + PIECE; i++) h = (Math.imul(h, 65_599) + text.charCodeAt(i)) | 0
  return h
}
