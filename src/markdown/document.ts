// One markdown model for everything git-bob reads and writes: GitHub markdown (CommonMark + GFM) parsed
// by micromark into mdast, then read as a browser shows GitHub's rendering: runs of rendered text (code,
// quoted or prose), each character traced back to its offset in the source so that text can be edited
// in place; and the parts a reader never sees (comments, link reference definitions, image alt text,
// link titles, HTML attributes). The text is untrusted and micromark's time can grow with its square (32,000 lazy
// continuation lines after "> a": 47 s), so any text longer than a few lines is read in a worker thread with a
// deadline (off-thread.ts); past it, the text is unreadable like one beyond the limits (limits.ts). What was read
// is kept for the run, so a text costs its reading (or the deadline) once.
import type { Nodes, Parents } from 'mdast'
import { fromMarkdown } from 'mdast-util-from-markdown'
import { gfmFromMarkdown } from 'mdast-util-gfm'
import { gfm } from 'micromark-extension-gfm'
import { decodeEntities, entityAt, tokenizeHtml } from './html.ts'
import { whyUnreadable } from './limits.ts'
import { readOffThread } from './off-thread.ts'

/**
 * How long one text may take to read. The worst texts the limits let through read in about half a second (npm run
 * bench); on a machine five times overcommitted, 64 KB of ordinary prose took 1 s and the worst 2 s. Past the
 * deadline a text only gets its reader's safe side (a conservative reading, never a wrong one), so the deadline is
 * set against attacks rather than for the busiest machine: with MAX_TIMEOUTS, a run spends at most about 10 s on them.
 */
export const READ_DEADLINE_MS = 2_000
/** The deadline in force: READ_DEADLINE_MS, unless a test of what happens past it shortened it (setReadDeadline). */
let deadlineMs = READ_DEADLINE_MS

/**
 * Sets the deadline for the texts read from now on and returns the one before. Only tests call it: a text past the
 * deadline costs the deadline, and those that read past it on purpose need not wait 2 s for each.
 */
export function setReadDeadline(ms: number): number {
  const before = deadlineMs
  deadlineMs = ms
  return before
}
/**
 * Texts up to this length are read in this thread: a run whose texts are all short never starts the worker (about
 * 200 ms under load; its round trip is then about a millisecond, npm run bench), and the slowest shape known (lazy
 * continuation lines, growing with the square of the length) reads 1,024 characters in about 50 ms on a busy machine.
 */
export const IN_THREAD_LENGTH = 1_024
/**
 * Reads past the deadline one run may spend: after that many, a text long enough for the worker is unreadable
 * without trying. Each slow text costs the deadline once, so a thread of many would cost it for each, in every run.
 */
export const MAX_TIMEOUTS = 5
/** At most this many characters of texts are kept read (about 60 comments of the longest kind). */
const REMEMBERED_CHARACTERS = 4_000_000

/** A piece of rendered text. */
export interface Run {
  /** What a reader sees: escapes and character references decoded. */
  text: string
  /** The source offset of each character of `text` (-1 where it has none of its own), then where the run ends. */
  at: number[]
  /** Inline code, a code block, or text inside <code>, <pre>, <kbd>, <samp>, <tt>. */
  code: boolean
  /**
   * Code only by an HTML tag, whose end a browser may place elsewhere than its closing tag (an unclosed
   * <code> ends with its paragraph): not to be trusted where treating text as prose is the safe side.
   */
  codeByTag: boolean
  /** Inside a block quote (markdown or <blockquote>). */
  quote: boolean
  /** The text of a link. */
  link: boolean
  /** Runs of one block (paragraph, heading, table cell, code or HTML block) share this number. */
  block: number
}

export interface Span {
  start: number
  end: number
}

export interface Tag extends Span {
  name: string
  closing: boolean
  attributes: string
}

