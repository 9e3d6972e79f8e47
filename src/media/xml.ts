// Office XML read with a real, namespace-aware parser (saxes): elements are known by their namespace
// and local name, never by the prefix a writer chose, and attributes by name in any order. Two ways in:
// a stream of events for the parts read as text (any size, stopped when the reader has enough), and a
// small tree whose every element knows where it starts and ends in the source, for the parts git-bob
// changes: an edit replaces a span of the source, so everything else stays byte for byte. Pure.
import { SaxesParser, type SaxesTagNS } from 'saxes'

/** The namespaces git-bob reads, by their Transitional URIs (what Word, LibreOffice and the Python libraries write). */
export const NS = {
  w: 'http://schemas.openxmlformats.org/wordprocessingml/2006/main',
  a: 'http://schemas.openxmlformats.org/drawingml/2006/main',
  p: 'http://schemas.openxmlformats.org/presentationml/2006/main',
  s: 'http://schemas.openxmlformats.org/spreadsheetml/2006/main',
  r: 'http://schemas.openxmlformats.org/officeDocument/2006/relationships',
  rels: 'http://schemas.openxmlformats.org/package/2006/relationships',
  types: 'http://schemas.openxmlformats.org/package/2006/content-types',
  mc: 'http://schemas.openxmlformats.org/markup-compatibility/2006',
  v: 'urn:schemas-microsoft-com:vml',
  dc: 'http://purl.org/dc/elements/1.1/',
  app: 'http://schemas.openxmlformats.org/officeDocument/2006/extended-properties'
} as const

// ISO 29500 Strict names the same vocabularies with other URIs; they are read as the Transitional ones.
const STRICT: Record<string, string> = {
  'http://purl.oclc.org/ooxml/wordprocessingml/main': NS.w,
  'http://purl.oclc.org/ooxml/drawingml/main': NS.a,
  'http://purl.oclc.org/ooxml/presentationml/main': NS.p,
  'http://purl.oclc.org/ooxml/spreadsheetml/main': NS.s,
  'http://purl.oclc.org/ooxml/officeDocument/relationships': NS.r
}

const uriOf = (uri: string): string => STRICT[uri] ?? uri

export interface XmlAttribute {
  uri: string
  local: string
  value: string
}

/** An element as a stream reader meets it: its name and attributes. */
export interface XmlTag {
  uri: string
  local: string
  attributes: readonly XmlAttribute[]
}

/** The value of an attribute: unqualified (`uri` '') unless a namespace is given. */
export function attr(tag: XmlTag, local: string, uri = ''): string | undefined {
  return tag.attributes.find((a) => a.local === local && a.uri === uri)?.value
}

export function is(tag: XmlTag, uri: string, local: string): boolean {
  return tag.local === local && tag.uri === uri
}

/** An OOXML on/off value ("1", "true", "on", or the element alone) is on. */
export function on(value: string | undefined): boolean {
  return value === undefined || value === '1' || value === 'true' || value === 'on'
}

function tagOf(tag: SaxesTagNS): XmlTag {
  const attributes: XmlAttribute[] = []
  for (const a of Object.values(tag.attributes))
    if (a.prefix !== 'xmlns' && a.name !== 'xmlns')
      attributes.push({ uri: uriOf(a.uri), local: a.local, value: a.value })
  return { uri: uriOf(tag.uri), local: tag.local, attributes }
}

export interface XmlEvents {
  open?: (tag: XmlTag) => void
  close?: (tag: XmlTag) => void
  text?: (text: string) => void
}

export interface XmlStream {
  write: (chunk: string) => void
  close: () => void
}

/** A parser fed chunk by chunk; it throws on XML that is not well-formed or uses an undeclared prefix. */
export function xmlStream(events: XmlEvents): XmlStream {
  const parser = new SaxesParser({ xmlns: true, position: false })
  const open = events.open
  const close = events.close
  if (open) parser.on('opentag', (tag) => open(tagOf(tag)))
  if (close) parser.on('closetag', (tag) => close(tagOf(tag)))
  if (events.text) {
    parser.on('text', events.text)
    parser.on('cdata', events.text)
  }
  parser.on('error', (error) => {
    throw error
  })
  return {
    write: (chunk) => void parser.write(chunk),
    close: () => void parser.close()
  }
}

