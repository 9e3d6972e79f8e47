// Does a reply under one of git-bob's findings say the finding is not to be acted on ("not an issue", "won't
// fix", "intended", "we keep it")? Conservative on purpose: a missed dismissal costs one repeated comment, a
// wrong one hides a finding for the rest of the pull request. So a reply counts only when a phrase below is in
// its own prose (not in a quote or code), is not negated ("not intended", "isn't by design"), and nothing in it
// agrees with the finding ("good catch", "will fix", "fixed", "you're right"), and a question decides nothing. Pure.
import { linesOutsideFences } from '../../ports/fenced.ts'

/** The phrases, each with the words it is reported as. */
const DISMISSING: readonly { pattern: RegExp; says: string }[] = [
  { pattern: /\bnot (?:an? )?(?:real )?(?:issue|problem|bug|concern)\b/, says: 'not an issue' },
  { pattern: /\b(?:isn't|is not|not really) (?:an? )?(?:issue|problem|bug|concern)\b/, says: 'not an issue' },
  { pattern: /\bno (?:issue|problem) here\b/, says: 'not an issue' },
  { pattern: /\bfalse (?:positive|alarm)\b/, says: 'a false positive' },
  { pattern: /\b(?:won't|wont|will not|not going to|shan't) (?:fix|change)\b|\bwontfix\b/, says: "won't fix" },
  {
    pattern: /\b(?:intended|intentional(?:ly)?|deliberate(?:ly)?|by design|on purpose|as designed)\b/,
    says: 'intended'
  },
  {
    pattern: /\b(?:we|i|i'll|we'll|let's) (?:want to |will |would like to )?keep (?:it|this|that|them)\b/,
    says: 'keep it'
  },
  { pattern: /\bkeep(?:ing)? (?:it|this|that|them) (?:as (?:it is|is)|this way|like this)\b/, says: 'keep it' },
  { pattern: /\bleave (?:it|this|that) (?:as (?:it is|is)|alone|this way|like this)\b/, says: 'keep it' },
  { pattern: /\b(?:please )?ignore (?:this|that|it)\b/, says: 'ignore it' }
]

/** Words right before a phrase that turn it around: "not intended", "never by design". */
const NEGATED_BEFORE = /\b(?:not|never|isn't|wasn't|aren't|don't|doesn't|shouldn't|no longer|hardly)\s*$/

/** Words that agree with the finding: the reply then is no dismissal, whatever else it says. */
const AGREEING =
  /\b(?:good (?:catch|point|find)|nice catch|you'?re right|fair point|agreed|will fix|i'll fix|we'll fix|fixed (?:it|this|in)|fixing (?:it|this)|should (?:be )?fix|is a (?:real )?bug|not intended|unintended|unintentional)\b/

/** The prose of a reply: fenced code blocks, quoted lines and inline code removed, lower case, one kind of apostrophe. */
function prose(text: string): string {
  return linesOutsideFences(text)
    .filter((line) => !/^\s*>/.test(line))
    .join('\n')
    .replace(/`[^`\n]*`/g, ' ')
    .replace(/[\u2018\u2019\u02BC]/g, "'")
    .toLowerCase()
}

/** The phrases once more, each searching a whole sentence (compiled once, not per sentence). */
const DISMISSING_ALL = DISMISSING.map(({ pattern, says }) => ({ pattern: new RegExp(pattern.source, 'g'), says }))

/** How much of a reply is read: a dismissal says so in its first lines, and a longer text costs only time. */
const READ_CHARS = 4_000

/** What the reply says in words ("won't fix", "intended", ...) when it dismisses the finding; otherwise null. */
export function dismissalIn(reply: string): string | null {
  const text = prose(reply.slice(0, READ_CHARS))
  if (AGREEING.test(text)) return null
  // A question ("is this intended?") decides nothing.
  const statements = (text.match(/[^.!?\n]+[.!?]*/g) ?? []).filter((s) => !s.trim().endsWith('?'))
  for (const { pattern, says } of DISMISSING_ALL) {
    for (const sentence of statements) {
      for (const m of sentence.matchAll(pattern)) {
        if (!NEGATED_BEFORE.test(sentence.slice(Math.max(0, m.index - 12), m.index))) return says
      }
    }
  }
  return null
}
