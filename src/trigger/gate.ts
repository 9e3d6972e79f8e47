// Who may make git-bob act, decided before any model is asked. Cheap checks first (no I/O),
// then the repository permission of the person who wrote the request.
import { isAssignment, isLabel, isReviewRequest, type TriggerEvent } from './event.ts'
import type { Permission } from '../ports/github.ts'
import { isOwnMessage } from '../ports/marker.ts'

export type GateDecision =
  | { kind: 'allow'; why: string }
  /** Not for git-bob at all: end quietly. */
  | { kind: 'ignore'; why: string }
  /** A person asked who may not: answer politely, do nothing else. */
  | { kind: 'refuse'; why: string }

const WRITERS: ReadonlySet<Permission> = new Set(['admin', 'maintain', 'write'])

/**
 * Checks that need no API call and read no markdown: is this our own message, a bot, a request at all (`addressed`:
 * the text names git-bob, read-request.ts)?
 */
export function screen(
  event: TriggerEvent,
  addressed: boolean,
  allowedBots: readonly string[],
  botLogin: string | null = null
): GateDecision {
  if (isOwnMessage(event.request.body)) return { kind: 'ignore', why: 'the text is a message git-bob wrote itself' }
  // Most labels and assignments are not git-bob's: said first, as the plainest reason.
  if (!addressed && isLabel(event)) {
    return { kind: 'ignore', why: `the label "${event.request.label}" is not one of git-bob's` }
  }
  if (!addressed && isAssignment(event)) {
    const whom = `@${event.request.assignee}`
    return {
      kind: 'ignore',
      why: botLogin
        ? `the issue was assigned to ${whom}, not to the account in the bot-login input`
        : `the issue was assigned to ${whom}; assignments start git-bob only when the bot-login input names its account`
    }
  }
  const login = event.request.author.login
  // A label git-bob's own account added (a machine user is no bot) must not start it again.
  if (botLogin && login.toLowerCase() === botLogin.toLowerCase() && (isLabel(event) || isAssignment(event))) {
    return { kind: 'ignore', why: `git-bob's own account @${login} did this` }
  }
  if (event.request.author.isBot && !allowedBots.includes(login.toLowerCase())) {
    return { kind: 'ignore', why: `${login} is a bot that is not listed in the allowed-bots input` }
  }
  if (!addressed) {
    if (isReviewRequest(event)) {
      const whom = event.request.requestedReviewer ? `@${event.request.requestedReviewer}` : 'a team'
      return {
        kind: 'ignore',
        why: `the review was requested from ${whom}, not from the account in the bot-login input`
      }
    }
    return { kind: 'ignore', why: 'the text does not address git-bob' }
  }
  return { kind: 'allow', why: 'screened' }
}

/**
 * The author must have write, maintain or admin permission. The payload's association is only a
 * shortcut for repository owners; everyone else is asked of GitHub, since an organisation MEMBER
 * may have read access only.
 */
export async function authorize(
  event: TriggerEvent,
  allowedBots: readonly string[],
  permissionOf: (login: string) => Promise<Permission>
): Promise<GateDecision> {
  const { login, isBot } = event.request.author
  if (isBot && allowedBots.includes(login.toLowerCase())) return { kind: 'allow', why: `${login} is an allowed bot` }
  if (event.request.association === 'OWNER') return { kind: 'allow', why: `${login} owns the repository` }
  const permission = await permissionOf(login)
  if (WRITERS.has(permission)) return { kind: 'allow', why: `${login} has ${permission} permission` }
  return { kind: 'refuse', why: `${login} has ${permission} permission; write, maintain or admin is needed` }
}

export function mayTrigger(permission: Permission): boolean {
  return WRITERS.has(permission)
}