/** An element of a part that is changed: where its start tag, its content and the element end in the source. */
export interface XmlElement extends XmlTag {
  /** The source's index of its '<', of the first character after its start tag, and after its end. */
  start: number
  contentStart: number
  end: number
  children: XmlElement[]
  /** Its own text, without its children's. */
  text: string
  /** The namespaces it declares: prefix ('' for the default) -> URI. */
  declares: Record<string, string>
}

/** The part as a tree of elements located in `xml`; throws when it is not well-formed. */
export function parseXml(xml: string): XmlElement {
  const parser = new SaxesParser({ xmlns: true })
  const root: XmlElement = {
    uri: '',
    local: '',
    attributes: [],
    start: 0,
    contentStart: 0,
    end: xml.length,
    children: [],
    text: '',
    declares: {}
  }
  const stack: XmlElement[] = [root]
  parser.on('opentag', (tag) => {
    // No '<' can stand inside a start tag after its first character, so the last one before its end is its start.
    const contentStart = parser.position
    const element: XmlElement = {
      ...tagOf(tag),
      start: xml.lastIndexOf('<', contentStart - 1),
      contentStart,
      end: contentStart,
      children: [],
      text: '',
      declares: { ...tag.ns }
    }
    stack.at(-1)!.children.push(element)
    stack.push(element)
  })
  parser.on('closetag', () => {
    stack.pop()!.end = parser.position
  })
  const text = (t: string): void => void (stack.at(-1)!.text += t)
  parser.on('text', text)
  parser.on('cdata', text)
  parser.on('error', (error) => {
    throw error
  })
  parser.write(xml).close()
  return root
}

/** The first child with this name, or undefined. */
export function child(element: XmlElement, uri: string, local: string): XmlElement | undefined {
  return element.children.find((c) => is(c, uri, local))
}

/** Every descendant with this name, in document order (not looking inside a match). */
export function findAll(element: XmlElement, uri: string, local: string): XmlElement[] {
  const out: XmlElement[] = []
  const visit = (e: XmlElement): void => {
    for (const c of e.children) {
      if (is(c, uri, local)) out.push(c)
      else visit(c)
    }
  }
  visit(element)
  return out
}

export interface Splice {
  start: number
  end: number
  text: string
}

/** The source with each span replaced (spans do not overlap); everything else as it was. */
export function splice(xml: string, edits: readonly Splice[]): string {
  let out = ''
  let at = 0
  for (const edit of [...edits].sort((a, b) => a.start - b.start || a.end - b.end)) {
    out += xml.slice(at, edit.start) + edit.text
    at = Math.max(at, edit.end)
  }
  return out + xml.slice(at)
}

/** The element's name as the source writes it ("p:sldIdLst"). */
export function qualifiedName(xml: string, element: XmlElement): string {
  return /^<([^\s/>]+)/.exec(xml.slice(element.start, element.contentStart))![1]!
}

/** Where the element's content ends: the start of its end tag (its end when it has none). */
export function contentEnd(xml: string, element: XmlElement): number {
  return element.contentStart === element.end ? element.end : xml.lastIndexOf('</', element.end - 1)
}

/**
 * New content at the end of an element, or in place of its content; an empty element (`<x/>`) is
 * opened for it. Everything else stays as it was.
 */
export function fillElement(xml: string, element: XmlElement, text: string, replace = false): Splice {
  if (element.contentStart === element.end) {
    const open = xml.slice(element.start, element.end).replace(/\s*\/>$/, '>')
    return { start: element.start, end: element.end, text: `${open}${text}</${qualifiedName(xml, element)}>` }
  }
  const at = contentEnd(xml, element)
  return { start: replace ? element.contentStart : at, end: at, text }
}

/** The prefix (with its colon; '' for the default namespace) bound to `uri` on the element, if it declares one. */
export function prefixFor(element: XmlElement, uri: string): string | null {
  const found = Object.entries(element.declares).find(([, value]) => value === uri)
  return found ? (found[0] ? `${found[0]}:` : '') : null
}
