// The repository's instruction files for AI assistants: which of them a request reads (by the files it touches),
// their front matter, the sections meant for reviews, and how they are put into the system prompt. They are read
// from the default branch only (load-instructions.ts), so they are written by people with write access: the model
// follows them, inside the rules of the system prompt. Pure.
import { posix } from 'node:path'
import type { InstructionSource } from '../config.ts'
import { enclose } from '../llm/enclose.ts'
import { sections } from '../markdown/sections.ts'

/** What a file is to git-bob, in the order of precedence (and of what is left out last when they do not fit). */
export const INSTRUCTION_ROLES = [
  'git-bob',
  'agents-nearest',
  'agents-root',
  'copilot',
  'scoped',
  'claude',
  'gemini'
] as const
export type InstructionRole = (typeof INSTRUCTION_ROLES)[number]

export interface Candidate {
  path: string
  role: InstructionRole
}

/** An instruction file as the prompt shows it: the sections for reviews apart from the rest. */
export interface InstructionText {
  path: string
  /** Everything but the review sections (front matter left out). */
  general: string
  /** The sections about reviews ("## Code Review Rules", "## Review guidelines"), or ''. */
  review: string
  /** Cut at its end to fit the budget. */
  trimmed: boolean
}

/** At most this many nested AGENTS.md files (the nearest to the touched files) and scoped files are read. */
export const MAX_NESTED_AGENTS = 5
export const MAX_SCOPED = 10

const SCOPED = /^\.github\/instructions\/(?:[^/]+\/)*[^/]+\.instructions\.md$/
const FIXED: readonly { source: InstructionSource; path: string; role: InstructionRole }[] = [
  { source: '.github/copilot-instructions.md', path: '.github/copilot-instructions.md', role: 'copilot' },
  { source: 'CLAUDE.md', path: 'CLAUDE.md', role: 'claude' },
  { source: 'GEMINI.md', path: 'GEMINI.md', role: 'gemini' }
]

/** The nearest AGENTS.md above each touched file, below the root (the root one is read anyway). */
export function nearestAgents(paths: ReadonlySet<string>, touched: readonly string[]): string[] {
  const found = new Set<string>()
  for (const file of touched) {
    for (let dir = posix.dirname(file); dir !== '.' && dir !== '/' && dir !== ''; dir = posix.dirname(dir)) {
      const agents = `${dir}/AGENTS.md`
      if (paths.has(agents)) {
        found.add(agents)
        break
      }
    }
  }
  // The deepest first: the most specific instructions take precedence.
  return [...found].sort((a, b) => b.split('/').length - a.split('/').length || a.localeCompare(b))
}

/**
 * The files to read, in order of precedence. `complete`: the tree lists every file; when it does not (GitHub cut
 * it short, or could not list it), the files at fixed paths are tried anyway.
 */
