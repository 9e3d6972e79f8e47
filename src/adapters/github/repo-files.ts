// The repository at a ref through the REST API, when no checkout is present: the tree, the contents API,
// and GitHub's code search to find candidate files, whose lines are then matched with the expression.
import { mayRead, pathRules } from '../../ports/paths.ts'
import type { RepositoryFiles, SearchMatch, SearchRequest } from '../../ports/repository.ts'
import { looksBinary } from '../git/checkout-files.ts'

export interface RepositoryApi {
  tree(ref: string): Promise<{ paths: string[]; truncated: boolean }>
  fileText(path: string, ref: string): Promise<string | null>
  /** Paths of files code search finds for the words, in this repository. */
  searchCode(words: string, limit: number): Promise<string[]>
}

/** Code search reads at most this many candidate files' text to match the expression line by line. */
const CANDIDATE_FILES = 10
const CANDIDATE_BYTES = 300_000

export function apiFiles(api: RepositoryApi, ref: string): RepositoryFiles {
  const read: RepositoryFiles['read'] = async (path, maxBytes) => {
    const text = await api.fileText(path, ref)
    if (text === null) return null
    if (text.length > maxBytes) return 'too large'
    return looksBinary(text) ? 'binary' : text
  }
  return {
    origin: `the ${ref} branch (GitHub API)`,
    async list() {
      const [tree, ignore] = await Promise.all([api.tree(ref), api.fileText('.gitbobignore', ref)])
      const rules = pathRules(ignore)
      return { paths: tree.paths.filter((p) => mayRead(p, rules)), truncated: tree.truncated }
    },
    read,
    async search(request: SearchRequest) {
      const words = searchWords(request.pattern)
      if (!words)
        throw new Error(
          'without a checkout git-bob searches with GitHub code search, which needs a literal word of 3 or more characters in the expression'
        )
      const paths = await api.searchCode(words, CANDIDATE_FILES)
      const expression = new RegExp(request.pattern, request.ignoreCase ? 'i' : '')
      const matches: SearchMatch[] = []
      let truncated = false
      for (const path of paths) {
        const text = await read(path, CANDIDATE_BYTES)
        if (typeof text !== 'string' || text === 'binary' || text === 'too large') continue
        text.split('\n').forEach((line, i) => {
          if (!expression.test(line)) return
          if (matches.length >= request.limit) truncated = true
          else matches.push({ path, line: i + 1, text: line })
        })
      }
      const how = `GitHub code search for "${words}" on the ${ref} branch (words, not expressions; ${paths.length} candidate files matched line by line)`
      return { matches, truncated: truncated || paths.length >= CANDIDATE_FILES, how }
    }
  }
}

/** The longest literal run of an expression, for code search (which has no regular expressions). Pure. */
export function searchWords(pattern: string): string | null {
  const literal = pattern
    // every escape (\d, \., \b) ends a literal run; code search splits words at punctuation anyway
    .replace(/\\./g, '|')
    .split(/[.*+?()[\]{}|^$]+/)
    .map((part) => part.trim())
    .sort((a, b) => b.length - a.length)[0]
  return literal && literal.length >= 3 ? literal.replace(/"/g, '') : null
}
