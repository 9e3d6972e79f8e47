// Office files as text for the model: a Word document's headings, paragraphs, lists and tables; a
// deck's slides with their notes; a workbook's sheets as rows. Only what a reader sees: Word's hidden
// and deleted text, hidden shapes, hidden sheets, rows and columns, and the fallback copy of content
// (mc:Fallback) are left out. Each part is read as a stream (office-package.ts) and reading stops once
// the text has more than `maxChars` characters or the document's XML budget is spent. With pictures,
// each picture of a deck or a Word document comes along and the text marks where it was ("[picture 1]").
// Pure.
import { agrees, counted } from '../plural.ts'
import { openPackage, readPart, MAX_XML_CHARS, type OfficePackage } from './office-package.ts'
import type { OfficeKind } from './office-xml.ts'
import { pictureFinder, type PictureFinder } from './office-pictures.ts'
import type { DocumentPicture } from './pictures.ts'
import { readRelationships } from './relationships.ts'
import { attr, is, NS, on, type XmlTag } from './xml.ts'

export function readOffice(kind: OfficeKind, bytes: Uint8Array, maxChars = Infinity): string {
  return readOfficeWithPictures(kind, bytes, 0, maxChars).text
}

export interface OfficeContent {
  text: string
  pictures: DocumentPicture[]
  /** Pictures beyond `maxPictures`: marked in the text, not read. */
  more: number
  /** What a reader does not see and was left out, and what was not read, in words. */
  left: string[]
}

/**
 * The text (stopped once it is longer than `maxChars`) and at most `maxPictures` pictures (none: the
 * text has no markers either); throws with the reason when the file cannot be read.
 */
export function readOfficeWithPictures(
  kind: OfficeKind,
  bytes: Uint8Array,
  maxPictures: number,
  maxChars = Infinity
): OfficeContent {
  const pkg = openPackage(kind, bytes)
  const out = new Text(maxChars)
  const pictures = pictureFinder(pkg, maxPictures)
  const left =
    kind === 'docx'
      ? readWord(pkg, out, pictures)
      : kind === 'pptx'
        ? readSlides(pkg, out, pictures)
        : readSheets(pkg, out)
  if (pkg.exhausted)
    left.push(
      `the rest of it (git-bob reads at most ${MAX_XML_CHARS.toLocaleString('en-US')} characters of a document's XML)`
    )
  return { text: out.text(), pictures: pictures.found, more: pictures.more, left }
}

/** The text read so far, in blocks, and whether it is long enough. */
class Text {
  private blocks: string[] = []
  private length = 0
  private readonly max: number
  constructor(max: number) {
    this.max = max
  }
  add(block: string): void {
    this.blocks.push(block)
    this.length += block.length + 2
  }
  /** A line more in the last block. */
  append(line: string): void {
    this.blocks[this.blocks.length - 1] += `\n${line}`
    this.length += line.length + 1
  }
  full(): boolean {
    return this.length > this.max
  }
  text(): string {
    return this.blocks.join('\n\n')
  }
}

/** Elements whose content a reader never sees: tracked deletions and moves away, the fallback copy of new content. */
function unseen(tag: XmlTag): boolean {
  return is(tag, NS.w, 'del') || is(tag, NS.w, 'moveFrom') || is(tag, NS.mc, 'Fallback')
}

/** Word's run properties that hide the run's text. */
function hides(tag: XmlTag): boolean {
  return tag.uri === NS.w && (tag.local === 'vanish' || tag.local === 'webHidden' || tag.local === 'specVanish')
}

