// Does a new finding repeat one a maintainer dismissed? The model is told what was dismissed, but may raise it
// again; code drops what it repeats before anything is posted. Same file and similar words, wherever the lines
// moved to (a push near a finding must not bring it back); in the summary's lists, which name no file, more
// similar words, or the file named in the text. Pure.
import { linesOutsideFences } from '../../ports/fenced.ts'
import type { ProposedComment } from './anchor.ts'

export interface DecidedFinding {
  path: string
  line: number | null
  text: string
}

/** Words too common to say what a finding is about. */
const STOP = new Set(
  (
    'the a an and or but if then else this that these those there here is are was were be been being it its of to in ' +
    'on at by for from with without as into onto over under than so such not no can could would should may might ' +
    'will shall do does did done have has had you your we our they their them he she his her i me my line lines ' +
    'code file here also just only when which what who how why where more most less some any all each use used using'
  ).split(' ')
)

/** The words of a text, lower case, stemmed, without stop words and short words. */
export function wordsOf(text: string): Set<string> {
  const words = linesOutsideFences(text)
    .join('\n')
    .toLowerCase()
    .split(/[^a-z0-9_]+/)
    .map(stem)
    .filter((w) => w.length > 2 && !STOP.has(w))
  return new Set(words)
}

/** A crude stem, enough to match "files" and "file", "opening" and "opened". */
function stem(word: string): string {
  const singular = word.length > 3 && /[^s]s$/.test(word) ? word.slice(0, -1) : word
  return singular.length > 5 ? singular.replace(/(?:ing|ed)$/, '') : singular
}

/** Dice's coefficient of two word sets: 1 for the same words, 0 for none shared. */
export function similarity(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  if (!a.size || !b.size) return 0
  let shared = 0
  for (const w of a) if (b.has(w)) shared++
  return (2 * shared) / (a.size + b.size)
}

/** Similarity at which a line comment on the same file repeats a dismissed finding, anywhere in the file. */
export const SAME_FILE = 0.5
/** Lower, when it is also near the dismissed finding's line. */
export const SAME_PLACE = 0.3
export const NEAR_LINES = 15
/** For an item of the summary's lists: with the file's name in it, and without. */
export const NAMED_FILE = 0.4
export const ANY_FILE = 0.6

/** The dismissed finding a line comment repeats, if any. */
export function repeatedBy(comment: ProposedComment, decided: readonly DecidedFinding[]): DecidedFinding | null {
  const words = wordsOf(comment.body)
  for (const d of decided) {
    if (d.path !== comment.path) continue
    const score = similarity(words, wordsOf(d.text))
    const near = d.line !== null && Math.abs(d.line - comment.line) <= NEAR_LINES
    if (score >= SAME_FILE || (near && score >= SAME_PLACE)) return d
  }
  return null
}

/** The dismissed finding an item of the summary (a risk, a missing part) repeats, if any. */
export function itemRepeats(item: string, decided: readonly DecidedFinding[]): DecidedFinding | null {
  const words = wordsOf(item)
  const lower = item.toLowerCase()
  for (const d of decided) {
    const score = similarity(words, wordsOf(d.text))
    const named = lower.includes(d.path.toLowerCase()) || lower.includes(d.path.split('/').at(-1)!.toLowerCase())
    if (score >= ANY_FILE || (named && score >= NAMED_FILE)) return d
  }
  return null
}

export interface WithoutRepeats {
  comments: ProposedComment[]
  risks: string[]
  missing: string[]
  /** The dismissed findings that were repeated, each once. */
  repeated: DecidedFinding[]
  /** How many comments and list items were dropped. */
  dropped: number
}

/** The model's findings without those that repeat a dismissed one. */
export function dropRepeats(
  answer: { comments: readonly ProposedComment[]; risks: readonly string[]; missing: readonly string[] },
  decided: readonly DecidedFinding[]
): WithoutRepeats {
  const repeated = new Set<DecidedFinding>()
  let dropped = 0
  const keep = <T>(items: readonly T[], repeats: (item: T) => DecidedFinding | null): T[] =>
    items.filter((item) => {
      const d = decided.length ? repeats(item) : null
      if (!d) return true
      repeated.add(d)
      dropped++
      return false
    })
  return {
    comments: keep(answer.comments, (c) => repeatedBy(c, decided)),
    risks: keep(answer.risks, (i) => itemRepeats(i, decided)),
    missing: keep(answer.missing, (i) => itemRepeats(i, decided)),
    repeated: decided.filter((d) => repeated.has(d)),
    dropped
  }
}
