// A repository's slide_template.pptx, read for what a new deck needs from it: the layout for title
// and bullets (a title and a body placeholder), one for a title alone, where the content goes, the
// notes master, and the template's own slides (dropped). Pure: bytes in, a description out, or the
// reason the template cannot be used. The package's relationships are read here too.
import { counted } from '../plural.ts'
import { openParts, xmlText, type Parts } from './office-xml.ts'

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

export interface Relationship {
  id: string
  type: string
  /** The part it points to, resolved to a name in the package; null when external. */
  target: string | null
}

/** The attributes of one start tag. */
export function attributesOf(tag: string): Record<string, string> {
  const out: Record<string, string> = {}
  for (const match of tag.matchAll(/([\w:.-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g))
    out[match[1]!] = match[2] ?? match[3] ?? ''
  return out
}

/** The relationships part of a part ('' is the package itself). */
export function relsPart(part: string): string {
  const slash = part.lastIndexOf('/')
  return `${part.slice(0, slash + 1)}_rels/${part.slice(slash + 1)}.rels`
}

function resolve(from: string, target: string): string {
  const base = target.startsWith('/') ? [] : from.split('/').slice(0, -1)
  for (const segment of target.replace(/^\//, '').split('/')) {
    if (segment === '..') base.pop()
    else if (segment && segment !== '.') base.push(segment)
  }
  return base.join('/')
}

export function relationships(parts: Parts, part: string): Relationship[] {
  const xml = xmlText(parts, relsPart(part)) ?? ''
  return [...xml.matchAll(/<Relationship\b[^>]*>/g)].map((match) => {
    const a = attributesOf(match[0])
    const target = a.Target ?? ''
    return {
      id: a.Id ?? '',
      type: (a.Type ?? '').split('/').pop() ?? '',
      target: a.TargetMode === 'External' ? null : resolve(part, decodeURI(target))
    }
  })
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

function box(shape: string): Box | null {
  const off = /<a:off\b[^>]*>/.exec(shape)
  const ext = /<a:ext\b[^>]*>/.exec(shape)
  if (!off || !ext) return null
  const o = attributesOf(off[0])
  const e = attributesOf(ext[0])
  const out = { x: Number(o.x), y: Number(o.y), cx: Number(e.cx), cy: Number(e.cy) }
  return Object.values(out).every(Number.isFinite) && out.cx > 0 && out.cy > 0 ? out : null
}

/** The placeholders of a layout or master, in order. */
function placeholders(xml: string): Placeholder[] {
  return [...xml.matchAll(/<p:sp[\s>][\s\S]*?<\/p:sp>/g)].flatMap((match) => {
    const ph = /<p:ph\b([^>]*?)\/?>/.exec(match[0])
    if (!ph) return []
    const a = attributesOf(ph[1]!)
    const attributes = Object.entries(a)
      .filter(([name]) => name !== 'hasCustomPrompt')
      .map(([name, value]) => ` ${name}="${value}"`)
      .join('')
    const spPr = /<p:spPr\s*\/>|<p:spPr\b[^>]*>[\s\S]*?<\/p:spPr>/.exec(match[0])?.[0] ?? ''
    return [{ type: a.type ?? 'obj', attributes, box: box(spPr) }]
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
  const xml = xmlText(parts, part) ?? ''
  const own = placeholders(xml)
  const master = relationships(parts, part).find((r) => r.type === 'slideMaster')?.target
  const inherited = master ? placeholders(xmlText(parts, master) ?? '') : []
  const located = (p: Placeholder, fallback: Box): Placeholder => {
    const masterType = TITLE.has(p.type) ? 'title' : BODY.has(p.type) ? 'body' : p.type
    return { ...p, box: p.box ?? inherited.find((m) => m.type === masterType)?.box ?? fallback }
  }
  const title = own.find((p) => p.type === 'title') ?? own.find((p) => p.type === 'ctrTitle')
  if (!title) return null
  const bodies = own.filter((p) => BODY.has(p.type))
  const margin = size.cx * 0.05
  const kind = /<p:sldLayout\b[^>]*\btype="([^"]+)"/.exec(xml)?.[1] ?? null
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

export function openTemplate(bytes: Uint8Array): TemplateOpened {
  let parts: Parts
  try {
    parts = openParts('pptx', bytes)
  } catch (error) {
    return { ok: false, reason: `it cannot be opened: ${(error as Error).message}` }
  }
  const presentation = xmlText(parts, 'ppt/presentation.xml') ?? ''
  if (!/<p:presentation[\s>]/.test(presentation))
    return { ok: false, reason: 'its ppt/presentation.xml is not a presentation git-bob can read' }
  const sldSz = /<p:sldSz\b[^>]*>/.exec(presentation)
  const size = sldSz
    ? { cx: Number(attributesOf(sldSz[0]).cx), cy: Number(attributesOf(sldSz[0]).cy) }
    : { cx: 9144000, cy: 6858000 }
  const rels = relationships(parts, 'ppt/presentation.xml')
  const masters = rels.filter((r) => r.type === 'slideMaster' && r.target && parts[r.target])
  const layoutParts = [
    ...new Set(
      masters.flatMap((m) =>
        relationships(parts, m.target!).flatMap((r) =>
          r.type === 'slideLayout' && r.target && parts[r.target] ? [r.target] : []
        )
      )
    )
  ].sort((a, b) => NUMBER(a) - NUMBER(b))
  const layouts = layoutParts.flatMap((part) => readLayout(parts, part, size) ?? [])
  const content = best(layouts, (l) => {
    if (!l.body || l.title.type !== 'title') return Infinity
    if (l.kind === 'obj') return 0
    if (l.kind === 'tx') return 1
    return l.others === 0 ? 2 : 3
  })
  if (!content?.body)
    return {
      ok: false,
      reason: layoutParts.length
        ? `none of its ${counted(layoutParts.length, 'layout')} has both a title and a body placeholder`
        : 'it has no slide layout'
    }
  const titleOnly = best(layouts, (l) => {
    if (l.kind === 'titleOnly') return 0
    return !l.body && !l.others && l.title.type === 'title' ? 1 : Infinity
  })
  const titleSlide = best(layouts, (l) => (l.kind === 'title' || l.title.type === 'ctrTitle' ? 0 : Infinity))
  const notesMaster = rels.find((r) => r.type === 'notesMaster' && r.target && parts[r.target])?.target ?? null
  const slides = [...presentation.matchAll(/<p:sldId\b[^>]*>/g)].flatMap((match) => {
    const id = attributesOf(match[0])['r:id']
    const target = rels.find((r) => r.id === id)?.target
    return target ? [target] : []
  })
  return {
    ok: true,
    template: {
      parts,
      size,
      content: { part: content.part, title: content.title, body: content.body },
      titleOnly: titleOnly ? { part: titleOnly.part, title: titleOnly.title, body: null } : null,
      titleSlide: titleSlide ? { part: titleSlide.part, title: titleSlide.title, body: null } : null,
      notesMaster,
      slides
    }
  }
}
