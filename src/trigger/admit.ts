// The gate as one stage: the checks that need no API call (our own message, a bot, no command), then the
// permission of the person who asked. Until the permission is known nothing is posted: a stranger's
// comment must not get even a failure report.
import type { Permission } from '../adapters/github/api.ts'
import type { Command } from './grammar.ts'
import { authorize, screen } from './gate.ts'
import type { Incoming } from './read-request.ts'

export type Admission =
  /** Not for git-bob: end quietly. */
  | { kind: 'ignore'; why: string }
  /** Someone asked who may not: a polite refusal, nothing else. */
  | { kind: 'refuse'; why: string; command: Command; message: string }
  | { kind: 'allow'; why: string; command: Command }
  /** The permission could not be checked: an ::error in the log, nothing on the thread. */
  | { kind: 'unchecked'; error: unknown }

export const refusalMessage = (login: string, botName: string): string =>
  `Hi @${login}, thanks for reaching out! I can only act when someone with write access to this repository ` +
  `asks me. A maintainer can write "${botName} comment" (or another command) here if they'd like my help.`

export async function admit(
  incoming: Incoming,
  /** Asked only when the cheap checks pass and the payload does not settle it. */
  permissionOf: (login: string) => Promise<Permission>
): Promise<Admission> {
  const { event, command, gate } = incoming
  const screened = screen(event, command, gate.allowedBots)
  if (screened.kind === 'ignore' || !command) return { kind: 'ignore', why: screened.why }
  try {
    const decision = await authorize(event, gate.allowedBots, permissionOf)
    if (decision.kind === 'allow') return { kind: 'allow', why: decision.why, command }
    return {
      kind: 'refuse',
      why: decision.why,
      command,
      message: refusalMessage(event.request.author.login, gate.botName)
    }
  } catch (error) {
    return { kind: 'unchecked', error }
  }
}
