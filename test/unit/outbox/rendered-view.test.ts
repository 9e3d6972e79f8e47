import { describe, expect, it } from 'vitest'
import { renderedView } from '../../../src/outbox/rendered-view.ts'

describe('renderedView: what a reader sees', () => {
  it.each<[string, string, string]>([
    ['plain text', 'nothing special here', 'nothing special here'],
    ['a zero-width space', 'ab\u200bcd', 'abcd'],
    ['joiners, word joiner, BOM, soft hyphen', 'a\u200cb\u200dc\u2060d\ufeffe\u00adf', 'abcdef'],
    ['a decimal entity', '&#103;hs_x', 'ghs_x'],
    ['a zero-padded decimal entity', '&#0000103;', 'g'],
    ['a hex entity', '&#x67;&#X48;', 'gH'],
    ['an astral entity', '&#x1F600;', '\u{1F600}'],
    ['an invalid code point', '&#0;&#xD800;&#x110000;', '\uFFFD\uFFFD\uFFFD'],
    ['named entities for punctuation', 'a&lowbar;b&period;c&equals;d&sol;e&amp;f', 'a_b.c=d/e&f'],
    ['entities for invisible characters', 'a&shy;b&#8203;c&ZeroWidthSpace;d&#x2060;e', 'abcde'],
    ['an unknown named entity', 'a&nosuchthing;b', 'a&nosuchthing;b'],
    ['an entity without semicolon', 'a&#103 b', 'a&#103 b'],
    ['a backslash escape', 'ghs\\_x \\* y', 'ghs_x * y'],
    ['a backslash before a letter', 'C:\\Users', 'C:\\Users'],
    ['percent escapes of ASCII', 'a%5Fb%2fc', 'a_b/c'],
    ['percent escapes beyond ASCII', 'caf%C3%A9', 'caf%C3%A9'],
    ['a lone percent sign', '50% done', '50% done'],
    ['empty HTML tags', 'gh<b></b>s<span class="x">_</span>x<br/>y', 'ghs_xy'],
    ['an HTML comment', 'gh<!-- hidden -->s_x', 'ghs_x'],
    ['HTML comments one after another', 'a<!--1-->b<!--2-->c<!--3', 'abc<!--3'],
    ['an unclosed HTML comment', 'a<!-- b <!-- c', 'a<!-- b <!-- c'],
    ['a lone angle bracket', 'a < b > c', 'a < b > c'],
    ['markdown emphasis and code marks inside a word', 'gh**s**_~~x~~`y`', 'ghs_xy'],
    ['an escaped mark', 'a\\*b', 'a*b']
  ])('%s', (_name, original, seen) => {
    const view = renderedView(original)
    expect(view.text).toBe(seen)
    expect(view.changed).toBe(seen !== original)
  })
})

describe('renderedView: the map back to the original', () => {
  const original = 'x \u200b&#103;h\u00ads&lowbar;\\-%41 y'
  const view = renderedView(original)

  it.each<[string, string]>([
    ['g', '&#103;'],
    ['gh', '&#103;h'],
    ['ghs', '&#103;h\u00ads'],
    ['ghs_-A', '&#103;h\u00ads&lowbar;\\-%41'],
    ['x ', 'x '],
    [' y', ' y'],
    ['A y', '%41 y']
  ])('%j comes from %j', (seen, from) => {
    const at = view.text.indexOf(seen)
    expect(at).toBeGreaterThanOrEqual(0)
    const [start, end] = view.original(at, at + seen.length)
    expect(original.slice(start, end)).toBe(from)
  })

  it('maps across a run of dropped characters', () => {
    const text = 'a\u200b\u200b**\u00adb'
    const v = renderedView(text)
    expect(v.text).toBe('ab')
    expect(v.original(0, 2)).toEqual([0, text.length])
    expect(v.original(1, 2)).toEqual([text.length - 1, text.length])
  })

  it('is the identity when nothing changed', () => {
    expect(renderedView('plain').original(1, 3)).toEqual([1, 3])
  })
})

describe('renderedView: every default-ignorable code point is dropped', () => {
  // The property Default_Ignorable_Code_Point, range by range (Unicode's DerivedCoreProperties.txt).
  const ignorable = [
    0xad, 0x34f, 0x61c, 0x115f, 0x1160, 0x17b4, 0x17b5, 0x180b, 0x180e, 0x180f, 0x200b, 0x200e, 0x200f, 0x202a, 0x202e,
    0x2060, 0x2062, 0x2064, 0x206f, 0x3164, 0xfe00, 0xfe0f, 0xfeff, 0xffa0, 0xfff0, 0xfff8, 0x1bca0, 0x1bca3, 0x1d173,
    0x1d17a, 0xe0000, 0xe0001, 0xe0041, 0xe007f, 0xe0100, 0xe0fff
  ]

  it.each(ignorable.map((p) => [p.toString(16).toUpperCase().padStart(4, '0'), p]))('U+%s', (_name, point) => {
    const text = `ab${String.fromCodePoint(point)}cd`
    const v = renderedView(text)
    expect(v.text).toBe('abcd')
    expect(v.original(1, 3)).toEqual([1, text.length - 1])
  })

  it('also when written as an entity, and keeps visible neighbours (no-break space, letters, emoji)', () => {
    expect(renderedView('a&#x200E;b&#8290;c').text).toBe('abc')
    expect(renderedView('a\u00a0b \u{1F600} é').text).toBe('a\u00a0b \u{1F600} é')
  })
})