/** Word's styles (and the document's defaults) that hide their text, following `basedOn`. */
function hiddenStyles(
  pkg: OfficePackage,
  part: string | null
): { style: (id: string | null) => boolean | undefined; byDefault: boolean } {
  const own = new Map<string, { hidden?: boolean; basedOn?: string }>()
  let byDefault = false
  const path: string[] = []
  let current: { hidden?: boolean; basedOn?: string } | null = null
  if (part)
    readPart(pkg, part, {
      open: (tag) => {
        path.push(tag.local)
        if (is(tag, NS.w, 'style')) {
          current = {}
          own.set(attr(tag, 'styleId', NS.w) ?? '', current)
        } else if (current && is(tag, NS.w, 'basedOn')) current.basedOn = attr(tag, 'val', NS.w)
        else if (hides(tag) && path.at(-2) === 'rPr') {
          // A style's own run properties, or the defaults'; not those of a paragraph mark or a change.
          if (current && path.at(-3) === 'style') current.hidden = on(attr(tag, 'val', NS.w))
          else if (path.at(-3) === 'rPrDefault') byDefault = on(attr(tag, 'val', NS.w))
        }
      },
      close: (tag) => {
        path.pop()
        if (is(tag, NS.w, 'style')) current = null
      }
    })
  const style = (id: string | null): boolean | undefined => {
    for (let depth = 0; id && depth < 20; depth += 1) {
      const found = own.get(id)
      if (!found) return undefined
      if (found.hidden !== undefined) return found.hidden
      id = found.basedOn ?? null
    }
    return undefined
  }
  return { style, byDefault }
}

interface WordParagraph {
  text: string
  style: string | null
  list: boolean
}

function wordLine(p: WordParagraph): string | null {
  if (!p.text.trim()) return null
  const heading = /^(?:Heading|berschrift)(\d)$/i.exec(p.style ?? '')?.[1]
  if (heading) return `${'#'.repeat(Number(heading))} ${p.text}`
  if (p.style === 'Title') return `# ${p.text}`
  // A list item by its numbering, or by a list style (python-docx's "List Bullet" numbers through its style).
  if (p.list || /^List(?:Bullet|Number)/.test(p.style ?? '')) return `- ${p.text}`
  return p.text
}

function table(rows: readonly string[][]): string {
  const rendered = rows.map((cells) => `| ${cells.join(' | ')} |`)
  if (rendered.length > 1) rendered.splice(1, 0, `|${' --- |'.repeat(rows[0]!.length)}`)
  return rendered.join('\n')
}

function readWord(pkg: OfficePackage, out: Text, pictures: PictureFinder): string[] {
  const main = 'word/document.xml'
  const rels = readRelationships(pkg, main)
  const styles = hiddenStyles(pkg, rels.find((r) => r.type === 'styles')?.target ?? 'word/styles.xml')
  const word: WordReading = {
    out,
    styles,
    pictureOf: pictures.in(rels, null),
    path: [],
    skip: 0,
    hiddenText: false,
    deletedText: false,
    paragraphs: [],
    run: null,
    inText: false,
    picture: null,
    tables: []
  }
  readPart(
    pkg,
    main,
    {
      open: (tag) => openWordTag(word, tag),
      close: (tag) => closeWordTag(word, tag),
      text: (text) => {
        if (word.inText && !word.skip && word.paragraphs.at(-1)) word.paragraphs.at(-1)!.text += text
      }
    },
    () => !out.full()
  )
  const left: string[] = []
  if (word.hiddenText) left.push('its hidden text (Word does not show it)')
  if (word.deletedText) left.push('the text its tracked changes delete')
  return left
}

/** What reading a Word document keeps from element to element. */
interface WordReading {
  out: Text
  styles: ReturnType<typeof hiddenStyles>
  pictureOf: (rel: string) => string | null
  path: XmlTag[]
  /** The depth inside elements whose content a reader never sees. */
  skip: number
  hiddenText: boolean
  deletedText: boolean
  paragraphs: WordParagraph[]
  run: { hidden?: boolean; style: string | null } | null
  inText: boolean
  picture: { rel: string | null } | null
  // Tables: rows of cells, each cell the texts of its paragraphs; a table inside a cell joins that cell.
  tables: { rows: string[][]; cell: string[] | null }[]
}

/** Whether the text of the current run shows (its own, its style's, its paragraph's style's or the default). */
function visible(word: WordReading): boolean {
  const { run, styles } = word
  const paragraph = word.paragraphs.at(-1)
  const hidden =
    run?.hidden ?? styles.style(run?.style ?? null) ?? styles.style(paragraph?.style ?? null) ?? styles.byDefault
  if (hidden) word.hiddenText = true
  return !hidden
}

