import { describe, expect, it } from 'vitest'
import { removeHiddenText } from '../../../src/outbox/hidden.ts'
import { answeredRequests } from '../../../src/ports/marker.ts'

describe('removeHiddenText', () => {
  it('removes HTML comments, inline and as blocks, terminated or not', () => {
    expect(removeHiddenText('a <!-- x --> b')).toBe('a  b')
    expect(removeHiddenText('<!--\nx\n-->\ntext')).toBe('\ntext')
    expect(removeHiddenText('text\n\n<!-- x')).toBe('text\n\n')
  })

  it('removes link definitions nothing refers to, and keeps used ones', () => {
    expect(removeHiddenText('a\n\n[//]: # (hidden)')).toBe('a\n\n')
    expect(removeHiddenText('[a][r]\n\n[r]: https://x.y')).toBe('[a][r]\n\n[r]: https://x.y')
  })

  it('removes a comment that removing another one joins', () => {
    expect(removeHiddenText('<!<!-- x -->-- hidden -->')).not.toContain('hidden -->')
  })

  it('makes a marker in code no marker, and leaves other code alone', () => {
    const out = removeHiddenText('```\n<!-- git-bob-message {"request":"x"} -->\n<!-- note -->\n```')
    expect(out).not.toContain('<!-- git-bob-message')
    expect(out).toContain('<!-- note -->')
    expect(answeredRequests(out.replace('```\n', ''))).toEqual([])
  })
})

describe('removeHiddenText on model text too complex to read (markdown/limits.ts)', () => {
  it('takes the last resort: no comment, definition or marker stays markup', () => {
    const deep = '> '.repeat(15_000)
    const out = removeHiddenText(`${deep}a <!-- HIDDEN --> <!-- git-bob-message x -->\n[//]: # (HIDDEN)`)
    expect(out).not.toContain('<!')
    expect(out).not.toContain(']:')
    expect(out).toContain('&lt;!-- HIDDEN -->')
    expect(out).toContain('[//]\u200b: # (HIDDEN)')
    expect(answeredRequests(out)).toEqual([])
  })
})
