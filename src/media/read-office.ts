// Office files as text for the model: a Word document's headings, paragraphs, lists and tables; a
// deck's slides with their notes; a workbook's sheets as rows. With pictures, each picture of a deck or
// a Word document comes along and the text marks where it was ("[picture 1]"). Pure.
import { markPictures } from './office-pictures.ts'
import type { DocumentPicture } from './pictures.ts'
import {
  decodeEntities,
  openParts,
  paragraphsOf,
  slideParts,
  xmlText,
  type OfficeKind,
  type Parts
} from './office-xml.ts'

export function readOffice(kind: OfficeKind, bytes: Uint8Array): string {
  return readOfficeWithPictures(kind, bytes, 0).text
}

export interface OfficeContent {
  text: string
  pictures: DocumentPicture[]
  /** Pictures beyond `maxPictures`: marked in the text, not read. */
  more: number
}

/** The text and at most `maxPictures` pictures (none: the text has no markers either). */
export function readOfficeWithPictures(kind: OfficeKind, bytes: Uint8Array, maxPictures: number): OfficeContent {
  const parts = openParts(kind, bytes)
  if (kind === 'docx') return readWord(parts, maxPictures)
  if (kind === 'pptx') return readSlides(parts, maxPictures)
  return { text: readSheets(parts), pictures: [], more: 0 }
}

function readWord(parts: Parts, maxPictures: number): OfficeContent {
  const source = xmlText(parts, 'word/document.xml') ?? ''
  const marked = maxPictures > 0 ? markPictures('docx', parts, 'word/document.xml', source, null, maxPictures) : null
  const xml = marked?.xml ?? source
  const lines: string[] = []
  // Tables first become markers, so their cells are read as rows.
  const body = xml.replace(/<w:tbl>[\s\S]*?<\/w:tbl>/g, (table) => {
    const rows = [...table.matchAll(/<w:tr[\s>][\s\S]*?<\/w:tr>/g)].map((row) =>
      [...row[0].matchAll(/<w:tc>[\s\S]*?<\/w:tc>/g)].map((cell) =>
        paragraphsOf('docx', cell[0])
          .map((p) => p.text)
          .join(' ')
      )
    )
    const rendered = rows.map((cells) => `| ${cells.join(' | ')} |`)
    if (rendered.length > 1) rendered.splice(1, 0, `|${' --- |'.repeat(rows[0]!.length)}`)
    return `<w:p><w:t>\u0000${encodeURIComponent(rendered.join('\n'))}</w:t></w:p>`
  })
  for (const paragraph of paragraphsOf('docx', body)) {
    if (paragraph.text.startsWith('\u0000')) {
      lines.push(decodeURIComponent(paragraph.text.slice(1)))
      continue
    }
    if (!paragraph.text.trim()) continue
    const heading = /^(?:Heading|berschrift)(\d)$/i.exec(paragraph.style ?? '')?.[1]
    if (heading) lines.push(`${'#'.repeat(Number(heading))} ${paragraph.text}`)
    else if (paragraph.style === 'Title') lines.push(`# ${paragraph.text}`)
    else if (paragraph.list) lines.push(`- ${paragraph.text}`)
    else lines.push(paragraph.text)
  }
  return { text: lines.join('\n\n'), pictures: marked?.pictures ?? [], more: marked?.more ?? 0 }
}

function readSlides(parts: Parts, maxPictures: number): OfficeContent {
  const pictures: DocumentPicture[] = []
  let more = 0
  const text = slideParts(parts)
    .map(({ slide, notes }, i) => {
      let xml = xmlText(parts, slide) ?? ''
      if (maxPictures > 0) {
        const marked = markPictures('pptx', parts, slide, xml, `slide ${i + 1}`, maxPictures - pictures.length)
        xml = marked.xml
        pictures.push(...marked.pictures)
        more += marked.more
      }
      const text = paragraphsOf('pptx', xml)
        .map((p) => p.text)
        .filter((t) => t.trim())
      const lines = [`## Slide ${i + 1}`, ...text]
      const spoken = notes
        ? paragraphsOf('pptx', xmlText(parts, notes) ?? '')
            .map((p) => p.text)
            .filter((t) => t.trim() && !/^\d+$/.test(t.trim()))
        : []
      if (spoken.length) lines.push('', `Speaker notes: ${spoken.join(' ')}`)
      return lines.join('\n')
    })
    .join('\n\n')
  return { text, pictures, more }
}

function columnIndex(ref: string): number {
  const letters = /^[A-Z]+/.exec(ref)?.[0] ?? 'A'
  return [...letters].reduce((n, c) => n * 26 + c.charCodeAt(0) - 64, 0) - 1
}

function readSheets(parts: Parts): string {
  const strings = [...(xmlText(parts, 'xl/sharedStrings.xml') ?? '').matchAll(/<si>([\s\S]*?)<\/si>/g)].map((si) =>
    [...si[1]!.matchAll(/<t(?:\s[^>]*)?>([^<]*)<\/t>/g)].map((t) => decodeEntities(t[1]!)).join('')
  )
  const rels = xmlText(parts, 'xl/_rels/workbook.xml.rels') ?? ''
  const targets = new Map(
    [...rels.matchAll(/<Relationship [^>]*?Id="([^"]+)"[^>]*?Target="([^"]+)"/g)].map((m) => [m[1]!, m[2]!])
  )
  const sheets = [
    ...(xmlText(parts, 'xl/workbook.xml') ?? '').matchAll(/<sheet [^>]*?name="([^"]+)"[^>]*?r:id="([^"]+)"/g)
  ]
  return sheets
    .map(([, name, id]) => {
      const target = (targets.get(id!) ?? '').replace(/^\/?xl\//, '')
      const xml = xmlText(parts, `xl/${target}`) ?? ''
      const rows = [...xml.matchAll(/<row[\s>][\s\S]*?<\/row>/g)].map((row) => {
        const cells: string[] = []
        for (const cell of row[0].matchAll(/<c ([^>]*?)(?:\/>|>([\s\S]*?)<\/c>)/g)) {
          const attributes = cell[1]!
          const inner = cell[2] ?? ''
          const ref = /r="([A-Z]+\d+)"/.exec(attributes)?.[1] ?? ''
          const type = /t="([^"]+)"/.exec(attributes)?.[1]
          const value = decodeEntities(/<v>([^<]*)<\/v>/.exec(inner)?.[1] ?? '')
          const formula = /<f(?:\s[^>]*)?>([^<]*)<\/f>/.exec(inner)?.[1]
          let text =
            type === 's'
              ? (strings[Number(value)] ?? '')
              : type === 'inlineStr'
                ? decodeEntities(/<t(?:\s[^>]*)?>([^<]*)<\/t>/.exec(inner)?.[1] ?? '')
                : type === 'b'
                  ? value === '1'
                    ? 'TRUE'
                    : 'FALSE'
                  : value
          if (formula) text = `=${decodeEntities(formula)}${text ? ` (${text})` : ''}`
          cells[ref ? columnIndex(ref) : cells.length] = text
        }
        return `| ${Array.from(cells, (c) => c ?? '').join(' | ')} |`
      })
      return [`## Sheet: ${decodeEntities(name!)}`, ...rows].join('\n')
    })
    .join('\n\n')
}
