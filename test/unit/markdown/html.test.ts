import { describe, expect, it } from 'vitest'
import { attribute, decodeEntities, entityAt, tokenizeHtml } from '../../../src/markdown/html.ts'

describe('tokenizeHtml', () => {
  it('splits text, hidden parts and tags', () => {
    const html = 'a<!-- c --><b class="x">t</b><?p?>'
    expect(tokenizeHtml(html).map((t) => [t.kind, html.slice(t.start, t.end)])).toEqual([
      ['text', 'a'],
      ['hidden', '<!-- c -->'],
      ['tag', '<b class="x">'],
      ['text', 't'],
      ['tag', '</b>'],
      ['hidden', '<?p?>']
    ])
  })

  it('hides the rest after an unterminated comment', () => {
    expect(tokenizeHtml('a<!-- b').map((t) => t.kind)).toEqual(['text', 'hidden'])
  })

  it('treats tags GitHub filters, and a lone "<", as text', () => {
    expect(tokenizeHtml('<script>x</script> a < b').every((t) => t.kind === 'text')).toBe(true)
  })
})

describe('attribute', () => {
  it('reads quoted, unquoted and valueless attributes, decoded', () => {
    expect(attribute(' alt="a &amp; b" src=x open', 'alt')).toBe('a & b')
    expect(attribute(' alt="a" src=x open', 'src')).toBe('x')
    expect(attribute(' alt="a" src=x open', 'open')).toBe('')
    expect(attribute(' alt="a"', 'title')).toBeNull()
  })
})

describe('character references', () => {
  it('decodes named, decimal and hexadecimal references, and leaves unknown ones', () => {
    expect(entityAt('&commat;x')).toEqual({ length: 8, value: '@' })
    expect(entityAt('&#64;')).toEqual({ length: 5, value: '@' })
    expect(entityAt('&#x40;')).toEqual({ length: 6, value: '@' })
    expect(entityAt('&#0;')).toEqual({ length: 4, value: '\uFFFD' })
    expect(entityAt('&nosuch;')).toBeNull()
  })

  it('maps each decoded character back to its source offset', () => {
    expect(decodeEntities('a&#64;b')).toEqual({ text: 'a@b', at: [0, 1, 6] })
  })
})
