// A repository's slide_template.pptx, read for what a new deck needs from it: the layout for title
// and bullets (a title and a body placeholder), one for a title alone, where the content goes, the
// notes master, and the template's own slides (dropped). Pure: bytes in, a description out, or the
// reason the template cannot be used. Read with the XML parser (xml.ts): any prefixes, any attribute order.
import { counted } from '../plural.ts'
import { encodeEntities, openParts, xmlText, type Parts } from './office-xml.ts'
import { relationshipsIn, relsPart, type Relationship } from './relationships.ts'
import { attr, child, findAll, is, NS, parseXml, type XmlElement } from './xml.ts'

/** An area on the slide, in EMU (914,400 to the inch). */
export interface Box {
  x: number
  y: number
  cx: number
  cy: number
}

export interface Placeholder {
  /** The ph element's type; PowerPoint's default, "obj", when it has none. */
  type: string
  /** The ph element's own attributes (type, idx, ...), as a slide's placeholder repeats them. */
  attributes: string
  /** Where it is, from the layout or, when the layout inherits it, from the master. */
  box: Box | null
}

export interface Layout {
  part: string
  title: Placeholder
  body: Placeholder | null
}

export interface SlideTemplate {
  parts: Parts
  size: { cx: number; cy: number }
  /** Title and bullets (and a picture). */
  content: Layout & { body: Placeholder }
  /** A slide with a title alone, and the deck's first such slide (a title slide), when the template has them. */
  titleOnly: Layout | null
  titleSlide: Layout | null
  /** The notes master's part, without which notes slides cannot be written. */
  notesMaster: string | null
  /** The template's own slides, by part, in their order. */
  slides: string[]
}

export function relationships(parts: Parts, part: string): Relationship[] {
  return relationshipsIn(xmlText(parts, relsPart(part)) ?? '', part)
}

/** A part parsed, or null when it is missing. */
export function parsed(parts: Parts, part: string): XmlElement | null {
  const xml = xmlText(parts, part)
  return xml === null ? null : parseXml(xml)
}

/** Every part reachable from the given ones through relationships (themselves included). */
export function reachable(parts: Parts, from: readonly string[]): Set<string> {
  const seen = new Set<string>()
  const queue = [...from]
  while (queue.length) {
    const part = queue.pop()!
    if (seen.has(part)) continue
    seen.add(part)
    for (const rel of relationships(parts, part)) if (rel.target && parts[rel.target]) queue.push(rel.target)
  }
  return seen
}

const NUMBER = (name: string): number => Number(/(\d+)\.xml$/.exec(name)?.[1] ?? 0)

function box(spPr: XmlElement | undefined): Box | null {
  const xfrm = spPr && child(spPr, NS.a, 'xfrm')
  const off = xfrm && child(xfrm, NS.a, 'off')
  const ext = xfrm && child(xfrm, NS.a, 'ext')
  if (!off || !ext) return null
  const out = {
    x: Number(attr(off, 'x')),
    y: Number(attr(off, 'y')),
    cx: Number(attr(ext, 'cx')),
    cy: Number(attr(ext, 'cy'))
  }
  return Object.values(out).every(Number.isFinite) && out.cx > 0 && out.cy > 0 ? out : null
}

/** The placeholders of a layout or master, in order. */
function placeholders(root: XmlElement | null): Placeholder[] {
  return (root ? findAll(root, NS.p, 'sp') : []).flatMap((sp) => {
    const nvPr = child(sp, NS.p, 'nvSpPr') && child(child(sp, NS.p, 'nvSpPr')!, NS.p, 'nvPr')
    const ph = nvPr && child(nvPr, NS.p, 'ph')
    if (!ph) return []
    const attributes = ph.attributes
      .filter((a) => a.uri === '' && a.local !== 'hasCustomPrompt')
      .map((a) => ` ${a.local}="${encodeEntities(a.value)}"`)
      .join('')
    return [{ type: attr(ph, 'type') ?? 'obj', attributes, box: box(child(sp, NS.p, 'spPr')) }]
  })
}

const TITLE = new Set(['title', 'ctrTitle'])
const BODY = new Set(['obj', 'body'])
// Placeholders that hold content other than text: a layout with one is no title-only layout.
const OTHER_CONTENT = new Set(['pic', 'chart', 'tbl', 'dgm', 'media', 'clipArt', 'subTitle'])

interface ReadLayout extends Layout {
  kind: string | null
  others: number
}

function readLayout(parts: Parts, part: string, size: { cx: number; cy: number }): ReadLayout | null {
  const root = parsed(parts, part)
  const own = placeholders(root)
  const master = relationships(parts, part).find((r) => r.type === 'slideMaster')?.target
  const inherited = master ? placeholders(parsed(parts, master)) : []
  const located = (p: Placeholder, fallback: Box): Placeholder => {
    const masterType = TITLE.has(p.type) ? 'title' : BODY.has(p.type) ? 'body' : p.type
    return { ...p, box: p.box ?? inherited.find((m) => m.type === masterType)?.box ?? fallback }
  }
  const title = own.find((p) => p.type === 'title') ?? own.find((p) => p.type === 'ctrTitle')
  if (!title) return null
  const bodies = own.filter((p) => BODY.has(p.type))
  const margin = size.cx * 0.05
  const layout = root?.children[0]
  const kind = (layout && is(layout, NS.p, 'sldLayout') && attr(layout, 'type')) || null
  return {
    part,
    kind,
    title: located(title, { x: margin, y: size.cy * 0.05, cx: size.cx - 2 * margin, cy: size.cy * 0.15 }),
    body: bodies[0]
      ? located(bodies[0], { x: margin, y: size.cy * 0.25, cx: size.cx - 2 * margin, cy: size.cy * 0.65 })
      : null,
    others: Math.max(0, bodies.length - 1) + own.filter((p) => OTHER_CONTENT.has(p.type)).length
  }
}

