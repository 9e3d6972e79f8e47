// Documents people attach in the thread (Word, PowerPoint, Excel, PDF) reach the model as text. Only
// files GitHub hosts are fetched (fetch-capped.ts: the token only to the GitHub server); size, count
// and the text's length are limited, and whatever is left out is named in a note.
import { fetchCapped } from '../adapters/github/fetch-capped.ts'
import { FetchRefused } from '../errors.ts'
import { documentKind, type DocumentContent, type DocumentKind } from '../media/read-document.ts'
import { imageHost } from '../ports/hosts.ts'
import type { ForgeDialect } from '../ports/forge.ts'
import type { PicturesOf } from './document-pictures.ts'
import type { ImageSource } from './images.ts'
import type { ThreadDocument } from './thread.ts'

export interface DocumentLimits {
  maxDocuments: number
  maxBytes: number
  /** Characters of text per document, and for all together. */
  maxChars: number
  maxTotalChars: number
  timeoutMs: number
}

export const DEFAULT_DOCUMENT_LIMITS: DocumentLimits = {
  maxDocuments: 5,
  maxBytes: 25_000_000,
  maxChars: 60_000,
  maxTotalChars: 150_000,
  timeoutMs: 30_000
}

const LINK = /https?:\/\/[^\s<>()"'`\]]+/g

/** The last segment of a link's path, decoded; as written when it is not valid percent-encoding. */
function fileName(url: string): string {
  const last = new URL(url).pathname.split('/').at(-1) ?? ''
  try {
    return decodeURIComponent(last)
  } catch {
    return last
  }
}

/** Links to documents on GitHub's own hosts, in order, each once. Pure. */
export function findDocumentLinks(
  body: string,
  serverUrl: string
): { url: string; name: string; kind: DocumentKind }[] {
  const found: { url: string; name: string; kind: DocumentKind }[] = []
  for (const match of body.matchAll(LINK)) {
    const url = match[0].replace(/[.,;:!?]+$/, '')
    if (imageHost(url, serverUrl) === 'other') continue
    const name = fileName(url)
    const kind = documentKind(name)
    if (kind && !found.some((f) => f.url === url)) found.push({ url, name, kind })
  }
  return found
}

export interface DocumentOptions {
  serverUrl: string
  token: string
  /** The forge serverUrl is: where a document's redirects may lead (fetch-capped.ts); absent: GitHub. */
  forge?: ForgeDialect
  limits?: DocumentLimits
  fetch?: typeof fetch
  /** Pictures read per document, for models that read images; 0 (the default): text alone. */
  maxPictures?: number
  /** The request among the sources: its documents are marked, so the budget leaves them out last. */
  requestIndex?: number
}

type WantedDocument = ReturnType<typeof findDocumentLinks>[number] & { where: string; fromRequest: boolean }
type ReadDocument = typeof import('../media/read-document.ts').readDocument

/** What the documents read so far give: their text, their pictures, and the notes on what is left out. */
interface Loaded {
  documents: ThreadDocument[]
  pictures: PicturesOf[]
  notes: string[]
}

/** Every document linked in the sources, in order, with where it was linked. */
function wantedDocuments(sources: readonly ImageSource[], options: DocumentOptions): WantedDocument[] {
  return sources.flatMap((s, i) =>
    findDocumentLinks(s.body, options.serverUrl).map((d) => ({
      ...d,
      where: s.where,
      fromRequest: i === options.requestIndex
    }))
  )
}

/** The document fetched and read, or null with a note saying why not. */
async function fetchAndRead(
  doc: WantedDocument,
  options: DocumentOptions,
  limits: DocumentLimits,
  readDocument: ReadDocument,
  notes: string[]
): Promise<DocumentContent | null> {
  try {
    const bytes = await fetchCapped(doc.url, {
      serverUrl: options.serverUrl,
      token: options.token,
      maxBytes: limits.maxBytes,
      timeoutMs: limits.timeoutMs,
      fetch: options.fetch ?? globalThis.fetch,
      ...(options.forge ? { forge: options.forge } : {})
    })
    return await readDocument(doc.kind, bytes, options.maxPictures ?? 0, limits.maxChars)
  } catch (error) {
    const reason =
      error instanceof FetchRefused
        ? error.message
        : `it could not be read as ${doc.kind.toUpperCase()} (${error instanceof Error ? error.message : String(error)})`
    notes.push(`the document ${doc.name} in the ${doc.where}: ${reason}`)
    return null
  }
}

/** The document's text, cut at the limit (with a note) and kept while the documents together fit. */
function keep(doc: WantedDocument, content: DocumentContent, limits: DocumentLimits, loaded: Loaded): void {
  let text = content.text
  if (text.length > limits.maxChars) {
    loaded.notes.push(
      `the end of the document ${doc.name} (its text is cut at ${limits.maxChars.toLocaleString('en-US')} characters)`
    )
    text = text.slice(0, limits.maxChars)
  }
  const total = loaded.documents.reduce((sum, d) => sum + d.text.length, 0)
  if (total + text.length > limits.maxTotalChars) {
    loaded.notes.push(`the document ${doc.name} in the ${doc.where}: the documents together would be too long`)
    return
  }
  loaded.documents.push({
    where: doc.where,
    name: doc.name,
    url: doc.url,
    text,
    ...(doc.fromRequest ? { fromRequest: true } : {})
  })
  if (content.unread) loaded.notes.push(`the document ${doc.name} in the ${doc.where}: ${content.unread}`)
  if (content.pictures.length)
    loaded.pictures.push({
      document: doc.name,
      where: `attached in the ${doc.where}`,
      url: doc.url,
      pictures: content.pictures
    })
}

/** The text of the documents linked in the thread, oldest first, and their pictures when asked. */
export async function loadDocuments(
  sources: readonly ImageSource[],
  options: DocumentOptions
): Promise<{ documents: ThreadDocument[]; pictures: PicturesOf[]; notes: string[] }> {
  const limits = options.limits ?? DEFAULT_DOCUMENT_LIMITS
  const wanted = wantedDocuments(sources, options)
  const loaded: Loaded = { documents: [], pictures: [], notes: [] }
  const chosen = wanted.slice(0, limits.maxDocuments)
  if (wanted.length > chosen.length)
    loaded.notes.push(
      `${wanted.length - chosen.length} more attached documents: at most ${limits.maxDocuments} are read`
    )
  if (!chosen.length) return loaded
  const { readDocument } = await import('../media/read-document.ts')
  for (const doc of chosen) {
    const content = await fetchAndRead(doc, options, limits, readDocument, loaded.notes)
    if (content) keep(doc, content, limits, loaded)
  }
  return loaded
}
