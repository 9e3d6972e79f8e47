import { describe, expect, it } from 'vitest'
import {
  MAX_BLOCK_COST,
  MAX_DELIMITER_COST,
  MAX_DEPTH,
  MAX_LENGTH,
  MAX_NESTING_COST,
  MAX_SETEXT_COST,
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
    expect(whyUnreadable('a'.repeat(MAX_LENGTH + 1))).toMatch(/longer than 65,536 characters/)
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

  it('refuses many setext headings in a long text: each costs time in proportion to the whole', () => {
    const headings = (n: number, underline: string): string =>
      `${'x'.repeat(10_000)}\n\n${`a\n${underline}\n`.repeat(n)}`
    // 300 headings: 300 times 11,202 characters; 400: 400 times 11,602, over the limit.
    expect(MAX_SETEXT_COST).toBe(4_000_000)
    expect(whyUnreadable(headings(300, '='))).toBeNull()
    expect(whyUnreadable(headings(400, '='))).toMatch(/underlined with = or -/)
    expect(whyUnreadable(headings(400, '-'))).toMatch(/underlined with = or -/)
    // A break after a blank line is no underline.
    expect(whyUnreadable(`${'x'.repeat(10_000)}\n\n${'a\n\n---\n'.repeat(300)}`)).toBeNull()
  })

  it('refuses many block lines in a long text: headings, table rows, quoted lines, list items', () => {
    for (const line of ['# a', '| a |', '> a', '- a', '1. a']) {
      const text = (n: number): string => `${line}\n`.repeat(n)
      const fits = Math.floor(Math.sqrt(MAX_BLOCK_COST / (line.length + 1)))
      expect(whyUnreadable(text(fits - 10)), line).toBeNull()
      expect(whyUnreadable(text(fits + 10)), line).toMatch(/too many headings, table rows, quoted lines or list items/)
    }
  })

  describe('fenced code', () => {
    // A pasted log: every line opens with brackets, no blank line, 800 lines (far over the paragraph limit).
    const log = Array.from({ length: 800 }, (_, i) => `[INFO] [step ${i}] <ok> *done*`).join('\n')

    it('reads a long log in a fence at the start of a line: nothing inside a fence is parsed', () => {
      expect(whyUnreadable(log)).toMatch(/markup characters/)
      expect(whyUnreadable(`Here is the log:\n\n\`\`\`text\n${log}\n\`\`\`\n\ngit-bob think about this`)).toBeNull()
      expect(whyUnreadable(`~~~\n${log}`)).toBeNull()
      expect(whyUnreadable(`\`\`\`\`\n${log}\n\`\`\`\n${log}\n\`\`\`\``)).toBeNull()
    })

    it('counts what follows the closing fence', () => {
      expect(whyUnreadable(`\`\`\`\nlog\n\`\`\`\n${log}`)).toMatch(/markup characters/)
      expect(whyUnreadable(`~~~\nlog\n   ~~~~  \n${log}`)).toMatch(/markup characters/)
    })

    it.each([
      ['indented (it may belong to a list item that ends before the text)', '- a\n  ```\n'],
      ['in a quote', '> ```\n'],
      ['after an HTML block (the fence line may be HTML)', '<div>\n```\n\n'],
      ['after an HTML comment that spans blank lines', '<!--\n\n```\n-->\n\n'],
      ['after a definition whose title may span lines', '[a]: /u "t\n```\n"\n\n'],
      ['with a backtick in its info string (a code span, not a fence)', '``` a`b\n']
    ])('counts the text after a fence line %s', (_name, prefix) => {
      expect(whyUnreadable(`${prefix}${log}`)).toMatch(/markup characters/)
    })
  })
})