function openWordTag(word: WordReading, tag: XmlTag): void {
  const parent = word.path.at(-1)
  word.path.push(tag)
  if (word.skip || unseen(tag)) {
    if (is(tag, NS.w, 'del') || is(tag, NS.w, 'moveFrom')) word.deletedText = true
    word.skip += 1
    return
  }
  if (tag.uri === NS.w) openWordElement(word, tag, parent)
  else if (word.picture && !word.picture.rel) {
    if (is(tag, NS.a, 'blip')) word.picture.rel = attr(tag, 'embed', NS.r) ?? null
    else if (is(tag, NS.v, 'imagedata')) word.picture.rel = attr(tag, 'id', NS.r) ?? null
  }
}

/** An element of Word's own: a paragraph, its style or numbering, a run and its properties, text, a picture, a table. */
function openWordElement(word: WordReading, tag: XmlTag, parent: XmlTag | undefined): void {
  const { path, run, tables } = word
  const paragraph = word.paragraphs.at(-1)
  if (tag.local === 'p') word.paragraphs.push({ text: '', style: null, list: false })
  else if (tag.local === 'pStyle' && parent && is(parent, NS.w, 'pPr') && paragraph)
    paragraph.style = attr(tag, 'val', NS.w) ?? null
  else if (tag.local === 'numPr' && parent && is(parent, NS.w, 'pPr') && paragraph) paragraph.list = true
  else if (tag.local === 'r') word.run = { style: null }
  else if (run && parent && is(parent, NS.w, 'rPr') && path.at(-3) && is(path.at(-3)!, NS.w, 'r')) {
    if (hides(tag)) run.hidden = on(attr(tag, 'val', NS.w))
    else if (tag.local === 'rStyle') run.style = attr(tag, 'val', NS.w) ?? null
  } else if (tag.local === 't' && run && paragraph) word.inText = visible(word)
  else if (tag.local === 'tab' && run && paragraph && parent && is(parent, NS.w, 'r') && visible(word))
    paragraph.text += '\t'
  else if ((tag.local === 'drawing' || tag.local === 'pict') && run && !word.picture) word.picture = { rel: null }
  else if (tag.local === 'tbl') tables.push({ rows: [], cell: null })
  else if (tag.local === 'tr') tables.at(-1)?.rows.push([])
  else if (tag.local === 'tc' && tables.at(-1)) tables.at(-1)!.cell = []
}

function closeWordTag(word: WordReading, tag: XmlTag): void {
  word.path.pop()
  if (word.skip) {
    word.skip -= 1
    return
  }
  if (tag.uri !== NS.w) return
  if (tag.local === 't') word.inText = false
  else if (tag.local === 'r') word.run = null
  else if ((tag.local === 'drawing' || tag.local === 'pict') && word.picture) {
    const marker = word.picture.rel && visible(word) ? word.pictureOf(word.picture.rel) : null
    if (marker && word.paragraphs.at(-1)) word.paragraphs.at(-1)!.text += marker
    word.picture = null
  } else if (tag.local === 'p') closeParagraph(word)
  else if (tag.local === 'tc') {
    const t = word.tables.at(-1)
    if (t?.cell) t.rows.at(-1)?.push(t.cell.join(' '))
    if (t) t.cell = null
  } else if (tag.local === 'tbl') closeTable(word)
}

/** A paragraph ends: into its table cell if it is in one, else a line of the text. */
function closeParagraph(word: WordReading): void {
  const paragraph = word.paragraphs.pop()!
  const cell = word.tables.at(-1)?.cell
  if (cell) {
    if (paragraph.text) cell.push(paragraph.text)
  } else {
    const line = wordLine(paragraph)
    if (line) word.out.add(line)
  }
}

/** A table ends: into the cell of the table around it, else a table of the text. */
function closeTable(word: WordReading): void {
  const t = word.tables.pop()!
  const outer = word.tables.at(-1)?.cell
  if (outer) outer.push(...t.rows.map((row) => row.join(' ')))
  else if (t.rows.length) word.out.add(table(t.rows))
}

