// search: lines of the repository matching a regular expression (git grep in the checkout; GitHub's code
// search without one). Matches in paths .gitbobignore hides are dropped.
import { z } from 'zod'
import { mayRead, type PathRules } from '../../ports/paths.ts'
import type { Tool } from '../../llm/tools.ts'
import { counted } from '../../plural.ts'
import type { RepositoryFiles } from '../../ports/repository.ts'
import { cutMasked, failed } from './result.ts'
import { globMatches } from './files.ts'

const searchInput = z.object({
  pattern: z.string().min(1).describe('a regular expression, e.g. "def parse_\\w+" or "TODO"'),
  paths: z.string().optional().describe('only files matching this glob, e.g. "src/**/*.py" or "*.md"'),
  ignore_case: z.boolean().optional().describe('match regardless of case'),
  max_results: z.number().int().min(1).max(200).optional().describe('the most matching lines to return (default 50)')
})

const LINE_CHARS = 300

export interface SearchToolContext {
  files: RepositoryFiles
  rules(): Promise<PathRules>
  /** Masks secrets in a long line before it is cut (the tools' own masking comes after the cut). */
  redact: (text: string) => string
}

export function searchTool(context: SearchToolContext): Tool<z.infer<typeof searchInput>> {
  return {
    name: 'search',
    description:
      'Searches the repository for lines matching a regular expression and returns them as path:line: text. Use it to find where something is defined or used.',
    input: searchInput,
    async run(input, signal) {
      try {
        new RegExp(input.pattern)
      } catch (error) {
        return failed(
          `"${input.pattern}" is not a valid regular expression: ${error instanceof Error ? error.message : String(error)}`
        )
      }
      const limit = input.max_results ?? 50
      const rules = await context.rules()
      // Asked for more than shown: some matches may fall in hidden files or outside the glob.
      const answer = await context.files.search(
        { pattern: input.pattern, ignoreCase: input.ignore_case ?? false, limit: input.paths ? limit * 5 : limit + 20 },
        signal
      )
      const matches = answer.matches.filter((m) => mayRead(m.path, rules) && globMatches(m.path, input.paths))
      const shown = matches.slice(0, limit)
      const where = input.paths ? ` in ${input.paths}` : ''
      if (!shown.length) return { text: `No lines match /${input.pattern}/${where} (${answer.how}).` }
      const lines = [
        `${counted(shown.length, 'matching line')} for /${input.pattern}/${where} (${answer.how}):`,
        ...shown.map((m) => `${m.path}:${m.line}: ${cutMasked(m.text, LINE_CHARS, context.redact)}`)
      ]
      if (matches.length > shown.length || answer.truncated)
        lines.push(`(more lines match; narrow the pattern or the paths, or raise max_results)`)
      return { text: lines.join('\n') }
    }
  }
}
