// A deck built from the repository's slide template (slide-template.ts): its masters, layouts and
// theme stay as they are, its own slides go, and each new slide is a slide part on the template's
// layout whose placeholders hold the title and the bullets, so the template's fonts, colours and
// bullet style apply. Pictures go into the content area (beside the text when there is text), speaker
// notes into notes slides on the template's notes master. Pure: the parts in, the bytes out.
import { strToU8, zipSync, type Zippable } from 'fflate'
import { counted } from '../plural.ts'
import { fitInto } from './image-size.ts'
import { encodeEntities, xmlText, type Parts } from './office-xml.ts'
import { relationshipElements, relsPart } from './relationships.ts'
import { reachable, relationships, type Box, type Layout, type SlideTemplate } from './slide-template.ts'
import {
  attr,
  child,
  fillElement,
  is,
  NS,
  parseXml,
  prefixFor,
  qualifiedName,
  splice,
  type Splice,
  type XmlElement
} from './xml.ts'
import type { Deck } from './schemas.ts'
import { picture, type Built, type ImageLoader } from './write-office.ts'

const DECLARE =
  'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" xmlns:p="http://schemas.openxmlformats.org/presentationml/2006/main"'
const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships'
const TYPE = {
  slide: 'application/vnd.openxmlformats-officedocument.presentationml.slide+xml',
  notes: 'application/vnd.openxmlformats-officedocument.presentationml.notesSlide+xml'
}
const XML_HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'

function paragraphs(lines: readonly string[]): string {
  return lines
    .map((line) => `<a:p><a:r><a:t>${encodeEntities(line.replace(/\s*\n\s*/g, ' '))}</a:t></a:r></a:p>`)
    .join('')
}

function xfrm(b: Box): string {
  const r = Math.round
  return `<a:xfrm><a:off x="${r(b.x)}" y="${r(b.y)}"/><a:ext cx="${r(b.cx)}" cy="${r(b.cy)}"/></a:xfrm>`
}

/** A shape that fills one of the layout's placeholders; at `at` when it moves (text beside a picture). */
function placeholderShape(id: number, name: string, attributes: string, body: string, at: Box | null): string {
  return (
    `<p:sp><p:nvSpPr><p:cNvPr id="${id}" name="${name}"/><p:cNvSpPr><a:spLocks noGrp="1"/></p:cNvSpPr>` +
    `<p:nvPr><p:ph${attributes}/></p:nvPr></p:nvSpPr><p:spPr>${at ? xfrm(at) : ''}</p:spPr>` +
    `<p:txBody><a:bodyPr/><a:lstStyle/>${body}</p:txBody></p:sp>`
  )
}

function pictureShape(id: number, rel: string, description: string, at: Box): string {
  return (
    `<p:pic><p:nvPicPr><p:cNvPr id="${id}" name="Picture ${id - 1}" descr="${encodeEntities(description)}"/>` +
    `<p:cNvPicPr><a:picLocks noChangeAspect="1"/></p:cNvPicPr><p:nvPr/></p:nvPicPr>` +
    `<p:blipFill><a:blip r:embed="${rel}"/><a:stretch><a:fillRect/></a:stretch></p:blipFill>` +
    `<p:spPr>${xfrm(at)}<a:prstGeom prst="rect"><a:avLst/></a:prstGeom></p:spPr></p:pic>`
  )
}

function slideXml(shapes: string): string {
  return (
    `${XML_HEAD}<p:sld ${DECLARE}><p:cSld><p:spTree><p:nvGrpSpPr><p:cNvPr id="1" name=""/><p:cNvGrpSpPr/><p:nvPr/></p:nvGrpSpPr>` +
    `<p:grpSpPr/>${shapes}</p:spTree></p:cSld><p:clrMapOvr><a:masterClrMapping/></p:clrMapOvr></p:sld>`
  )
}

