// The pictures of an Office file, in the order a reader meets them: a deck's per slide, a Word
// document's through the document; each picture element's embedded image is a relationship to a media
// part. The reader (read-office.ts) asks for each picture element's marker: "[picture N]" where it
// was, nothing for a picture smaller than an icon (lines, bullets) or one that is missing. Pure.
import { posix } from 'node:path'
import { partBytes, type OfficePackage } from './office-package.ts'
import { isTinyPicture, type DocumentPicture } from './pictures.ts'
import type { Relationship } from './relationships.ts'

/** The largest picture read; a larger one (or a part that claims to be) is left where it is, unmarked. */
const MAX_PICTURE_BYTES = 20_000_000
/** Enough of a picture to know its size, for the pictures counted and not read. */
const HEAD_BYTES = 65_536

export interface PictureFinder {
  /** At most the number asked for, with their bytes. */
  found: DocumentPicture[]
  /** Pictures beyond that: marked, not read. */
  more: number
  /**
   * The marker of each picture element of one part, by its relationship's id, numbered from 1 within
   * `place` ("slide 3"; null for a Word document); null for none (or when no pictures are asked for).
   */
  in: (rels: readonly Relationship[], place: string | null) => (rel: string) => string | null
}

export function pictureFinder(pkg: OfficePackage, max: number): PictureFinder {
  const finder: PictureFinder = {
    found: [],
    more: 0,
    in: (rels, place) => {
      let number = 0
      return (id) => {
        if (max <= 0) return null
        const target = rels.find((r) => r.id === id)?.target
        if (!target) return null
        const reading = finder.found.length < max
        const bytes = partBytes(pkg, target, reading ? MAX_PICTURE_BYTES : HEAD_BYTES, !reading)
        if (!bytes || isTinyPicture(bytes)) return null
        number += 1
        if (reading) finder.found.push({ place, number, name: posix.basename(target), bytes })
        else finder.more += 1
        return `[picture ${number}]`
      }
    }
  }
  return finder
}
