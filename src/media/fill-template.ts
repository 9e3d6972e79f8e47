// A deck built from the repository's slide template (slide-template.ts): its masters, layouts and
// theme stay as they are, its own slides go, and each new slide is a slide part on the template's
// layout whose placeholders hold the title and the bullets, so the template's fonts, colours and
// bullet style apply. Pictures go into the content area (beside the text when there is text), speaker
// notes into notes slides on the template's notes master. Pure: the parts in, the bytes out.
import { strToU8, zipSync, type Zippable } from 'fflate'
import { counted } from '../plural.ts'
import { fitInto } from './image-size.ts'
import { encodeEntities, xmlText, type Parts } from './office-xml.ts'
import {
  attributesOf,
  reachable,
  relationships,
  relsPart,
  type Box,
  type Layout,
  type SlideTemplate
} from './slide-template.ts'
import type { Deck } from './schemas.ts'
import { picture, type Built, type ImageSource } from './write-office.ts'

const NS =
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
    `${XML_HEAD}<p:sld ${NS}><p:cSld><p:spTree><p:nvGrpSpPr><p:cNvPr id="1" name=""/><p:cNvGrpSpPr/><p:nvPr/></p:nvGrpSpPr>` +
    `<p:grpSpPr/>${shapes}</p:spTree></p:cSld><p:clrMapOvr><a:masterClrMapping/></p:clrMapOvr></p:sld>`
  )
}

