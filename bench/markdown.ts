// What the markdown readers cost on the worst bodies anyone can write: 65,536 characters (a GitHub comment's
// most) of each shape that makes micromark slow or overflow its stack, and the worst just under the limits
// (markdown/limits.ts) that are still parsed. Each body goes through every reader of a run: the trigger
// grammar, the sanitizer the model reads through, and the outbox's passes over what the model writes. A body within
// the limits that micromark cannot read within the deadline (lazy continuation lines) is read in the worker and
// given up on at the deadline; the worker's round trip is measured on ordinary comments.
import { sanitizeHumanText } from '../src/conversation/sanitize.ts'
import { findImageRefs } from '../src/conversation/image-refs.ts'
import {
  forgetReadings,
  IN_THREAD_LENGTH,
  READ_DEADLINE_MS,
  readInThisThread,
  readMarkdown
} from '../src/markdown/document.ts'
import { MAX_BLOCK_COST, MAX_DELIMITER_COST, MAX_DEPTH, MAX_SETEXT_COST } from '../src/markdown/limits.ts'
import { readOffThread } from '../src/markdown/off-thread.ts'
import { defuseTriggers } from '../src/outbox/defuse-triggers.ts'
import { removeHiddenText } from '../src/outbox/hidden.ts'
import { defuseMentions } from '../src/outbox/mentions.ts'
import { capReferences, neutraliseClosing, REFERENCE_LIMIT } from '../src/outbox/references.ts'
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
  /** Whether it was left to the safe side because its read passed the deadline. */
  timedOut: boolean
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
    {
      shape: "lazy continuation lines ('> a', then 'a' on each line): within the limits, 47 s for micromark",
      text: `> a${'\na'.repeat(Math.floor((BODY - 3) / 2))}`
    },
    { shape: "web addresses with no space between them ('http://' repeated)", text: fill('http://') },
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
  capReferences(neutraliseClosing(out), REFERENCE_LIMIT, 'gitlab')
}

export function measureMarkdownWorst(): MarkdownMeasure[] {
  const bodies = worstBodies()
  // Compiled first: the first body is not to pay for the parser's warm-up.
  readAll(bodies.at(-1)!.text)
  return bodies.map(({ shape, text }) => {
    // The median of three reads: the machine may be busy with something else for one of them. A run keeps what
    // it read; each read here starts from nothing, as a new run would.
    const times = [0, 1, 2].map(() => {
      forgetReadings()
      const t = performance.now()
      readMarkdown(text)
      return performance.now() - t
    })
    const readMs = times.sort((a, b) => a - b)[1]!
    const unreadable = readMarkdown(text).unreadable
    forgetReadings()
    const started = performance.now()
    readAll(text)
    const allMs = performance.now() - started
    return { shape, chars: text.length, readMs, allMs, parsed: unreadable === null, timedOut: isTimeout(unreadable) }
  })
}

const isTimeout = (why: string | null): boolean => why !== null && why.startsWith('it takes more than')

export interface RoundTrip {
  chars: number
  /** Milliseconds to read the comment in this thread, and through the worker (medians of many). */
  hereMs: number
  workerMs: number
}

/** What the worker's round trip (the text out, the document back) costs on ordinary comments, against reading here. */
export function measureRoundTrip(): {
  deadlineMs: number
  inThreadLength: number
  /** Milliseconds to start the worker and read one short text in it: what a run pays on its first long text. */
  startMs: number
  comments: RoundTrip[]
} {
  const sentence = 'Thanks! I tried `plot(x)` with **two** [axes](https://example.com) and got an error.\n'
  const median = (read: () => void): number => {
    const times = Array.from({ length: 41 }, () => {
      const t = performance.now()
      read()
      return performance.now() - t
    })
    return times.sort((a, b) => a - b)[20]!
  }
  // A worker of its own: the deadline passed once stops the one there may be, and the next read starts a new one.
  readOffThread(`> a${'\na'.repeat(32_000)}`, 1)
  const started = performance.now()
  readOffThread(sentence, 60_000)
  const startMs = performance.now() - started
  const comments = [500, IN_THREAD_LENGTH, 2_000, 8_000].map((chars) => {
    const text = sentence.repeat(Math.ceil(chars / sentence.length)).slice(0, chars)
    // The worker is started, and both sides compiled, before anything is timed.
    for (let i = 0; i < 20; i++) {
      readInThisThread(text)
      readOffThread(text, 60_000)
    }
    return {
      chars,
      hereMs: median(() => readInThisThread(text)),
      workerMs: median(() => readOffThread(text, 60_000))
    }
  })
  return { deadlineMs: READ_DEADLINE_MS, inThreadLength: IN_THREAD_LENGTH, startMs, comments }
}
