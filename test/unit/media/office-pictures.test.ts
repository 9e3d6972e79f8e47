import { describe, expect, it } from 'vitest'
import { strToU8 } from 'fflate'
import { markPictures, relationships } from '../../../src/media/office-pictures.ts'
import { readOffice, readOfficeWithPictures } from '../../../src/media/read-office.ts'
import { deckWithPictures, documentWithPictures, pictures } from '../../fakes/office-bytes.ts'

const same = (a: Uint8Array, b: Uint8Array): boolean => Buffer.from(a).equals(Buffer.from(b))

describe("an Office file's pictures", () => {
  it('reads a deck’s pictures per slide, in order, and marks them in the slide’s text', async () => {
    const deck = await deckWithPictures([
      { text: 'Title only' },
      { text: 'Two plots', pictures: [pictures.red, pictures.icon, pictures.green], notes: 'Compare them' },
      { text: 'One more', pictures: [pictures.blue] }
    ])
    const read = readOfficeWithPictures('pptx', deck, 5)
    expect(read.pictures.map((p) => [p.place, p.number])).toEqual([
      ['slide 2', 1],
      ['slide 2', 2],
      ['slide 3', 1]
    ])
    // The icon (16 × 16) is decoration: neither read nor marked.
    expect(same(read.pictures[0]!.bytes, pictures.red)).toBe(true)
    expect(same(read.pictures[1]!.bytes, pictures.green)).toBe(true)
    expect(same(read.pictures[2]!.bytes, pictures.blue)).toBe(true)
    expect(read.text).toContain('## Slide 2\nTwo plots\n[picture 1]\n[picture 2]')
    expect(read.text).toContain('## Slide 3\nOne more\n[picture 1]')
    expect(read.text).toContain('Speaker notes: Compare them')
    expect(read.more).toBe(0)
  })

  it('reads at most the number asked for, marks the rest, and without pictures reads the text as before', async () => {
    const deck = await deckWithPictures([{ text: 'Many', pictures: [pictures.red, pictures.green, pictures.blue] }])
    const read = readOfficeWithPictures('pptx', deck, 2)
    expect(read.pictures).toHaveLength(2)
    expect(read.more).toBe(1)
    expect(read.text).toContain('[picture 3]')
    expect(readOffice('pptx', deck)).toBe('## Slide 1\nMany')
  })

  it('reads a Word document’s pictures in the order they appear, marked where they were', async () => {
    const doc = await documentWithPictures(['Before', pictures.green, 'Between', pictures.red, 'After'])
    const read = readOfficeWithPictures('docx', doc, 5)
    expect(read.pictures.map((p) => [p.place, p.number])).toEqual([
      [null, 1],
      [null, 2]
    ])
    expect(same(read.pictures[0]!.bytes, pictures.green)).toBe(true)
    expect(same(read.pictures[1]!.bytes, pictures.red)).toBe(true)
    expect(read.text).toBe('Before\n\n[picture 1]\n\nBetween\n\n[picture 2]\n\nAfter')
    expect(readOffice('docx', doc)).toBe('Before\n\nBetween\n\nAfter')
  })

  it('follows relationships relative to the part, skips external targets, and keeps an element whose image is missing', () => {
    const parts = {
      'ppt/slides/_rels/slide1.xml.rels': strToU8(
        '<Relationships><Relationship Id="rId2" Target="../media/a.png"/><Relationship Id="rId3" TargetMode="External" Target="https://x/b.png"/><Relationship Id="rId4" Target="../media/gone.png"/></Relationships>'
      ),
      'ppt/media/a.png': pictures.red
    }
    expect([...relationships(parts, 'ppt/slides/slide1.xml')]).toEqual([
      ['rId2', 'ppt/media/a.png'],
      ['rId4', 'ppt/media/gone.png']
    ])
    const xml = '<p:pic><a:blip r:embed="rId4"/></p:pic><p:pic><a:blip r:embed="rId2"/></p:pic>'
    const marked = markPictures('pptx', parts, 'ppt/slides/slide1.xml', xml, 'slide 1', 5)
    expect(marked.pictures.map((p) => p.name)).toEqual(['a.png'])
    expect(marked.xml).toBe('<p:pic><a:blip r:embed="rId4"/></p:pic><a:p><a:r><a:t>[picture 1]</a:t></a:r></a:p>')
  })
})
