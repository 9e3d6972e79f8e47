// The images drawn on a PDF's pages, as PNG files. pdf.js (through unpdf) decodes each image to raw
// pixels; fast-png (pure JS, imported here only) encodes them. Whole pages are not rendered: that needs
// a native canvas, which a bundled action cannot carry. Pictures smaller than an icon are skipped.
import { MIN_PICTURE_SIDE, type DocumentPicture } from './pictures.ts'

export interface PdfPictures {
  /** Per page (from 1), in the order pdf.js meets them. */
  byPage: Map<number, DocumentPicture[]>
  /** The first page not read for pictures, once `max` were found; null when every page was read. */
  stoppedAt: number | null
  /** Pages whose images could not be decoded. */
  failed: number[]
}

type Pdf = Awaited<ReturnType<(typeof import('unpdf'))['getDocumentProxy']>>

export async function pdfPictures(pdf: Pdf, max: number): Promise<PdfPictures> {
  const { extractImages } = await import('unpdf')
  const { encode } = await import('fast-png')
  const byPage = new Map<number, DocumentPicture[]>()
  const failed: number[] = []
  let found = 0
  for (let page = 1; page <= pdf.numPages; page++) {
    if (found >= max) return { byPage, stoppedAt: page, failed }
    let images: Awaited<ReturnType<typeof extractImages>>
    try {
      images = await extractImages(pdf, page)
    } catch {
      failed.push(page)
      continue
    }
    const pictures: DocumentPicture[] = []
    for (const image of images) {
      if (image.width < MIN_PICTURE_SIDE || image.height < MIN_PICTURE_SIDE) continue
      if (found >= max) return { byPage, stoppedAt: page, failed }
      const bytes = encode({
        width: image.width,
        height: image.height,
        data: image.data,
        channels: image.channels,
        depth: 8
      })
      pictures.push({
        place: `page ${page}`,
        number: pictures.length + 1,
        name: `image ${pictures.length + 1} on page ${page}`,
        bytes
      })
      found += 1
      byPage.set(page, pictures)
    }
  }
  return { byPage, stoppedAt: null, failed }
}
