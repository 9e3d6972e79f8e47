import { describe, expect, it } from 'vitest'
import { SplitParts, withoutWhitespace } from '../../../src/outbox/split-parts.ts'

const SECRET = 'ghs_Ab1Cd2Ef3Gh4Ij5Kl6Mn7Op8'
const spanText = (text: string, spans: [number, number][]): string[] => spans.map(([a, b]) => text.slice(a, b))

describe('withoutWhitespace', () => {
  it('drops every kind of whitespace and maps back to the original', () => {
    const view = withoutWhitespace('ab c\n\td\u00a0e\u3000f')!
    expect(view.text).toBe('abcdef')
    expect(view.original(1, 4)).toEqual([1, 7])
    expect(withoutWhitespace('nospace')).toBeNull()
  })
})

describe('SplitParts', () => {
  const parts = new SplitParts([SECRET])

  it.each([
    ['two halves joined by a few characters', `${SECRET.slice(0, 14)}...${SECRET.slice(14)}`],
    ['three parts joined by labels', `${SECRET.slice(0, 9)}|and|${SECRET.slice(9, 20)}#2:${SECRET.slice(20)}`],
    ['parts of four characters', SECRET.replace(/(.{4})(?!$)/g, '$1--')]
  ])('finds the secret as %s, from its first part to its last', (_what, text) => {
    const found = parts.find(`say ${text} end`)
    expect(found.length).toBeGreaterThan(0)
    const [start, end] = [Math.min(...found.map((s) => s[0])), Math.max(...found.map((s) => s[1]))]
    expect(`say ${text} end`.slice(start, end)).toBe(text)
  })

  it('finds a half alone, far from the other half', () => {
    const text = `first ${SECRET.slice(0, 14)} ${'filler '.repeat(50)} last ${SECRET.slice(14)}`
    expect(spanText(text, parts.find(text))).toEqual(expect.arrayContaining([SECRET.slice(0, 14), SECRET.slice(14)]))
  })

  it('does not chain parts more than 8 characters apart, nor pieces shorter than half the secret', () => {
    expect(parts.find(`${SECRET.slice(0, 10)}-123456789-${SECRET.slice(10, 20)}`)).toEqual([])
    expect(parts.find(`${SECRET.slice(0, 11)} and ${SECRET.slice(18)}`)).toEqual([])
  })

  it('does not mask a long piece of letters alone: a word a password contains', () => {
    const words = new SplitParts(['correct-horse-battery-staple-42'])
    expect(words.find('a correct-horse-battery tip')).toEqual([])
  })

  it('masks nothing in text that merely shares short pieces with the secret', () => {
    const text = 'ghs_ is a prefix; Ab1C and Gh4I and Op8 are short pieces. '.repeat(20)
    expect(parts.find(text)).toEqual([])
  })
})
