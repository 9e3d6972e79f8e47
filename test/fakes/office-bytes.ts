// Real Office files with pictures, made in tests with the libraries people's tools use: a deck with
// pptxgenjs, a Word document with docx.
import { constants, crc32, deflateRawSync } from 'node:zlib'
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate'
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
 * markup: a few hundred kilobytes zipped). One megabyte of markup is deflated once and its bytes repeated:
 * each deflated piece ends on a byte boundary (zlib's sync flush), so the pieces join into one deflate
 * stream, and hundreds of megabytes cost milliseconds to make rather than seconds of deflating.
 */
export function markupBomb(megabytes: number): Uint8Array {
  const W = 'http://schemas.openxmlformats.org/wordprocessingml/2006/main'
  const unit = '<w:p><w:r><w:rPr><w:vanish/></w:rPr><w:t>hidden words here</w:t></w:r></w:p>'
  const piece = Buffer.from(unit.repeat(Math.ceil(1_000_000 / unit.length)))
  const head = Buffer.from(`<w:document xmlns:w="${W}"><w:body><w:p><w:r><w:t>Visible first</w:t></w:r></w:p>`)
  const tail = Buffer.from('</w:body></w:document>')
  const flush = { finishFlush: constants.Z_SYNC_FLUSH }
  const deflatedPiece = deflateRawSync(piece, flush)
  let crc = crc32(head)
  for (let i = 0; i < megabytes; i += 1) crc = crc32(piece, crc)
  const document: DeflatedPart = {
    name: 'word/document.xml',
    deflated: Buffer.concat([
      deflateRawSync(head, flush),
      ...Array.from({ length: megabytes }, () => deflatedPiece),
      deflateRawSync(tail)
    ]),
    crc: crc32(tail, crc),
    size: head.length + megabytes * piece.length + tail.length
  }
  return zipOfDeflated([
    deflatedPart(
      '[Content_Types].xml',
      '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>'
    ),
    document
  ])
}

/** A zip entry's deflated bytes, with the CRC-32 and size of what they inflate to. */
interface DeflatedPart {
  name: string
  deflated: Buffer
  crc: number
  size: number
}

function deflatedPart(name: string, text: string): DeflatedPart {
  const bytes = Buffer.from(text)
  return { name, deflated: deflateRawSync(bytes), crc: crc32(bytes), size: bytes.length }
}

/** A zip archive of deflated parts: each part's local header and bytes, the central directory, its end record. */
function zipOfDeflated(parts: readonly DeflatedPart[]): Buffer {
  const locals: Buffer[] = []
  const central: Buffer[] = []
  let offset = 0
  for (const part of parts) {
    const name = Buffer.from(part.name)
    // The fields a local header and a directory entry share: version 2.0, no flags, deflate, no date.
    const common = Buffer.alloc(26)
    common.writeUInt16LE(20, 0)
    common.writeUInt16LE(8, 4)
    common.writeUInt32LE(part.crc >>> 0, 10)
    common.writeUInt32LE(part.deflated.length, 14)
    common.writeUInt32LE(part.size, 18)
    common.writeUInt16LE(name.length, 22)
    const local = Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), common, name, part.deflated])
    const entry = Buffer.alloc(46)
    entry.writeUInt32LE(0x02014b50, 0)
    entry.writeUInt16LE(20, 4)
    common.copy(entry, 6)
    entry.writeUInt32LE(offset, 42)
    central.push(entry, name)
    locals.push(local)
    offset += local.length
  }
  const directory = Buffer.concat(central)
  const end = Buffer.alloc(22)
  end.writeUInt32LE(0x06054b50, 0)
  end.writeUInt16LE(parts.length, 8)
  end.writeUInt16LE(parts.length, 10)
  end.writeUInt32LE(directory.length, 12)
  end.writeUInt32LE(offset, 16)
  return Buffer.concat([...locals, directory, end])
}
