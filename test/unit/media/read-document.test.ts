import { describe, expect, it } from 'vitest'
import { decode } from 'fast-png'
import { documentKind, readDocument } from '../../../src/media/read-document.ts'
import { tinyPdf } from '../../fakes/media-bytes.ts'
import { deckWithPictures, pictures } from '../../fakes/office-bytes.ts'

describe('a document read for the model', () => {
  it('names the kinds it reads', () => {
    expect(['a.PDF', 'b.pptx', 'c.txt'].map(documentKind)).toEqual(['pdf', 'pptx', null])
  })

  it("reads a PDF page's images as PNG pictures, skips the tiny ones, and marks them on the page", async () => {
    const pdf = tinyPdf('Results', [
      { width: 64, height: 48, rgb: [200, 40, 40] },
      { width: 200, height: 3 },
      { width: 40, height: 40, rgb: [10, 20, 30] }
    ])
    const read = await readDocument('pdf', pdf, 5)
    expect(read.pictures.map((p) => [p.place, p.number])).toEqual([
      ['page 1', 1],
      ['page 1', 2]
    ])
    const first = decode(read.pictures[0]!.bytes)
    expect([first.width, first.height, first.channels]).toEqual([64, 48, 3])
    expect([...first.data.slice(0, 3)]).toEqual([200, 40, 40])
    expect([...decode(read.pictures[1]!.bytes).data.slice(0, 3)]).toEqual([10, 20, 30])
    expect(read.text).toBe('## Page 1\n\nResults\n\n[picture 1] [picture 2]')
    expect(read.unread).toBeNull()
  })

  it('leaves out an image larger than 16 million pixels rather than decode it', async () => {
    const read = await readDocument(
      'pdf',
      tinyPdf('Big', [
        { width: 4100, height: 4000 },
        { width: 40, height: 40, rgb: [10, 20, 30] }
      ]),
      5
    )
    expect(read.pictures).toHaveLength(1)
    expect(decode(read.pictures[0]!.bytes).width).toBe(40)
    expect(read.text).toContain('Big')
  })

  it('stops at the number of pictures asked for and says from which page on they were not read', async () => {
    const read = await readDocument(
      'pdf',
      tinyPdf('x', [
        { width: 40, height: 40 },
        { width: 50, height: 50 }
      ]),
      1
    )
    expect(read.pictures).toHaveLength(1)
    expect(read.unread).toBe('the pictures from page 1 on (at most 1 are read)')
  })

  it('reads the text alone when no pictures are asked for, as before', async () => {
    const read = await readDocument('pdf', tinyPdf('Only text', [{ width: 64, height: 48 }]))
    expect(read).toEqual({ text: '## Page 1\n\nOnly text', pictures: [], unread: null })
    const deck = await readDocument('pptx', await deckWithPictures([{ text: 'Deck', pictures: [pictures.red] }]), 0)
    expect(deck).toEqual({ text: '## Slide 1\nDeck', pictures: [], unread: null })
  })

  it('counts the Office pictures it did not read', async () => {
    const deck = await deckWithPictures([{ text: 'Deck', pictures: [pictures.red, pictures.green, pictures.blue] }])
    const read = await readDocument('pptx', deck, 1)
    expect(read.pictures).toHaveLength(1)
    expect(read.unread).toBe('2 more pictures (at most 1 are read)')
  })
})