function notesXml(notes: string): string {
  const lines = notes.split(/\r?\n/)
  return (
    `${XML_HEAD}<p:notes ${DECLARE}><p:cSld><p:spTree><p:nvGrpSpPr><p:cNvPr id="1" name=""/><p:cNvGrpSpPr/><p:nvPr/></p:nvGrpSpPr><p:grpSpPr/>` +
    `<p:sp><p:nvSpPr><p:cNvPr id="2" name="Slide Image Placeholder 1"/><p:cNvSpPr><a:spLocks noGrp="1" noRot="1" noChangeAspect="1"/></p:cNvSpPr><p:nvPr><p:ph type="sldImg"/></p:nvPr></p:nvSpPr><p:spPr/></p:sp>` +
    `<p:sp><p:nvSpPr><p:cNvPr id="3" name="Notes Placeholder 2"/><p:cNvSpPr><a:spLocks noGrp="1"/></p:cNvSpPr><p:nvPr><p:ph type="body" idx="1"/></p:nvPr></p:nvSpPr><p:spPr/>` +
    `<p:txBody><a:bodyPr/><a:lstStyle/>${paragraphs(lines)}</p:txBody></p:sp>` +
    `</p:spTree></p:cSld><p:clrMapOvr><a:masterClrMapping/></p:clrMapOvr></p:notes>`
  )
}

/** The prefix (with its colon, or '') of the element's own name, for new elements beside or in it. */
function ownPrefix(xml: string, element: XmlElement): string {
  const name = qualifiedName(xml, element)
  return name.includes(':') ? `${name.slice(0, name.indexOf(':'))}:` : ''
}

/** A part's document element, parsed, with its source; null when the part is missing. */
function documentElement(parts: Parts, part: string): { xml: string; root: XmlElement } | null {
  const xml = xmlText(parts, part)
  const root = xml === null ? undefined : parseXml(xml).children[0]
  return xml !== null && root ? { xml, root } : null
}

/** A .rels part with some relationships removed and new ones added at its end, the rest as it was. */
function editRels(
  parts: Parts,
  part: string,
  remove: (id: string, type: string) => boolean,
  add: readonly { id: string; type: string; target: string }[]
): string {
  const xml = xmlText(parts, relsPart(part)) ?? ''
  if (!xml) return relsXml(add)
  const root = parseXml(xml)
  const list = root.children[0]!
  const edits: Splice[] = relationshipElements(root, part)
    .filter(({ rel }) => remove(rel.id, rel.type))
    .map(({ element }) => ({ start: element.start, end: element.end, text: '' }))
  const p = ownPrefix(xml, list)
  if (add.length)
    edits.push(
      fillElement(
        xml,
        list,
        add.map((r) => `<${p}Relationship Id="${r.id}" Type="${REL}/${r.type}" Target="${r.target}"/>`).join('')
      )
    )
  return splice(xml, edits)
}

