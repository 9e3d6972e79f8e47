// Keeps git-bob from notifying people the model names. GitHub notifies everyone written as @login in
// prose; the same text inside inline code does not notify. So every @login outside code that is not
// allowed (people in the thread, maintainers git-bob asks on purpose) is wrapped in backticks. Pure.
import { mapProse } from '../trigger/markdown.ts'

// A login: letters, digits and single hyphens, at most 39 characters; optionally a team (@org/team).
// Not after a word character, dot, slash or backtick, so e-mail addresses and URLs stay as they are.
const MENTION = /(?<![\w.`/@+-])@([A-Za-z0-9](?:[A-Za-z0-9-]{0,38}))(\/[A-Za-z0-9_.-]+)?(?![\w-])/g

function defuseProse(text: string, allowed: ReadonlySet<string>): string {
  return text.replace(MENTION, (match: string, login: string, team: string | undefined) =>
    !team && allowed.has(login.toLowerCase()) ? match : `\`${match}\``
  )
}

/** Wraps @mentions of people not in `allowed` (compared case-insensitively) in inline code, outside code. */
export function defuseMentions(markdown: string, allowed: Iterable<string>): string {
  const allow = new Set([...allowed].map((login) => login.replace(/^@/, '').toLowerCase()))
  return mapProse(markdown, (prose) => defuseProse(prose, allow))
}
