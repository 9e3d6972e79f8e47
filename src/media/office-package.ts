// An Office file opened for reading: its parts listed from the zip's central directory, each inflated
// only when it is read, as a stream (fflate's Inflate) into the XML parser, so a part that inflates to
// hundreds of megabytes costs no more memory than a small one and stops being read when the reader has
// enough. fflate inflates whole parts into memory and its streaming Unzip reads entries in file order,
// so the directory (a fixed binary layout) is read here. Pure: bytes in, text out.
import { Inflate } from 'fflate'
import type { OfficeKind } from './office-xml.ts'
import { xmlStream, type XmlEvents } from './xml.ts'

interface Entry {
  method: number
  /** Where its compressed bytes are in the file, and how many. */
  offset: number
  size: number
  /** What the directory says it inflates to (a claim, not trusted). */
  originalSize: number
}

/**
 * The characters of XML read from one document, all parts together: a text-light part that inflates to
 * hundreds of megabytes (a zip bomb of markup) stops here, in about a second (saxes reads about 10 MB a
 * second on a busy runner). A real document's text fills the model's budget long before: 60,000
 * characters of Word text are about 2 MB of XML.
 */
export const MAX_XML_CHARS = 8_000_000

/** The bytes of the pictures inflated from one document, all together (a picture is a part that can be a bomb too). */
const MAX_PICTURE_BYTES_TOTAL = 64_000_000

/** Compressed bytes given to the inflater at a time: deflate expands at most ~1,000-fold, so a step makes at most ~4 MB. */
const STEP = 4096

export interface OfficePackage {
  kind: OfficeKind
  bytes: Uint8Array
  entries: Map<string, Entry>
  /** XML characters still to be read, over all parts. */
  budget: number
  /** Set when the budget ran out before a part's end. */
  exhausted: boolean
  /** Picture bytes still to be inflated, over all pictures. */
  pictureBudget: number
}

const MAIN_PART: Record<OfficeKind, string> = {
  docx: 'word/document.xml',
  pptx: 'ppt/presentation.xml',
  xlsx: 'xl/workbook.xml'
}

function directory(bytes: Uint8Array): Map<string, Entry> {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  const u16 = (at: number): number => view.getUint16(at, true)
  const u32 = (at: number): number => view.getUint32(at, true)
  // The end record is the last 22 bytes, unless a comment (at most 65,535 bytes) follows it.
  let end = bytes.length - 22
  const lowest = Math.max(0, end - 65_535)
  while (end >= lowest && u32(end) !== 0x06054b50) end -= 1
  if (end < lowest) throw new Error('not a zip archive (no end of central directory)')
  const count = u16(end + 10)
  let at = u32(end + 16)
  const names = new TextDecoder()
  const entries = new Map<string, Entry>()
  for (let i = 0; i < count; i += 1) {
    if (at + 46 > bytes.length || u32(at) !== 0x02014b50) throw new Error('not a zip archive (a broken directory)')
    const flags = u16(at + 8)
    const nameLength = u16(at + 28)
    const name = names.decode(bytes.subarray(at + 46, at + 46 + nameLength))
    const header = u32(at + 42)
    const size = u32(at + 20)
    // Zip64 (parts over 4 GB) is not for Office files of this size; an encrypted part cannot be read.
    if (header === 0xffffffff || size === 0xffffffff) throw new Error(`the part ${name} needs Zip64`)
    if (header + 30 > bytes.length || u32(header) !== 0x04034b50)
      throw new Error(`the part ${name} is not where the directory says`)
    const offset = header + 30 + u16(header + 26) + u16(header + 28)
    if (offset + size > bytes.length) throw new Error(`the part ${name} is cut off`)
    if (!(flags & 1)) entries.set(name, { method: u16(at + 10), offset, size, originalSize: u32(at + 24) })
    at += 46 + nameLength + u16(at + 30) + u16(at + 32)
  }
  return entries
}

/** The file's parts, listed; throws with a reason when it is not an Office file of this kind. */
export function openPackage(kind: OfficeKind, bytes: Uint8Array, budget = MAX_XML_CHARS): OfficePackage {
  const entries = directory(bytes)
  for (const required of ['[Content_Types].xml', MAIN_PART[kind]])
    if (!entries.has(required)) throw new Error(`the part ${required} is missing`)
  return { kind, bytes, entries, budget, exhausted: false, pictureBudget: MAX_PICTURE_BYTES_TOTAL }
}

/** Inflates a part step by step into `take`, which returns false to stop. False when it cannot be read. */
function inflate(pkg: OfficePackage, name: string, take: (chunk: Uint8Array) => boolean): boolean {
  const entry = pkg.entries.get(name)
  if (!entry || (entry.method !== 0 && entry.method !== 8)) return false
  const raw = pkg.bytes.subarray(entry.offset, entry.offset + entry.size)
  if (entry.method === 0) {
    for (let at = 0; at < raw.length; at += STEP * 64) if (!take(raw.subarray(at, at + STEP * 64))) break
    return true
  }
  let going = true
  const inflater = new Inflate((chunk) => {
    if (going) going = take(chunk)
  })
  for (let at = 0; going && at < raw.length; at += STEP)
    inflater.push(raw.subarray(at, at + STEP), at + STEP >= raw.length)
  return true
}

/**
 * A part read through the XML parser, within the package's budget: it stops at the budget (and marks
 * the package exhausted) or when `more()` says the reader has enough. False when the part is missing.
 */
export function readPart(
  pkg: OfficePackage,
  name: string,
  events: XmlEvents,
  more: () => boolean = () => true
): boolean {
  const stream = xmlStream(events)
  const text = new TextDecoder()
  let complete = true
  const found = inflate(pkg, name, (chunk) => {
    if (!more()) return (complete = false)
    const xml = text.decode(chunk, { stream: true })
    if (xml.length > pkg.budget) {
      pkg.exhausted = true
      stream.write(xml.slice(0, pkg.budget))
      pkg.budget = 0
      return (complete = false)
    }
    pkg.budget -= xml.length
    stream.write(xml)
    return true
  })
  // A part read to its end must be whole; one stopped early is not closed (its open elements are not an error).
  if (found && complete) stream.close()
  return found
}

/**
 * A part's bytes (a picture), or its first `max` bytes when `head` (enough for a picture's size); null
 * when it is missing, larger than `max`, or past the package's picture budget.
 */
export function partBytes(pkg: OfficePackage, name: string, max: number, head = false): Uint8Array | null {
  const entry = pkg.entries.get(name)
  if (!entry || (!head && entry.originalSize > max) || pkg.pictureBudget <= 0) return null
  const chunks: Uint8Array[] = []
  let total = 0
  const found = inflate(pkg, name, (chunk) => {
    total += chunk.length
    chunks.push(chunk)
    return head ? total < max : total <= max
  })
  pkg.pictureBudget -= total
  if (!found || (!head && total > max)) return null
  const out = new Uint8Array(Math.min(total, max))
  let at = 0
  for (const chunk of chunks) {
    out.set(chunk.subarray(0, out.length - at), at)
    at += Math.min(chunk.length, out.length - at)
  }
  return out
}
