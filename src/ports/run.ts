// What every stage knows of the run: where it runs (the environment), where its log goes, and how it ended.
// run.ts's Adapters (run-types.ts) are built on these; the stages name only these.

export interface Logger {
  info(message: string): void
  warning(message: string): void
  /** Also an ::error annotation. */
  error(message: string, title?: string): void
}

export interface RunEnvironment {
  eventName: string
  eventPath: string
  /** GITHUB_WORKSPACE, where actions/checkout put the repository ('' when absent). */
  workspace: string
  /** Link to this run's log, or null outside GitHub Actions. */
  runUrl: string | null
  /** Run from a terminal (src/cli), not by a workflow: the stamp says so instead of linking a log. */
  local?: boolean
  /** GITHUB_SERVER_URL (https://github.com or a GitHub Enterprise Server): its attachments get the token. */
  serverUrl: string
  /** GITHUB_RUN_ID, for unique branch names. */
  runId: string
  env: Readonly<Record<string, string | undefined>>
}

export type RunStatus = 'ignored' | 'refused' | 'answered' | 'already-answered' | 'failed'

export interface RunResult {
  status: RunStatus
  reason: string
  posted: string[]
}

/** Where the record of a run goes: the job summary and the step's outputs. */
export interface RunOutputs {
  writeSummary(markdown: string): Promise<void>
  setOutput(name: string, value: string): void
}
