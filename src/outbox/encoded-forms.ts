// The forms of a secret value a reader could turn back into it with one cheap step: ROT13, reversed,
// URL-encoded, hex in both cases, base64 and base64url (whole, and the part that shows through at each of the
// three alignments inside a longer base64 text), base32 (likewise at each of the five alignments), and base64 of
// the hex. HTML entities, invisible characters and escapes are undone by rendered-view.ts before matching, lists of
// character codes by char-codes.ts, and whitespace or a few characters between parts by split-parts.ts, so they
// need no form here; runnerForms adds the entity spellings for the runner's mask, which cannot undo them. Pure.

/** Shorter forms would mask ordinary text by chance. */
const SHORTEST_FORM = 6

const BASE64_CHARS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/'
const BASE32_CHARS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567'

/** Every form matched in text, the value itself first. */
export function encodedForms(value: string): string[] {
  const bytes = Buffer.from(value, 'utf8')
  const forms = new Set<string>([value])
  forms.add([...value].reverse().join(''))
  forms.add(rot13(value))
  forms.add(encodeURIComponent(value))
  for (const form of base64Forms(bytes)) forms.add(form)
  const hex = bytes.toString('hex')
  for (const h of [hex, hex.toUpperCase()]) {
    forms.add(h)
    for (const form of base64Forms(Buffer.from(h, 'latin1'))) forms.add(form)
  }
  for (const form of base32Forms(bytes)) forms.add(form)
  return [...forms].filter((f) => f.length >= SHORTEST_FORM)
}

/** ROT13: the letters A-Z and a-z turned half the alphabet on; everything else as it is. */
export function rot13(text: string): string {
  return text.replace(/[A-Za-z]/g, (c) => {
    const base = c <= 'Z' ? 65 : 97
    return String.fromCharCode(((c.charCodeAt(0) - base + 13) % 26) + base)
  })
}

/** base64 and base64url, padded or not, and what shows through inside a longer base64 text at each alignment. */
function base64Forms(bytes: Buffer): string[] {
  const base64 = bytes.toString('base64')
  const forms = [base64, base64.replace(/=+$/, ''), bytes.toString('base64url')]
  for (let shift = 0; shift < 3; shift++) {
    const inside = base64Inside(bytes, shift)
    forms.push(inside, inside.replace(/\+/g, '-').replace(/\//g, '_'))
  }
  return forms
}

/** RFC 4648 base32, upper and lower case, whole and inside a longer base32 text at each of the five alignments. */
function base32Forms(bytes: Uint8Array): string[] {
  const forms: string[] = []
  for (let shift = 0; shift < 5; shift++) {
    const inside = insideForm(bytes, shift, 5, BASE32_CHARS)
    forms.push(inside, inside.toLowerCase())
  }
  const whole = insideForm(bytes, 0, 5, BASE32_CHARS, true)
  const padded = whole + '='.repeat((8 - (whole.length % 8)) % 8)
  forms.push(whole, whole.toLowerCase(), padded, padded.toLowerCase())
  return forms
}

/**
 * The base64 characters that depend on the value alone when it follows `shift` other bytes (mod 3) inside a
 * longer text: the characters that also cover a neighbouring byte are left out.
 */
export function base64Inside(bytes: Uint8Array, shift: number): string {
  return insideForm(bytes, shift, 6, BASE64_CHARS)
}

/**
 * The characters of a `bits`-per-character encoding that depend on the value alone when it follows `shift` other
 * bytes inside a longer text; with `last`, the final partial character too (the value's own encoding, unpadded).
 */
function insideForm(bytes: Uint8Array, shift: number, bits: number, alphabet: string, last = false): string {
  const padded = new Uint8Array(shift + bytes.length)
  padded.set(bytes, shift)
  const total = padded.length * 8
  const first = Math.ceil((shift * 8) / bits)
  const end = last ? Math.ceil(total / bits) : Math.floor(total / bits)
  let out = ''
  for (let i = first; i < end; i++) out += alphabet[chunk(padded, i * bits, bits)]
  return out
}

/** The `bits` bits (at most 8) starting at bit `at`, zeros past the end. */
function chunk(bytes: Uint8Array, at: number, bits: number): number {
  const byte = at >> 3
  const word = ((bytes[byte] ?? 0) << 8) | (bytes[byte + 1] ?? 0)
  return (word >> (16 - bits - (at & 7))) & ((1 << bits) - 1)
}

/** What the runner is asked to mask (::add-mask::): the encoded forms and the value spelled as HTML entities. */
export function runnerForms(value: string): string[] {
  const points = [...value].map((c) => c.codePointAt(0)!)
  const decimal = points.map((p) => `&#${p};`).join('')
  const hex = points.map((p) => `&#x${p.toString(16)};`).join('')
  return [...encodedForms(value), decimal, hex]
}