/** The deck's slides in the presentation's order, each with its notes part when it has one. */
function slidesOf(pkg: OfficePackage): { slide: string; notes: string | null }[] {
  const main = 'ppt/presentation.xml'
  const rels = readRelationships(pkg, main)
  const ids: string[] = []
  readPart(pkg, main, {
    open: (tag) => {
      if (is(tag, NS.p, 'sldId')) ids.push(attr(tag, 'id', NS.r) ?? '')
    }
  })
  return ids.flatMap((id) => {
    const slide = rels.find((r) => r.id === id && r.type === 'slide')?.target
    if (!slide || !pkg.entries.has(slide)) return []
    const notes = readRelationships(pkg, slide).find((r) => r.type === 'notesSlide')?.target ?? null
    return [{ slide, notes: notes && pkg.entries.has(notes) ? notes : null }]
  })
}

const SHAPES = new Set(['sp', 'pic', 'grpSp', 'graphicFrame', 'cxnSp'])

/** The visible paragraphs of a slide or notes part; a picture (when `pictureOf` marks it) is a paragraph of its own. */
function slideParagraphs(
  pkg: OfficePackage,
  part: string,
  pictureOf: ((rel: string) => string | null) | null,
  more: () => boolean
): { texts: string[]; hidden: boolean } {
  const slide: SlideReading = {
    pictureOf,
    texts: [],
    shapes: [],
    path: [],
    skip: 0,
    hidden: false,
    paragraph: null,
    inText: false
  }
  readPart(
    pkg,
    part,
    {
      open: (tag) => openSlideTag(slide, tag),
      close: (tag) => closeSlideTag(slide, tag),
      text: (text) => {
        if (slide.inText && !slide.skip && slide.paragraph !== null) slide.paragraph += text
      }
    },
    more
  )
  return { texts: slide.texts, hidden: slide.hidden }
}

/** What reading a slide or notes part keeps from element to element. */
interface SlideReading {
  pictureOf: ((rel: string) => string | null) | null
  texts: string[]
  /** The shapes open, each hidden or not, with its picture's relationship. */
  shapes: { hidden: boolean; rel: string | null }[]
  path: XmlTag[]
  /** The depth inside elements whose content a reader never sees. */
  skip: number
  /** Whether a shape was hidden. */
  hidden: boolean
  paragraph: string | null
  inText: boolean
}

function openSlideTag(slide: SlideReading, tag: XmlTag): void {
  const { path, shapes } = slide
  path.push(tag)
  if (slide.skip || unseen(tag)) {
    slide.skip += 1
    return
  }
  if (tag.uri === NS.p && SHAPES.has(tag.local)) shapes.push({ hidden: false, rel: null })
  else if (is(tag, NS.p, 'cNvPr') && shapes.length && path.at(-3)?.uri === NS.p && SHAPES.has(path.at(-3)!.local)) {
    // The shape's own non-visual properties (p:nvSpPr/p:cNvPr, ...): hidden="1" hides the shape.
    const value = attr(tag, 'hidden')
    if (value !== undefined && on(value)) {
      shapes.at(-1)!.hidden = true
      slide.hidden = true
    }
  } else if (is(tag, NS.a, 'blip') && shapes.length) shapes.at(-1)!.rel ??= attr(tag, 'embed', NS.r) ?? null
  else if (is(tag, NS.a, 'p')) slide.paragraph = ''
  else if (is(tag, NS.a, 't')) slide.inText = slide.paragraph !== null && !shapes.some((s) => s.hidden)
  else if (is(tag, NS.a, 'br') && slide.paragraph !== null) slide.paragraph += ' '
}

function closeSlideTag(slide: SlideReading, tag: XmlTag): void {
  const { shapes, texts, pictureOf } = slide
  slide.path.pop()
  if (slide.skip) {
    slide.skip -= 1
    return
  }
  if (is(tag, NS.a, 't')) slide.inText = false
  else if (is(tag, NS.a, 'p')) {
    if (slide.paragraph !== null && !shapes.some((s) => s.hidden)) texts.push(slide.paragraph)
    slide.paragraph = null
  } else if (tag.uri === NS.p && SHAPES.has(tag.local)) {
    const shape = shapes.pop()!
    if (tag.local === 'pic' && shape.rel && pictureOf && !shape.hidden && !shapes.some((s) => s.hidden)) {
      const marker = pictureOf(shape.rel)
      if (marker) texts.push(marker)
    }
  }
}

