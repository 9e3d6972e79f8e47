// Real Office files with pictures, made in tests with the libraries people's tools use: a deck with
// pptxgenjs, a Word document with docx.
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
