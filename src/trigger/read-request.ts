// The first stage: the event file read and validated, the settings the gate needs, and the command found
// in the request's text. A malformed event throws EventError: there is no thread to tell, only the log.
import { readFile } from 'node:fs/promises'
import { readGateConfig, type GateConfig, type InputReader } from '../config.ts'
import { EventError } from '../errors.ts'
import { parseEvent, type TriggerEvent } from './event.ts'
import { findCommand, reviewRequestCommand, verbTable, type Command, type Verb } from './grammar.ts'

/** A request for git-bob, perhaps: the gate (admit.ts) decides. `command` is null when none was found. */
export interface Incoming {
  kind: 'incoming'
  event: TriggerEvent
  command: Command | null
  gate: GateConfig
}

export type ReadRequest = Incoming | { kind: 'ignored'; reason: string }

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
  const parsed = parseEvent(environment.eventName, await readEvent(environment.eventPath))
  if (parsed.kind === 'ignored') return { kind: 'ignored', reason: parsed.reason }
  const event = parsed.event
  const gate = readGateConfig(read)
  const command =
    event.request.source === 'review_request'
      ? reviewRequestCommand(event.request.requestedReviewer, gate.botLogin)
      : findCommand(event.request.body, gate.botName, verbTable(verbs))
  return { kind: 'incoming', event, command, gate }
}
