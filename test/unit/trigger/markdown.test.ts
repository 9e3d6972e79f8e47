import { describe, expect, it } from 'vitest'
import { removeHtmlComments, segments } from '../../../src/trigger/markdown.ts'

describe('segments', () => {
  it('gives the input back when joined', () => {
    const text = 'a `b` c\n```js\nx\n```\n~~~\ny\n~~~\nz'
    expect(
      segments(text)
        .map((s) => s.text)
        .join('')
    ).toBe(text)
  })

  it('separates fenced blocks and inline spans from prose', () => {
    expect(segments('a `b` c\n```\nx\n```\nd')).toEqual([
      { kind: 'prose', text: 'a ' },
      { kind: 'code', text: '`b`' },
      { kind: 'prose', text: ' c\n' },
      { kind: 'code', text: '```\nx\n```\n' },
      { kind: 'prose', text: 'd' }
    ])
  })

  it('does not let an inline span cross a blank line', () => {
    expect(segments('`a\n\nb`').every((s) => s.kind === 'prose')).toBe(true)
  })
})

describe('removeHtmlComments', () => {
  it('removes comments in prose, including unterminated ones and ones enclosing code', () => {
    expect(removeHtmlComments('a<!-- x -->b')).toBe('ab')
    expect(removeHtmlComments('a<!-- x')).toBe('a')
    expect(removeHtmlComments('a <!-- `code` --> b')).toBe('a  b')
  })

  it('keeps "<!--" written as code', () => {
    expect(removeHtmlComments('use `<!--` to start')).toBe('use `<!--` to start')
    expect(removeHtmlComments('```html\n<!-- kept -->\n```')).toBe('```html\n<!-- kept -->\n```')
  })
})