function relsXml(rels: readonly { id: string; type: string; target: string }[]): string {
  return (
    `${XML_HEAD}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
    rels.map((r) => `<Relationship Id="${r.id}" Type="${REL}/${r.type}" Target="${r.target}"/>`).join('') +
    '</Relationships>'
  )
}

/** The first free name of the pattern, counting from 1. */
function freeName(parts: Parts, taken: Set<string>, name: (n: number) => string): string {
  for (let n = 1; ; n += 1) {
    const candidate = name(n)
    if (!parts[candidate] && !taken.has(candidate)) {
      taken.add(candidate)
      return candidate
    }
  }
}

/** The name of `target` relative to the folder of `from` (both package part names). */
function relative(from: string, target: string): string {
  const base = from.split('/').slice(0, -1)
  const to = target.split('/')
  let common = 0
  while (common < base.length && base[common] === to[common]) common += 1
  return [...base.slice(common).map(() => '..'), ...to.slice(common)].join('/')
}

/** The text and the picture's areas within the content area: side by side, or each alone. */
function arrange(
  area: Box,
  image: { width: number; height: number } | null,
  hasText: boolean
): { text: Box | null; picture: Box | null } {
  if (!image) return { text: null, picture: null }
  const gap = area.cx * 0.04
  const slot = hasText ? { x: area.x + area.cx * 0.56, y: area.y, cx: area.cx * 0.44, cy: area.cy } : area
  const size = fitInto({ type: 'png', ...image }, slot.cx, slot.cy)
  const picture = { x: slot.x + (slot.cx - size.width) / 2, y: slot.y, cx: size.width, cy: size.height }
  return { text: hasText ? { ...area, cx: area.cx * 0.56 - gap } : null, picture }
}

/** The template's own slides removed, with every part only they used (notes, pictures, comments). */
function dropSlides(parts: Parts, template: SlideTemplate): { parts: Parts; removed: Set<string>; lost: string[] } {
  const out: Parts = { ...parts }
  const lost: string[] = []
  const presentationRels = relationships(parts, 'ppt/presentation.xml')
  const slideRels = new Set(presentationRels.filter((r) => r.type === 'slide').map((r) => r.id))
  out[relsPart('ppt/presentation.xml')] = strToU8(
    editRels(parts, 'ppt/presentation.xml', (id) => slideRels.has(id), [])
  )
  const { xml, root } = documentElement(parts, 'ppt/presentation.xml')!
  const edits: Splice[] = []
  const cut = (element: XmlElement | undefined): void => {
    if (element) edits.push({ start: element.start, end: element.end, text: '' })
  }
  cut(child(root, NS.p, 'sldIdLst'))
  // Custom shows and sections name the removed slides; without them the file would need repair.
  const shows = child(root, NS.p, 'custShowLst')
  if (shows) {
    cut(shows)
    lost.push("the template's custom slide shows")
  }
  const extensions = child(root, NS.p, 'extLst')?.children ?? []
  cut(extensions.find((ext) => is(ext, NS.p, 'ext') && ext.children.some((c) => c.local === 'sectionLst')))
  const presentation = splice(xml, edits)
  out['ppt/presentation.xml'] = strToU8(presentation)
  const kept = reachable(out, [''])
  const removed = new Set([...reachable(parts, template.slides)].filter((part) => !kept.has(part)))
  for (const part of removed) {
    delete out[part]
    delete out[relsPart(part)]
  }
  return { parts: out, removed, lost }
}

interface NewPart {
  name: string
  type: string
}

function contentTypes(xml: string, removed: Set<string>, added: readonly NewPart[], media: Set<string>): string {
  const root = parseXml(xml).children[0]!
  const p = ownPrefix(xml, root)
  const edits: Splice[] = []
  const defaults = root.children.filter((c) => is(c, NS.types, 'Default'))
  for (const override of root.children.filter((c) => is(c, NS.types, 'Override')))
    if (removed.has((attr(override, 'PartName') ?? '').replace(/^\//, '')))
      edits.push({ start: override.start, end: override.end, text: '' })
  const known = new Set(defaults.map((d) => (attr(d, 'Extension') ?? '').toLowerCase()))
  const newDefaults = [...media]
    .filter((ext) => !known.has(ext))
    .map((ext) => `<${p}Default Extension="${ext}" ContentType="image/${ext === 'png' ? 'png' : 'jpeg'}"/>`)
    .join('')
  const overrides = added.map((part) => `<${p}Override PartName="/${part.name}" ContentType="${part.type}"/>`).join('')
  // Defaults come before overrides in the schema's sequence.
  const lastDefault = defaults.at(-1)
  if (lastDefault && newDefaults) edits.push({ start: lastDefault.end, end: lastDefault.end, text: newDefaults })
  edits.push(fillElement(xml, root, `${lastDefault ? '' : newDefaults}${overrides}`))
  // A template saved as .potx and renamed: the deck is a presentation, not a template.
  return splice(xml, edits).replace('presentationml.template.main+xml', 'presentationml.presentation.main+xml')
}

/** The deck built on the template; what could not be kept is in `lost`. */
export async function fillTemplate(template: SlideTemplate, deck: Deck, images: ImageLoader): Promise<Built> {
  const { parts, removed, lost } = dropSlides(template.parts, template)
  const filling = startFilling(parts, lost)
  for (const [index, content] of deck.slides.entries()) await addSlide(filling, template, content, index, images)
  if (filling.unspokenNotes)
    lost.push(`the speaker notes of ${counted(filling.unspokenNotes, 'slide')} (the template has no notes master)`)

  listSlides(parts, filling.presentationRels)
  parts['[Content_Types].xml'] = strToU8(
    contentTypes(xmlText(parts, '[Content_Types].xml') ?? '', removed, filling.added, filling.mediaExtensions)
  )
  countSlides(parts, deck.slides.length, filling.notesWritten)
  setTitle(parts, deck.title)
  return { bytes: zipParts(parts), lost }
}

type Slide = Deck['slides'][number]

interface Relationship {
  id: string
  type: string
  target: string
}

/** A picture in the package: its part and its size. */
interface Media {
  part: string
  width: number
  height: number
}

/** What filling the template keeps from slide to slide. */
interface Filling {
  parts: Parts
  lost: string[]
  /** Part names given out, for `freeName`. */
  taken: Set<string>
  added: NewPart[]
  mediaExtensions: Set<string>
  /** Each picture once, however many slides show it. */
  mediaByPath: Map<string, Media>
  /** The presentation's relationships to the new slides, and the number of the next. */
  presentationRels: Relationship[]
  nextRel: number
  unspokenNotes: number
  notesWritten: number
}

function startFilling(parts: Parts, lost: string[]): Filling {
  const existing = relationships(parts, 'ppt/presentation.xml')
  return {
    parts,
    lost,
    taken: new Set<string>(),
    added: [],
    mediaExtensions: new Set<string>(),
    mediaByPath: new Map<string, Media>(),
    presentationRels: [],
    nextRel: Math.max(0, ...existing.map((r) => Number(/^rId(\d+)$/.exec(r.id)?.[1] ?? 0))) + 1,
    unspokenNotes: 0,
    notesWritten: 0
  }
}

/** One slide on the template's layout that fits it: its picture, its shapes, its notes, its place in the deck. */
async function addSlide(
  filling: Filling,
  template: SlideTemplate,
  content: Slide,
  index: number,
  images: ImageLoader
): Promise<void> {
  const { parts, taken } = filling
  const media = await slideMedia(filling, content.image, images)
  const bare = !content.bullets.length && !media
  const layout: Layout =
    (bare && index === 0 ? template.titleSlide : null) ?? (bare ? template.titleOnly : null) ?? template.content
  const slide = freeName(parts, taken, (n) => `ppt/slides/slide${n}.xml`)
  const rels = [{ id: 'rId1', type: 'slideLayout', target: relative(slide, layout.part) }]
  const shapes = slideShapes(template, layout, content, media, slide, rels)
  addNotes(filling, template, content.notes, slide, rels)
  parts[slide] = strToU8(slideXml(shapes))
  parts[relsPart(slide)] = strToU8(relsXml(rels))
  filling.added.push({ name: slide, type: TYPE.slide })
  filling.presentationRels.push({
    id: `rId${filling.nextRel++}`,
    type: 'slide',
    target: relative('ppt/presentation.xml', slide)
  })
}

/** The slide's picture as a media part, one per path; null without a picture or when it cannot be shown. */
async function slideMedia(filling: Filling, path: string | null, images: ImageLoader): Promise<Media | null> {
  const image = path ? await picture(images, path, filling.lost) : null
  if (!image || !path) return null
  let media = filling.mediaByPath.get(path) ?? null
  if (!media) {
    const ext = image.info.type === 'png' ? 'png' : 'jpeg'
    const name = freeName(filling.parts, filling.taken, (n) => `ppt/media/image${n}.${ext}`)
    filling.parts[name] = image.bytes
    filling.mediaExtensions.add(ext)
    media = { part: name, width: image.info.width, height: image.info.height }
    filling.mediaByPath.set(path, media)
  }
  return media
}

/** The slide's shapes: the title, the bullets, the picture (its relationship added to `rels`). */
function slideShapes(
  template: SlideTemplate,
  layout: Layout,
  content: Slide,
  media: Media | null,
  slide: string,
  rels: Relationship[]
): string {
  let shapeId = 2
  const shapes = [placeholderShape(shapeId++, 'Title 1', layout.title.attributes, paragraphs([content.title]), null)]
  const body = layout.body
  const area = body?.box ?? { x: 0, y: 0, cx: template.size.cx, cy: template.size.cy }
  const placed = arrange(area, media, content.bullets.length > 0)
  if (body && content.bullets.length)
    shapes.push(
      placeholderShape(shapeId++, 'Content Placeholder 2', body.attributes, paragraphs(content.bullets), placed.text)
    )
  if (media && placed.picture) {
    rels.push({ id: 'rId2', type: 'image', target: relative(slide, media.part) })
    shapes.push(pictureShape(shapeId++, 'rId2', content.image ?? '', placed.picture))
  }
  return shapes.join('')
}

/** The slide's speaker notes as a notes slide on the template's notes master; without one, counted as unspoken. */
function addNotes(filling: Filling, template: SlideTemplate, text: string, slide: string, rels: Relationship[]): void {
  if (!text.trim()) return
  if (!template.notesMaster) {
    filling.unspokenNotes += 1
    return
  }
  const { parts } = filling
  const notes = freeName(parts, filling.taken, (n) => `ppt/notesSlides/notesSlide${n}.xml`)
  parts[notes] = strToU8(notesXml(text.trim()))
  parts[relsPart(notes)] = strToU8(
    relsXml([
      { id: 'rId1', type: 'notesMaster', target: relative(notes, template.notesMaster) },
      { id: 'rId2', type: 'slide', target: relative(notes, slide) }
    ])
  )
  filling.added.push({ name: notes, type: TYPE.notes })
  rels.push({ id: `rId${rels.length + 1}`, type: 'notesSlide', target: relative(slide, notes) })
  filling.notesWritten += 1
}

/** The new slides in the presentation: its relationships to them, and its slide list. */
function listSlides(parts: Parts, rels: readonly Relationship[]): void {
  parts[relsPart('ppt/presentation.xml')] = strToU8(editRels(parts, 'ppt/presentation.xml', () => false, rels))
  const { xml: presentation, root } = documentElement(parts, 'ppt/presentation.xml')!
  const p = ownPrefix(presentation, root)
  const r = prefixFor(root, NS.r)
  const declare = r === null ? ` xmlns:r="${NS.r}"` : ''
  const ids = rels.map((rel, i) => `<${p}sldId id="${256 + i}" ${r ?? 'r:'}id="${rel.id}"/>`).join('')
  const list = `<${p}sldIdLst${declare}>${ids}</${p}sldIdLst>`
  // The slide list comes after the master lists and before the slide size in the schema's sequence.
  const after = ['handoutMasterIdLst', 'notesMasterIdLst', 'sldMasterIdLst']
    .map((name) => child(root, NS.p, name))
    .find((e) => e)
  const before = child(root, NS.p, 'sldSz')
  const at = after?.end ?? before?.start
  parts['ppt/presentation.xml'] = strToU8(
    at === undefined
      ? splice(presentation, [fillElement(presentation, root, list)])
      : splice(presentation, [{ start: at, end: at, text: list }])
  )
}

/** The numbers of slides and notes in the extended properties, where they have them. */
function countSlides(parts: Parts, slides: number, notes: number): void {
  const app = documentElement(parts, 'docProps/app.xml')
  if (!app) return
  const counts: [string, number][] = [
    ['Slides', slides],
    ['Notes', notes]
  ]
  const edits = counts.flatMap(([name, n]) => {
    const element = child(app.root, NS.app, name)
    return element ? [fillElement(app.xml, element, String(n), true)] : []
  })
  parts['docProps/app.xml'] = strToU8(splice(app.xml, edits))
}

/** The deck's title in the core properties, where they have one. */
function setTitle(parts: Parts, text: string): void {
  const core = documentElement(parts, 'docProps/core.xml')
  const title = core && child(core.root, NS.dc, 'title')
  if (core && title)
    parts['docProps/core.xml'] = strToU8(splice(core.xml, [fillElement(core.xml, title, encodeEntities(text), true)]))
}

function zipParts(parts: Parts): Uint8Array {
  const files: Zippable = {}
  // The content types part first, as some readers expect.
  for (const name of ['[Content_Types].xml', ...Object.keys(parts).filter((n) => n !== '[Content_Types].xml')])
    files[name] = parts[name]!
  return zipSync(files, { level: 6 })
}