function notesXml(notes: string): string {
  const lines = notes.split(/\r?\n/)
  return (
    `${XML_HEAD}<p:notes ${NS}><p:cSld><p:spTree><p:nvGrpSpPr><p:cNvPr id="1" name=""/><p:cNvGrpSpPr/><p:nvPr/></p:nvGrpSpPr><p:grpSpPr/>` +
    `<p:sp><p:nvSpPr><p:cNvPr id="2" name="Slide Image Placeholder 1"/><p:cNvSpPr><a:spLocks noGrp="1" noRot="1" noChangeAspect="1"/></p:cNvSpPr><p:nvPr><p:ph type="sldImg"/></p:nvPr></p:nvSpPr><p:spPr/></p:sp>` +
    `<p:sp><p:nvSpPr><p:cNvPr id="3" name="Notes Placeholder 2"/><p:cNvSpPr><a:spLocks noGrp="1"/></p:cNvSpPr><p:nvPr><p:ph type="body" idx="1"/></p:nvPr></p:nvSpPr><p:spPr/>` +
    `<p:txBody><a:bodyPr/><a:lstStyle/>${paragraphs(lines)}</p:txBody></p:sp>` +
    `</p:spTree></p:cSld><p:clrMapOvr><a:masterClrMapping/></p:clrMapOvr></p:notes>`
  )
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
  const relsName = relsPart('ppt/presentation.xml')
  out[relsName] = strToU8(
    (xmlText(parts, relsName) ?? '').replace(/<Relationship\b[^>]*>/g, (tag) =>
      slideRels.has(attributesOf(tag).Id ?? '') ? '' : tag
    )
  )
  let presentation = xmlText(parts, 'ppt/presentation.xml') ?? ''
  presentation = presentation.replace(/<p:sldIdLst\s*\/>|<p:sldIdLst>[\s\S]*?<\/p:sldIdLst>/, '')
  // Custom shows and sections name the removed slides; without them the file would need repair.
  if (/<p:custShowLst>/.test(presentation)) {
    presentation = presentation.replace(/<p:custShowLst>[\s\S]*?<\/p:custShowLst>/, '')
    lost.push("the template's custom slide shows")
  }
  presentation = presentation.replace(/<p:ext\b[^>]*>(?:(?!<\/p:ext>)[\s\S])*?sectionLst[\s\S]*?<\/p:ext>/, '')
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
  let out = xml
    .replace(/<Override\b[^>]*>/g, (tag) =>
      removed.has((attributesOf(tag).PartName ?? '').replace(/^\//, '')) ? '' : tag
    )
    // A template saved as .potx and renamed: the deck is a presentation, not a template.
    .replace('presentationml.template.main+xml', 'presentationml.presentation.main+xml')
  const defaults = new Set(
    [...out.matchAll(/<Default\b[^>]*>/g)].map((m) => (attributesOf(m[0]).Extension ?? '').toLowerCase())
  )
  const newDefaults = [...media]
    .filter((ext) => !defaults.has(ext))
    .map((ext) => `<Default Extension="${ext}" ContentType="image/${ext === 'png' ? 'png' : 'jpeg'}"/>`)
    .join('')
  const overrides = added.map((p) => `<Override PartName="/${p.name}" ContentType="${p.type}"/>`).join('')
  // Defaults come before overrides in the schema's sequence.
  const lastDefault = [...out.matchAll(/<Default\b[^>]*>/g)].at(-1)
  if (lastDefault) {
    const at = lastDefault.index + lastDefault[0].length
    out = out.slice(0, at) + newDefaults + out.slice(at)
  } else out = out.replace(/<Types\b[^>]*>/, (tag) => tag + newDefaults)
  return out.replace('</Types>', `${overrides}</Types>`)
}

/** The deck built on the template; what could not be kept is in `lost`. */
export async function fillTemplate(template: SlideTemplate, deck: Deck, images: ImageSource): Promise<Built> {
  const { parts, removed, lost } = dropSlides(template.parts, template)
  const taken = new Set<string>()
  const added: NewPart[] = []
  const mediaExtensions = new Set<string>()
  const mediaByPath = new Map<string, { part: string; width: number; height: number }>()
  const presentationRels = relationships(parts, 'ppt/presentation.xml')
  let nextRel = Math.max(0, ...presentationRels.map((r) => Number(/^rId(\d+)$/.exec(r.id)?.[1] ?? 0))) + 1
  const newPresentationRels: { id: string; type: string; target: string }[] = []
  let unspokenNotes = 0
  let notesWritten = 0

  for (const [index, content] of deck.slides.entries()) {
    const image = content.image ? await picture(images, content.image, lost) : null
    let media: { part: string; width: number; height: number } | null = null
    if (image && content.image) {
      media = mediaByPath.get(content.image) ?? null
      if (!media) {
        const ext = image.info.type === 'png' ? 'png' : 'jpeg'
        const name = freeName(parts, taken, (n) => `ppt/media/image${n}.${ext}`)
        parts[name] = image.bytes
        mediaExtensions.add(ext)
        media = { part: name, width: image.info.width, height: image.info.height }
        mediaByPath.set(content.image, media)
      }
    }
    const bare = !content.bullets.length && !media
    const layout: Layout =
      (bare && index === 0 ? template.titleSlide : null) ?? (bare ? template.titleOnly : null) ?? template.content
    const slide = freeName(parts, taken, (n) => `ppt/slides/slide${n}.xml`)
    const rels = [{ id: 'rId1', type: 'slideLayout', target: relative(slide, layout.part) }]
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
    if (content.notes.trim()) {
      if (template.notesMaster) {
        const notes = freeName(parts, taken, (n) => `ppt/notesSlides/notesSlide${n}.xml`)
        parts[notes] = strToU8(notesXml(content.notes.trim()))
        parts[relsPart(notes)] = strToU8(
          relsXml([
            { id: 'rId1', type: 'notesMaster', target: relative(notes, template.notesMaster) },
            { id: 'rId2', type: 'slide', target: relative(notes, slide) }
          ])
        )
        added.push({ name: notes, type: TYPE.notes })
        rels.push({ id: `rId${rels.length + 1}`, type: 'notesSlide', target: relative(slide, notes) })
        notesWritten += 1
      } else unspokenNotes += 1
    }
    parts[slide] = strToU8(slideXml(shapes.join('')))
    parts[relsPart(slide)] = strToU8(relsXml(rels))
    added.push({ name: slide, type: TYPE.slide })
    newPresentationRels.push({ id: `rId${nextRel++}`, type: 'slide', target: relative('ppt/presentation.xml', slide) })
  }
  if (unspokenNotes)
    lost.push(`the speaker notes of ${counted(unspokenNotes, 'slide')} (the template has no notes master)`)

  const relsName = relsPart('ppt/presentation.xml')
  parts[relsName] = strToU8(
    (xmlText(parts, relsName) ?? '').replace(
      '</Relationships>',
      newPresentationRels
        .map((r) => `<Relationship Id="${r.id}" Type="${REL}/${r.type}" Target="${r.target}"/>`)
        .join('') + '</Relationships>'
    )
  )
  const list = `<p:sldIdLst>${newPresentationRels.map((r, i) => `<p:sldId id="${256 + i}" r:id="${r.id}"/>`).join('')}</p:sldIdLst>`
  const presentation = xmlText(parts, 'ppt/presentation.xml') ?? ''
  // The slide list comes after the master lists and before the slide size in the schema's sequence.
  const after = [/<\/p:handoutMasterIdLst>/, /<\/p:notesMasterIdLst>/, /<\/p:sldMasterIdLst>/]
    .map((re) => re.exec(presentation))
    .find((m) => m)
  parts['ppt/presentation.xml'] = strToU8(
    after
      ? presentation.slice(0, after.index + after[0].length) + list + presentation.slice(after.index + after[0].length)
      : presentation.replace(/<p:sldSz\b/, `${list}<p:sldSz`)
  )
  parts['[Content_Types].xml'] = strToU8(
    contentTypes(xmlText(parts, '[Content_Types].xml') ?? '', removed, added, mediaExtensions)
  )
  const app = xmlText(parts, 'docProps/app.xml')
  if (app)
    parts['docProps/app.xml'] = strToU8(
      app
        .replace(/<Slides>\d+<\/Slides>/, `<Slides>${deck.slides.length}</Slides>`)
        .replace(/<Notes>\d+<\/Notes>/, `<Notes>${notesWritten}</Notes>`)
    )
  const core = xmlText(parts, 'docProps/core.xml')
  if (core)
    parts['docProps/core.xml'] = strToU8(
      core.replace(/<dc:title\s*\/>|<dc:title>[^<]*<\/dc:title>/, `<dc:title>${encodeEntities(deck.title)}</dc:title>`)
    )
  const files: Zippable = {}
  // The content types part first, as some readers expect.
  for (const name of ['[Content_Types].xml', ...Object.keys(parts).filter((n) => n !== '[Content_Types].xml')])
    files[name] = parts[name]!
  return { bytes: zipSync(files, { level: 6 }), lost }
}