function best<T>(items: readonly T[], score: (item: T) => number): T | null {
  let out: T | null = null
  let lowest = Infinity
  for (const item of items) {
    const s = score(item)
    if (s < lowest) [out, lowest] = [item, s]
  }
  return Number.isFinite(lowest) ? out : null
}

export type TemplateOpened = { ok: true; template: SlideTemplate } | { ok: false; reason: string }

type Failed = { ok: false; reason: string }

interface OpenedPresentation {
  ok: true
  parts: Parts
  presentation: XmlElement
  rels: Relationship[]
}

/** The package's parts, its presentation element and that part's relationships. */
function openPresentation(bytes: Uint8Array): OpenedPresentation | Failed {
  let parts: Parts
  try {
    parts = openParts('pptx', bytes)
  } catch (error) {
    return { ok: false, reason: `it cannot be opened: ${(error as Error).message}` }
  }
  let presentation: XmlElement | undefined
  let rels: Relationship[]
  try {
    presentation = parsed(parts, 'ppt/presentation.xml')?.children[0]
    rels = relationships(parts, 'ppt/presentation.xml')
  } catch (error) {
    return { ok: false, reason: `it cannot be read: ${(error as Error).message}` }
  }
  if (!presentation || !is(presentation, NS.p, 'presentation'))
    return { ok: false, reason: 'its ppt/presentation.xml is not a presentation git-bob can read' }
  return { ok: true, parts, presentation, rels }
}

function slideSize(presentation: XmlElement): { cx: number; cy: number } {
  const sldSz = child(presentation, NS.p, 'sldSz')
  return sldSz ? { cx: Number(attr(sldSz, 'cx')), cy: Number(attr(sldSz, 'cy')) } : { cx: 9144000, cy: 6858000 }
}

/** The layouts of every slide master, each once, by their number. */
function layoutPartsOf(parts: Parts, rels: readonly Relationship[]): string[] {
  const masters = rels.flatMap((r) => (r.type === 'slideMaster' && r.target && parts[r.target] ? [r.target] : []))
  return [
    ...new Set(
      masters.flatMap((master) =>
        relationships(parts, master).flatMap((r) =>
          r.type === 'slideLayout' && r.target && parts[r.target] ? [r.target] : []
        )
      )
    )
  ].sort((a, b) => NUMBER(a) - NUMBER(b))
}

function readLayouts(
  parts: Parts,
  layoutParts: readonly string[],
  size: { cx: number; cy: number }
): { ok: true; layouts: ReadLayout[] } | Failed {
  try {
    return { ok: true, layouts: layoutParts.flatMap((part) => readLayout(parts, part, size) ?? []) }
  } catch (error) {
    return { ok: false, reason: `a layout cannot be read: ${(error as Error).message}` }
  }
}

function contentScore(l: ReadLayout): number {
  if (!l.body || l.title.type !== 'title') return Infinity
  if (l.kind === 'obj') return 0
  if (l.kind === 'tx') return 1
  return l.others === 0 ? 2 : 3
}

function titleOnlyScore(l: ReadLayout): number {
  if (l.kind === 'titleOnly') return 0
  return !l.body && !l.others && l.title.type === 'title' ? 1 : Infinity
}

function titleSlideScore(l: ReadLayout): number {
  return l.kind === 'title' || l.title.type === 'ctrTitle' ? 0 : Infinity
}

function noContentLayout(layouts: number): string {
  return layouts
    ? `none of its ${counted(layouts, 'layout')} has both a title and a body placeholder`
    : 'it has no slide layout'
}

/** The template's own slides, by part, in the presentation's order. */
function slidesOf(presentation: XmlElement, rels: readonly Relationship[]): string[] {
  const list = child(presentation, NS.p, 'sldIdLst')
  return (list ? list.children.filter((c) => is(c, NS.p, 'sldId')) : []).flatMap((sldId) => {
    const id = attr(sldId, 'id', NS.r)
    const target = rels.find((r) => r.id === id)?.target
    return target ? [target] : []
  })
}

const titled = (l: ReadLayout | null): Layout | null => (l ? { part: l.part, title: l.title, body: null } : null)

export function openTemplate(bytes: Uint8Array): TemplateOpened {
  const opened = openPresentation(bytes)
  if (!opened.ok) return opened
  const { parts, presentation, rels } = opened
  const size = slideSize(presentation)
  const layoutParts = layoutPartsOf(parts, rels)
  const read = readLayouts(parts, layoutParts, size)
  if (!read.ok) return read
  const content = best(read.layouts, contentScore)
  if (!content?.body) return { ok: false, reason: noContentLayout(layoutParts.length) }
  const notesMaster = rels.find((r) => r.type === 'notesMaster' && r.target && parts[r.target])?.target ?? null
  return {
    ok: true,
    template: {
      parts,
      size,
      content: { part: content.part, title: content.title, body: content.body },
      titleOnly: titled(best(read.layouts, titleOnlyScore)),
      titleSlide: titled(best(read.layouts, titleSlideScore)),
      notesMaster,
      slides: slidesOf(presentation, rels)
    }
  }
}
