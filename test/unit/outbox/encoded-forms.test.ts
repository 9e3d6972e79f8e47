import { describe, expect, it } from 'vitest'
import { base64Inside, encodedForms, runnerForms } from '../../../src/outbox/encoded-forms.ts'

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
    ['HEX', bytes(value).toString('hex').toUpperCase()]
  ])('holds the %s form', (_name, form) => {
    expect(encodedForms(value)).toContain(form)
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