function readSlides(pkg: OfficePackage, out: Text, pictures: PictureFinder): string[] {
  let hiddenShapes = 0
  const slides = slidesOf(pkg)
  for (const [i, { slide, notes }] of slides.entries()) {
    if (out.full()) break
    const pictureOf = pictures.in(readRelationships(pkg, slide), `slide ${i + 1}`)
    const read = slideParagraphs(pkg, slide, pictureOf, () => !out.full())
    if (read.hidden) hiddenShapes += 1
    const lines = [`## Slide ${i + 1}`, ...read.texts.filter((t) => t.trim())]
    const spoken = notes
      ? slideParagraphs(pkg, notes, null, () => !out.full()).texts.filter((t) => t.trim() && !/^\d+$/.test(t.trim()))
      : []
    if (spoken.length) lines.push('', `Speaker notes: ${spoken.join(' ')}`)
    out.add(lines.join('\n'))
  }
  return hiddenShapes ? [`the hidden shapes on ${counted(hiddenShapes, 'slide')} (PowerPoint does not show them)`] : []
}

function columnIndex(ref: string): number {
  const letters = /^[A-Z]+/.exec(ref)?.[0] ?? 'A'
  return [...letters].reduce((n, c) => n * 26 + c.charCodeAt(0) - 64, 0) - 1
}

/** The texts of a workbook's shared strings (rich text runs joined; phonetic guides, not shown, left out). */
function sharedStrings(pkg: OfficePackage, part: string | null): string[] {
  const strings: string[] = []
  let current: string | null = null
  let inText = false
  let phonetic = 0
  if (part)
    readPart(pkg, part, {
      open: (tag) => {
        if (is(tag, NS.s, 'si')) current = ''
        else if (is(tag, NS.s, 'rPh')) phonetic += 1
        else if (is(tag, NS.s, 't')) inText = current !== null && !phonetic
      },
      close: (tag) => {
        if (is(tag, NS.s, 'si')) {
          strings.push(current ?? '')
          current = null
        } else if (is(tag, NS.s, 'rPh')) phonetic -= 1
        else if (is(tag, NS.s, 't')) inText = false
      },
      text: (text) => {
        if (inText) current += text
      }
    })
  return strings
}

function readSheets(pkg: OfficePackage, out: Text): string[] {
  const main = 'xl/workbook.xml'
  const rels = readRelationships(pkg, main)
  const sheets = sheetsOf(pkg, main)
  const strings = sharedStrings(pkg, rels.find((r) => r.type === 'sharedStrings')?.target ?? null)
  const hidden: HiddenParts = { sheets: 0, rows: 0, columns: 0 }
  for (const sheet of sheets) {
    if (out.full()) break
    if (sheet.hidden) {
      hidden.sheets += 1
      continue
    }
    const target = rels.find((r) => r.id === sheet.id)?.target
    out.add(`## Sheet: ${sheet.name}`)
    if (target) readSheet(pkg, target, out, strings, hidden)
  }
  return hiddenLeft(hidden)
}

/** The hidden sheets, rows and column ranges met, counted. */
interface HiddenParts {
  sheets: number
  rows: number
  columns: number
}

/** The workbook's sheets in its order, by name and relationship, and whether each is hidden. */
function sheetsOf(pkg: OfficePackage, main: string): { name: string; id: string; hidden: boolean }[] {
  const sheets: { name: string; id: string; hidden: boolean }[] = []
  readPart(pkg, main, {
    open: (tag) => {
      if (is(tag, NS.s, 'sheet'))
        sheets.push({
          name: attr(tag, 'name') ?? '',
          id: attr(tag, 'id', NS.r) ?? '',
          hidden: (attr(tag, 'state') ?? 'visible') !== 'visible'
        })
    }
  })
  return sheets
}

interface Cell {
  ref: string
  type: string | undefined
  value: string
  formula: string
  inline: string
}