export interface MarkdownDocument {
  /** The text parsed, line endings normalised to "\n"; every offset refers to it. */
  source: string
  runs: Run[]
  /** HTML comments, CDATA, processing instructions: never shown. */
  comments: Span[]
  /** Link reference definitions ("[label]: url 'title'"), never shown; `identifier` as references name it. */
  definitions: (Span & { identifier: string; url: string })[]
  /** The identifiers that links and images refer to. */
  referenced: Set<string>
  /** Images written in markdown (a reference's URL resolved): their alt text is not shown. */
  images: (Span & { url: string; alt: string; reference?: string })[]
  /** Links with a title (shown only on hover): from the "]" to the end of the link. */
  titledLinks: (Span & { url: string })[]
  /**
   * Links written with brackets ("[text](url)", "[text][ref]", "[ref]"), not autolinks: a reader sees the text,
   * not the URL (a reference's URL is its definition's). `textEnd`: the offset of the "]" that ends the text;
   * `empty`: nothing of it is shown (no text, code or image).
   */
  links: (Span & { url: string; textEnd: number; empty: boolean; reference?: string })[]
  /** GFM footnote definitions ("[^1]: text"); `identifier` as references name it. */
  footnotes: (Span & { identifier: string })[]
  /** The identifiers of the footnotes cited ("[^1]"). */
  cited: Set<string>
  /** HTML tags, with their attributes. */
  tags: Tag[]
  /**
   * Some text has no place in the source: GFM's e-mail autolinks found after parsing (where micromark and
   * GitHub's cmark-gfm can disagree). Editing in place is then not safe; callers take their last resort.
   */
  unplaced: boolean
  /**
   * Why the text was not parsed (limits.ts: too long, nested too deeply, too many delimiters), or null.
   * Then nothing was read (no runs, no hidden parts) and `unplaced` is set: every caller takes its safe side.
   */
  unreadable: string | null
}

