// The parts of an Office file (a zip of XML) and the text of its paragraphs, read and rewritten in
// place. Pure: bytes in, text or bytes out. fflate unzips (small and synchronous); the XML is read
// with patterns for the few elements that carry text, and each part is checked with a real parser.
import { strFromU8, strToU8, unzipSync, zipSync, type Zippable } from 'fflate'
import { XMLValidator } from 'fast-xml-parser'

export type OfficeKind = 'docx' | 'pptx' | 'xlsx'

export function officeKind(path: string): OfficeKind | null {
  const match = /\.(docx|pptx|xlsx)$/i.exec(path)
  return match ? (match[1]!.toLowerCase() as OfficeKind) : null
}

export type Parts = Record<string, Uint8Array>

const MAIN_PART: Record<OfficeKind, string> = {
  docx: 'word/document.xml',
  pptx: 'ppt/presentation.xml',
  xlsx: 'xl/workbook.xml'
}

/**
 * What an Office file may unpack to, all parts together. fflate makes each part as large as the zip
 * says before it inflates it, so a small file that claims gigabytes (a zip bomb) is refused unread.
 */
const MAX_UNZIPPED_BYTES = 300_000_000

/** The file's parts; throws with a reason when it is not a readable Office file of this kind. */
export function openParts(kind: OfficeKind, bytes: Uint8Array): Parts {
  let parts: Parts
  let total = 0
  // Parts past the limit are skipped (not inflated), and the file is refused below.
  const withinLimit = (file: { originalSize: number }): boolean => (total += file.originalSize) <= MAX_UNZIPPED_BYTES
  try {
    parts = unzipSync(bytes, { filter: withinLimit })
  } catch (error) {
    throw new Error(`not a zip archive (${error instanceof Error ? error.message : String(error)})`)
  }
  if (total > MAX_UNZIPPED_BYTES)
    throw new Error(
      `it would unpack to ${total.toLocaleString('en-US')} bytes, more than ${MAX_UNZIPPED_BYTES.toLocaleString('en-US')}`
    )
  for (const required of ['[Content_Types].xml', MAIN_PART[kind]])
    if (!parts[required]) throw new Error(`the part ${required} is missing`)
  return parts
}

/** Null when every XML part of the file parses, else what is wrong. */
export function checkOffice(kind: OfficeKind, bytes: Uint8Array): string | null {
  try {
    const parts = openParts(kind, bytes)
    for (const [name, data] of Object.entries(parts)) {
      if (!/\.(xml|rels)$/.test(name)) continue
      const xml = strFromU8(data)
      const result = XMLValidator.validate(xml)
      if (result !== true) return `the part ${name} is not well-formed XML: ${result.err.msg}`
      // The validator lets these through; Office does not.
      if (xml.replace(NOT_XML, '') !== xml) return `the part ${name} holds control characters XML cannot hold`
    }
    return null
  } catch (error) {
    return error instanceof Error ? error.message : String(error)
  }
}

export function xmlText(parts: Parts, name: string): string | null {
  const data = parts[name]
  return data ? strFromU8(data) : null
}

export function decodeEntities(text: string): string {
  return text.replace(/&(lt|gt|quot|apos|amp|#\d+|#x[0-9a-fA-F]+);/g, (_, e: string) => {
    if (e === 'lt') return '<'
    if (e === 'gt') return '>'
    if (e === 'quot') return '"'
    if (e === 'apos') return "'"
    if (e === 'amp') return '&'
    return String.fromCodePoint(e[1] === 'x' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10))
  })
}

// eslint-disable-next-line no-control-regex
const NOT_XML = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g

/** Text without the control characters XML cannot hold (Office calls a file with them broken). */
export function xmlCharacters(text: string): string {
  return text.replace(NOT_XML, '')
}

/** Text for an element or an attribute: escaped, without the control characters XML cannot hold. */
export function encodeEntities(text: string): string {
  return xmlCharacters(text).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;')
}

/** The paragraph and text-run elements of a format: w:p / w:t in Word, a:p / a:t in slides. */
function tags(kind: 'docx' | 'pptx'): { paragraph: RegExp; run: RegExp; prefix: string } {
  const ns = kind === 'docx' ? 'w' : 'a'
  return {
    paragraph: new RegExp(`<${ns}:p(?:\\s[^>]*)?>[\\s\\S]*?</${ns}:p>`, 'g'),
    run: new RegExp(`<${ns}:t(?:\\s[^>]*)?>([^<]*)</${ns}:t>`, 'g'),
    prefix: ns
  }
}

export interface Paragraph {
  text: string
  /** Word: the paragraph's style (Heading1, ListParagraph, ...) */
  style: string | null
  list: boolean
}

/** The paragraphs of one XML part, in order. */
export function paragraphsOf(kind: 'docx' | 'pptx', xml: string): Paragraph[] {
  const { paragraph, run } = tags(kind)
  return [...xml.matchAll(paragraph)].map((match) => {
    const body = match[0]
    const text = [...body.matchAll(run)].map((r) => decodeEntities(r[1]!)).join('')
    const style = /<w:pStyle w:val="([^"]+)"/.exec(body)?.[1] ?? null
    return { text, style, list: /<w:numPr>|<a:buChar|<a:buAutoNum/.test(body) }
  })
}

/**
 * One part with some paragraphs' text replaced: the new text goes into the paragraph's first run (its
 * formatting kept), the other runs are emptied. Returns the part and how many paragraphs lost the
 * formatting of runs after the first.
 */
export function rewriteParagraphs(
  kind: 'docx' | 'pptx',
  xml: string,
  changes: ReadonlyMap<number, string>
): { xml: string; mixed: number } {
  const { paragraph, run, prefix } = tags(kind)
  let index = -1
  let mixed = 0
  const out = xml.replace(paragraph, (body) => {
    index += 1
    const text = changes.get(index)
    if (text === undefined) return body
    let first = true
    let runs = 0
    const rewritten = body.replace(run, (whole) => {
      runs += 1
      const open = whole.slice(0, whole.indexOf('>') + 1)
      const content = first ? encodeEntities(text) : ''
      first = false
      const keepSpace =
        prefix === 'w' && !open.includes('xml:space') ? open.replace('>', ' xml:space="preserve">') : open
      return `${keepSpace}${content}</${prefix}:t>`
    })
    if (runs > 1) mixed += 1
    return rewritten
  })
  return { xml: out, mixed }
}

export function zipParts(parts: Parts, replaced: Record<string, string>): Uint8Array {
  const files: Zippable = {}
  for (const [name, data] of Object.entries(parts)) files[name] = name in replaced ? strToU8(replaced[name]!) : data
  return zipSync(files, { level: 6 })
}

/** Slide parts in slide order (slide2 before slide10), each with its notes part when it has one. */
export function slideParts(parts: Parts): { slide: string; notes: string | null }[] {
  const number = (name: string): number => Number(/(\d+)\.xml$/.exec(name)?.[1] ?? 0)
  return Object.keys(parts)
    .filter((name) => /^ppt\/slides\/slide\d+\.xml$/.test(name))
    .sort((a, b) => number(a) - number(b))
    .map((slide) => {
      const rels = xmlText(parts, slide.replace('slides/', 'slides/_rels/') + '.rels') ?? ''
      const target = /Target="\.\.\/notesSlides\/(notesSlide\d+\.xml)"/.exec(rels)?.[1]
      return { slide, notes: target ? `ppt/notesSlides/${target}` : null }
    })
}
