// The corpus of markdown attacks (test/corpus/markdown-attacks.json), each judged by GitHub's own
// renderer: what git-bob sends out notifies nobody outside the thread, closes no issue, hides nothing;
// what it reads in holds nothing a reader cannot see; and a command counts only in rendered prose.
import { readFileSync } from 'node:fs'
import { beforeAll, describe, expect, it } from 'vitest'
import {
  CMARK_MISSING,
  closingKeywords,
  cmark,
  liveMentions,
  prerenderGfm,
  proseText,
  renderGfm,
  renderGfmByCommandLine,
  visibleText
} from '../../fakes/cmark.ts'
import { defuseMentions } from '../../../src/outbox/mentions.ts'
import { neutraliseClosing, neutraliseClosingPlain, capReferences } from '../../../src/outbox/references.ts'
import { removeHiddenText } from '../../../src/outbox/hidden.ts'
import { defuseTriggers } from '../../../src/outbox/defuse-triggers.ts'
import { sanitizeHumanText } from '../../../src/conversation/sanitize.ts'
import { findCommand, mayAddress, verbTable } from '../../../src/trigger/grammar.ts'
import { readMarkdown } from '../../../src/markdown/document.ts'
import { PAST_DEADLINE_MS, useShortReadDeadline } from '../../fakes/read-deadline.ts'
import { whyUnreadable } from '../../../src/markdown/limits.ts'
import { answeredRequests } from '../../../src/ports/marker.ts'

interface Case {
  name: string
  text: string
}
interface Corpus {
  allowed: string[]
  mentions: (Case & { keep?: string[] })[]
  closing: Case[]
  hidden: Case[]
  incoming: Case[]
  collapsed: (Case & { mark: string; kept: string })[]
  triggers: { text: string; triggers: boolean }[]
  tooComplex: { name: string; piece: string; times: number; tail: string }[]
  tooSlow: { name: string; head: string; piece: string; times: number; tail: string }[]
}

const corpus = JSON.parse(
  readFileSync(new URL('../../corpus/markdown-attacks.json', import.meta.url), 'utf8')
) as Corpus
const VERBS = verbTable([{ name: 'implement' }, { name: 'comment' }])
const ADDRESS = /(?<![\w/.-])@?git-bob[\s,]+implement/i

// A text past the deadline costs it once (the first reader); a stuck read would take 47 s.
const BOUND = 60_000

/** Every reader takes its safe side on an unreadable text, and GitHub agrees that nothing leaks. */
function safeSide(cases: { name: string; text: string }[]): void {
  it.each(cases)(
    '$name: no outsider is mentioned, no issue closed, nothing hidden going out',
    ({ text }) => {
      expect(liveMentions(renderGfm(text))).toContain('victim')
      const mentioned = liveMentions(renderGfm(defuseMentions(text, corpus.allowed)))
      expect(mentioned.filter((l) => !corpus.allowed.includes(l))).toEqual([])
      expect(closingKeywords(visibleText(renderGfm(neutraliseClosing(text))))).toEqual([])
      const visible = renderGfm(removeHiddenText(text))
      expect(visible).not.toMatch(/<!--/)
      // What was hidden is shown, every time it was written.
      expect(visibleText(visible).split('HIDDEN').length).toBe(text.split('HIDDEN').length)
    },
    BOUND
  )

  it.each(cases)(
    '$name: hides nothing from the model coming in',
    ({ text }) => {
      expect(sanitizeHumanText(text)).not.toMatch(/HIDDEN|victim|implement/)
    },
    BOUND
  )

  it.each(cases)(
    '$name: starts nothing, and written into an issue shows no command',
    ({ text }) => {
      // At most the answer that no command was taken, whether GitHub shows the address in prose or in a quote.
      const command = findCommand(text, 'git-bob', VERBS)
      expect(command).toMatchObject({ kind: 'unknown', unreadable: expect.any(String) })
      const defused = defuseTriggers(text, 'git-bob')
      expect(findCommand(defused, 'git-bob', VERBS)).toBeNull()
      expect(ADDRESS.test(proseText(renderGfm(defused)))).toBe(false)
    },
    BOUND
  )
}

