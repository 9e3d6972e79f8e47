// The read_file tool: a file of the repository (the checkout, else the default branch through the API),
// by lines, numbered, capped and masked. Only paths the file list shows may be read, so .gitbobignore
// hides the same files from the tool as from the prompt.
import { z } from 'zod'
import type { Tool } from '../../llm/tools.ts'
import type { RepoFiles } from '../repo-context.ts'

const MAX_BYTES = 1_000_000
const MAX_LINES = 400
const MAX_CHARS = 16_000

const input = z.object({
  path: z.string().min(1).describe('The path from the repository root, as the file list shows it.'),
  start_line: z.number().int().min(1).optional().describe('The first line to read (1 when left out).'),
  end_line: z.number().int().min(1).optional().describe(`The last line to read (at most ${MAX_LINES} lines at once).`)
})

/** `known`: the visible paths when already listed (through the API, no second listing); else listed on first use. */
export function readRepoFileTool(
  files: RepoFiles,
  redact: (text: string) => string,
  known?: readonly string[]
): Tool<z.infer<typeof input>> {
  let listed: Promise<Set<string>> | null = known ? Promise.resolve(new Set(known)) : null
  return {
    name: 'read_file',
    description: `Reads a text file of the repository (${files.origin}), with line numbers, ${MAX_LINES} lines at a time.`,
    input,
    async run({ path, start_line, end_line }) {
      listed ??= files.list().then((l) => new Set(l.paths))
      const clean = path.replace(/^\.?\//, '')
      if (!(await listed).has(clean))
        return { text: `${clean} is not a file of the repository, or it may not be read.`, isError: true }
      const text = await files.read(clean, MAX_BYTES)
      if (text === null || text === 'binary' || text === 'too large' || text === 'link') {
        const why = text === null ? 'could not be read' : text === 'link' ? 'is a symbolic link' : `is ${text}`
        return { text: `${clean} ${why}.`, isError: true }
      }
      const lines = text.split('\n')
      const first = Math.min(start_line ?? 1, lines.length)
      const last = Math.min(end_line ?? first + MAX_LINES - 1, first + MAX_LINES - 1, lines.length)
      let shown = ''
      let to = first - 1
      for (let i = first; i <= last; i++) {
        const line = `${i}: ${lines[i - 1]}\n`
        if (shown.length + line.length > MAX_CHARS) break
        shown += line
        to = i
      }
      const more = to < lines.length ? `\n[lines ${to + 1} to ${lines.length} not shown; ask with start_line]` : ''
      return { text: redact(`${clean}, lines ${first} to ${to} of ${lines.length}:\n${shown}${more}`) }
    }
  }
}
