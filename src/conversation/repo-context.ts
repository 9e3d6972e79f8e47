// What the model knows of the repository: its file list, and the text of the files the conversation
// names. Read from the checked-out workspace when there is one (no API calls, adapters/git/checkout-files.ts),
// else through the API (adapters/github/repo-files.ts); both hide what .gitbobignore names.
import { posix } from 'node:path'
import { fenced } from '../ports/fenced.ts'
import type { Notes } from '../record/notes.ts'
import { counted } from '../plural.ts'
import { documentKind } from '../media/read-document.ts'
import type { PicturesOf } from './document-pictures.ts'
import type { RepoFiles } from '../ports/repository.ts'

/** Documents larger than this are not read as text. */
const MAX_DOCUMENT_BYTES = 25_000_000

/** A document in the repository as text (and its pictures, up to `maxPictures`), or the reason it is not read. */
async function documentText(
  files: RepoFiles,
  path: string,
  maxPictures: number,
  maxChars: number,
  leftOut: (note: string) => void
): Promise<{ text: string; pictures: PicturesOf | null } | { leftOut: string }> {
  const kind = documentKind(path)
  if (!kind || !files.readBytes) return { leftOut: `${path} (not a text file)` }
  const bytes = await files.readBytes(path, MAX_DOCUMENT_BYTES)
  if (bytes === 'too large')
    return { leftOut: `${path} (larger than ${MAX_DOCUMENT_BYTES.toLocaleString('en-US')} bytes)` }
  if (bytes === 'link') return { leftOut: `${path} (a symbolic link; not followed)` }
  if (bytes === null) return { leftOut: `${path} (could not be read)` }
  const { readDocument } = await import('../media/read-document.ts')
  try {
    const content = await readDocument(kind, bytes, maxPictures, maxChars)
    if (content.unread) leftOut(`${path}: ${content.unread}`)
    return {
      text: `(the text of this ${kind.toUpperCase()} file, extracted by git-bob)\n\n${content.text}`,
      pictures: content.pictures.length
        ? { document: path, where: 'in the repository', url: path, pictures: content.pictures }
        : null
    }
  } catch (error) {
    return {
      leftOut: `${path} (not readable as ${kind.toUpperCase()}: ${error instanceof Error ? error.message : String(error)})`
    }
  }
}

export interface RepoContext {
  paths: string[]
  files: { path: string; text: string }[]
}

export interface ContextLimits {
  maxListedPaths: number
  maxNamedFiles: number
  maxFileBytes: number
  maxTotalBytes: number
}

export const DEFAULT_CONTEXT_LIMITS: ContextLimits = {
  maxListedPaths: 3000,
  maxNamedFiles: 10,
  maxFileBytes: 100_000,
  maxTotalBytes: 300_000
}

const PATH_LIKE = /[A-Za-z0-9_.\-/]*[A-Za-z0-9_-]\.[A-Za-z0-9]+|[A-Za-z0-9_.-]+(?:\/[A-Za-z0-9_.-]+)+/g

/** Paths the text names: a full path from the list, or a file name that only one path has. Pure. */
export function namedPaths(text: string, paths: readonly string[]): string[] {
  const all = new Set(paths)
  const byName = new Map<string, string[]>()
  for (const p of paths) {
    const name = posix.basename(p)
    byName.set(name, [...(byName.get(name) ?? []), p])
  }
  const found: string[] = []
  for (const match of text.matchAll(PATH_LIKE)) {
    const token = match[0].replace(/^\.\//, '').replace(/^\/+/, '')
    const candidates = all.has(token) ? [token] : (byName.get(token) ?? [])
    const path = candidates.length === 1 ? candidates[0]! : null
    if (path && !found.includes(path)) found.push(path)
  }
  return found
}

/**
 * What is left out goes to the run's notes, under the files the model is shown. `maxPictures`: pictures
 * read per named document, for models that read images (0: text alone).
 */
export async function loadRepoContext(
  files: RepoFiles,
  conversation: string,
  notes: Notes,
  limits: ContextLimits = DEFAULT_CONTEXT_LIMITS,
  maxPictures = 0,
  forge = 'GitHub'
): Promise<RepoContext & { pictures: PicturesOf[] }> {
  const leftOut = (note: string): void => notes.leftOut('files', note)
  const { paths, truncated } = await files.list()
  if (truncated) leftOut(`${forge} cut the repository file list short`)
  const wanted = namedPaths(conversation, paths)
  const result: { path: string; text: string }[] = []
  const pictures: PicturesOf[] = []
  let total = 0
  for (const path of wanted) {
    if (result.length >= limits.maxNamedFiles) {
      leftOut(
        `${counted(wanted.length - result.length, 'more file')} named in the conversation (at most ${limits.maxNamedFiles} are read)`
      )
      break
    }
    let text: Awaited<ReturnType<RepoFiles['read']>>
    let found: PicturesOf | null = null
    if (documentKind(path)) {
      const document = await documentText(files, path, maxPictures, limits.maxFileBytes, leftOut)
      if ('leftOut' in document) {
        leftOut(document.leftOut)
        continue
      }
      text = document.text
      found = document.pictures
    } else text = await files.read(path, limits.maxFileBytes)
    if (typeof text === 'string' && documentKind(path) && text.length > limits.maxFileBytes) {
      leftOut(`the end of ${path} (its text is cut at ${limits.maxFileBytes.toLocaleString('en-US')} characters)`)
      text = text.slice(0, limits.maxFileBytes)
    }
    if (text === 'binary') leftOut(`${path} (not a text file)`)
    else if (text === 'too large') leftOut(`${path} (larger than ${limits.maxFileBytes.toLocaleString('en-US')} bytes)`)
    else if (text === 'link') leftOut(`${path} (a symbolic link; not followed)`)
    else if (text === null) leftOut(`${path} (could not be read)`)
    else if (total + text.length > limits.maxTotalBytes)
      leftOut(`${path} (the named files together exceed ${limits.maxTotalBytes.toLocaleString('en-US')} bytes)`)
    else {
      result.push({ path, text })
      if (found) pictures.push(found)
      total += text.length
    }
  }
  return { paths, files: result, pictures }
}

/** `leftOut`: the files left out (the run's Notes), said to the model at the end. */
export function renderRepoContext(
  context: RepoContext,
  leftOut: readonly string[] = [],
  limits: ContextLimits = DEFAULT_CONTEXT_LIMITS
): string {
  const lines = ['# Repository files', '']
  const listed = context.paths.slice(0, limits.maxListedPaths)
  lines.push(listed.length ? fenced(listed.join('\n')) : '(no files)')
  if (context.paths.length > listed.length)
    lines.push(`(${context.paths.length - listed.length} more files not listed)`)
  for (const file of context.files) lines.push('', `## Content of ${file.path}`, '', fenced(file.text))
  if (leftOut.length) lines.push('', '## Files left out', '', ...leftOut.map((n) => `- ${n}`))
  return lines.join('\n')
}
