// Finds "<bot-name> <verb>" in a comment. Pure: text in, command out.
//
// Grammar: the bot name (optionally @-prefixed), then a comma or white space, an optional "please",
// then one word, the verb. Case does not matter. Text a person did not write as a request does not
// count: quoted lines ("> ..."), fenced code blocks, inline code and hidden HTML comments.

export interface Verb {
  /** The canonical name, as commands are registered. */
  name: string
  aliases?: readonly string[]
}

export type Command =
  /** A registered verb: `args` is the rest of the line after the verb word. */
  | { kind: 'known'; verb: string; word: string; args: string }
  /** The bot was addressed with a word it does not know. */
  | { kind: 'unknown'; word: string; args: string }

const FENCE = /^ {0,3}(`{3,}|~{3,})/
const QUOTE = /^\s*>/
const HTML_COMMENT = /<!--[\s\S]*?(?:-->|$)/g
const INLINE_CODE = /(`+)(?!`)[\s\S]*?(?<!`)\1(?!`)/g

/** The lines of a markdown text a reader sees as the author's own prose. */
export function proseLines(markdown: string): string[] {
  const lines = markdown.replace(/\r\n?/g, '\n').replace(HTML_COMMENT, '').split('\n')
  const prose: string[] = []
  let fence: { char: string; length: number } | null = null
  for (const line of lines) {
    const opening = FENCE.exec(line)
    if (fence) {
      // A closing fence uses the same character, at least as many times, and nothing after it.
      if (opening && opening[1]![0] === fence.char && opening[1]!.length >= fence.length && !line.trim().slice(opening[1]!.length)) {
        fence = null
      }
      continue
    }
    if (opening) {
      fence = { char: opening[1]![0]!, length: opening[1]!.length }
      continue
    }
    if (QUOTE.test(line)) continue
    prose.push(line.replace(INLINE_CODE, ' '))
  }
  return prose
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
}

function addressPattern(botName: string): RegExp {
  // The name, not part of a longer word, path or URL; a separator; optionally "please"; the verb;
  // then the arguments, up to the end of the line or the next time the bot is addressed.
  const address = `(?<![\\w/.\\-])@?${escapeRegExp(botName)}`
  return new RegExp(`${address}(?:\\s*,\\s*|\\s+)(?:please\\b[\\s,]*)?(?!please\\b)([a-z][a-z0-9_-]*)(.*?)(?=${address}(?![\\w-])|$)`, 'gi')
}

/** Builds the lookup from every name and alias to the canonical verb; a verb is one entry. */
export function verbTable(verbs: readonly Verb[]): ReadonlyMap<string, string> {
  const table = new Map<string, string>()
  for (const verb of verbs) {
    for (const word of [verb.name, ...(verb.aliases ?? [])]) {
      const key = word.toLowerCase()
      const existing = table.get(key)
      if (existing && existing !== verb.name) throw new Error(`"${word}" is registered for both ${existing} and ${verb.name}`)
      table.set(key, verb.name)
    }
  }
  return table
}

/**
 * The command addressed to the bot: the first known verb in the text wins; when the text only
 * addresses the bot with words it does not know ("git-bob, why ..."), the first of those is returned
 * as unknown. Null when the bot was not asked anything.
 */
export function findCommand(markdown: string, botName: string, verbs: ReadonlyMap<string, string>): Command | null {
  const pattern = addressPattern(botName)
  let unknown: Command | null = null
  for (const line of proseLines(markdown)) {
    for (const match of line.matchAll(pattern)) {
      const word = match[1]!.toLowerCase()
      const args = match[2]!.trim()
      const verb = verbs.get(word)
      if (verb) return { kind: 'known', verb, word, args }
      unknown ??= { kind: 'unknown', word, args }
    }
  }
  return unknown
}

/**
 * A review requested from git-bob's own account (the bot-login input) is the "review" command; a
 * review requested from anyone else, or from a team, is not for git-bob.
 */
export function reviewRequestCommand(requestedReviewer: string | null | undefined, botLogin: string | null): Command | null {
  if (!botLogin || !requestedReviewer || requestedReviewer.toLowerCase() !== botLogin.toLowerCase()) return null
  return { kind: 'known', verb: 'review', word: 'review', args: '' }
}
