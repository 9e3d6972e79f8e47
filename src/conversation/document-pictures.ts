// The pictures of documents (attached in the thread or named from the repository) share the thread
// images' limits: the request's own images first, then the documents' pictures (one from each document
// in turn, so one long deck does not crowd out the rest), then the thread's other images. Only types the
// model reads are sent; what is left out is named in a note, like images. Pure.
import type { ImageType } from '../llm/capabilities.ts'
import type { DocumentPicture } from '../media/pictures.ts'
import { counted } from '../plural.ts'
import { sniffImageType } from './image-refs.ts'
import type { ImageLimits, LoadedImage } from './images.ts'
import type { ThreadImage } from './thread.ts'

/** The pictures read from one document, and where the document is. */
export interface PicturesOf {
  /** Its file name or repository path. */
  document: string
  /** "attached in the comment by @alice", "in the repository" */
  where: string
  /** Its link, or its path in the repository. */
  url: string
  pictures: DocumentPicture[]
}

/** "picture 1 on slide 3 of talk.pptx, attached in the comment by @alice" */
export function pictureLabel(of: Pick<PicturesOf, 'document' | 'where'>, picture: DocumentPicture): string {
  return `picture ${picture.number}${picture.place ? ` on ${picture.place}` : ''} of ${of.document}, ${of.where}`
}

/** One picture from each document in turn, in each document's order. */
function takeTurns(documents: readonly PicturesOf[]): { of: PicturesOf; picture: DocumentPicture }[] {
  const out: { of: PicturesOf; picture: DocumentPicture }[] = []
  const longest = Math.max(0, ...documents.map((d) => d.pictures.length))
  for (let i = 0; i < longest; i++)
    for (const of of documents) if (of.pictures[i]) out.push({ of, picture: of.pictures[i]! })
  return out
}

interface PictureCandidate {
  kind: 'picture'
  of: PicturesOf
  picture: DocumentPicture
  mediaType: ImageType
  label: string
}
type Candidate = { kind: 'image'; image: LoadedImage } | PictureCandidate

/** The documents' pictures the model can be shown, in turns; a note names each of the others. */
function readablePictures(
  documents: readonly PicturesOf[],
  accepted: readonly ImageType[],
  limits: ImageLimits,
  notes: string[]
): PictureCandidate[] {
  const pictures: PictureCandidate[] = []
  for (const { of, picture } of takeTurns(documents)) {
    const label = pictureLabel(of, picture)
    const mediaType = sniffImageType(picture.bytes)
    if (!mediaType || !accepted.includes(mediaType)) {
      const type = mediaType?.slice('image/'.length) ?? /\.(\w+)$/.exec(picture.name)?.[1] ?? 'an unknown type'
      notes.push(`${label} (${type.toUpperCase()}, a type the model does not read)`)
    } else if (picture.bytes.length > limits.maxBytes)
      notes.push(`${label} (larger than ${limits.maxBytes.toLocaleString('en-US')} bytes)`)
    else pictures.push({ kind: 'picture', of, picture, mediaType, label })
  }
  return pictures
}

/** The order images are chosen in: the request's own images, the documents' pictures, the thread's other images. */
function inChoiceOrder(thread: readonly LoadedImage[], pictures: readonly PictureCandidate[]): Candidate[] {
  const byPriority = [...thread].sort((a, b) => a.priority - b.priority)
  return [
    ...byPriority.filter((i) => i.fromRequest).map((image) => ({ kind: 'image' as const, image })),
    ...pictures,
    ...byPriority.filter((i) => !i.fromRequest).map((image) => ({ kind: 'image' as const, image }))
  ]
}

/** The candidates kept within the count and the bytes; a note names each left out, by group for the count. */
function fit(order: readonly Candidate[], limits: ImageLimits, notes: string[]): Set<Candidate> {
  const kept = new Set<Candidate>()
  const overCount = new Map<string, number>()
  let total = 0
  for (const candidate of order) {
    const size = candidate.kind === 'image' ? candidate.image.size : candidate.picture.bytes.length
    const name =
      candidate.kind === 'image' ? `the image ${candidate.image.url} in the ${candidate.image.where}` : candidate.label
    if (kept.size >= limits.maxImages) {
      const group = candidate.kind === 'image' ? 'the conversation' : `${candidate.of.document}, ${candidate.of.where}`
      overCount.set(group, (overCount.get(group) ?? 0) + 1)
    } else if (total + size > limits.maxTotalBytes)
      notes.push(`${name} (the images together would exceed ${limits.maxTotalBytes.toLocaleString('en-US')} bytes)`)
    else {
      kept.add(candidate)
      total += size
    }
  }
  for (const [group, n] of overCount) {
    const what = group === 'the conversation' ? counted(n, 'image') : counted(n, 'picture')
    notes.push(`${what} from ${group}: at most ${limits.maxImages} images are read`)
  }
  return kept
}

/** The thread's images kept, as they were, without what only the choosing needed. */
function threadImagesKept(thread: readonly LoadedImage[], kept: ReadonlySet<Candidate>): ThreadImage[] {
  const images: ThreadImage[] = []
  for (const image of thread)
    if ([...kept].some((c) => c.kind === 'image' && c.image === image)) {
      const { priority: _p, size: _s, fromRequest: _r, ...shown } = image
      images.push(shown)
    }
  return images
}

/** The pictures kept, in their documents' order, as images for the model. */
function picturesKept(
  pictures: readonly PictureCandidate[],
  kept: ReadonlySet<Candidate>,
  documents: readonly PicturesOf[]
): ThreadImage[] {
  const place = (c: PictureCandidate): number => documents.indexOf(c.of) * 100_000 + c.of.pictures.indexOf(c.picture)
  return pictures
    .filter((c) => kept.has(c))
    .sort((a, b) => place(a) - place(b))
    .map((candidate) => ({
      where: candidate.of.where,
      url: candidate.of.url,
      alt: '',
      mediaType: candidate.mediaType,
      data: Buffer.from(candidate.picture.bytes).toString('base64'),
      label: candidate.label
    }))
}

/**
 * The images the model is shown: the thread's (already fetched within the limits, by loadImages) and the
 * documents' pictures, fitted together to the count and the bytes. `accepted`: the image types the model
 * reads. Returned in order: the thread's images as they were, then the pictures in their documents' order.
 */
export function shareImages(
  thread: readonly LoadedImage[],
  documents: readonly PicturesOf[],
  accepted: readonly ImageType[],
  limits: ImageLimits
): { images: ThreadImage[]; notes: string[] } {
  const notes: string[] = []
  const pictures = readablePictures(documents, accepted, limits, notes)
  const kept = fit(inChoiceOrder(thread, pictures), limits, notes)
  const images = [...threadImagesKept(thread, kept), ...picturesKept(pictures, kept, documents)]
  return { images, notes }
}
