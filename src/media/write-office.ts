// Office files built from the model's structured content (schemas.ts): slides with pptxgenjs,
// documents with docx, workbooks with exceljs. Each library is imported only when its format is
// written, so it lands in its own chunk and no other run loads it. Pictures come as bytes the
// caller read from the repository; one that is not a PNG or JPEG is left out and named.
import type { Deck, WordDocument, Workbook } from './schemas.ts'
import { fitInto, imageInfo } from './image-size.ts'
import { xmlCharacters as clean } from './office-xml.ts'

/** Repository pictures by path: their bytes, or null when they cannot be read. */
export type ImageLoader = (path: string) => Promise<Uint8Array | null>

export interface Built {
  bytes: Uint8Array
  /** What of the model's content did not make it into the file, for the pull request. */
  lost: string[]
}

/** A repository picture's bytes and size; null, and the reason in `lost`, when it cannot be used. */
export async function picture(images: ImageLoader, path: string, lost: string[]) {
  const bytes = await images(path)
  const info = bytes ? imageInfo(bytes) : null
  if (!bytes || !info) {
    lost.push(`the picture \`${path}\` (${bytes ? 'not a PNG or JPEG' : 'not found in the repository'})`)
    return null
  }
  return { bytes, info }
}

export async function buildDeck(deck: Deck, images: ImageLoader): Promise<Built> {
  // The package's types describe its CommonJS build; its ES build (the one bundled) exports the class itself.
  const mod = await import('pptxgenjs')
  type Constructor = (typeof mod)['default']['default']
  const loaded = mod.default as unknown as Constructor | { default: Constructor }
  const PptxGenJS = 'default' in loaded ? loaded.default : loaded
  const pptx = new PptxGenJS()
  pptx.layout = 'LAYOUT_16x9'
  // pptxgenjs escapes the text but keeps control characters, which XML cannot hold (docx and exceljs drop them).
  pptx.title = clean(deck.title)
  const lost: string[] = []
  for (const content of deck.slides) {
    const slide = pptx.addSlide()
    slide.addText(clean(content.title), { x: 0.5, y: 0.3, w: 9, h: 0.8, fontSize: 28, bold: true })
    const image = content.image ? await picture(images, content.image, lost) : null
    const textWidth = image ? 4.6 : 9
    if (content.bullets.length)
      slide.addText(
        content.bullets.map((text) => ({ text: clean(text), options: { bullet: true, breakLine: true } })),
        { x: 0.5, y: 1.3, w: textWidth, h: 4, fontSize: 18, valign: 'top' }
      )
    if (image) {
      const box = content.bullets.length ? { x: 5.3, w: 4.2 } : { x: 0.5, w: 9 }
      const size = fitInto(image.info, box.w, 4)
      const data = `data:image/${image.info.type === 'png' ? 'png' : 'jpeg'};base64,${Buffer.from(image.bytes).toString('base64')}`
      slide.addImage({ data, x: box.x, y: 1.3, w: size.width, h: size.height })
    }
    if (content.notes.trim()) slide.addNotes(clean(content.notes))
  }
  const out = await pptx.write({ outputType: 'nodebuffer', compression: true })
  return { bytes: new Uint8Array(out as Buffer), lost }
}

/** "**bold** text" as runs. */
function runs(docx: typeof import('docx'), text: string) {
  return text.split(/(\*\*[^*]+\*\*)/).flatMap((part) => {
    if (!part) return []
    const bold = part.startsWith('**') && part.endsWith('**') && part.length > 4
    return [new docx.TextRun({ text: bold ? part.slice(2, -2) : part, bold })]
  })
}

type Docx = typeof import('docx')
type Block = WordDocument['blocks'][number]
type DocumentChild = InstanceType<Docx['Paragraph']> | InstanceType<Docx['Table']>

/** What writing a document's blocks needs: the library, the pictures, and where what could not be used is named. */
interface DocumentWriting {
  docx: Docx
  images: ImageLoader
  lost: string[]
}

export async function buildDocument(content: WordDocument, images: ImageLoader): Promise<Built> {
  const docx = await import('docx')
  const writing: DocumentWriting = { docx, images, lost: [] }
  const children: DocumentChild[] = []
  let lists = 0
  for (const block of content.blocks) {
    // Each numbered list is an instance of its own, so it counts from 1 again.
    if (block.kind === 'numbered') lists += 1
    children.push(...(await blockChildren(writing, block, lists)))
  }
  const document = new docx.Document({
    title: content.title,
    numbering: {
      config: [
        {
          reference: 'numbered',
          levels: [{ level: 0, format: docx.LevelFormat.DECIMAL, text: '%1.', alignment: docx.AlignmentType.START }]
        }
      ]
    },
    sections: [{ children }]
  })
  return { bytes: new Uint8Array(await docx.Packer.toBuffer(document)), lost: writing.lost }
}

