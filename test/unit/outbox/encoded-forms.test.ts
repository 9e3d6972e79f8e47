import { describe, expect, it } from 'vitest'
import { base64Inside, encodedForms, rot13, runnerForms } from '../../../src/outbox/encoded-forms.ts'

const bytes = (s: string): Buffer => Buffer.from(s, 'utf8')

describe('base64Inside', () => {
  it.each([0, 1, 2])('is a substring of the base64 of any text with the value at shift %i', (shift) => {
    const value = bytes('the-secret-value-42')
    const inside = base64Inside(value, shift)
    expect(inside.length).toBeGreaterThanOrEqual(Math.floor((value.length * 8) / 6) - 2)
    for (const before of ['', 'x', 'xy', 'xyz', '\u00ff\u00fe', 'long prefix text']) {
      if (bytes(before).length % 3 !== shift) continue
      for (const after of ['', 'a', 'ab', 'abc', '\u0000']) {
        const b64 = Buffer.concat([bytes(before), value, bytes(after)]).toString('base64')
        expect(b64).toContain(inside)
      }
    }
  })

  it('at shift 0 is the base64 without its last partial characters', () => {
    expect(base64Inside(bytes('abcd'), 0)).toBe('YWJjZ')
    expect(bytes('abcd').toString('base64')).toBe('YWJjZA==')
  })
})

describe('encodedForms', () => {
  const value = 'ghs_abcdefghijklmnop'

  it.each<[string, string]>([
    ['the value', value],
    ['reversed', [...value].reverse().join('')],
    ['base64', bytes(value).toString('base64')],
    ['base64url', bytes(value).toString('base64url')],
    ['hex', bytes(value).toString('hex')],
    ['HEX', bytes(value).toString('hex').toUpperCase()],
    ['ROT13', 'tuf_nopqrstuvwxyzabc'],
    // `printf ghs_abcdefghijklmnop | base32` (GNU coreutils)
    ['base32', 'M5UHGX3BMJRWIZLGM5UGS2TLNRWW433Q'],
    ['base32 in lower case', 'm5uhgx3bmjrwizlgm5ugs2tlnrww433q'],
    ['base64 of the hex', Buffer.from(bytes(value).toString('hex')).toString('base64')],
    ['base64 of the HEX', Buffer.from(bytes(value).toString('hex').toUpperCase()).toString('base64')]
  ])('holds the %s form', (_name, form) => {
    expect(encodedForms(value)).toContain(form)
  })

  it('ROT13 turns letters only, and twice is the value again', () => {
    expect(rot13('Hello, World_42')).toBe('Uryyb, Jbeyq_42')
    expect(rot13(rot13(value))).toBe(value)
  })

  it.each([
    ['abcd', 'MFRGGZA='],
    ['abcde', 'MFRGGZDF'],
    ['abcdef', 'MFRGGZDFMY======']
  ])('base32 of %s is padded as RFC 4648 says', (text, expected) => {
    expect(encodedForms(text)).toContain(expected)
    expect(encodedForms(text)).toContain(expected.replace(/=+$/, ''))
  })

  it.each([0, 1, 2, 3, 4])('base32 inside a longer base32 text after %i bytes is found', (before) => {
    const secret = 'the-secret-value-42'
    const text = Buffer.from(`${'p'.repeat(before)}${secret}tail`)
    const b32 = base32(text)
    expect(encodedForms(secret).some((form) => form.length >= 20 && b32.includes(form))).toBe(true)
  })

  it('base64 of the hex inside a longer base64 text is found at each alignment', () => {
    const hex = bytes('the-secret-value-42').toString('hex')
    for (const before of ['', 'a', 'ab'])
      expect(
        encodedForms('the-secret-value-42').some(
          (form) => form.length >= 20 && Buffer.from(`${before}${hex}x`).toString('base64').includes(form)
        )
      ).toBe(true)
  })

  it('holds the URL-encoded form when it differs', () => {
    expect(encodedForms('a b/c?d=e&f')).toContain('a%20b%2Fc%3Fd%3De%26f')
  })

  it('lists each form once and none shorter than 6 characters', () => {
    const forms = encodedForms('12345678')
    expect(new Set(forms).size).toBe(forms.length)
    expect(forms.every((f) => f.length >= 6)).toBe(true)
  })

  it('the runner also gets the entity spellings', () => {
    const forms = runnerForms('abcdefgh')
    expect(forms).toContain('&#97;&#98;&#99;&#100;&#101;&#102;&#103;&#104;')
    expect(forms).toContain('&#x61;&#x62;&#x63;&#x64;&#x65;&#x66;&#x67;&#x68;')
    expect(forms).toEqual(expect.arrayContaining(encodedForms('abcdefgh')))
  })
})

/** RFC 4648 base32 without padding, written independently of the module (5 bits at a time). */
function base32(data: Buffer): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567'
  const bits = [...data].map((b) => b.toString(2).padStart(8, '0')).join('')
  let out = ''
  for (let i = 0; i < bits.length; i += 5) out += alphabet[parseInt(bits.slice(i, i + 5).padEnd(5, '0'), 2)]
  return out
}
