// A document (Word, PowerPoint, Excel, PDF) as text for the model, and with pictures when asked: a
// deck's per slide, a Word document's in order, a PDF's per page (pdf-pictures.ts). The readers are
// imported on the first document, so a run that reads none loads neither unpdf nor the zip reader.
import { counted } from '../plural.ts'
import type { DocumentPicture } from './pictures.ts'

/** The largest image a PDF may draw, in pixels (width × height), for it to be read: 4,000 × 4,000. */
const MAX_PDF_IMAGE_PIXELS = 16_000_000

export type DocumentKind = 'docx' | 'pptx' | 'xlsx' | 'pdf'

/** The kind of document a path or file name names, or null for anything else. Pure. */
export function documentKind(name: string): DocumentKind | null {
  const match = /\.(docx|pptx|xlsx|pdf)$/i.exec(name)
  return match ? (match[1]!.toLowerCase() as DocumentKind) : null
}

export interface DocumentContent {
  text: string
  pictures: DocumentPicture[]
  /** Pictures not read, in words ("3 more pictures"), or null. */
  unread: string | null
}

/**
 * The document's text and at most `maxPictures` pictures (0: the text alone, without picture markers);
 * an Office document's text is read until it is longer than `maxChars` (the caller cuts it). Throws
 * with the reason when it cannot be read.
 */
export async function readDocument(
  kind: DocumentKind,
  bytes: Uint8Array,
  maxPictures = 0,
  maxChars = Infinity
): Promise<DocumentContent> {
  if (kind === 'pdf') {
    const { extractText, getDocumentProxy } = await import('unpdf')
    // pdf.js takes ownership of the buffer it is given: a copy keeps the caller's bytes intact. An image
    // larger than MAX_PDF_IMAGE_PIXELS is dropped before it is decoded (a few deflated bytes can claim
    // gigabytes of pixels); no code is compiled from the file.
    const pdf = await getDocumentProxy(new Uint8Array(bytes), {
      maxImageSize: MAX_PDF_IMAGE_PIXELS,
      isEvalSupported: false
    })
    const { text } = await extractText(pdf, { mergePages: false })
    const found = maxPictures > 0 ? await (await import('./pdf-pictures.ts')).pdfPictures(pdf, maxPictures) : null
    const pages = text.map((page, i) => {
      const markers = (found?.byPage.get(i + 1) ?? []).map((p) => `[picture ${p.number}]`)
      return [`## Page ${i + 1}`, page.trim(), ...(markers.length ? [markers.join(' ')] : [])].join('\n\n')
    })
    const unread = [
      found?.stoppedAt ? `the pictures from page ${found.stoppedAt} on (at most ${maxPictures} are read)` : null,
      found?.failed.length ? `the pictures on page ${found.failed.join(', ')} (they could not be decoded)` : null
    ].filter((s) => s !== null)
    return {
      text: pages.join('\n\n'),
      pictures: found ? [...found.byPage.values()].flat() : [],
      unread: unread.length ? unread.join('; ') : null
    }
  }
  const { readOfficeWithPictures } = await import('./read-office.ts')
  const content = readOfficeWithPictures(kind, bytes, maxPictures, maxChars)
  const unread = [
    ...content.left,
    ...(content.more ? [`${counted(content.more, 'more picture')} (at most ${maxPictures} are read)`] : [])
  ]
  return { text: content.text, pictures: content.pictures, unread: unread.length ? unread.join('; ') : null }
}
