import { describe, expect, it } from 'vitest'
import {
  MAX_DELIMITER_COST,
  MAX_DEPTH,
  MAX_LENGTH,
  MAX_NESTING_COST,
  whyUnreadable
} from '../../../src/markdown/limits.ts'

describe('whyUnreadable', () => {
  it('reads ordinary markdown: quotes, lists, emphasis, code, links, tables', () => {
    const text = [
      '> quoted\n> > twice, with *emphasis* and `code`',
      '- a\n  - b\n    - c\n      1. d',
      '| a | b |\n|---|---|\n| [x](u) | ![i](v) |',
      '```ts\nconst a = b[c] * d ** e\n```',
      'git-bob implement the *thing* in ~~two~~ steps <br>'
    ].join('\n\n')
    expect(whyUnreadable(text)).toBeNull()
    expect(whyUnreadable('')).toBeNull()
  })

  it('refuses a text longer than the limit', () => {
    expect(whyUnreadable('a'.repeat(MAX_LENGTH))).toBeNull()
    expect(whyUnreadable('a'.repeat(MAX_LENGTH + 1))).toMatch(/longer than 262,144 characters/)
  })

  it.each([
    ['block quotes', '> '],
    ['block quotes without spaces', '>'],
    ['bullet lists', '- '],
    ['star lists', '* '],
    ['plus lists', '+ '],
    ['ordered lists', '1. '],
    ['ordered lists with a parenthesis', '2) '],
    ['quotes and lists', '> - ']
  ])('refuses %s nested past the depth limit on one line', (_name, prefix) => {
    expect(whyUnreadable(`${prefix.repeat(MAX_DEPTH / 2)}a`)).toBeNull()
    expect(whyUnreadable(`${prefix.repeat(MAX_DEPTH + 1)}a`)).toMatch(/more than 100 levels deep/)
  })

  it('counts indentation as nesting: a list nested by indentation', () => {
    const list = (depth: number): string => Array.from({ length: depth }, (_, i) => `${'  '.repeat(i)}- a`).join('\n')
    expect(whyUnreadable(list(MAX_DEPTH))).toBeNull()
    expect(whyUnreadable(list(MAX_DEPTH + 2))).toMatch(/levels deep/)
    expect(whyUnreadable(`${'\t'.repeat(MAX_DEPTH / 2 + 1)}- a`)).toMatch(/levels deep/)
  })

  it('does not count a line of white space alone', () => {
    expect(whyUnreadable(`a\n${' '.repeat(1000)}\nb`)).toBeNull()
  })

  it('refuses many lines nested deeply, each under the depth limit', () => {
    const line = `${'> '.repeat(MAX_DEPTH)}a`
    const lines = Math.floor(MAX_NESTING_COST / (MAX_DEPTH * MAX_DEPTH))
    expect(whyUnreadable(Array(lines).fill(line).join('\n'))).toBeNull()
    expect(
      whyUnreadable(
        Array(lines + 1)
          .fill(line)
          .join('\n')
      )
    ).toMatch(/too deeply on too many lines/)
  })

  it.each(['*a', '_a', '~a', '`a', '[a', 'a]', '!a', '<a'])(
    'refuses a paragraph with too many delimiters (%s repeated)',
    (piece) => {
      const most = Math.floor(Math.sqrt(MAX_DELIMITER_COST))
      expect(whyUnreadable(piece.repeat(most))).toBeNull()
      expect(whyUnreadable(piece.repeat(most + 1))).toMatch(/too many markup characters/)
    }
  )

  it('counts the delimiters of each paragraph on its own: blank lines part them', () => {
    const most = Math.floor(Math.sqrt(MAX_DELIMITER_COST))
    const half = '*a'.repeat(Math.floor(most / 2))
    expect(whyUnreadable(`${half}\n\n${half}\n\n${half}`)).toBeNull()
    expect(whyUnreadable(`${half}\n${half}\n${half}`)).toMatch(/too many markup characters/)
    expect(whyUnreadable(`${half}\r\n${half}\r${half}`)).toMatch(/too many markup characters/)
  })
})