const CODE_TAGS = new Set(['pre', 'code', 'kbd', 'samp', 'tt'])
// Tags after which a browser starts a new line: for the trigger grammar, a command ends there.
const LINE_TAGS = new Set([
  ...['br', 'p', 'div', 'li', 'tr', 'td', 'th', 'table', 'ul', 'ol', 'hr', 'pre', 'blockquote'],
  ...['details', 'summary', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'dt', 'dd', 'section', 'article']
])
const PUNCTUATION = /[!-/:-@[-`{-~]/
const BLOCK_PARENTS = new Set(['root', 'blockquote', 'listItem', 'footnoteDefinition'])

/** Line endings as the parser reads them: a text that needs no parsing is returned in this form too. */
export function normaliseLineEndings(text: string): string {
  return text.replace(/\r\n?/g, '\n')
}

export function parseMarkdown(markdown: string): Parents {
  return fromMarkdown(markdown, { extensions: [gfm()], mdastExtensions: [gfmFromMarkdown()] })
}

/**
 * For each character of `value` (text that the source range [start, end) renders as), the source offset
 * it came from: line prefixes and fence lines are stepped over, and in markdown text (not code or raw HTML)
 * escapes and character references too.
 */
export function align(source: string, start: number, end: number, value: string, markdown: boolean): number[] {
  const at: number[] = []
  let i = start
  for (let j = 0; j < value.length;) {
    if (i >= end) {
      at.push(-1)
      j++
      continue
    }
    const c = value[j]!
    const s = source[i]!
    if (markdown && s === '\\' && source[i + 1] === c && PUNCTUATION.test(c)) {
      at.push(i)
      i += 2
      j++
      continue
    }
    if (markdown && s === '&') {
      const entity = entityAt(source.slice(i, end))
      if (entity && value.startsWith(entity.value, j)) {
        for (let k = 0; k < entity.value.length; k++) at.push(k === 0 ? i : -1)
        i += entity.length
        j += entity.value.length
        continue
      }
    }
    if (s === c) {
      at.push(i)
      i++
      j++
      continue
    }
    i++
  }
  at.push(Math.min(i, end))
  return at
}

interface Context {
  code: boolean
  quote: boolean
  link: boolean
  block: number
}

/** A document with nothing read into it yet. */
function emptyDocument(source: string): MarkdownDocument {
  return {
    source,
    runs: [],
    comments: [],
    definitions: [],
    referenced: new Set(),
    images: [],
    titledLinks: [],
    links: [],
    footnotes: [],
    cited: new Set(),
    tags: [],
    unplaced: false,
    unreadable: null
  }
}

/** A document that was not read: nothing in it, `why` says why, every caller takes its safe side. */
function unreadableDocument(source: string, why: string): MarkdownDocument {
  return { ...emptyDocument(source), unplaced: true, unreadable: why }
}

const remembered = new Map<string, MarkdownDocument>()
let rememberedCharacters = 0
let timeouts = 0

/** Forgets every text read and every read past the deadline: a run starts with nothing read (run.ts). */
export function forgetReadings(): void {
  remembered.clear()
  rememberedCharacters = 0
  timeouts = 0
}

function remember(source: string, doc: MarkdownDocument): void {
  remembered.set(source, doc)
  rememberedCharacters += source.length
  // The oldest go first (a Map iterates in insertion order; a text read again moves to the end).
  for (const [key] of remembered) {
    if (rememberedCharacters <= REMEMBERED_CHARACTERS) break
    remembered.delete(key)
    rememberedCharacters -= key.length
  }
}

/**
 * A text made from an unreadable one by plain-text rules (a reader's safe side): remembered as unreadable for the
 * same reason, so the next reader takes its safe side at once rather than reading it again; a text like one past
 * the deadline would cost the deadline again. Returns the text, line endings normalised.
 */
export function stillUnreadable(text: string, why: string): string {
  const source = normaliseLineEndings(text)
  if (!remembered.has(source)) remember(source, unreadableDocument(source, why))
  return source
}

/** The text read within the deadline: here if it is short, in the worker if not; unreadable past the deadline. */
function readBounded(source: string): MarkdownDocument {
  const tooComplex = whyUnreadable(source)
  if (tooComplex) return unreadableDocument(source, tooComplex)
  if (source.length <= IN_THREAD_LENGTH) return readInThisThread(source)
  if (timeouts >= MAX_TIMEOUTS)
    return unreadableDocument(source, `it is long, and ${MAX_TIMEOUTS} texts in this run took too long to read`)
  const doc = readOffThread<MarkdownDocument>(source, deadlineMs)
  if (doc !== null) return doc
  timeouts++
  return unreadableDocument(source, `it takes more than ${deadlineMs / 1000} seconds to read`)
}

/**
 * Parses markdown and reads it as GitHub shows it, within READ_DEADLINE_MS; a text read before in this run is not
 * read again. `parse` is a stand-in parser for tests, used in this thread, without the deadline.
 */
export function readMarkdown(markdown: string, parse?: (source: string) => Parents): MarkdownDocument {
  const source = normaliseLineEndings(markdown)
  if (parse) return readSource(source, parse)
  const known = remembered.get(source)
  if (known !== undefined) {
    remembered.delete(source)
    remembered.set(source, known)
    return known
  }
  const doc = readBounded(source)
  remember(source, doc)
  return doc
}

/** Reads a text in this thread, however long it takes: for short texts, and in the worker (read-worker.ts). */
export function readInThisThread(source: string): MarkdownDocument {
  return readSource(source, parseMarkdown)
}

function readSource(source: string, parse: (source: string) => Parents): MarkdownDocument {
  const doc = emptyDocument(source)
  const tooComplex = whyUnreadable(source)
  if (tooComplex) return unreadableDocument(source, tooComplex)
  const reading: Reading = { source, doc, open: { code: 0, quote: 0 }, blocks: 0 }
  try {
    walk(reading, parse(source), { code: false, quote: false, link: false, block: 0 }, null)
  } catch (error) {
    // The limits should keep any text from overflowing the stack; should one still do, it is unreadable.
    if (!(error instanceof RangeError)) throw error
    return unreadableDocument(source, 'it nests too deeply to read')
  }
  resolveReferences(doc)
  return doc
}

/** What one reading keeps from node to node. */
interface Reading {
  source: string
  doc: MarkdownDocument
  /** Open HTML elements that change what text is, across the HTML nodes of the whole document. */
  open: { code: number; quote: number }
  /** The blocks numbered so far. */
  blocks: number
}

/** Reads a node into the document: its rendered text or its hidden parts, then its children. */
function walk(reading: Reading, node: Nodes, ctx: Context, parent: Parents | null): void {
  const span = spanOf(node)
  if (readRendered(reading, node, span, ctx, parent)) return
  noteParts(reading, node, span)
  if (!('children' in node)) return
  const inner = childContext(reading, node, ctx)
  for (const child of node.children) walk(reading, child, inner, node)
}

/** Where a node is in the source, if the parser said. */
function spanOf(node: Nodes): Span | null {
  const start = node.position?.start.offset
  const end = node.position?.end.offset
  return start === undefined || end === undefined ? null : { start, end }
}

/** Reads a node that renders as text (text, code, raw HTML, a line break); false for any other node. */
function readRendered(reading: Reading, node: Nodes, span: Span | null, ctx: Context, parent: Parents | null): boolean {
  switch (node.type) {
    // Text still counts where its place is not known (GFM's e-mail autolinks after an escape come without
    // one): shown, but not editable in place, so that the callers take their last resort.
    case 'text':
      addRun(reading, node.value, placed(reading, node.value, span, true), ctx)
      return true
    case 'inlineCode':
      addRun(reading, node.value, placed(reading, node.value, span, false), ctx, true)
      return true
    case 'code':
      if (span) readCodeBlock(reading, node.value, span, ctx)
      return true
    case 'html': {
      if (!span) return true
      const isBlock = parent !== null && BLOCK_PARENTS.has(parent.type)
      readHtml(reading, node.value, span, isBlock ? { ...ctx, block: ++reading.blocks } : ctx)
      return true
    }
    case 'break':
      addNewline(reading, ctx)
      return true
    default:
      return false
  }
}

/** Notes what else a node holds: definitions, images, links and footnotes, with the parts a reader does not see. */
function noteParts(reading: Reading, node: Nodes, span: Span | null): void {
  const { doc } = reading
  switch (node.type) {
    case 'definition':
      if (span) doc.definitions.push({ ...span, identifier: node.identifier, url: node.url })
      return
    case 'image':
      if (span) doc.images.push({ ...span, url: node.url, alt: node.alt ?? '' })
      return
    case 'imageReference':
      doc.referenced.add(node.identifier)
      if (span) doc.images.push({ ...span, url: '', alt: node.alt ?? '', reference: node.identifier })
      return
    case 'linkReference':
      doc.referenced.add(node.identifier)
      if (span) doc.links.push({ ...bracketed(node, span), url: '', reference: node.identifier })
      return
    case 'link':
      if (span) noteLink(reading, node, span)
      return
    case 'footnoteReference':
      doc.cited.add(node.identifier)
      return
    case 'footnoteDefinition':
      if (span) doc.footnotes.push({ ...span, identifier: node.identifier })
      return
    default:
      return
  }
}

/** The context of a node's children: in a quote, in a link, or a block of their own. */
function childContext(reading: Reading, node: Parents, ctx: Context): Context {
  if (node.type === 'blockquote') return { ...ctx, quote: true }
  if (node.type === 'link' || node.type === 'linkReference') return { ...ctx, link: true }
  if (node.type === 'paragraph' || node.type === 'heading' || node.type === 'tableCell')
    return { ...ctx, block: ++reading.blocks }
  return ctx
}

function addRun(reading: Reading, text: string, at: number[], ctx: Context, code = ctx.code): void {
  const { open } = reading
  if (text)
    reading.doc.runs.push({
      text,
      at,
      code: code || open.code > 0,
      codeByTag: !code && open.code > 0,
      quote: ctx.quote || open.quote > 0,
      link: ctx.link,
      block: ctx.block
    })
}

/** The source offsets of a text node's characters (`align`), or none where the node has no place. */
function placed(reading: Reading, value: string, span: Span | null, markdown: boolean): number[] {
  return span ? align(reading.source, span.start, span.end, value, markdown) : unplaced(reading, value)
}

function unplaced(reading: Reading, text: string): number[] {
  reading.doc.unplaced = true
  return new Array<number>(text.length + 1).fill(-1)
}

function addNewline(reading: Reading, ctx: Context): void {
  reading.doc.runs.push({
    text: '\n',
    at: [-1, -1],
    code: false,
    codeByTag: false,
    quote: ctx.quote,
    link: ctx.link,
    block: ctx.block
  })
}

/** A code block: a block of its own, whose text starts after its fence line if it has one. */
function readCodeBlock(reading: Reading, value: string, span: Span, ctx: Context): void {
  const { source } = reading
  const block = { ...ctx, block: ++reading.blocks }
  // A fenced block's first line is its fence and info string, not code.
  const fenced = /^ {0,3}(`{3,}|~{3,})/.test(source.slice(span.start, span.end))
  const first = source.indexOf('\n', span.start)
  const start = fenced ? (first < 0 || first > span.end ? span.end : first + 1) : span.start
  addRun(reading, value, align(source, start, span.end, value, false), block, true)
}

