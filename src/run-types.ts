// What run() takes: the adapters the wiring (wiring/actions.ts, wiring/terminal.ts) builds, and the session
// they open once a request is admitted. Kept apart from run.ts so the wiring names these types without the flow.
import type { Ready } from './commands/run-command.ts'
import type { CommandSpec } from './commands/types.ts'
import type { GateConfig, InputReader, RunConfig } from './config.ts'
import type { Gathered } from './conversation/gather.ts'
import type { Publisher } from './effects/apply-outcome.ts'
import type { ModelSpec } from './llm/providers.ts'
import type { Outbox } from './outbox/outbox.ts'
import type { Redactor } from './outbox/secrets.ts'
import type { Forge } from './ports/forge.ts'
import type { GitHub } from './ports/github.ts'
import type { RepoFiles } from './ports/repository.ts'
import type { Logger, RunEnvironment, RunOutputs } from './ports/run.ts'
import type { RunRecord } from './record/record.ts'
import type { TriggerEvent } from './trigger/event.ts'

export interface Adapters extends RunOutputs {
  log: Logger
  readInput: InputReader
  /** The forge (ports/forge.ts): GitHub's API, or GitLab's in GitLab mode (wiring/gitlab.ts). */
  connectGitHub(token: string, repo: { owner: string; repo: string }): Promise<Forge>
  /** Called with every secret value, so the runner masks it in the log too. */
  maskSecret(value: string): void
  /** The time (ms since the epoch): the budget's day and month. Tests set it. */
  now(): number
  /** What the command works through (wiring/session.ts), opened once the request is admitted. */
  openSession(request: SessionRequest): Promise<Session>
}

/** What the stages have made when the session opens. */
export interface SessionRequest {
  event: TriggerEvent
  gate: GateConfig
  environment: RunEnvironment
  api: GitHub
  outbox: Outbox
  record: RunRecord
  redactor: Redactor
}

export interface Session {
  /** The repository's files as the conversation stage reads them: the checkout's, or the API's. */
  files: RepoFiles
  /** The checkout's branch, for the effects; null when no repository is checked out. */
  branch: Publisher | null
  /** Makes the model now: a missing key or a wrong setting is said before anything is read. */
  prepareModel(specs: readonly ModelSpec[], config: RunConfig): void
  /** The command with its context: the gathered data and the ports it works through. */
  ready(spec: CommandSpec, gathered: Exclude<Gathered, { kind: 'refused' }>): Ready
}
