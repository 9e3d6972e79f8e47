// The first stage: the event file read and validated, the settings the gate needs, and whether the request names
// git-bob at all (a linear search, no markdown read); the command is read from its text only after the gate
// (admit.ts). A malformed event throws EventError: there is no thread to tell, only the log.
import { readFile } from 'node:fs/promises'
import { readGateConfig, type GateConfig, type InputReader } from '../config.ts'
import { ConfigError, EventError } from '../errors.ts'
import {
  isAssignment,
  isLabel,
  isReviewRequest,
  parseEvent,
  type ChecksFailed,
  type SweepEvent,
  type TriggerEvent
} from './event.ts'
import { GITLAB_NOTE_EVENT, GITLAB_SCHEDULE_EVENT, parseGitLabEvent } from './gitlab-event.ts'
import { findCommand, mayAddress, reviewRequestCommand, verbTable, type Command, type Verb } from './grammar.ts'
import { assignmentCommand, labelCommand } from './labels.ts'

/** A request for git-bob, perhaps: the gate (admit.ts) decides. */
export interface Incoming {
  kind: 'incoming'
  event: TriggerEvent
  gate: GateConfig
  /** The text names git-bob somewhere (grammar.ts's mayAddress), or the review was requested from its account. */
  addressed: boolean
  /**
   * The command in the request, null when there is none. Reads the text as markdown (bounded, but the costliest
   * thing before the model): the gate calls it after the permission is known, never for a text not addressed.
   */
  command: () => Command | null
}

/** A triage of the repository's new issues (the schedule, or a dispatch asking for it): run.ts's sweep. */
export interface Sweep {
  kind: 'sweep'
  sweep: SweepEvent
  gate: GateConfig
}

/** Checks failed on a pull request of this repository: run.ts's fixChecks decides whether it is git-bob's. */
export interface Checks {
  kind: 'checks'
  checks: ChecksFailed
  gate: GateConfig
}

export type ReadRequest = Incoming | Sweep | Checks | { kind: 'ignored'; reason: string }

const why = (error: unknown): string => (error instanceof Error ? error.message : String(error))

async function readEvent(path: string): Promise<unknown> {
  if (!path) throw new EventError('GITHUB_EVENT_PATH is not set; git-bob runs inside a GitHub Actions workflow')
  let text: string
  try {
    text = await readFile(path, 'utf8')
  } catch (error) {
    throw new EventError(`the event file ${path} cannot be read (${why(error)})`)
  }
  try {
    return JSON.parse(text) as unknown
  } catch (error) {
    throw new EventError(`the event file is not valid JSON (${why(error)})`)
  }
}

export async function readRequest(
  environment: { eventName: string; eventPath: string },
  read: InputReader,
  /** The commands git-bob knows, with their aliases. */
  verbs: readonly Verb[]
): Promise<ReadRequest> {
  // A GitLab pipeline schedule hands over no payload: the project is the job's (conversation/triage-event.ts).
  if (environment.eventName === GITLAB_SCHEDULE_EVENT) {
    const sweep: SweepEvent = { eventName: 'schedule', command: 'triage', sender: null, repo: null }
    return { kind: 'sweep', sweep, gate: readGateConfig(read, 'gitlab') }
  }
  const raw = await readEvent(environment.eventPath)
  const gitlab = environment.eventName === GITLAB_NOTE_EVENT
  // GitLab's usernames may hold "_" and ".", GitHub's logins may not: bot-login and allowed-bots are read as such.
  const gateConfig = (): GateConfig => readGateConfig(read, gitlab ? 'gitlab' : 'github')
  const parsed = gitlab ? parseGitLabEvent(raw, gateConfig) : parseEvent(environment.eventName, raw)
  if (parsed.kind === 'ignored') return { kind: 'ignored', reason: parsed.reason }
  if (parsed.kind === 'sweep') return { kind: 'sweep', sweep: parsed.sweep, gate: gateConfig() }
  if (parsed.kind === 'checks') return { kind: 'checks', checks: parsed.checks, gate: gateConfig() }
  const event = parsed.event
  const gate = gitlab ? withGitLabAccount(gateConfig(), event) : gateConfig()
  if (isReviewRequest(event)) {
    const command = reviewRequestCommand(event.request.requestedReviewer, gate.botLogin)
    return wordless(event, gate, command)
  }
  if (isLabel(event)) return wordless(event, gate, labelCommand(event.request.label, gate.labelPrefix))
  if (isAssignment(event)) {
    const command = assignmentCommand(event.request.assignee, gate.botLogin, gate.assignCommand)
    // The setting is checked only when the issue was assigned to git-bob: other assignments start nothing.
    const verb = command && verbTable(verbs).get(command.verb)
    if (command && !verb) {
      throw new ConfigError(`The \`assign-command\` input is not valid: "${gate.assignCommand}" is not a command.`)
    }
    return wordless(event, gate, command && verb ? { ...command, verb } : null)
  }
  const text = event.request.body
  const command = (): Command | null => findCommand(text, gate.botName, verbTable(verbs))
  return { kind: 'incoming', event, gate, addressed: mayAddress(text, gate.botName), command }
}

/**
 * On GitLab, without the bot-login setting, git-bob's account is the project access token's bot user, which the
 * event parser (gitlab-people.ts) recognised in an assignment or a review request: that account stands in for
 * bot-login, so the command is run for it and an act of git-bob's own account is passed over as on GitHub.
 */
function withGitLabAccount(gate: GateConfig, event: TriggerEvent): GateConfig {
  if (gate.botLogin) return gate
  if (isAssignment(event)) return { ...gate, botLogin: event.request.assignee }
  if (isReviewRequest(event)) return { ...gate, botLogin: event.request.requestedReviewer }
  return gate
}

/** A request made by an act, not by words: the act names the command, or it is not for git-bob. */
function wordless(event: TriggerEvent, gate: GateConfig, command: Command | null): Incoming {
  return { kind: 'incoming', event, gate, addressed: command !== null, command: () => command }
}