/** Texts that mix the corpus pieces, from a fixed seed: the same texts every run. */
function generated(): string[] {
  const pieces = [
    ...['@victim', '@org/team', '&#64;x', '\\@y', '&commat;z', '@vic&#116;im', '`', '``', ' ', '\n', '\n\n', '> '],
    ...['- ', '*', '_', '~~', '<!--', '-->', '<div>', '</div>', '<code>', '</code>', '<pre>', '<details>', '['],
    ...['](u)', 'a', '.', '/', '&', '#', '    ', '```', 'fixes #6', 'fi&#120;es #7', 'resolves o/r#9', '<br>'],
    ...['[x]: u', 'git-bob implement', '@git-bob', 'git-', '-bob', 'closes', ' #8', '\\']
  ]
  let seed = 11
  const next = (n: number): number => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) % n
  const texts: string[] = []
  for (let t = 0; t < 40; t++) {
    let text = ''
    for (let i = 3 + next(12); i > 0; i--) text += pieces[next(pieces.length)]
    texts.push(text)
  }
  return texts
}

const tooComplex = corpus.tooComplex.map((c) => ({ name: c.name, text: c.piece.repeat(c.times) + c.tail }))
const tooSlow = corpus.tooSlow.map((c) => ({ name: c.name, text: c.head + c.piece.repeat(c.times) + c.tail }))

/**
 * Every text the tests below render, and what each writer makes of it, rendered in one batch first (a process
 * per text is most of this file's time); a text the tests render that is not here is rendered on its own. The
 * texts too slow to read are rendered only as written: their writers read them within the tests' own deadline.
 */
function prerender(): void {
  const written = [
    ...[corpus.mentions, corpus.closing, corpus.hidden, corpus.incoming, corpus.triggers].flat(),
    ...tooComplex
  ].map((c) => c.text)
  const texts = [...written, ...generated()]
  prerenderGfm([
    ...texts,
    ...texts.flatMap((text) => [
      defuseMentions(text, corpus.allowed),
      neutraliseClosing(text),
      removeHiddenText(text),
      defuseTriggers(text, 'git-bob')
    ]),
    ...tooSlow.map((c) => c.text),
    `${'> '.repeat(15_000)}git-bob implement`
  ])
}

