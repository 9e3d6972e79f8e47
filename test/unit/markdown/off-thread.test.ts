// The bounded read: markdown that takes longer than the deadline comes back unreadable at about the deadline, the
// worker is replaced, and the next text is read as before; what was read is not read again.
import { describe, expect, it } from 'vitest'
import {
  forgetReadings,
  IN_THREAD_LENGTH,
  MAX_TIMEOUTS,
  readInThisThread,
  readMarkdown,
  setReadDeadline
} from '../../../src/markdown/document.ts'
import { whyUnreadable } from '../../../src/markdown/limits.ts'
import { readOffThread } from '../../../src/markdown/off-thread.ts'
import { PAST_DEADLINE_MS, useShortReadDeadline } from '../../fakes/read-deadline.ts'

// 32,000 lazy continuation lines after "> a": within every limit, and about 47 s for micromark to read.
const LAZY = `> a${'\na'.repeat(32_000)}`
const PROSE = 'The quick brown fox jumps over the lazy dog, *twice*, with `code` and a [link](https://x.y).\n\n'
// Timing is not asserted: a worker that never answers bounds the test (a stuck parse would run for 47 s).
const BOUND = 60_000
// Every text read past the deadline costs it: half a second here instead of 2 s, for the ordinary texts read
// after a worker was replaced; a tenth of a second where only the lazy text is read (pastDeadline).
useShortReadDeadline()

/** `read` with the deadline at PAST_DEADLINE_MS: for reads of the lazy text alone, each past it at less CPU. */
function pastDeadline<T>(read: () => T): T {
  const before = setReadDeadline(PAST_DEADLINE_MS)
  try {
    return read()
  } finally {
    setReadDeadline(before)
  }
}

describe('readMarkdown within the deadline', () => {
  it(
    'the lazy continuation text is within the limits, but past the deadline: unreadable, and says why',
    () => {
      expect(whyUnreadable(LAZY)).toBeNull()
      forgetReadings()
      const doc = pastDeadline(() => readMarkdown(LAZY))
      expect(doc.unreadable).toBe(`it takes more than ${PAST_DEADLINE_MS / 1000} seconds to read`)
      expect(doc.unplaced).toBe(true)
      expect(doc.runs).toEqual([])
      expect(doc.source).toBe(LAZY)
    },
    BOUND
  )

  it(
    'replaces a worker that ran out of time: the next text is read as before',
    () => {
      expect(readOffThread(LAZY, PAST_DEADLINE_MS)).toBeNull()
      const text = PROSE.repeat(30)
      expect(text.length).toBeGreaterThan(IN_THREAD_LENGTH)
      forgetReadings()
      expect(readMarkdown(text)).toEqual(readInThisThread(text))
      expect(
        readMarkdown(text)
          .runs.filter((r) => r.code)
          .map((r) => r.text)
      ).toEqual(new Array(30).fill('code'))
    },
    BOUND
  )

  it(
    'remembers a text past the deadline: the second read does not go to the worker',
    () => {
      forgetReadings()
      const first = pastDeadline(() => readMarkdown(`${LAZY}\n`))
      // The same object: the text was not read again (a second read would make a new one, or time out again).
      expect(readMarkdown(`${LAZY}\n`)).toBe(first)
      expect(readMarkdown(`${LAZY}\r\n`)).toBe(first)
    },
    BOUND
  )

  it(
    'reads a short text in this thread and a long one in the worker, alike',
    () => {
      const short = '> quoted @victim\n\ngit-bob *implement* [x][r] <!-- hidden -->\n\n[r]: https://example.com "t"'
      expect(short.length).toBeLessThanOrEqual(IN_THREAD_LENGTH)
      const long = `${short}\n\n${PROSE.repeat(20)}`
      const inWorker = readOffThread<ReturnType<typeof readInThisThread>>(long, BOUND)
      expect(inWorker).toEqual(readInThisThread(long))
      expect(inWorker!.referenced).toEqual(new Set(['r']))
      expect(inWorker!.comments).toHaveLength(1)
      expect(readMarkdown(short)).toEqual(readInThisThread(short))
    },
    BOUND
  )

  it('a text beyond the limits is not sent to the worker: its reason is the limits', () => {
    forgetReadings()
    expect(readMarkdown('> '.repeat(15_000)).unreadable).toMatch(/levels deep/)
  })
})

describe('reads past the deadline in one run', () => {
  it(
    `after ${MAX_TIMEOUTS}, a long text is unreadable without trying; a short one is still read`,
    () => {
      forgetReadings()
      pastDeadline(() => {
        for (let i = 0; i < MAX_TIMEOUTS; i++)
          expect(readMarkdown(`${LAZY}${'\na'.repeat(i + 1)}`).unreadable).toMatch(/seconds to read/)
      })
      // Ordinary prose the worker would read at once: not tried any more.
      expect(readMarkdown(PROSE.repeat(30)).unreadable).toBe(
        `it is long, and ${MAX_TIMEOUTS} texts in this run took too long to read`
      )
      expect(readMarkdown(PROSE).unreadable).toBeNull()
      forgetReadings()
      expect(readMarkdown(PROSE.repeat(30)).unreadable).toBeNull()
    },
    5 * BOUND
  )
})
