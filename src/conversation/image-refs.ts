// Images in people's markdown: where they are, whether GitHub hosts them, what type their bytes are.
// Pure: no I/O (github/images.ts fetches them).
import type { ImageType } from '../llm/capabilities.ts'
import { readMarkdown } from '../markdown/document.ts'
import { attribute } from '../markdown/html.ts'
import { origin } from '../ports/hosts.ts'

export interface ImageRef {
  url: string
  alt: string
}

// GitHub's upload links, which it renders as images even when written bare on a line.
const ATTACHMENT =
  /https?:\/\/[^\s<>()"'`\]]+?\/(?:user-attachments\/assets\/[0-9a-f-]{36}|[\w.-]+\/[\w.-]+\/assets\/\d+\/[0-9a-f-]{36})(?![\w-])/gi

/** Images a reader sees in the markdown, in order, each URL once; code is not rendered, so it is skipped. */
export function findImageRefs(markdown: string, serverUrl: string): ImageRef[] {
  const doc = readMarkdown(markdown)
  const found: { at: number; ref: ImageRef }[] = doc.images
    .filter((i) => i.url)
    .map((i) => ({ at: i.start, ref: { url: i.url, alt: i.alt.trim() } }))
  for (const tag of doc.tags) {
    const src = tag.name === 'img' && !tag.closing ? attribute(tag.attributes, 'src') : null
    if (src) found.push({ at: tag.start, ref: { url: src, alt: (attribute(tag.attributes, 'alt') ?? '').trim() } })
  }
  const server = origin(serverUrl)
  for (const run of doc.runs) {
    if (run.code) continue
    for (const m of run.text.matchAll(ATTACHMENT)) {
      if (origin(m[0]) === server) found.push({ at: run.at[m.index] ?? -1, ref: { url: m[0], alt: '' } })
    }
  }
  const refs: ImageRef[] = []
  for (const { ref } of found.sort((a, b) => a.at - b.at)) {
    if (!refs.some((r) => r.url === ref.url)) refs.push(ref)
  }
  return refs
}

/** The image type by its first bytes (what the server claims is not trusted). */
export function sniffImageType(bytes: Uint8Array): ImageType | null {
  const starts = (...sig: number[]): boolean => sig.every((b, i) => bytes[i] === b)
  if (starts(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a)) return 'image/png'
  if (starts(0xff, 0xd8, 0xff)) return 'image/jpeg'
  if (starts(0x47, 0x49, 0x46, 0x38)) return 'image/gif'
  if (
    starts(0x52, 0x49, 0x46, 0x46) &&
    bytes[8] === 0x57 &&
    bytes[9] === 0x45 &&
    bytes[10] === 0x42 &&
    bytes[11] === 0x50
  )
    return 'image/webp'
  return null
}
