// The parts of an Office file (a zip of XML) that git-bob changes, and the text of its paragraphs,
// rewritten in place. Pure: bytes in, text or bytes out. fflate unzips (small and synchronous; the
// parts of a file to be changed are held whole, within MAX_UNZIPPED_BYTES); the XML is parsed with
// saxes (xml.ts), namespace-aware, and each part of a file written is checked with it.
import { strFromU8, strToU8, unzipSync, zipSync, type Zippable } from 'fflate'
import { relationshipsIn, relsPart } from './relationships.ts'
import { attr, child, findAll, is, NS, on, parseXml, splice, type Splice, type XmlElement } from './xml.ts'

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

/** Null when every XML part of the file parses (well-formed, every prefix declared), else what is wrong. */
export function checkOffice(kind: OfficeKind, bytes: Uint8Array): string | null {
  try {
    const parts = openParts(kind, bytes)
    for (const [name, data] of Object.entries(parts)) {
      if (!/\.(xml|rels)$/.test(name)) continue
      const xml = strFromU8(data)
      // Said apart from other faults: the model's text is where they come from.
      if (xml.replace(NOT_XML, '') !== xml) return `the part ${name} holds control characters XML cannot hold`
      try {
        parseXml(xml)
      } catch (error) {
        return `the part ${name} is not well-formed XML: ${(error as Error).message}`
      }
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

export interface Paragraph {
  text: string
  /** Word: the paragraph's style (Heading1, ListParagraph, ...) */
  style: string | null
  list: boolean
}

const XML_NS = 'http://www.w3.org/XML/1998/namespace'

interface LocatedParagraph extends Paragraph {
  /** Its text elements (w:t, a:t) as a reader sees them: not deleted, not hidden, not in a paragraph within it. */
  runs: XmlElement[]
  start: number
}

function paragraphOf(kind: 'docx' | 'pptx', p: XmlElement): LocatedParagraph {
  const pPr = kind === 'docx' ? child(p, NS.w, 'pPr') : child(p, NS.a, 'pPr')
  const pStyle = pPr && child(pPr, NS.w, 'pStyle')
  const list = pPr?.children.some((c) => is(c, NS.w, 'numPr') || is(c, NS.a, 'buChar') || is(c, NS.a, 'buAutoNum'))
  return { text: '', style: (pStyle && attr(pStyle, 'val', NS.w)) ?? null, list: !!list, runs: [], start: p.start }
}

/** Every paragraph of a part, text boxes' paragraphs too, in the order they start. */
function locatedParagraphs(kind: 'docx' | 'pptx', xml: string): LocatedParagraph[] {
  const ns = kind === 'docx' ? NS.w : NS.a
  const found: LocatedParagraph[] = []
  const visit = (element: XmlElement, paragraph: LocatedParagraph | null, hidden: boolean): void => {
    for (const c of element.children) {
      if (is(c, NS.w, 'del') || is(c, NS.w, 'moveFrom') || is(c, NS.mc, 'Fallback')) continue
      if (is(c, ns, 'p')) {
        const own = paragraphOf(kind, c)
        found.push(own)
        visit(c, own, false)
      } else if (is(c, ns, 't')) {
        if (paragraph && !hidden) {
          paragraph.runs.push(c)
          paragraph.text += c.text
        }
      } else {
        const rPr = is(c, NS.w, 'r') ? child(c, NS.w, 'rPr') : undefined
        const vanish = rPr?.children.find((p) => p.uri === NS.w && (p.local === 'vanish' || p.local === 'specVanish'))
        visit(c, paragraph, hidden || (vanish !== undefined && on(attr(vanish, 'val', NS.w))))
      }
    }
  }
  visit(parseXml(xml), null, false)
  return found.sort((a, b) => a.start - b.start)
}

/** The paragraphs of one XML part, in order (Word's hidden and deleted text left out, as the reader does). */
export function paragraphsOf(kind: 'docx' | 'pptx', xml: string): Paragraph[] {
  return locatedParagraphs(kind, xml).map(({ text, style, list }) => ({ text, style, list }))
}

/**
 * One part with some paragraphs' text replaced: the new text goes into the paragraph's first run (its
 * formatting kept), the other runs are emptied; everything else stays byte for byte. Returns the part
 * and how many paragraphs lost the formatting of runs after the first.
 */
export function rewriteParagraphs(
  kind: 'docx' | 'pptx',
  xml: string,
  changes: ReadonlyMap<number, string>
): { xml: string; mixed: number } {
  const edits: Splice[] = []
  let mixed = 0
  for (const [index, paragraph] of locatedParagraphs(kind, xml).entries()) {
    const text = changes.get(index)
    if (text === undefined) continue
    if (paragraph.runs.length > 1) mixed += 1
    for (const [i, run] of paragraph.runs.entries()) {
      let open = xml.slice(run.start, run.contentStart)
      const name = /^<([^\s/>]+)/.exec(open)![1]!
      if (open.endsWith('/>')) open = `${open.slice(0, -2).trimEnd()}>`
      // Word drops a run's leading and trailing spaces unless it is told to keep them.
      if (kind === 'docx' && attr(run, 'space', XML_NS) === undefined)
        open = `${open.slice(0, -1)} xml:space="preserve">`
      edits.push({ start: run.start, end: run.end, text: `${open}${i === 0 ? encodeEntities(text) : ''}</${name}>` })
    }
  }
  return { xml: splice(xml, edits), mixed }
}

export function zipParts(parts: Parts, replaced: Record<string, string>): Uint8Array {
  const files: Zippable = {}
  for (const [name, data] of Object.entries(parts)) files[name] = name in replaced ? strToU8(replaced[name]!) : data
  return zipSync(files, { level: 6 })
}

/** Slide parts in the presentation's order, each with its notes part when it has one. */
export function slideParts(parts: Parts): { slide: string; notes: string | null }[] {
  const main = 'ppt/presentation.xml'
  const rels = relationshipsIn(xmlText(parts, relsPart(main)) ?? '', main)
  const list = findAll(parseXml(xmlText(parts, main) ?? ''), NS.p, 'sldIdLst')[0]
  return (list ? findAll(list, NS.p, 'sldId') : []).flatMap((sldId) => {
    const slide = rels.find((r) => r.id === attr(sldId, 'id', NS.r) && r.type === 'slide')?.target
    if (!slide || !parts[slide]) return []
    const slideRels = relationshipsIn(xmlText(parts, relsPart(slide)) ?? '', slide)
    const notes = slideRels.find((r) => r.type === 'notesSlide')?.target
    return [{ slide, notes: notes && parts[notes] ? notes : null }]
  })
}
