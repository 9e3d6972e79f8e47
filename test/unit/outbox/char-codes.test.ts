import { describe, expect, it } from 'vitest'
import { charCodeLists } from '../../../src/outbox/char-codes.ts'

const decoded = (text: string): string[] => charCodeLists(text).map((l) => l.text)

describe('charCodeLists', () => {
  it.each([
    ['decimal with commas', '103,104,115,95,97,98,99,100'],
    ['decimal in brackets with spaces', '[103, 104, 115, 95, 97, 98, 99, 100]'],
    ['0x codes', '0x67 0x68 0x73 0x5f 0x61 0x62 0x63 0x64'],
    ['\\x escapes', '\\x67\\x68\\x73\\x5f\\x61\\x62\\x63\\x64'],
    ['\\u escapes', '\\u0067\\u0068\\u0073\\u005f\\u0061\\u0062\\u0063\\u0064'],
    ['U+ code points', 'U+0067 U+0068 U+0073 U+005F U+0061 U+0062 U+0063 U+0064'],
    ['bare hex', '67 68 73 5f 61 62 63 64']
  ])('reads %s', (_what, text) => {
    expect(decoded(`codes: ${text}.`)).toContain('ghs_abcd')
  })

  it('reads decimal codes next to a word that looks like hex ("Caf" on the next line)', () => {
    expect(decoded('text 103,104,115,95,97,98,99,100\nCaf&eacute;')).toContain(`ghs_abcd\uFFFD`)
  })

  it('maps the decoded characters back to their codes', () => {
    const text = 'x = [103, 104, 115, 95, 97, 98, 99, 100] # done'
    const list = charCodeLists(text).find((l) => l.text === 'ghs_abcd')!
    const [start, end] = list.original(1, 3)
    expect(text.slice(start, end)).toBe('104, 115')
  })

  it('needs 8 codes in a row, with at most 4 separator characters between them', () => {
    expect(charCodeLists('103,104,115,95,97,98,99')).toEqual([])
    expect(charCodeLists('103, and 104, and 115, and 95, and 97, and 98, and 99, and 100')).toEqual([])
    expect(charCodeLists('a bad cafe, a face. Dead beef.')).toEqual([])
  })
})