/** Raw HTML: its comments and tags noted (a tag may open or close code or a quote, or start a line), its text read. */
function readHtml(reading: Reading, value: string, span: Span, ctx: Context): void {
  const { doc, open } = reading
  const at = align(reading.source, span.start, span.end, value, false)
  const offset = (i: number): number => (i < value.length ? at[i]! : at[value.length]!)
  for (const token of tokenizeHtml(value)) {
    const start = offset(token.start)
    const end = token.end > 0 ? offset(token.end - 1) + 1 : start
    if (token.kind === 'hidden') {
      doc.comments.push({ start, end })
    } else if (token.kind === 'tag') {
      doc.tags.push({ start, end, name: token.name, closing: token.closing, attributes: token.attributes })
      const step = token.closing ? -1 : 1
      if (CODE_TAGS.has(token.name)) open.code = Math.max(0, open.code + step)
      if (token.name === 'blockquote') open.quote = Math.max(0, open.quote + step)
      if (LINE_TAGS.has(token.name)) addNewline(reading, ctx)
    } else {
      const decoded = decodeEntities(value.slice(token.start, token.end))
      const mapped = decoded.at.map((i) => (i < 0 ? -1 : offset(token.start + i)))
      addRun(reading, decoded.text, [...mapped, end], ctx)
    }
  }
}

