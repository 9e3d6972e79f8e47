// list_files and read_file: the repository's paths by glob, and a file's lines (a notebook as its cells,
// without outputs). Paths .gitbobignore hides are never listed or read; the caps say where they cut.
import { matchesGlob, posix } from 'node:path'
import { z } from 'zod'
import { mayRead, type PathRules } from '../../ports/paths.ts'
import { cellsOf, describeCells, parseNotebook } from '../../ports/notebook.ts'
import type { Tool } from '../../llm/tools.ts'
import { counted } from '../../plural.ts'
import { charsFor } from '../tokens.ts'
import type { RepositoryFiles } from '../../ports/repository.ts'
import { failed } from './result.ts'

export interface FileToolLimits {
  /** The most paths one list_files answer names. */
  maxListed: number
  /** Files larger than this are not read at all. */
  maxFileBytes: number
  /** The most tokens a result may take (its lines stop there, with a note to read on). */
  maxTokens: number
}

export interface FileToolContext {
  files: RepositoryFiles
  /** The .gitbobignore rules, read once. */
  rules(): Promise<PathRules>
  limits: FileToolLimits
  /** The forge's name, as the results say what it cut short (absent: GitHub). */
  forge?: string
}

const listInput = z.object({
  pattern: z
    .string()
    .optional()
    .describe('a glob such as "src/**/*.ts"; without a "/" it matches file names at any depth ("*.py"); omit for all'),
  limit: z.number().int().min(1).max(1000).optional().describe('the most paths to list')
})

/** Whether a path matches the model's glob; a pattern without "/" matches names at any depth. Pure. */
export function globMatches(path: string, pattern: string | undefined): boolean {
  const glob = pattern?.trim().replace(/^\.\//, '')
  if (!glob || glob === '**' || glob === '**/*' || (glob === '*' && !path.includes('/'))) return true
  if (!glob.includes('/')) return matchesGlob(posix.basename(path), glob)
  return matchesGlob(path, glob) || matchesGlob(path, `${glob.replace(/\/+$/, '')}/**`)
}

export function listFilesTool(context: FileToolContext): Tool<z.infer<typeof listInput>> {
  return {
    name: 'list_files',
    description:
      "Lists the repository's file paths that match a glob (all files without one). Use it to find where code lives before reading it.",
    input: listInput,
    async run(input) {
      const [{ paths, truncated }, rules] = await Promise.all([context.files.list(), context.rules()])
      const limit = Math.min(input.limit ?? context.limits.maxListed, context.limits.maxListed)
      const matching = paths.filter((p) => mayRead(p, rules) && globMatches(p, input.pattern)).sort()
      const what = input.pattern ? `matching "${input.pattern}"` : 'in the repository'
      if (!matching.length)
        return {
          text: `No files ${what} (${context.files.origin}).${truncated ? ` ${context.forge ?? 'GitHub'} cut the file list short.` : ''}`
        }
      const shown = matching.slice(0, limit)
      const lines = [`${counted(matching.length, 'file')} ${what} (${context.files.origin}):`, ...shown]
      if (matching.length > shown.length)
        lines.push(`(${matching.length - shown.length} more not listed; narrow the pattern)`)
      if (truncated)
        lines.push(`(${context.forge ?? 'GitHub'} cut the repository file list short; some files may be missing)`)
      return { text: lines.join('\n') }
    }
  }
}

const readInput = z.object({
  path: z.string().min(1).describe('the file path from the repository root, as list_files shows it'),
  start_line: z.number().int().min(1).optional().describe('the first line to read (1-based); default 1'),
  end_line: z.number().int().min(1).optional().describe('the last line to read (inclusive); default: as far as fits')
})

/** A path the model wrote, as the repository lists it. Pure. */
export function cleanPath(raw: string): string {
  return posix
    .normalize(raw.trim().replace(/\\/g, '/'))
    .replace(/^(\.\/)+/, '')
    .replace(/^\/+/, '')
}

export function readFileTool(context: FileToolContext): Tool<z.infer<typeof readInput>> {
  const { limits } = context
  return {
    name: 'read_file',
    description:
      'Reads a text file of the repository with line numbers, optionally only lines start_line to end_line. A Jupyter notebook is shown as its cells without outputs. Long files are cut; read on with start_line.',
    input: readInput,
    async run(input) {
      const path = cleanPath(input.path)
      if (path === '.' || path === '..' || path.startsWith('../'))
        return failed(`${input.path} is outside the repository.`)
      if (!mayRead(path, await context.rules()))
        return failed(
          `${path} is not readable: the repository's .gitbobignore hides it from git-bob (or it is in .git).`
        )
      const content = await context.files.read(path, limits.maxFileBytes)
      if (content === 'binary') return failed(`${path} is a binary file; git-bob reads text files only.`)
      if (content === 'too large')
        return failed(
          `${path} is larger than ${limits.maxFileBytes.toLocaleString('en-US')} bytes; git-bob does not read it. Use search to find the lines you need.`
        )
      if (content === 'link') return failed(`${path} is a symbolic link; git-bob does not follow links.`)
      if (content === null) return failed(await notFound(path, context))
      const text = asText(path, content)
      return { text: numbered(path, text, input.start_line, input.end_line, limits.maxTokens, context.files.origin) }
    }
  }
}

/** A notebook as its cells without outputs; anything else as it is. */
function asText(path: string, content: string): string {
  if (!path.toLowerCase().endsWith('.ipynb')) return content
  const parsed = parseNotebook(content)
  return parsed.ok ? describeCells(cellsOf(parsed.notebook)) : content
}

/** The lines asked for, numbered, as many as fit the token cap; says where to read on. Pure. */
export function numbered(
  path: string,
  text: string,
  start: number | undefined,
  end: number | undefined,
  maxTokens: number,
  origin: string
): string {
  const lines = text.replace(/\r\n?/g, '\n').replace(/\n$/, '').split('\n')
  const total = text ? lines.length : 0
  const first = start ?? 1
  if (first > Math.max(total, 1)) return `${path} has ${counted(total, 'line')}; there is no line ${first}.`
  const last = Math.min(end ?? total, total)
  const room = charsFor(maxTokens) - 300
  const out: string[] = []
  let used = 0
  let shownTo = first - 1
  for (let n = first; n <= last; n++) {
    const line = `${n}: ${lines[n - 1]}`
    if (used + line.length + 1 > room && out.length) break
    out.push(line)
    used += line.length + 1
    shownTo = n
  }
  const range =
    first === 1 && shownTo === total ? `all ${counted(total, 'line')}` : `lines ${first}-${shownTo} of ${total}`
  const header = `${path} (${range}, from ${origin}; line numbers added):`
  const more = shownTo < last ? `\n[cut at line ${shownTo} to fit; read on with start_line ${shownTo + 1}]` : ''
  return `${header}\n${out.join('\n')}${more}`
}

async function notFound(path: string, context: FileToolContext): Promise<string> {
  const { paths } = await context.files.list().catch(() => ({ paths: [] as string[] }))
  const rules = await context.rules()
  const name = posix.basename(path).toLowerCase()
  const similar = paths.filter((p) => posix.basename(p).toLowerCase() === name && mayRead(p, rules)).slice(0, 5)
  const hint = similar.length ? ` Files with that name: ${similar.join(', ')}.` : ' Use list_files to see the paths.'
  return `There is no file ${path} in ${context.files.origin}.${hint}`
}
