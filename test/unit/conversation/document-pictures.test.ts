import { describe, expect, it } from 'vitest'
import { pictureLabel, shareImages, type PicturesOf } from '../../../src/conversation/document-pictures.ts'
import type { ImageLimits, LoadedImage } from '../../../src/conversation/images.ts'
import type { DocumentPicture } from '../../../src/media/pictures.ts'
import { tinyPng } from '../../fakes/media-bytes.ts'

const limits: ImageLimits = { maxImages: 5, maxBytes: 3_500_000, maxTotalBytes: 10_000_000, timeoutMs: 1000 }
const ALL = ['image/png', 'image/jpeg', 'image/gif', 'image/webp'] as const

function picture(place: string | null, number: number, bytes: Uint8Array = tinyPng(40, 40)): DocumentPicture {
  return { place, number, name: `image${number}.png`, bytes }
}

function deck(name: string, count: number, where = 'attached in the comment by @alice'): PicturesOf {
  return {
    document: name,
    where,
    url: `https://github.com/user-attachments/files/1/${name}`,
    pictures: Array.from({ length: count }, (_, i) => picture(`slide ${i + 1}`, 1))
  }
}

function image(url: string, priority: number, fromRequest: boolean, size = 100): LoadedImage {
  return { where: 'comment by @bob', url, alt: '', mediaType: 'image/png', data: 'AAAA', priority, size, fromRequest }
}

describe("documents' pictures for the model", () => {
  it('are labelled with their number, their place, their document and where it is', () => {
    expect(pictureLabel(deck('talk.pptx', 0), picture('slide 3', 1))).toBe(
      'picture 1 on slide 3 of talk.pptx, attached in the comment by @alice'
    )
    expect(pictureLabel({ document: 'docs/report.docx', where: 'in the repository' }, picture(null, 2))).toBe(
      'picture 2 of docs/report.docx, in the repository'
    )
  })

  it("come after the request's own images and before the thread's other images, one from each document in turn", () => {
    const thread = [image('old', 1, false), image('req', 0, true)]
    const { images, notes } = shareImages(thread, [deck('a.pptx', 3), deck('b.pdf', 2)], ALL, {
      ...limits,
      maxImages: 4
    })
    // Kept: the request's image, then a1, b1, a2; in order: the thread's images, then the pictures by document.
    expect(images.map((i) => i.label ?? i.url)).toEqual([
      'req',
      'picture 1 on slide 1 of a.pptx, attached in the comment by @alice',
      'picture 1 on slide 2 of a.pptx, attached in the comment by @alice',
      'picture 1 on slide 1 of b.pdf, attached in the comment by @alice'
    ])
    expect(images[1]).toMatchObject({
      mediaType: 'image/png',
      url: 'https://github.com/user-attachments/files/1/a.pptx'
    })
    expect(Buffer.from(images[1]!.data, 'base64').equals(tinyPng(40, 40))).toBe(true)
    expect(images[0]).toEqual({ where: 'comment by @bob', url: 'req', alt: '', mediaType: 'image/png', data: 'AAAA' })
    expect(notes).toEqual([
      '1 picture from b.pdf, attached in the comment by @alice: at most 4 images are read',
      '1 picture from a.pptx, attached in the comment by @alice: at most 4 images are read',
      '1 image from the conversation: at most 4 images are read'
    ])
  })

  it('sends only the types the model reads, and names the others', () => {
    const emf = { place: 'slide 1', number: 1, name: 'image1.emf', bytes: new Uint8Array([1, 0, 0, 0]) }
    const gif = { place: 'slide 2', number: 1, name: 'image2.gif', bytes: new TextEncoder().encode('GIF89a......') }
    const of: PicturesOf = { ...deck('talk.pptx', 0), pictures: [emf, gif, picture('slide 3', 1)] }
    const { images, notes } = shareImages([], [of], ['image/png', 'image/jpeg', 'image/webp'], limits)
    expect(images.map((i) => i.label)).toEqual(['picture 1 on slide 3 of talk.pptx, attached in the comment by @alice'])
    expect(notes).toEqual([
      'picture 1 on slide 1 of talk.pptx, attached in the comment by @alice (EMF, a type the model does not read)',
      'picture 1 on slide 2 of talk.pptx, attached in the comment by @alice (GIF, a type the model does not read)'
    ])
  })

  it('keeps to the bytes per image and in all, the request first', () => {
    const big = tinyPng(40, 40)
    const of: PicturesOf = {
      ...deck('talk.pptx', 0),
      pictures: [picture('slide 1', 1, big), picture('slide 2', 1, big)]
    }
    const perImage = shareImages([], [of], ALL, { ...limits, maxBytes: big.length - 1 })
    expect(perImage.images).toEqual([])
    expect(perImage.notes[0]).toMatch(/^picture 1 on slide 1 of talk\.pptx, .* \(larger than [\d,]+ bytes\)$/)
    const total = shareImages([image('req', 0, true, 50)], [of], ALL, { ...limits, maxTotalBytes: 50 + big.length })
    expect(total.images.map((i) => i.label ?? i.url)).toEqual([
      'req',
      'picture 1 on slide 1 of talk.pptx, attached in the comment by @alice'
    ])
    expect(total.notes).toEqual([expect.stringMatching(/^picture 1 on slide 2 .* \(the images together would exceed/)])
  })
})
