// Lists of character codes a reader could turn back into text: decimal (`103,104,115`, `[103, 104, 115]`), hex
// with a prefix (`0x67 0x68`, `\x67\x68`, `\u0067`, `U+0067`) or bare (`67 68 73`), at least 8 codes in a row
// with at most 4 separator characters between them. Each list is decoded, both ways where a bare list could be
// either, with a map from the decoded text back to the codes, so a secret found in it is masked where its codes
// are. One scan; pure.

type Span = [start: number, end: number]

export interface DecodedList {
  text: string
  /** Where the decoded characters [from, to) were written as codes. */
  original(from: number, to: number): Span
}

/** A code with a prefix that says hex (group 1), or bare digits (group 2); not inside a longer word. */
const CODE =
  /(?:0[xX]|\\[xX]|\\u\{?|[uU]\+)([0-9A-Fa-f]{1,6})\}?(?![0-9A-Za-z_])|(?<![0-9A-Za-z_])([0-9A-Fa-f]{1,6})(?![0-9A-Za-z_])/g
const SEPARATOR = /^[\s,;|()[\]{}'"`]{0,4}$/
/** A secret has at least 8 characters. */
const SHORTEST = 8

interface Code {
  start: number
  end: number
  hex: string | undefined
  bare: string | undefined
}

export function charCodeLists(text: string): DecodedList[] {
  const lists: DecodedList[] = []
  let run: Code[] = []
  let lastEnd = -1
  const flush = (): void => {
    if (run.length >= SHORTEST) lists.push(...decode(run))
    run = []
  }
  CODE.lastIndex = 0
  for (let m = CODE.exec(text); m; m = CODE.exec(text)) {
    const code = { start: m.index, end: m.index + m[0].length, hex: m[1], bare: m[2] }
    if (run.length && !SEPARATOR.test(text.slice(lastEnd, code.start))) flush()
    run.push(code)
    lastEnd = code.end
  }
  flush()
  return lists
}

/** The run read as written (bare codes decimal), and with bare codes as hex when that reads differently. */
function decode(run: readonly Code[]): DecodedList[] {
  // A bare code with hex letters is no decimal: it stands for no character there (a neighbouring word like "Caf").
  const ways: ((c: Code) => number)[] = [
    (c) => (c.hex !== undefined ? parseInt(c.hex, 16) : /^\d+$/.test(c.bare!) ? parseInt(c.bare!, 10) : -1)
  ]
  if (run.some((c) => c.bare !== undefined)) ways.push((c) => parseInt(c.hex ?? c.bare!, 16))
  return ways.map((way) => {
    const chars: string[] = []
    // For each UTF-16 unit of the decoded text, the code it came from.
    const from: number[] = []
    run.forEach((c, i) => {
      const point = way(c)
      const valid = point > 0 && point <= 0x10ffff && (point < 0xd800 || point > 0xdfff)
      const char = valid ? String.fromCodePoint(point) : '\uFFFD'
      chars.push(char)
      for (let k = 0; k < char.length; k++) from.push(i)
    })
    return {
      text: chars.join(''),
      original: (a: number, b: number): Span => [run[from[a]!]!.start, run[from[b - 1]!]!.end]
    }
  })
}
