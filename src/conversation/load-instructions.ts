// The repository's instruction files, read from the default branch and never from a pull request's head (an
// outsider's pull request could rewrite them): one listing of the branch's tree, then the files it names that
// apply to the request, fitted into their share of the prompt budget (budget.ts).
import type { InstructionSource } from '../config.ts'
import { fitInstructions } from './budget.ts'
import { applies, candidates, splitReviewSections, type Candidate, type InstructionText } from './instructions.ts'

/** What is read of GitHub: the GitHub port's two reads. */
export interface InstructionReader {
  tree(ref: string): Promise<{ paths: string[]; truncated: boolean }>
  fileText(path: string, ref: string): Promise<string | null>
}

export interface InstructionRequest {
  /** The default branch. */
  ref: string
  /** The files the request touches: a pull request's changed files, or those the thread names. */
  touched: Promise<readonly string[]>
  sources: readonly InstructionSource[]
  instructionsFile: string
  maxTokens: number
}

export interface LoadedInstructions {
  files: InstructionText[]
  /** What did not fit, in words for the notes. */
  leftOut: string[]
  /** Why the tree could not be listed, if it could not (the fixed paths were read anyway). */
  problem: string | null
}

export async function loadInstructions(
  api: InstructionReader,
  request: InstructionRequest
): Promise<LoadedInstructions> {
  const { ref } = request
  let problem: string | null = null
  const tree = await api.tree(ref).then(
    (t) => ({ paths: t.paths, complete: !t.truncated }),
    (error: unknown) => {
      problem = `the files of ${ref} could not be listed (${error instanceof Error ? error.message : String(error)})`
      return { paths: [], complete: false }
    }
  )
  const touched = await request.touched
  const chosen = candidates(tree, touched, request.sources, request.instructionsFile)
  const texts = await Promise.all(chosen.map(async (c) => ({ c, text: await api.fileText(c.path, ref) })))
  const read = texts.filter((t): t is { c: Candidate; text: string } => t.text !== null && t.text.trim() !== '')
  // The YAML library comes with the first scoped file (it is loaded where it is first used).
  const frontMatter = read.some((t) => t.c.role === 'scoped') ? await import('./front-matter.ts') : null
  const files = read.flatMap(({ c, text }): InstructionText[] => {
    let body = text
    if (c.role === 'scoped' && frontMatter) {
      const front = frontMatter.readFrontMatter(text)
      if (!applies(front.applyTo, touched)) return []
      body = front.body
    }
    const { general, review } = splitReviewSections(body)
    return general || review ? [{ path: c.path, general, review, trimmed: false }] : []
  })
  const fitted = fitInstructions(files, request.maxTokens)
  return { files: fitted.kept, leftOut: fitted.leftOut, problem }
}