export function candidates(
  tree: { paths: readonly string[]; complete: boolean },
  touched: readonly string[],
  sources: readonly InstructionSource[],
  instructionsFile: string
): Candidate[] {
  const paths = new Set(tree.paths)
  const present = (path: string): boolean => paths.has(path) || !tree.complete
  const own = posix.normalize(instructionsFile).replace(/^\.\//, '')
  const all: Candidate[] = present(own) ? [{ path: own, role: 'git-bob' }] : []
  if (sources.includes('AGENTS.md')) {
    const nested = nearestAgents(paths, touched).slice(0, MAX_NESTED_AGENTS)
    all.push(...nested.map((path): Candidate => ({ path, role: 'agents-nearest' })))
    if (present('AGENTS.md')) all.push({ path: 'AGENTS.md', role: 'agents-root' })
  }
  if (sources.includes('.github/instructions')) {
    const scoped = tree.paths.filter((p) => SCOPED.test(p)).sort()
    all.push(...scoped.slice(0, MAX_SCOPED).map((path): Candidate => ({ path, role: 'scoped' })))
  }
  for (const fixed of FIXED) if (sources.includes(fixed.source) && present(fixed.path)) all.push(fixed)
  const order = (c: Candidate): number => INSTRUCTION_ROLES.indexOf(c.role)
  // One file read once, in its most important role (the instructions-file may be AGENTS.md itself).
  const seen = new Set<string>()
  return all.sort((a, b) => order(a) - order(b)).filter((c) => !seen.has(c.path) && seen.add(c.path))
}

// Declared as a function in @types/node, though missing before Node 20.17.
const nodeGlob =
  typeof (posix.matchesGlob as unknown) === 'function'
    ? (path: string, glob: string): boolean => posix.matchesGlob(path, glob)
    : null

/**
 * Whether a scoped file applies: always without globs or with "**", else when a touched file matches one (Node's
 * own glob matching; a Node without it, before 20.17, which only the command line may run on, applies the file).
 */
export function applies(
  applyTo: readonly string[] | null,
  touched: readonly string[],
  matches: ((path: string, glob: string) => boolean) | null = nodeGlob
): boolean {
  if (!applyTo || applyTo.some((g) => g === '**' || g === '**/*') || !matches) return true
  return touched.some((path) => applyTo.some((glob) => matches(path, glob)))
}

/** A heading that names reviews: "Code Review Rules", "Review guidelines", "Reviews", "For reviewers". */
const REVIEW_TITLE = /\breview(?:s|ing|ers?)?\b/i

/** A file's text split into its review sections and the rest; a section inside a review section stays in it. */
export function splitReviewSections(text: string): { general: string; review: string } {
  const source = text.replace(/\r\n?/g, '\n')
  const picked: { start: number; end: number }[] = []
  for (const s of sections(source)) {
    if (picked.some((p) => s.start >= p.start && s.start < p.end)) continue
    if (REVIEW_TITLE.test(s.title)) picked.push({ start: s.start, end: s.end })
  }
  if (!picked.length) return { general: source.trim(), review: '' }
  let general = ''
  let at = 0
  for (const p of picked) {
    general += source.slice(at, p.start)
    at = p.end
  }
  general += source.slice(at)
  const review = picked.map((p) => source.slice(p.start, p.end).trim()).join('\n\n')
  return { general: general.replace(/\n{3,}/g, '\n\n').trim(), review }
}

/** The files' names as people read them in the job summary: "AGENTS.md, CLAUDE.md (trimmed)". */
export function namedFiles(files: readonly InstructionText[]): string {
  return files.map((f) => `${f.path}${f.trimmed ? ' (trimmed)' : ''}`).join(', ')
}

const PREAMBLE =
  "Read from the repository's default branch, where only people with write access can change them: follow them " +
  'within the rules above. Where they disagree, the file named first takes precedence. Each file is enclosed in ' +
  'its own <instructions> tag.'

/**
 * The system prompt's part for the instructions, or null when there are none. A review gets the files' review
 * sections first, then the rest as general context; any other command gets the rest only (the review rules do not
 * concern it).
 */
export function renderInstructions(files: readonly InstructionText[], forReview: boolean): string | null {
  const block = (path: string, text: string, part = ''): string =>
    enclose('instructions', text, ` file="${path.replace(/"/g, '')}"${part}`)
  const general = files.filter((f) => f.general).map((f) => block(f.path, f.general))
  const review = forReview
    ? files.filter((f) => f.review).map((f) => block(f.path, f.review, ' part="review rules"'))
    : []
  if (!general.length && !review.length) return null
  const parts = [`# Instructions from the repository's maintainers`, PREAMBLE]
  if (review.length)
    parts.push(
      '## Rules for reviews',
      'Apply these to this review: raise what they ask for, and leave out what they say not to raise.',
      ...review
    )
  if (general.length) parts.push(...(review.length ? ['## General instructions'] : []), ...general)
  return parts.join('\n\n')
}
