// Cleans text before a model reads it, people's and git-bob's own earlier messages alike (they may carry
// model text): what a reader on GitHub cannot see must not steer the model. Read with the one markdown
// model: HTML comments, link reference definitions, footnotes no reference cites, image alt text, link titles
// and HTML attributes are dropped, and so are the addresses of links and images (a reader sees a link's text,
// not where it goes; a link with no text at all goes whole); an autolink, whose address is its text, stays.
// A collapsed <details> is marked as collapsed, since a reader sees only its summary until they open it;
// zero-width and bidi controls and Unicode tag characters are removed. The same reading keeps the addresses
// in a second text (`shown`), from which git-bob finds the images and documents it fetches itself; the model
// never reads that one. A message too complex to parse (markdown/limits.ts) cannot be told apart into what is
// shown and what is hidden: the model gets a note in its place, not the text.
import {
  applySourceEdits,
  normaliseLineEndings,
  readMarkdown,
  type SourceEdit,
  type MarkdownDocument
} from '../markdown/document.ts'
import { attribute, decodeEntities } from '../markdown/html.ts'

// Zero-width and joiner characters, bidi embeddings/overrides/isolates, word joiner and invisible operators,
// byte-order mark, soft hyphen, and the tag block (U+E0000–U+E007F) that can smuggle ASCII text.
const INVISIBLE = /[\u00AD\u180E\u200B-\u200F\u202A-\u202E\u2060-\u2064\u2066-\u206F\uFEFF]|[\u{E0000}-\u{E007F}]/gu

export function removeInvisible(text: string): string {
  return text.replace(INVISIBLE, '')
}

// The attributes whose value a reader sees the effect of; every other one (title, alt, data-*, ...) is dropped.
// The model gets none of the addresses (href, src): only `shown` keeps them.
const SHOWN: Record<string, readonly string[]> = { a: ['href'], img: ['src'], details: ['open'] }
const FOR_MODEL: Record<string, readonly string[]> = { details: ['open'] }

/** The summary a collapsed section shows, as plain text. */
function summaryOf(doc: MarkdownDocument, details: number): string {
  const tags = doc.tags.filter((t) => t.start >= details)
  const open = tags.find((t) => t.name === 'summary' && !t.closing)
  if (!open) return ''
  const close = tags.find((t) => t.name === 'summary' && t.closing && t.start >= open.end)
  const raw = doc.source.slice(open.end, close ? close.start : open.end + 200).replace(/<[^>]*>/g, '')
  return decodeEntities(raw).text.replace(/\s+/g, ' ').trim().slice(0, 200)
}

function quoted(value: string): string {
  return `"${value.replace(/"/g, '&quot;')}"`
}

/** What the model reads in place of a message git-bob cannot read as markdown. */
export function unreadableNote(why: string, length: number): string {
  return `[This message (${length.toLocaleString('en-US')} characters) is left out: ${why}, more than git-bob reads as markdown, so what a reader sees of it is not known.]`
}

/** A message as a reader sees it: `text` for the model; `shown` with the addresses of links and images. */
export interface Sanitized {
  text: string
  shown: string
}

/** The tags rewritten with only the attributes `kept` names; a collapsed <details> marked. */
function tagEdits(doc: MarkdownDocument, kept: Record<string, readonly string[]>): SourceEdit[] {
  const edits: SourceEdit[] = []
  for (const tag of doc.tags) {
    const attributes = (kept[tag.name] ?? []).flatMap((name) => {
      const value = attribute(tag.attributes, name)
      return value === null ? [] : [value ? ` ${name}=${quoted(value)}` : ` ${name}`]
    })
    const rewritten = `<${tag.closing ? '/' : ''}${tag.name}${attributes.join('')}>`
    const collapsed = tag.name === 'details' && !tag.closing && attribute(tag.attributes, 'open') === null
    const mark = collapsed ? `[collapsed section: ${summaryOf(doc, tag.end) || 'no summary'}]\n` : ''
    if (mark || rewritten !== doc.source.slice(tag.start, tag.end))
      edits.push({ start: tag.start, end: tag.end, text: mark + rewritten })
  }
  return edits
}

/** Markdown as a reader sees it: what GitHub does not show is gone, collapsed sections are marked. */
export function removeHidden(markdown: string): Sanitized {
  // All that is hidden needs a "<" (comments, tags) or a "[" (definitions, images, links): else no parsing.
  if (!/[<[]/.test(markdown)) {
    const text = normaliseLineEndings(markdown)
    return { text, shown: text }
  }
  const doc = readMarkdown(markdown)
  if (doc.unreadable !== null) {
    const note = unreadableNote(doc.unreadable, doc.source.length)
    return { text: note, shown: note }
  }
  const hidden: SourceEdit[] = [
    ...doc.comments.map((c) => ({ ...c, text: '' })),
    ...doc.definitions.map((d) => ({ ...d, text: '' })),
    // GitHub renders a footnote only where the text cites it.
    ...doc.footnotes.filter((f) => !doc.cited.has(f.identifier)).map((f) => ({ ...f, text: '' }))
  ]
  const shown = applySourceEdits(doc.source, [
    ...hidden,
    ...doc.images.map((i) => ({ ...i, text: i.url ? `![](${i.url})` : '' })),
    ...doc.titledLinks.map((l) => ({ ...l, text: `](<${l.url}>)` })),
    ...tagEdits(doc, SHOWN)
  ])
  const text = applySourceEdits(doc.source, [
    ...hidden,
    // A reader sees the picture (the model gets it too, when git-bob fetched it), not its address.
    ...doc.images.map((i) => ({ ...i, text: '[image]' })),
    // The text of a link stays, without its brackets and address; a link that shows nothing goes whole.
    ...doc.links.flatMap((l) =>
      l.empty
        ? [{ start: l.start, end: l.end, text: '' }]
        : [
            { start: l.start, end: l.start + 1, text: '' },
            { start: l.textEnd, end: l.end, text: '' }
          ]
    ),
    ...tagEdits(doc, FOR_MODEL)
  ])
  return { text, shown }
}

/** A message as a reader sees it on GitHub: the model's text, and `shown` with the addresses kept. */
export function sanitizeMessage(text: string): Sanitized {
  const { text: clean, shown } = removeHidden(text)
  return { text: removeInvisible(clean).trim(), shown: removeInvisible(shown).trim() }
}

/** Text as a reader sees it on GitHub, as the model reads it. */
export function sanitizeHumanText(text: string): string {
  return sanitizeMessage(text).text
}
