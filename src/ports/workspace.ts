// The implement command's view of the world outside it: the checked-out repository, a notebook runner and
// a check runner. The git, Jupyter and sandbox adapters implement these; tests use in-memory fakes.
import type { Notebook } from './notebook.ts'
import { HOMEPAGE } from '../version.ts'

export type FileContent =
  { kind: 'text'; text: string } | { kind: 'binary'; size: number; bytes: Uint8Array } | { kind: 'missing' }

/**
 * The working tree of the branch a change goes to. Paths are relative to the repository root and
 * already checked by paths.ts; a path that would leave the tree (through a symbolic link) throws
 * PathEscapeError (errors.ts).
 */
export interface Workspace {
  read(path: string): Promise<FileContent>
  write(path: string, content: string | Uint8Array): Promise<void>
  remove(path: string): Promise<void>
  move(from: string, to: string): Promise<void>
  copy(from: string, to: string): Promise<void>
  /** Undoes the changes to these paths: back to their committed content, or gone if they are new. */
  restore(paths: readonly string[]): Promise<void>
  /** The paths that differ from the last commit (new, changed, deleted). */
  changedPaths(): Promise<string[]>
  /** Changes whenever what in .git could run code or redirect the token (config, hooks) changes. */
  gitFingerprint(): Promise<string>
}

export interface ExecutionLimits {
  /** The largest file a run may hand back (larger ones stay in the sandbox and are named). */
  maxFileBytes: number
  cellTimeoutSeconds: number
  /** What is left of the request's time for notebook runs (the `notebook-timeout-seconds` input). */
  totalTimeoutMs: number
}

export type Execution =
  | {
      kind: 'ran'
      notebook: Notebook
      ms: number
      /** Files the run wrote that the sandbox did not hand back, each with the reason ("a symbolic link"). */
      refused: readonly { path: string; reason: string }[]
    }
  /**
   * Jupyter itself failed or the time ran out: the notebook on disk is what it was before. `problem` is one line
   * that says why (an exit code or signal, a limit); `output` the last lines Jupyter printed, when it printed any.
   */
  | { kind: 'failed'; problem: string; output?: string; ms: number }

/** Whether notebooks can run here, or why not (a phrase for the pull request). */
/** Why notebooks cannot run on a runner without Jupyter, and where the step that installs it is. */
export const NO_JUPYTER = `the runner has no Jupyter (the example workflow's step that installs it: [examples/git-bob.yml](${HOMEPAGE}/blob/main/examples/git-bob.yml))`

export type Availability = { ok: true } | { ok: false; reason: string }

/** Runs a notebook of the workspace in place, outputs and all. */
export interface NotebookRunner {
  /** Whether notebooks can run here (asked once). */
  available(): Promise<Availability>
  run(path: string, limits: ExecutionLimits): Promise<Execution>
}

/** One run of the repository's checks: the command's exit code and the end of what it printed. */
export interface CheckRun {
  /** Null when it was killed (the time ran out) or could not start. */
  code: number | null
  /** What it printed (stdout and stderr), the end kept when long. Not yet masked. */
  output: string
  timedOut: boolean
  /** The set-up command failed, so the check itself did not run. */
  setupFailed: boolean
  ms: number
  /** The sandbox's limit the run hit, in words ("stopped: used more than 4 GB of memory ..."); null: none. */
  limit: string | null
}

/** Runs shell commands in a copy of the workspace, never in git-bob's process (the sandbox). */
export interface CheckRunner {
  /** Whether checks can run here (asked once). */
  available(): Promise<Availability>
  /** Runs `command` at the repository root, after `setup` (when given) in the same run. */
  run(command: string, options: { setup: string | null; timeoutMs: number }): Promise<CheckRun>
}
