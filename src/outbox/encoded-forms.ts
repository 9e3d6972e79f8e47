// The forms of a secret value a reader could turn back into it: base64 and base64url (whole, and the part
// that shows through at each of the three alignments inside a longer base64 text), hex in both cases,
// reversed, URL-encoded. HTML entities, zero-width characters and escapes are undone by rendered-view.ts
// before matching, so they need no form here; runnerForms adds the entity spellings for the runner's mask,
// which cannot undo them. Pure.

/** Shorter forms would mask ordinary text by chance. */
const SHORTEST_FORM = 6

const BASE64_CHARS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/'

/** Every form matched in text, the value itself first. */
export function encodedForms(value: string): string[] {
  const bytes = Buffer.from(value, 'utf8')
  const forms = new Set<string>([value])
  forms.add([...value].reverse().join(''))
  forms.add(encodeURIComponent(value))
  const base64 = bytes.toString('base64')
  forms.add(base64)
  forms.add(base64.replace(/=+$/, ''))
  forms.add(bytes.toString('base64url'))
  for (let shift = 0; shift < 3; shift++) {
    const inside = base64Inside(bytes, shift)
    forms.add(inside)
    forms.add(inside.replace(/\+/g, '-').replace(/\//g, '_'))
  }
  const hex = bytes.toString('hex')
  forms.add(hex)
  forms.add(hex.toUpperCase())
  return [...forms].filter((f) => f.length >= SHORTEST_FORM)
}

/**
 * The base64 characters that depend on the value alone when it follows `shift` other bytes (mod 3) inside a
 * longer text: the characters that also cover a neighbouring byte are left out.
 */
export function base64Inside(bytes: Uint8Array, shift: number): string {
  const padded = new Uint8Array(shift + bytes.length)
  padded.set(bytes, shift)
  const bits = padded.length * 8
  const first = Math.ceil((shift * 8) / 6)
  const last = Math.floor(bits / 6)
  let out = ''
  for (let i = first; i < last; i++) out += BASE64_CHARS[sextet(padded, i)]
  return out
}

function sextet(bytes: Uint8Array, index: number): number {
  const bit = index * 6
  const byte = bit >> 3
  const word = ((bytes[byte] ?? 0) << 8) | (bytes[byte + 1] ?? 0)
  return (word >> (10 - (bit & 7))) & 63
}

/** What the runner is asked to mask (::add-mask::): the encoded forms and the value spelled as HTML entities. */
export function runnerForms(value: string): string[] {
  const points = [...value].map((c) => c.codePointAt(0)!)
  const decimal = points.map((p) => `&#${p};`).join('')
  const hex = points.map((p) => `&#x${p.toString(16)};`).join('')
  return [...encodedForms(value), decimal, hex]
}
