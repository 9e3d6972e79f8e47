// Real Office files with pictures, made in tests with the libraries people's tools use: a deck with
// pptxgenjs, a Word document with docx.
import { strFromU8, strToU8, unzipSync, Zip, ZipDeflate, zipSync } from 'fflate'
import { tinyPng } from './media-bytes.ts'

export interface SlideSpec {
  text: string
  /** PNG or JPEG bytes, drawn in this order. */
  pictures?: Uint8Array[]
  notes?: string
}

/** A 16:9 deck: each slide's text, then its pictures. */
export async function deckWithPictures(slides: readonly SlideSpec[]): Promise<Uint8Array> {
  // The package's types describe its CommonJS build; its ES build exports the class itself.
  const mod = await import('pptxgenjs')
  type Constructor = (typeof mod)['default']['default']
  const loaded = mod.default as unknown as Constructor | { default: Constructor }
  const PptxGenJS = 'default' in loaded ? loaded.default : loaded
  const pptx = new PptxGenJS()
  for (const spec of slides) {
    const slide = pptx.addSlide()
    slide.addText(spec.text, { x: 0.5, y: 0.3, w: 9, h: 0.8 })
    ;(spec.pictures ?? []).forEach((bytes, i) => {
      const type = bytes[0] === 0x89 ? 'png' : 'jpeg'
      slide.addImage({
        data: `data:image/${type};base64,${Buffer.from(bytes).toString('base64')}`,
        x: 0.5 + i * 3,
        y: 1.5,
        w: 2,
        h: 1.5
      })
    })
    if (spec.notes) slide.addNotes(spec.notes)
  }
  return new Uint8Array((await pptx.write({ outputType: 'nodebuffer' })) as Buffer)
}

/** A Word document: paragraphs of text, and a picture wherever an item is bytes. */
export async function documentWithPictures(items: readonly (string | Uint8Array)[]): Promise<Uint8Array> {
  const { Document, ImageRun, Packer, Paragraph, TextRun } = await import('docx')
  const children = items.map((item) =>
    typeof item === 'string'
      ? new Paragraph({ children: [new TextRun(item)] })
      : new Paragraph({
          children: [new ImageRun({ type: 'png', data: item, transformation: { width: 100, height: 80 } })]
        })
  )
  return new Uint8Array(await Packer.toBuffer(new Document({ sections: [{ children }] })))
}

/** Pictures of different colours, large enough to be shown. */
export const pictures = {
  red: tinyPng(64, 48, [200, 40, 40]),
  green: tinyPng(64, 48, [40, 200, 40]),
  blue: tinyPng(48, 64, [40, 40, 200]),
  icon: tinyPng(16, 16, [0, 0, 0])
}

/**
 * The same Office file with other namespace prefixes in its XML parts (e.g. p→pml, a→d): the same
 * namespaces, as another writer might name them. Each old prefix is renamed in tags, attributes and
 * declarations.
 */
export function renamePrefixes(bytes: Uint8Array, renames: Record<string, string>): Uint8Array {
  const parts = unzipSync(bytes)
  for (const [name, data] of Object.entries(parts)) {
    if (!/\.(xml|rels)$/.test(name)) continue
    let xml = strFromU8(data)
    for (const [from, to] of Object.entries(renames))
      xml = xml
        .replace(new RegExp(`(<\\/?|\\s|xmlns:)${from}:`, 'g'), `$1${to}:`)
        .replaceAll(`xmlns:${from}=`, `xmlns:${to}=`)
    parts[name] = strToU8(xml)
  }
  return zipSync(parts)
}

/**
 * A Word document whose document.xml inflates to about `megabytes` MB of hidden text (a zip bomb of
 * markup: a few hundred kilobytes zipped), built in pieces so the test never holds it whole.
 */
export function markupBomb(megabytes: number): Uint8Array {
  const W = 'http://schemas.openxmlformats.org/wordprocessingml/2006/main'
  const unit = '<w:p><w:r><w:rPr><w:vanish/></w:rPr><w:t>hidden words here</w:t></w:r></w:p>'
  const piece = strToU8(unit.repeat(Math.ceil(1_000_000 / unit.length)))
  const chunks: Uint8Array[] = []
  // fflate's streaming zip: the parts are deflated piece by piece (and sized in data descriptors).
  const zip = new Zip((error, chunk) => {
    if (error) throw error
    chunks.push(chunk)
  })
  const types = new ZipDeflate('[Content_Types].xml')
  zip.add(types)
  types.push(
    strToU8(
      '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>'
    ),
    true
  )
  const document = new ZipDeflate('word/document.xml', { level: 6 })
  zip.add(document)
  document.push(strToU8(`<w:document xmlns:w="${W}"><w:body><w:p><w:r><w:t>Visible first</w:t></w:r></w:p>`))
  for (let i = 0; i < megabytes; i += 1) document.push(piece)
  document.push(strToU8('</w:body></w:document>'), true)
  zip.end()
  const out = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0))
  let at = 0
  for (const c of chunks) {
    out.set(c, at)
    at += c.length
  }
  return out
}