/** An inline link: its title (if any) and, unless it is an autolink, its text. */
function noteLink(reading: Reading, node: Extract<Nodes, { type: 'link' }>, span: Span): void {
  const { source, doc } = reading
  if (node.title) {
    const last = node.children.at(-1)
    const close = last?.position?.end.offset ?? span.start + 1
    doc.titledLinks.push({ start: close, end: span.end, url: node.url })
  }
  // An autolink ("<https://…>", a bare URL) shows its URL as its text: nothing of it is hidden.
  if (source[span.start] === '[') doc.links.push({ ...bracketed(node, span), url: node.url })
}

/** An image or link by reference ("![alt][ref]") has the URL of its definition, which may come after it. */
function resolveReferences(doc: MarkdownDocument): void {
  for (const item of [...doc.images, ...doc.links]) {
    if (item.reference !== undefined) item.url = doc.definitions.find((d) => d.identifier === item.reference)?.url ?? ''
  }
}

/** A bracketed link's span, where its text ends, and whether a reader sees anything of it. */
function bracketed(
  node: Extract<Nodes, { type: 'link' | 'linkReference' }>,
  span: Span
): Span & {
  textEnd: number
  empty: boolean
} {
  const last = node.children.at(-1)
  const textEnd = last?.position?.end.offset ?? span.start + 1
  return { ...span, textEnd, empty: !node.children.some(shows) }
}

/** Whether a reader sees something of an inline node: text that is not blank, code, an image. */
function shows(node: Nodes): boolean {
  if (node.type === 'text' || node.type === 'inlineCode') return node.value.trim() !== ''
  if (node.type === 'image' || node.type === 'imageReference') return true
  // Raw HTML may be a tag alone (shows nothing) or an <img>: taken as shown, the safe side for the text.
  if (node.type === 'html') return true
  return 'children' in node && node.children.some(shows)
}

/** The rendered text of each block, with the source offset of each character (as in Run.at, without the end). */
export function blockTexts(
  runs: readonly Run[],
  include: (run: Run) => boolean
): { text: string; at: number[]; starts: Set<number> }[] {
  const blocks = new Map<number, { text: string; at: number[]; starts: Set<number> }>()
  for (const r of runs) {
    if (!include(r)) continue
    const block = blocks.get(r.block) ?? { text: '', at: [], starts: new Set<number>() }
    block.starts.add(block.text.length)
    block.text += r.text
    block.at.push(...r.at.slice(0, r.text.length))
    blocks.set(r.block, block)
  }
  return [...blocks.values()]
}

export interface SourceEdit extends Span {
  text: string
}

/** Applies edits to a text; an edit that overlaps an earlier one is dropped. */
export function applySourceEdits(source: string, edits: readonly SourceEdit[]): string {
  const sorted = [...edits].sort((a, b) => a.start - b.start || a.end - b.end)
  let out = ''
  let at = 0
  for (const edit of sorted) {
    if (edit.start < at) continue
    out += source.slice(at, edit.start) + edit.text
    at = edit.end
  }
  return out + source.slice(at)
}

/**
 * The edit that makes the character at source offset `at` (which renders as `char`) read `replacement`
 * instead: a literal character, an escape or a character reference is replaced whole. Null when the
 * source there does not render as `char`.
 */
export function replaceRendered(source: string, at: number, char: string, replacement: string): SourceEdit | null {
  if (at < 0) return null
  if (source[at] === char) return { start: at, end: at + 1, text: replacement }
  if (source[at] === '\\' && source[at + 1] === char) return { start: at, end: at + 2, text: replacement }
  const entity = source[at] === '&' ? entityAt(source.slice(at)) : null
  if (entity?.value === char) return { start: at, end: at + entity.length, text: replacement }
  return null
}
