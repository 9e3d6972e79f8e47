import { describe, expect, it } from 'vitest'
import {
  applySourceEdits,
  blockTexts,
  readMarkdown,
  replaceRendered,
  stillUnreadable
} from '../../../src/markdown/document.ts'

const runs = (markdown: string): [string, string][] =>
  readMarkdown(markdown).runs.map((r) => [
    r.text,
    [r.code && 'code', r.quote && 'quote', r.link && 'link'].filter(Boolean).join(',')
  ])

describe('readMarkdown', () => {
  it('reads text as GitHub renders it: escapes and references decoded, code and quotes marked', () => {
    expect(runs('a \\* &amp; `c` [l](u)\n\n> q\n\n    indented')).toEqual([
      ['a * & ', ''],
      ['c', 'code'],
      [' ', ''],
      ['l', 'link'],
      ['q', 'quote'],
      ['indented', 'code']
    ])
  })

  it('reads raw HTML: text shown, code elements as code, comments and attributes hidden', () => {
    const doc = readMarkdown('<div title="t">a <code>b</code><!-- c --></div>')
    expect(doc.runs.filter((r) => r.text !== '\n').map((r) => [r.text, r.code])).toEqual([
      ['a ', false],
      ['b', true]
    ])
    expect(doc.comments.map((c) => doc.source.slice(c.start, c.end))).toEqual(['<!-- c -->'])
    expect(doc.tags[0]).toMatchObject({ name: 'div', closing: false, attributes: ' title="t"' })
  })

  it('finds what a reader never sees: definitions, image alt text, link titles', () => {
    const doc = readMarkdown('![alt](a.png) [l](u "t") [r][x]\n\n[x]: https://y\n[//]: # (c)')
    expect(doc.runs.map((r) => r.text).join('')).toBe(' l r')
    expect(doc.images).toMatchObject([{ url: 'a.png' }])
    expect(doc.titledLinks.map((l) => doc.source.slice(l.start, l.end))).toEqual(['](u "t")'])
    expect(doc.definitions.map((d) => d.identifier)).toEqual(['x', '//'])
    expect([...doc.referenced]).toEqual(['x'])
  })

  it('traces each rendered character to its source offset', () => {
    const doc = readMarkdown('> a &#64;b \\_c')
    const run = doc.runs[0]!
    expect(run.text).toBe('a @b _c')
    expect(run.at.slice(0, run.text.length).map((i) => doc.source[i])).toEqual(['a', ' ', '&', 'b', ' ', '\\', 'c'])
  })

  it('joins the runs of one block, and keeps blocks apart', () => {
    const doc = readMarkdown('a *b* c\n\nd')
    expect(blockTexts(doc.runs, () => true).map((b) => b.text)).toEqual(['a b c', 'd'])
  })
})

describe('edits', () => {
  it('applies edits in order and drops overlapping ones', () => {
    expect(
      applySourceEdits('abcdef', [
        { start: 4, end: 5, text: 'E' },
        { start: 0, end: 2, text: 'AB' },
        { start: 1, end: 3, text: 'x' }
      ])
    ).toBe('ABcdEf')
  })

  it('replaces a rendered character however it is written', () => {
    expect(replaceRendered('a@b', 1, '@', '!')).toEqual({ start: 1, end: 2, text: '!' })
    expect(replaceRendered('a\\@b', 1, '@', '!')).toEqual({ start: 1, end: 3, text: '!' })
    expect(replaceRendered('a&#64;b', 1, '@', '!')).toEqual({ start: 1, end: 6, text: '!' })
    expect(replaceRendered('a#b', 1, '@', '!')).toBeNull()
  })
})

describe('readMarkdown on a text too complex to parse', () => {
  it.each([
    ['15,000 nested block quotes', `${'> '.repeat(15_000)}git-bob implement <!-- x --> [d]: u`],
    ['15,000 nested list items', `${'- '.repeat(15_000)}a`],
    ['a paragraph of 15,000 emphasis openers', '*a'.repeat(15_000)]
  ])('%s: reads nothing, says why, and is marked for the last resort', (_name, text) => {
    const doc = readMarkdown(text)
    expect(doc.unreadable).toMatch(/levels deep|markup characters/)
    expect(doc.unplaced).toBe(true)
    expect(doc.runs).toEqual([])
    expect(doc.comments).toEqual([])
    expect(doc.definitions).toEqual([])
    expect(doc.source).toBe(text)
  })

  it('reads a text under the limits', () => {
    const doc = readMarkdown(`${'> '.repeat(50)}a *b*`)
    expect(doc.unreadable).toBeNull()
    expect(doc.runs.map((r) => [r.text, r.quote])).toEqual([
      ['a ', true],
      ['b', true]
    ])
  })
})

describe('readMarkdown when the parser overflows the stack all the same', () => {
  it('returns an unreadable document instead of throwing; other errors still throw', () => {
    const overflow = (): never => {
      throw new RangeError('Maximum call stack size exceeded')
    }
    const doc = readMarkdown('> a <!-- b -->', overflow)
    expect(doc.unreadable).toBe('it nests too deeply to read')
    expect(doc.unplaced).toBe(true)
    expect(doc.runs).toEqual([])
    expect(doc.comments).toEqual([])
    expect(() =>
      readMarkdown('a', () => {
        throw new TypeError('a bug')
      })
    ).toThrow('a bug')
  })
})

describe('stillUnreadable', () => {
  it('a text made from an unreadable one is not read again: its readers take the safe side at once', () => {
    const text = 'a *readable* text @victim\r\n'
    expect(stillUnreadable(text, 'it takes more than 2 seconds to read')).toBe('a *readable* text @victim\n')
    const doc = readMarkdown(text)
    expect(doc.unreadable).toBe('it takes more than 2 seconds to read')
    expect(doc.runs).toEqual([])
    expect(doc.unplaced).toBe(true)
  })

  it('does not overrule a text already read', () => {
    expect(readMarkdown('read *before*').unreadable).toBeNull()
    stillUnreadable('read *before*', 'why')
    expect(readMarkdown('read *before*').unreadable).toBeNull()
  })
})