describe.skipIf(!cmark)(`the markdown attack corpus, judged by cmark-gfm${cmark ? '' : ` (${CMARK_MISSING})`}`, () => {
  beforeAll(prerender, BOUND)

  it('renders in a batch what the command line renders, text by text', () => {
    const texts = [...corpus.mentions.slice(0, 5), ...corpus.triggers.slice(0, 5)].map((c) => c.text)
    texts.push('\ud800 a lone surrogate, @victim', tooComplex[0]!.text)
    for (const text of texts) expect(renderGfm(text), text.slice(0, 80)).toBe(renderGfmByCommandLine(text))
  })

  describe('mentions going out', () => {
    it.each(corpus.mentions)('$name: $text', ({ text, keep = [] }) => {
      const outsiders = (html: string): string[] => liveMentions(html).filter((l) => !corpus.allowed.includes(l))
      // The attack is real: rendered as written, it would notify someone.
      expect(outsiders(renderGfm(text)).length).toBeGreaterThan(0)
      const html = renderGfm(defuseMentions(text, corpus.allowed))
      expect(outsiders(html)).toEqual([])
      expect(liveMentions(html)).toEqual(keep)
      // What a reader sees is unchanged but for zero-width spaces.
      expect(visibleText(html).replace(/\u200b/g, '')).toBe(visibleText(renderGfm(text)))
    })
  })

  describe('closing keywords in a pull request body and title', () => {
    it.each(corpus.closing)('$name: $text', ({ text }) => {
      expect(closingKeywords(visibleText(renderGfm(text))).length).toBeGreaterThan(0)
      const html = renderGfm(neutraliseClosing(text))
      expect(closingKeywords(visibleText(html))).toEqual([])
      expect(visibleText(html).replace(/\u200b/g, '')).toBe(visibleText(renderGfm(text)))
      expect(closingKeywords(neutraliseClosingPlain(text.replace(/&#120;/g, 'x').replace(/&#115;/g, 's')))).toEqual([])
    })

    it("keeps git-bob's own closing keyword, added after the model's text is neutralised", () => {
      const body = `${neutraliseClosing('Fixes #6, resolves o/r#7')}\n\ncloses #5`
      expect(closingKeywords(visibleText(renderGfm(body)))).toEqual(['closes #5'])
    })
  })

  it('cuts a long list of issue references, with a note', () => {
    const text = Array.from({ length: 300 }, (_, i) => `#${i + 1}`).join(' ')
    const html = renderGfm(capReferences(text))
    const linked = [...proseText(html).matchAll(/(?<![\w&])#\d+/g)]
    expect(linked).toHaveLength(20)
    expect(proseText(html)).toContain('280 more issue references are written without a link')
  })

  describe('hidden text and markers in model text', () => {
    it.each(corpus.hidden)('$name', ({ text }) => {
      const out = removeHiddenText(text)
      const html = renderGfm(out)
      expect(html).not.toMatch(/<!--/)
      expect(out).not.toContain('HIDDEN')
      expect(out).not.toMatch(/<!-- git-bob-message/)
      expect(answeredRequests(out)).toEqual([])
    })
  })

  describe('what a reader cannot see stays out of the prompt', () => {
    it.each(corpus.incoming)('$name', ({ text }) => {
      // The text is hidden from a reader...
      expect(visibleText(renderGfm(text))).not.toContain('INJECTED')
      // ...and from the model.
      expect(sanitizeHumanText(text)).not.toContain('INJECTED')
    })

    it.each(corpus.collapsed)('$name: collapsed content is marked, not dropped', ({ text, mark, kept }) => {
      const sanitized = sanitizeHumanText(text)
      expect(sanitized).toContain(kept)
      if (mark) expect(sanitized).toContain(mark)
      else expect(sanitized).not.toContain('[collapsed section')
    })
  })

  it('holds for generated texts that mix the corpus pieces', () => {
    for (const text of generated()) {
      const outsiders = liveMentions(renderGfm(defuseMentions(text, corpus.allowed))).filter((l) => l !== 'alice')
      expect(outsiders, text).toEqual([])
      expect(closingKeywords(visibleText(renderGfm(neutraliseClosing(text)))), text).toEqual([])
      expect(renderGfm(removeHiddenText(text)).replace(/<code>[\s\S]*?<\/code>/g, ''), text).not.toMatch(/<!--/)
      const defused = defuseTriggers(text, 'git-bob')
      expect(findCommand(defused, 'git-bob', VERBS), text).toBeNull()
      expect(ADDRESS.test(proseText(renderGfm(defused))), text).toBe(false)
    }
  })

  describe('commands count only in rendered prose', () => {
    it.each(corpus.triggers)('$text', ({ text, triggers }) => {
      const prose = proseText(renderGfm(text))
      // The corpus agrees with GitHub's renderer, and the grammar agrees with both.
      expect(ADDRESS.test(prose)).toBe(triggers)
      expect(findCommand(text, 'git-bob', VERBS) !== null).toBe(triggers)
      // The run's first, linear check (before the gate and any parse) lets every command GitHub shows through.
      if (triggers) expect(mayAddress(text, 'git-bob')).toBe(true)
      // Written by git-bob into a new issue, the text starts nothing and shows no command.
      const defused = defuseTriggers(text, 'git-bob')
      expect(findCommand(defused, 'git-bob', VERBS)).toBeNull()
      expect(ADDRESS.test(proseText(renderGfm(defused)))).toBe(false)
    })
  })

  // Too complex to parse (markdown/limits.ts): every reader takes its safe side, and GitHub agrees that nothing leaks.
  describe('texts too complex to parse', () => {
    const cases = tooComplex

    it.each(cases)('$name: is not parsed', ({ text }) => {
      expect(whyUnreadable(text)).not.toBeNull()
    })

    safeSide(cases)

    it('a command in 15,000 nested quotes is in a quote on GitHub too', () => {
      const html = renderGfm(`${'> '.repeat(15_000)}git-bob implement`)
      expect(html.split('<blockquote>').length - 1).toBe(15_000)
      expect(ADDRESS.test(proseText(html))).toBe(false)
    })
  })

  // Within the limits, but micromark's time grows with their square: read past the deadline, each is unreadable
  // (markdown/document.ts), and every reader takes the same safe side. Each text costs the deadline once (a tenth
  // of a second here: only these slow texts, and what the writers make of them, are read in this block).
  describe('texts too slow to read', () => {
    const cases = tooSlow
    useShortReadDeadline(PAST_DEADLINE_MS)

    it.each(cases)(
      '$name: is within the limits, and unreadable past the deadline',
      ({ text }) => {
        expect(whyUnreadable(text)).toBeNull()
        expect(readMarkdown(text).unreadable).toBe(`it takes more than ${PAST_DEADLINE_MS / 1000} seconds to read`)
      },
      BOUND
    )

    safeSide(cases)
  })
})