/** What reading one sheet keeps from element to element. */
interface SheetReading {
  out: Text
  strings: readonly string[]
  hidden: HiddenParts
  hiddenRanges: [number, number][]
  row: string[] | null
  cell: Cell | null
  into: 'value' | 'formula' | 'inline' | null
  phonetic: number
}

/** A sheet's visible rows, each a line of the text. */
function readSheet(pkg: OfficePackage, part: string, out: Text, strings: readonly string[], hidden: HiddenParts): void {
  const sheet: SheetReading = { out, strings, hidden, hiddenRanges: [], row: null, cell: null, into: null, phonetic: 0 }
  readPart(
    pkg,
    part,
    {
      open: (tag) => openSheetTag(sheet, tag),
      close: (tag) => closeSheetTag(sheet, tag),
      text: (text) => {
        const { cell, into } = sheet
        if (!cell || !into) return
        if (into === 'value') cell.value += text
        else if (into === 'formula') cell.formula += text
        else cell.inline += text
      }
    },
    () => !out.full()
  )
}

function openSheetTag(sheet: SheetReading, tag: XmlTag): void {
  if (tag.uri !== NS.s) return
  if (tag.local === 'col' && on(attr(tag, 'hidden') ?? '0')) {
    sheet.hiddenRanges.push([Number(attr(tag, 'min') ?? 0) - 1, Number(attr(tag, 'max') ?? 0) - 1])
    sheet.hidden.columns += 1
  } else if (tag.local === 'row') {
    if (on(attr(tag, 'hidden') ?? '0')) sheet.hidden.rows += 1
    else sheet.row = []
  } else if (tag.local === 'c' && sheet.row)
    sheet.cell = { ref: attr(tag, 'r') ?? '', type: attr(tag, 't'), value: '', formula: '', inline: '' }
  else if (tag.local === 'rPh') sheet.phonetic += 1
  else if (sheet.cell && tag.local === 'v') sheet.into = 'value'
  else if (sheet.cell && tag.local === 'f') sheet.into = 'formula'
  else if (sheet.cell && tag.local === 't' && !sheet.phonetic) sheet.into = 'inline'
}

function closeSheetTag(sheet: SheetReading, tag: XmlTag): void {
  if (tag.uri !== NS.s) return
  const { cell, row } = sheet
  if (tag.local === 'v' || tag.local === 'f' || tag.local === 't') sheet.into = null
  else if (tag.local === 'rPh') sheet.phonetic -= 1
  else if (tag.local === 'c' && cell && row) {
    const text = cellText(cell, sheet.strings)
    const column = cell.ref ? columnIndex(cell.ref) : row.length
    if (!sheet.hiddenRanges.some(([from, to]) => column >= from && column <= to)) row[column] = text
    sheet.cell = null
  } else if (tag.local === 'row' && row) {
    sheet.out.append(`| ${Array.from(row, (c) => c ?? '').join(' | ')} |`)
    sheet.row = null
  }
}

/** What a cell shows: its shared or inline string, TRUE or FALSE, or its value; after its formula if it has one. */
function cellText(cell: Cell, strings: readonly string[]): string {
  const { type, value, formula } = cell
  const text =
    type === 's'
      ? (strings[Number(value)] ?? '')
      : type === 'inlineStr'
        ? cell.inline
        : type === 'b'
          ? value === '1'
            ? 'TRUE'
            : 'FALSE'
          : value
  return formula ? `=${formula}${text ? ` (${text})` : ''}` : text
}

/** The hidden parts left out, in words. */
function hiddenLeft(hidden: HiddenParts): string[] {
  const left: string[] = []
  if (hidden.sheets)
    left.push(`${counted(hidden.sheets, 'hidden sheet')} (Excel does not show ${agrees(hidden.sheets, 'it', 'them')})`)
  if (hidden.rows || hidden.columns)
    left.push(
      `${[hidden.rows ? counted(hidden.rows, 'hidden row') : '', hidden.columns ? counted(hidden.columns, 'hidden column range') : ''].filter(Boolean).join(' and ')} (Excel does not show them)`
    )
  return left
}
