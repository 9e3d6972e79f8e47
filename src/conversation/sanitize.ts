// Cleans text written by people before a model reads it: what a reader on GitHub cannot see must not
// steer the model (hidden HTML comments, zero-width and bidi controls, Unicode tag characters).

import { removeHtmlComments } from '../trigger/markdown.ts'

// Zero-width and joiner characters, bidi embeddings/overrides/isolates, word joiner and invisible operators,
// byte-order mark, soft hyphen, and the tag block (U+E0000–U+E007F) that can smuggle ASCII text.
const INVISIBLE = /[\u00AD\u180E\u200B-\u200F\u202A-\u202E\u2060-\u2064\u2066-\u206F\uFEFF]|[\u{E0000}-\u{E007F}]/gu

export function removeInvisible(text: string): string {
  return text.replace(INVISIBLE, '')
}

/** People's text as a reader sees it on GitHub. */
export function sanitizeHumanText(text: string): string {
  return removeInvisible(removeHtmlComments(text)).trim()
}
