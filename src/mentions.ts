// Keeps git-bob from notifying people the model names. GitHub notifies everyone written as @login in
// prose; the same text inside inline code does not notify. So every @login outside code that is not
// allowed (people in the thread, maintainers git-bob asks on purpose) is wrapped in backticks. Pure.

const FENCE = /^ {0,3}(`{3,}|~{3,})/
const INLINE_CODE = /(`+)(?!`)[\s\S]*?(?<!`)\1(?!`)/g
// A login: letters, digits and single hyphens, at most 39 characters; optionally a team (@org/team).
// Not after a word character, dot, slash or backtick, so e-mail addresses and URLs stay as they are.
const MENTION = /(?<![\w.`/@+-])@([A-Za-z0-9](?:[A-Za-z0-9-]{0,38}))(\/[A-Za-z0-9_.-]+)?(?![\w-])/g

function defuseProse(text: string, allowed: ReadonlySet<string>): string {
  return text.replace(MENTION, (match: string, login: string, team: string | undefined) => (!team && allowed.has(login.toLowerCase()) ? match : `\`${match}\``))
}

/** Wraps @mentions of people not in `allowed` (compared case-insensitively) in inline code, outside code. */
export function defuseMentions(markdown: string, allowed: Iterable<string>): string {
  const allow = new Set([...allowed].map((login) => login.replace(/^@/, '').toLowerCase()))
  let fence: { char: string; length: number } | null = null
  return markdown
    .split('\n')
    .map((line) => {
      const opening = FENCE.exec(line)
      if (fence) {
        if (opening && opening[1]![0] === fence.char && opening[1]!.length >= fence.length && !line.trim().slice(opening[1]!.length)) fence = null
        return line
      }
      if (opening) {
        fence = { char: opening[1]![0]!, length: opening[1]!.length }
        return line
      }
      // Prose between inline code spans only.
      let out = ''
      let last = 0
      for (const code of line.matchAll(INLINE_CODE)) {
        out += defuseProse(line.slice(last, code.index), allow) + code[0]
        last = code.index + code[0].length
      }
      return out + defuseProse(line.slice(last), allow)
    })
    .join('\n')
}
