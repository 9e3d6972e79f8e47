// What the markdown readers cost on the worst bodies anyone can write: 65,536 characters (a GitHub comment's
// most) of each shape that makes micromark slow or overflow its stack, and the worst just under the limits
// (markdown/limits.ts) that are still parsed. Each body goes through every reader of a run: the trigger
// grammar, the sanitizer the model reads through, and the outbox's passes over what the model writes.
import { sanitizeHumanText } from '../src/conversation/sanitize.ts'
import { findImageRefs } from '../src/conversation/image-refs.ts'
import { readMarkdown } from '../src/markdown/document.ts'
import { MAX_BLOCK_COST, MAX_DELIMITER_COST, MAX_DEPTH, MAX_SETEXT_COST } from '../src/markdown/limits.ts'
import { defuseTriggers } from '../src/outbox/defuse-triggers.ts'
import { removeHiddenText } from '../src/outbox/hidden.ts'
import { defuseMentions } from '../src/outbox/mentions.ts'
import { capReferences, neutraliseClosing } from '../src/outbox/references.ts'
import { findCommand, verbTable } from '../src/trigger/grammar.ts'

export interface MarkdownMeasure {
  shape: string
  chars: number
  /** Milliseconds to read the body once (readMarkdown; the median of three). */
  readMs: number
  /** Milliseconds for every reader over the body once (a parse each, about ten). */
  allMs: number
  /** Whether the body was read as markdown, or left to the safe side as too complex. */
  parsed: boolean
}

const BODY = 65_536
const fill = (piece: string, tail = ' git-bob implement @victim fixes #1 <!-- x -->'): string =>
  piece.repeat(Math.floor((BODY - tail.length) / piece.length)) + tail

/** The bodies: each shape at a comment's full length, and the worst that stays under the limits. */
function worstBodies(): { shape: string; text: string }[] {
  // The most delimiters one paragraph may hold: its cost is their number squared.
  const perParagraph = Math.floor(Math.sqrt(MAX_DELIMITER_COST)) - 20
  const nested = Array.from({ length: MAX_DEPTH }, (_, i) => `${'  '.repeat(i)}- a`).join('\n')
  const setext = Math.floor(MAX_SETEXT_COST / BODY) - 1
  const rows = Math.floor(MAX_BLOCK_COST / BODY) - 10
  const prose = 'The quick brown fox jumps over the lazy dog, *twice*, with `code` and a [link](https://x.y).\n\n'
  return [
    { shape: "15,000+ nested block quotes ('> ' repeated)", text: fill('> ') },
    { shape: "nested list items ('- ' repeated)", text: fill('- ') },
    { shape: "nested ordered list items ('1. ' repeated)", text: fill('1. ') },
    { shape: "quotes and lists nested ('> - ' repeated)", text: fill('> - ') },
    { shape: "emphasis openers ('*a' repeated)", text: fill('*a') },
    { shape: "strikethrough openers ('~a' repeated)", text: fill('~a') },
    { shape: "code span openers ('`a' repeated)", text: fill('`a') },
    { shape: "link openers ('[a](' repeated)", text: fill('[a](') },
    { shape: "nested links ('[' then '](u)')", text: `${'['.repeat(13_000)}a${'](u)'.repeat(13_000)}` },
    {
      shape: `just under the limits: ${perParagraph.toLocaleString('en-US')} '~a' in one paragraph, then prose`,
      text: `${'~a'.repeat(perParagraph)} git-bob implement\n\n${fill(prose)}`.slice(0, BODY)
    },
    {
      shape: `just under the limits: a list nested ${MAX_DEPTH} deep by indentation, then prose`,
      text: `${nested}\n\n${fill(prose)}`.slice(0, BODY)
    },
    { shape: "setext headings ('a', '=' repeated)", text: fill('a\n=\n') },
    { shape: "table rows ('|x|y|' repeated)", text: `|a|b|\n|-|-|\n${fill('|x|y|\n')}`.slice(0, BODY) },
    {
      shape: `just under the limits: ${setext} setext headings, then prose`,
      text: `${'a\n=\n'.repeat(setext)}\n${fill(prose)}`.slice(0, BODY)
    },
    {
      shape: `just under the limits: ${rows.toLocaleString('en-US')} table rows, then prose`,
      text: `|a|b|\n|-|-|\n${'|x|y|\n'.repeat(rows)}\n${fill(prose)}`.slice(0, BODY)
    },
    { shape: 'ordinary prose with emphasis, code and links', text: fill(prose) }
  ]
}

function readAll(text: string): void {
  findCommand(text, 'git-bob', verbTable([{ name: 'implement' }]))
  sanitizeHumanText(text)
  findImageRefs(text, 'https://github.com')
  const out = removeHiddenText(text)
  defuseTriggers(defuseMentions(out, ['alice']), 'git-bob')
  capReferences(neutraliseClosing(out))
}

export function measureMarkdownWorst(): MarkdownMeasure[] {
  const bodies = worstBodies()
  // Compiled first: the first body is not to pay for the parser's warm-up.
  readAll(bodies.at(-1)!.text)
  return bodies.map(({ shape, text }) => {
    // The median of three reads: the machine may be busy with something else for one of them.
    const times = [0, 1, 2].map(() => {
      const t = performance.now()
      readMarkdown(text)
      return performance.now() - t
    })
    const readMs = times.sort((a, b) => a - b)[1]!
    const parsed = readMarkdown(text).unreadable === null
    const started = performance.now()
    readAll(text)
    return { shape, chars: text.length, readMs, allMs: performance.now() - started, parsed }
  })
}
