// Finds "<bot-name> <verb>" in a comment. Pure: text in, command out.
import { readMarkdown, type MarkdownDocument } from '../markdown/document.ts'
import { decodeEntities } from '../markdown/html.ts'
//
// Grammar: the bot name (optionally @-prefixed), then a comma or white space, an optional "please",
// then one word, the verb. Case does not matter. Only rendered prose counts, as GitHub shows it: not
// quotes, code (fenced, indented, inline, <code>), nor anything a reader cannot see (HTML comments,
// link reference definitions, image alt text, titles and other attributes).
//
// "<bot-name> ask <model> to <verb> ..." runs the verb with another model; whether that model is
// allowed is decided by the caller, not here.
//
// A text too complex to parse (markdown/limits.ts) holds no command: where a command would sit in it
// cannot be known. If it addresses the bot anywhere, even in a quote or code, the answer is an unknown
// command that says why (the help explains it), so that the person is not left waiting.

export interface Verb {
  /** The canonical name, as commands are registered. */
  name: string
  aliases?: readonly string[]
}

export type Command =
  /** A registered verb: `args` is the rest of the line after the verb word; `model` when asked via "ask <model> to". */
  | { kind: 'known'; verb: string; word: string; args: string; model?: string }
  /** The bot was addressed with a word it does not know; `unreadable` says why no command could be read at all. */
  | { kind: 'unknown'; word: string; args: string; model?: string; unreadable?: string }

/** The lines of a markdown text a reader sees as the author's own prose: code and quotes blanked, hidden text left out. */
export function proseLines(markdown: string): string[] {
  return linesOf(readMarkdown(markdown))
}

function linesOf(doc: MarkdownDocument): string[] {
  const blocks = new Map<number, string>()
  for (const run of doc.runs) {
    const text = run.code || run.quote ? run.text.replace(/[^\n]/g, ' ') : run.text
    blocks.set(run.block, (blocks.get(run.block) ?? '') + text)
  }
  return [...blocks.values()].join('\n').split('\n')
}

export function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
}

function addressPattern(botName: string): RegExp {
  // The name, not part of a longer word, path or URL; a separator; optionally "please"; the verb;
  // then the arguments, up to the end of the line or the next time the bot is addressed.
  const name = escapeRegExp(botName)
  const address = `(?<![\\w/.\\-@#])@?${name}(?:\\s*,\\s*|\\s+)`
  return new RegExp(
    `${address}(?:please\\b[\\s,]*)?(?!please\\b|${name}(?![\\w-]))([a-z][a-z0-9_-]*)(.*?)(?=${address}[a-z]|$)`,
    'gi'
  )
}

/** Builds the lookup from every name and alias to the canonical verb; a verb is one entry. */
export function verbTable(verbs: readonly Verb[]): ReadonlyMap<string, string> {
  const table = new Map<string, string>()
  for (const verb of verbs) {
    for (const word of [verb.name, ...(verb.aliases ?? [])]) {
      const key = word.toLowerCase()
      const existing = table.get(key)
      if (existing && existing !== verb.name)
        throw new Error(`"${word}" is registered for both ${existing} and ${verb.name}`)
      table.set(key, verb.name)
    }
  }
  return table
}

// "ask <model> to [please] <verb> <args>": the model is one token (a trailing comma or colon is not part of it).
const ASK = /^(\S+?)[,:]?\s+to\s+(?:please\b[\s,]*)?([a-z][a-z0-9_-]*)(.*)$/i

/** Reads "ask <model> to <verb> ..."; null when the words after "ask" do not have that form. */
export function parseAsk(args: string): { model: string; word: string; args: string } | null {
  const m = ASK.exec(args)
  return m ? { model: m[1]!, word: m[2]!.toLowerCase(), args: m[3]!.trim() } : null
}

/**
 * Whether a text may address the bot at all, before any markdown is read: its name anywhere, in any case, written
 * out or spelt with escapes and character references ("&#103;it-bob"). Linear: the run asks this first, then the
 * gate, and reads the text with findCommand only once the author's permission is known. A name split by markup
 * ("git*-*bob") is not looked for: such a text starts nothing.
 */
export function mayAddress(text: string, botName: string): boolean {
  const name = botName.toLowerCase()
  if (text.toLowerCase().includes(name)) return true
  const unescaped = text.replace(/\\([!-/:-@[-`{-~])/g, '$1')
  return (text.includes('&') ? decodeEntities(unescaped).text : unescaped).toLowerCase().includes(name)
}

/**
 * "go ahead and implement this", "go ahead, review": the verb after "go ahead" is the command, not "go" (which
 * confirms an estimate and takes no words of its own). Null for anything else.
 */
function goAhead(
  args: string,
  verbs: ReadonlyMap<string, string>
): { verb: string; word: string; args: string } | null {
  const m = /^ahead\b[\s,:;-]*(?:and\s+)?(?:please\s+)?([a-z][\w-]*)(.*)$/i.exec(args)
  const word = m?.[1]?.toLowerCase()
  const verb = word === undefined ? undefined : verbs.get(word)
  return verb && verb !== 'go' ? { verb, word: word!, args: m![2]!.trim() } : null
}

/**
 * The command addressed to the bot: the first known verb in the text wins; when the text only
 * addresses the bot with words it does not know ("git-bob, why ..."), the first of those is returned
 * as unknown. Null when the bot was not asked anything.
 */
export function findCommand(markdown: string, botName: string, verbs: ReadonlyMap<string, string>): Command | null {
  const pattern = addressPattern(botName)
  const doc = readMarkdown(markdown)
  if (doc.unreadable !== null) {
    const address = new RegExp(pattern.source, 'i')
    const addressed = doc.source.split('\n').some((line) => address.test(line))
    return addressed ? { kind: 'unknown', word: '', args: '', unreadable: doc.unreadable } : null
  }
  let unknown: Command | null = null
  for (const line of linesOf(doc)) {
    for (const match of line.matchAll(pattern)) {
      const first = match[1]!.toLowerCase()
      const rest = match[2]!.trim()
      const ask = first === 'ask' && !verbs.has('ask') ? parseAsk(rest) : null
      const word = ask ? ask.word : first
      const args = ask ? ask.args : rest
      const model = ask ? { model: ask.model } : {}
      const verb = verbs.get(word)
      const ahead = verb === 'go' ? goAhead(args, verbs) : null
      if (ahead) return { kind: 'known', ...ahead, ...model }
      if (verb) return { kind: 'known', verb, word, args, ...model }
      unknown ??= { kind: 'unknown', word, args, ...model }
    }
  }
  return unknown
}

/**
 * A review requested from git-bob's own account (the bot-login input) is the "review" command; a
 * review requested from anyone else, or from a team, is not for git-bob.
 */
export function reviewRequestCommand(requestedReviewer: string | null, botLogin: string | null): Command | null {
  if (!botLogin || !requestedReviewer || requestedReviewer.toLowerCase() !== botLogin.toLowerCase()) return null
  return { kind: 'known', verb: 'review', word: 'review', args: '' }
}
