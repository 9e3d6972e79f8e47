// Makes text that git-bob writes into new issues (titles and bodies proposed by the model) unable to
// start git-bob: "git-bob implement" in a sub-issue must not start an implementation when someone
// opens, copies or edits it. Pure.
//
// Every place where the bot is addressed in rendered prose is wrapped in inline code (`git-bob`), which
// the trigger grammar ignores and a reader still understands. The result is checked with the very
// parser that starts git-bob (findCommand); should odd markdown (a lone backtick that pairs with an
// inserted one) still let an address through, a zero-width space goes after the name's first letter
// everywhere instead: it still reads "git-bob" but is no longer the name. Text too complex to parse
// (markdown/limits.ts) gets that last resort straight away.
import { applySourceEdits, readMarkdown, stillUnreadable, type SourceEdit } from '../markdown/document.ts'
import { escapeRegExp, findCommand } from '../trigger/grammar.ts'
import { removeHiddenText } from './hidden.ts'

/** No verbs: findCommand then reports any address of the bot at all, as an unknown command. */
const NO_VERBS: ReadonlyMap<string, string> = new Map()

function wrapInProse(markdown: string, botName: string): string | null {
  // Where the trigger grammar could see an address: not inside a longer word, path or URL.
  const address = new RegExp(`(?<![\\w/.\\-])@?${escapeRegExp(botName)}(?![\\w-])`, 'gi')
  const doc = readMarkdown(markdown)
  if (doc.unplaced) return null
  const edits: SourceEdit[] = []
  for (const run of doc.runs) {
    if (run.code) continue
    for (const m of run.text.matchAll(address)) {
      const start = run.at[m.index]!
      const end = run.at[m.index + m[0].length - 1]! + 1
      // Only an address written plainly is wrapped; anything else is left to the last resort.
      if (start < 0 || doc.source.slice(start, end) !== m[0]) return null
      edits.push({ start, end, text: `\`${m[0]}\`` })
    }
  }
  return applySourceEdits(doc.source, edits)
}

/** The last resort: no hidden text, character references shown as written, the name broken wherever it is. */
function breakEverywhere(markdown: string, botName: string, everyFirstLetter: boolean): string {
  const text = removeHiddenText(markdown).replace(/&/g, '&amp;')
  const name = new RegExp(escapeRegExp(everyFirstLetter ? botName.slice(0, 1) : botName), 'gi')
  return text.replace(name, (m) => `${m[0]}\u200b${m.slice(1)}`)
}

/** The text with every address of the bot defused, so findCommand finds nothing in it. */
export function defuseTriggers(markdown: string, botName: string): string {
  // Unreadable (the limits, or the deadline): read once here, then the last resort without reading it again.
  const unreadable = readMarkdown(markdown).unreadable
  if (unreadable !== null) return stillUnreadable(breakEverywhere(markdown, botName, true), unreadable)
  const inert = (text: string | null): text is string => text !== null && findCommand(text, botName, NO_VERBS) === null
  const wrapped = wrapInProse(markdown, botName)
  if (inert(wrapped)) return wrapped
  const broken = breakEverywhere(markdown, botName, false)
  // Markup between the letters ("git*-bob*") still renders the name: then no first letter is followed by the rest.
  return inert(broken) ? broken : breakEverywhere(markdown, botName, true)
}
