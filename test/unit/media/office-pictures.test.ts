import { describe, expect, it } from 'vitest'
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
})
