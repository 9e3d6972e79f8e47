// What markdown git-bob does not parse: micromark's time grows faster than the text on some shapes anyone
// can write (deeply nested quotes and lists overflow the stack; thousands of "*a", "~a" or "[" in one
// paragraph take seconds, tens of seconds in a 65,536-character comment; each setext heading, heading,
// table row or quoted line costs time in proportion to the whole text). One linear scan estimates that
// cost before parsing; a text over a limit is read by no parser, and every reader takes its safe side
// (docs/security.md). The estimates over-count on purpose (indented code and fences in containers count as
// text; only fences at a line's start, before any HTML or definition, are skipped): a false alarm costs a conservative
// reading, a miss costs minutes. Pure.

/** The most a GitHub comment or body may hold: a longer text (a model's answer before it is split) is not parsed. */
export const MAX_LENGTH = 65_536
/** Container nesting (block quotes, list items, indentation) on one line. */
export const MAX_DEPTH = 100
/** The sum over lines of the square of their nesting: micromark walks every open container per line. */
export const MAX_NESTING_COST = 400_000
/** The sum over paragraphs of the square of their delimiters: micromark pairs each with those before it. */
export const MAX_DELIMITER_COST = 2_250_000
/** Setext headings ("=" or "-" under a line) times the text's length: micromark moves every later event for each. */
export const MAX_SETEXT_COST = 4_000_000
/** Lines that open a block (heading, table row, quote, list item, break) times the text's length: the same. */
export const MAX_BLOCK_COST = 200_000_000
// One container opener at the start of what is left of a line: a quote, a bullet or an ordered list item.
const CONTAINER = /[ \t]*(?:>|[-+*](?=[ \t]|$)|\d{1,9}[.)](?=[ \t]|$))/y
// Characters micromark may pair up or match inside a paragraph: emphasis, strikethrough, code spans,
// links and images, autolinks and HTML.
const DELIMITER = /[*_~`[\]!<]/g
const SETEXT = /^ {0,3}(?:=+|-+)[ \t]*$/
const BLOCK = /^[ \t]*(?:[#|>=]|[-+*_](?:[ \t]|$)|\d{1,9}[.)](?:[ \t]|$))/
// A line that may start an HTML block or a link reference definition: either can span lines and hold a fence line
// that micromark then does not read as a fence, so after one, fences are not told apart any more (the scan counts
// every line: the safe side).
const SPANS_LINES = /^ {0,3}[<[]/
/**
 * The fence a line opens, or null. Only a fence at the line's very start counts: one at column 0 cannot belong to
 * a list item or quote (fences are never lazy continuation), so micromark reads what follows as code up to the
 * closing fence or the end of the text. A backtick fence's info string may not hold a backtick (CommonMark).
 */
function opensFence(line: string): string | null {
  const match = /^(`{3,}|~{3,})(.*)$/.exec(line)
  if (!match) return null
  return match[1]!.startsWith('`') && match[2]!.includes('`') ? null : match[1]!
}

/** Whether a line closes the fence: the same character, at least as many, up to 3 spaces before, nothing after. */
function closesFence(line: string, fence: string): boolean {
  const match = /^ {0,3}(`{3,}|~{3,})[ \t]*$/.exec(line)
  return match !== null && match[1]![0] === fence[0] && match[1]!.length >= fence.length
}

/** How deeply a line nests: the containers it opens, or its indentation (two columns a level) if more. */
function depthOf(line: string): number {
  let markers = 0
  let at = 0
  for (;;) {
    CONTAINER.lastIndex = at
    if (!CONTAINER.test(line)) break
    markers++
    at = CONTAINER.lastIndex
  }
  let columns = 0
  for (let i = 0; i < line.length; i++) {
    const c = line[i]
    if (c === ' ') columns += 1
    else if (c === '\t') columns += 4
    else if (i >= at) break
  }
  return Math.max(markers, Math.floor(columns / 2))
}

/** Why a text is not to be parsed as markdown (too long, nested too deeply, too many delimiters), or null. */
export function whyUnreadable(text: string): string | null {
  if (text.length > MAX_LENGTH) return `it is longer than ${MAX_LENGTH.toLocaleString('en-US')} characters`
  let nesting = 0
  let delimiters = 0
  let paragraph = 0
  let setext = 0
  let blocks = 0
  let previous = ''
  let fence: string | null = null
  let spanning = false
  for (const line of text.split(/\r\n?|\n/)) {
    // Inside a fenced code block nothing is parsed: its lines cost nothing (a pasted log full of brackets).
    if (fence !== null) {
      if (closesFence(line, fence)) fence = null
      continue
    }
    if (SPANS_LINES.test(line)) spanning = true
    const opened = spanning ? null : opensFence(line)
    if (opened !== null) {
      delimiters += paragraph * paragraph
      paragraph = 0
      fence = opened
      previous = ''
      continue
    }
    if (SETEXT.test(line) && previous.trim()) setext++
    if (BLOCK.test(line)) blocks++
    previous = line
    if (!line.trim()) {
      delimiters += paragraph * paragraph
      paragraph = 0
      continue
    }
    const depth = depthOf(line)
    if (depth > MAX_DEPTH) return `it nests quotes or lists more than ${MAX_DEPTH} levels deep`
    nesting += depth * depth
    paragraph += line.match(DELIMITER)?.length ?? 0
  }
  delimiters += paragraph * paragraph
  if (nesting > MAX_NESTING_COST) return 'it nests quotes or lists too deeply on too many lines'
  if (delimiters > MAX_DELIMITER_COST) return 'it has too many markup characters (*, _, ~, `, [, <) in one paragraph'
  if (setext * text.length > MAX_SETEXT_COST) return 'it has too many headings underlined with = or -'
  if (blocks * text.length > MAX_BLOCK_COST) return 'it has too many headings, table rows, quoted lines or list items'
  return null
}
