// The pictures of an Office file, in the order a reader meets them: a deck's per slide (the slide's
// relationships lead to ppt/media), a Word document's through word/_rels/document.xml.rels. Each
// picture's element in the XML becomes a "[picture N]" marker, so the text says where it was; pictures
// smaller than an icon (lines, bullets) go with their element. Pure.
import { posix } from 'node:path'
import { xmlText, type Parts } from './office-xml.ts'
import { isTinyPicture, type DocumentPicture } from './pictures.ts'

/** A part's relationships: id -> the target part's name in the zip (external targets left out). */
export function relationships(parts: Parts, part: string): Map<string, string> {
  const dir = posix.dirname(part)
  const rels = xmlText(parts, `${dir}/_rels/${posix.basename(part)}.rels`) ?? ''
  const found = new Map<string, string>()
  for (const [tag] of rels.matchAll(/<Relationship\b[^>]*>/g)) {
    if (/TargetMode="External"/.test(tag)) continue
    const id = /\bId="([^"]+)"/.exec(tag)?.[1]
    const target = /\bTarget="([^"]+)"/.exec(tag)?.[1]
    if (id && target) found.set(id, target.startsWith('/') ? target.slice(1) : posix.join(dir, target))
  }
  return found
}

// A slide's picture shape; a Word drawing or an old VML picture. Only those with an embedded image count.
const ELEMENT = {
  pptx: /<p:pic(?:\s[^>]*)?>[\s\S]*?<\/p:pic>/g,
  docx: /<w:drawing(?:\s[^>]*)?>[\s\S]*?<\/w:drawing>|<w:pict(?:\s[^>]*)?>[\s\S]*?<\/w:pict>/g
}
const EMBED = /<a:blip\b[^>]*?\br:embed="([^"]+)"|<v:imagedata\b[^>]*?\br:id="([^"]+)"/

// The marker as the reader's text patterns read it: a paragraph of its own on a slide, a run's text in Word.
const MARKER = {
  pptx: (n: number) => `<a:p><a:r><a:t>[picture ${n}]</a:t></a:r></a:p>`,
  docx: (n: number) => `<w:t>[picture ${n}]</w:t>`
}

export interface MarkedPictures {
  xml: string
  pictures: DocumentPicture[]
  /** Pictures beyond `max`: marked, not read. */
  more: number
}

/**
 * One part's pictures, numbered from `first` within `place` ("slide 3"; null for a Word document), with
 * their elements replaced by markers. At most `max` are read (their bytes kept); the rest are counted.
 */
export function markPictures(
  kind: 'docx' | 'pptx',
  parts: Parts,
  part: string,
  xml: string,
  place: string | null,
  max: number
): MarkedPictures {
  const targets = relationships(parts, part)
  const pictures: DocumentPicture[] = []
  let number = 0
  let more = 0
  const marked = xml.replace(ELEMENT[kind], (element) => {
    const match = EMBED.exec(element)
    const target = match ? targets.get(match[1] ?? match[2]!) : undefined
    const bytes = target ? parts[target] : undefined
    if (!bytes) return element
    if (isTinyPicture(bytes)) return ''
    number += 1
    if (pictures.length < max) pictures.push({ place, number, name: posix.basename(target!), bytes })
    else more += 1
    return MARKER[kind](number)
  })
  return { xml: marked, pictures, more }
}
