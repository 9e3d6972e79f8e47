// Fetches the images people put in the thread, so models that read images see them. Only images
// GitHub hosts are fetched; the token goes only to the GitHub server itself (private attachments),
// never along a redirect to another host. Count, size and time are limited; whatever is left out is
// named in a note.
import { findImageRefs, sniffImageType, type ImageRef } from './image-refs.ts'
import { imageHost } from '../ports/hosts.ts'
import type { ForgeDialect } from '../ports/forge.ts'
import { fetchCapped } from '../adapters/github/fetch-capped.ts'
import { FetchRefused, ImageLeftOut } from '../errors.ts'
import type { ImageType } from '../llm/capabilities.ts'
import type { ThreadImage } from './thread.ts'
import { counted } from '../plural.ts'

export interface ImageLimits {
  maxImages: number
  /** Per image. */
  maxBytes: number
  /** All images together. */
  maxTotalBytes: number
  timeoutMs: number
}

// 3.5 MB of image is under 5 MB once base64-encoded, the smallest per-image limit among the providers
// (Anthropic); 10 MB in all stays under Gemini's 20 MB per request with room for the text.
export const DEFAULT_IMAGE_LIMITS: ImageLimits = {
  maxImages: 5,
  maxBytes: 3_500_000,
  maxTotalBytes: 10_000_000,
  timeoutMs: 20_000
}

export interface ImageSource {
  /** "comment by @alice", for the model and the notes. */
  where: string
  body: string
}

/** `priority`: its place in the order images are chosen in (0 first); `size`: its bytes. */
export type LoadedImage = ThreadImage & { priority: number; size: number; fromRequest: boolean }

export interface ImageOptions {
  serverUrl: string
  token: string
  /** The forge serverUrl is: where an image's redirects may lead (fetch-capped.ts); absent: GitHub. */
  forge?: ForgeDialect
  limits?: ImageLimits
  fetch?: typeof fetch
}

/** The options with their defaults (the forge stays optional: absent is GitHub). */
type Settings = Required<Omit<ImageOptions, 'forge'>> & Pick<ImageOptions, 'forge'>

async function fetchImage(
  ref: ImageRef,
  options: Settings
): Promise<{ mediaType: ImageType; data: string; size: number }> {
  let bytes: Uint8Array
  try {
    bytes = await fetchCapped(ref.url, {
      serverUrl: options.serverUrl,
      token: options.token,
      maxBytes: options.limits.maxBytes,
      timeoutMs: options.limits.timeoutMs,
      accept: 'image/*',
      fetch: options.fetch,
      ...(options.forge ? { forge: options.forge } : {})
    })
  } catch (error) {
    if (error instanceof FetchRefused) throw new ImageLeftOut(error.message)
    throw error
  }
  const mediaType = sniffImageType(bytes)
  if (!mediaType) throw new ImageLeftOut('not a PNG, JPEG, GIF or WebP image')
  return { mediaType, data: Buffer.from(bytes).toString('base64'), size: bytes.byteLength }
}

/**
 * An image as the notes name it: by its address where GitHub hosts it; another host's address is anyone's text,
 * which a reader does not see and the model must not read (sanitize.ts), so it is not named.
 */
function named(ref: ImageRef, serverUrl: string): string {
  return imageHost(ref.url, serverUrl) === 'other' ? 'an image from another host' : `the image ${ref.url}`
}

/**
 * The images of the thread, at most `maxImages`: those in the request first, then the description,
 * then the newest comments; returned in conversation order.
 */
export async function loadImages(
  sources: readonly ImageSource[],
  requestIndex: number,
  options: ImageOptions
): Promise<{ images: LoadedImage[]; notes: string[] }> {
  const settings: Settings = { limits: DEFAULT_IMAGE_LIMITS, fetch: globalThis.fetch, ...options }
  const order = [requestIndex, 0, ...sources.map((_, i) => sources.length - 1 - i)].filter(
    (i, k, all) => i >= 0 && i < sources.length && all.indexOf(i) === k
  )
  const wanted: { index: number; where: string; ref: ImageRef }[] = []
  for (const index of order) {
    for (const ref of findImageRefs(sources[index]!.body, settings.serverUrl))
      wanted.push({ index, where: sources[index]!.where, ref })
  }
  const notes: string[] = []
  const chosen = wanted.slice(0, settings.limits.maxImages)
  if (wanted.length > chosen.length)
    notes.push(`${counted(wanted.length - chosen.length, 'image')}: at most ${settings.limits.maxImages} are read`)
  const results = await Promise.all(
    chosen.map(async (w) => {
      try {
        return { ...w, ...(await fetchImage(w.ref, settings)) }
      } catch (error) {
        if (!(error instanceof ImageLeftOut)) throw error
        notes.push(`${named(w.ref, settings.serverUrl)} in the ${w.where}: ${error.message}`)
        return null
      }
    })
  )
  // The total is spent in priority order, like the count.
  let total = 0
  const kept = results
    .map((r, priority) => (r ? { ...r, priority } : null))
    .filter((r) => r !== null)
    .filter((r) => {
      if (total + r.size > settings.limits.maxTotalBytes) {
        notes.push(
          `${named(r.ref, settings.serverUrl)} in the ${r.where}: the images together would exceed ${settings.limits.maxTotalBytes.toLocaleString('en-US')} bytes`
        )
        return false
      }
      total += r.size
      return true
    })
  const images = kept
    .sort((a, b) => a.index - b.index)
    .map((r): LoadedImage => ({
      where: r.where,
      url: r.ref.url,
      alt: r.ref.alt,
      mediaType: r.mediaType,
      data: r.data,
      priority: r.priority,
      size: r.size,
      fromRequest: r.index === requestIndex
    }))
  return { images, notes }
}
