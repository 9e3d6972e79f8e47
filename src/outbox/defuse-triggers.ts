// Makes text that git-bob writes into new issues (titles and bodies proposed by the model) unable to
// start git-bob: "git-bob implement" in a sub-issue must not start an implementation when someone
// opens, copies or edits it. Pure.
//
// Every place where the bot is addressed outside code is wrapped in inline code (`git-bob`), which
// the trigger grammar ignores and a reader still understands. The result is checked with the very
// parser that starts git-bob (findCommand); should odd markdown (unbalanced backticks, HTML comments
// between letters) still let an address through, the name's first letter is written as an HTML entity
// everywhere instead ("&#103;it-bob" renders as "git-bob" but is no longer the name).
import { HTML_COMMENT, mapProse } from '../trigger/markdown.ts'
import { escapeRegExp, findCommand } from '../trigger/grammar.ts'

/** No verbs: findCommand then reports any address of the bot at all, as an unknown command. */
const NO_VERBS: ReadonlyMap<string, string> = new Map()

function wrapOutsideCode(markdown: string, botName: string): string {
  // Where the trigger grammar could see an address: not inside a longer word, path or URL.
  const address = new RegExp(`(?<![\\w/.\\-])@?${escapeRegExp(botName)}(?![\\w-])`, 'gi')
  return mapProse(markdown, (prose) => prose.replace(address, (m) => `\`${m}\``))
}

/** The last resort: no HTML comments, and no occurrence of the name left anywhere, in any case. */
function encodeEverywhere(markdown: string, botName: string): string {
  let text = markdown
  for (let previous = ''; previous !== text;) {
    previous = text
    text = text.replace(HTML_COMMENT, '')
  }
  const name = new RegExp(escapeRegExp(botName), 'gi')
  for (let round = 0; round < 10 && name.test(text); round++) {
    name.lastIndex = 0
    text = text.replace(name, (m) => `&#${m.codePointAt(0)!};${m.slice(1)}`)
    name.lastIndex = 0
  }
  return text
}

/** The text with every address of the bot defused, so findCommand finds nothing in it. */
export function defuseTriggers(markdown: string, botName: string): string {
  const wrapped = wrapOutsideCode(markdown, botName)
  if (findCommand(wrapped, botName, NO_VERBS) === null) return wrapped
  return encodeEverywhere(markdown, botName)
}