/** One block as the document's paragraphs (one for each item of a list), table or picture; `list`: the numbered list's instance. */
async function blockChildren(writing: DocumentWriting, block: Block, list: number): Promise<DocumentChild[]> {
  const { docx } = writing
  const { HeadingLevel, Paragraph } = docx
  switch (block.kind) {
    case 'heading': {
      const headings = [HeadingLevel.HEADING_1, HeadingLevel.HEADING_2, HeadingLevel.HEADING_3, HeadingLevel.HEADING_4]
      return [new Paragraph({ heading: headings[(block.level ?? 1) - 1], children: runs(docx, block.text ?? '') })]
    }
    case 'paragraph':
      return [new Paragraph({ children: runs(docx, block.text ?? '') })]
    case 'bullets':
      return (block.items ?? []).map((item) => new Paragraph({ bullet: { level: 0 }, children: runs(docx, item) }))
    case 'numbered':
      return (block.items ?? []).map(
        (item) =>
          new Paragraph({
            numbering: { reference: 'numbered', level: 0, instance: list },
            children: runs(docx, item)
          })
      )
    case 'table':
      return tableOf(docx, block.rows ?? [])
    case 'image':
      return imageOf(writing, block.image)
  }
}

/** The rows as a table across the page, its first row the header in bold; no rows, no table. */
function tableOf(docx: Docx, rows: readonly (readonly string[])[]): DocumentChild[] {
  const { Paragraph, Table, TableCell, TableRow, WidthType } = docx
  const width = Math.max(1, ...rows.map((r) => r.length))
  if (!rows.length) return []
  return [
    new Table({
      width: { size: 100, type: WidthType.PERCENTAGE },
      rows: rows.map(
        (row, i) =>
          new TableRow({
            tableHeader: i === 0,
            children: Array.from({ length: width }, (_, k) => {
              const text = row[k] ?? ''
              return new TableCell({
                children: [new Paragraph({ children: i === 0 ? runs(docx, `**${text}**`) : runs(docx, text) })]
              })
            })
          })
      )
    })
  ]
}

/** The repository picture in a paragraph of its own; nothing when it cannot be used (named in `lost`). */
async function imageOf({ docx, images, lost }: DocumentWriting, path: string | null): Promise<DocumentChild[]> {
  const image = path ? await picture(images, path, lost) : null
  if (!image) return []
  // 6 inches wide at most, at 96 pixels to the inch.
  const size = fitInto(image.info, 576, 720)
  return [
    new docx.Paragraph({
      children: [
        new docx.ImageRun({
          type: image.info.type,
          data: image.bytes,
          transformation: { width: Math.round(size.width), height: Math.round(size.height) }
        })
      ]
    })
  ]
}

const SHEET_NAME = /[:\\/?*[\]]/g

export async function buildWorkbook(content: Workbook): Promise<Built> {
  const { default: ExcelJS } = await import('exceljs')
  const workbook = new ExcelJS.Workbook()
  workbook.creator = 'git-bob'
  const lost: string[] = []
  const names = new Set<string>()
  for (const sheet of content.sheets) {
    let name = sheet.name.replace(SHEET_NAME, ' ').trim().slice(0, 31) || `Sheet${names.size + 1}`
    while (names.has(name.toLowerCase())) name = `${name.slice(0, 28)} ${names.size + 1}`
    names.add(name.toLowerCase())
    const worksheet = workbook.addWorksheet(name)
    for (const row of sheet.rows) worksheet.addRow(row)
    if (sheet.rows.length) worksheet.getRow(1).font = { bold: true }
    for (const { cell, formula } of sheet.formulas) {
      if (!/^[A-Z]{1,3}[1-9][0-9]{0,6}$/.test(cell)) {
        lost.push(`the formula for ${cell} on ${name} (not a cell address)`)
        continue
      }
      worksheet.getCell(cell).value = { formula: formula.replace(/^=/, '') }
    }
  }
  const out = await workbook.xlsx.writeBuffer()
  return { bytes: new Uint8Array(out), lost }
}
