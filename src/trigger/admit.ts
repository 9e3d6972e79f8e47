// The gate as one stage: the checks that need no API call and read no markdown (our own message, a bot, a text
// that does not name git-bob), then the permission of the person who asked, and only then the command, read from
// the text as markdown. Until the permission is known nothing is posted: a stranger's comment must not get even a
// failure report.
import type { Permission } from '../ports/github.ts'
import { isAssignment, isLabel } from './event.ts'
import type { Command } from './grammar.ts'
import { authorize, screen } from './gate.ts'
import type { Incoming } from './read-request.ts'

export type Admission =
  /**
   * Not for git-bob: end quietly. `taken` when it was git-bob's label but the person who added it may not make
   * git-bob act: the label is taken off all the same, so it does not wait there for the next run.
   */
  | { kind: 'ignore'; why: string; taken?: true }
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
  const { event, gate } = incoming
  const screened = screen(event, incoming.addressed, gate.allowedBots, gate.botLogin)
  if (screened.kind === 'ignore') return { kind: 'ignore', why: screened.why }
  let decision: Awaited<ReturnType<typeof authorize>> | null = null
  let failure: unknown = null
  try {
    decision = await authorize(event, gate.allowedBots, permissionOf)
  } catch (error) {
    failure = error
  }
  // A text that names git-bob without a command (in a quote, in code) is no request: ignored, whoever wrote it.
  const command = incoming.command()
  if (!command) return { kind: 'ignore', why: 'the text does not address git-bob' }
  if (decision === null) return { kind: 'unchecked', error: failure }
  if (decision.kind === 'allow') return { kind: 'allow', why: decision.why, command }
  // A label or an assignment by someone without write access is no request to answer: a line in the log, no reply
  // (labelling needs only triage access; a reply to every such label would be noise).
  if (isLabel(event)) return { kind: 'ignore', why: decision.why, taken: true }
  if (isAssignment(event)) return { kind: 'ignore', why: decision.why }
  return {
    kind: 'refuse',
    why: decision.why,
    command,
    message: refusalMessage(event.request.author.login, gate.botName)
  }
}
