// A picture found in a document, and which pictures are too small to show (icons, rules, bullets). Pure.
import { imageInfo } from './image-size.ts'

export interface DocumentPicture {
  /** "slide 3", "page 2"; null where pictures are numbered through the whole document (Word). */
  place: string | null
  /** From 1, within its place; the text's "[picture N]" marker says the same. */
  number: number
  /** The media part's name ("image3.emf"), or what it was made from. */
  name: string
  bytes: Uint8Array
}

/** Below this width or height a picture is decoration (an icon, a line), not content. */
export const MIN_PICTURE_SIDE = 32

/** A PNG, JPEG or GIF smaller than an icon in either direction; other types (sizes unknown) are not. */
export function isTinyPicture(bytes: Uint8Array): boolean {
  const size =
    imageInfo(bytes) ??
    (bytes.length >= 10 && bytes[0] === 0x47 && bytes[1] === 0x49 && bytes[2] === 0x46
      ? { width: bytes[6]! | (bytes[7]! << 8), height: bytes[8]! | (bytes[9]! << 8) }
      : null)
  return size !== null && (size.width < MIN_PICTURE_SIDE || size.height < MIN_PICTURE_SIDE)
}
