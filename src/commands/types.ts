// What a command receives and returns. Commands decide what to say; run.ts and the Outbox post it.
import type {
  Comparison,
  Permission,
  PullState,
  ReviewLineComment,
  ReviewThreadState,
  WorkflowRun
} from '../ports/github.ts'
import type { DeployConfig } from '../config.ts'
import type { LanguageModel } from '../llm/types.ts'
import type { AnyTool } from '../llm/tools.ts'
import type { MediaModels } from '../llm/media.ts'
import type { RepoContext } from '../conversation/repo-context.ts'
import type { Basics, ConversationData } from '../conversation/context.ts'
import type { Verb } from '../trigger/grammar.ts'
import type { ChangeTarget, TargetDecision } from './implement/target.ts'
import type { CheckRunner, NotebookRunner, Workspace } from '../ports/workspace.ts'
import type { PathPolicy } from '../ports/paths.ts'
import type { CheckStatus } from './implement/statuses.ts'

/** What every command receives: the request and the list of commands (for help). */
export interface BasicContext extends Basics {
  commands: readonly CommandSpec[]
}

/** What a command that reads the conversation receives: the gathered data and the ports it works through. */
export interface ConversationContext extends BasicContext, ConversationData {
  model: LanguageModel
  /** What the implement command works with; null when no repository is checked out. */
  changes: ChangePorts | null
  /** What a review may read of a pull request beyond the thread; null on an issue. */
  pull: PullRequestPort | null
  /** Read-only tools the model may call (files, search, threads, CI); empty: the fixed context only. */
  tools: readonly AnyTool[]
  /** The picture and speech models (absent in tests that need none). */
  media?: MediaModels
}

/** What `deploy` needs: the requester's standing, and starting and watching the release workflow. */
export interface ActionsContext extends BasicContext {
  settings: DeployConfig
  workflows: WorkflowPort
}

/** GitHub Actions as `deploy` sees it; the clock is a port too, so tests need not wait. */
export interface WorkflowPort {
  permission(login: string): Promise<Permission>
  dispatch(workflow: string, ref: string): Promise<void>
  /** Runs of the workflow started by workflow_dispatch on `ref` since `since` (ISO time), newest first. */
  dispatchedRuns(workflow: string, ref: string, since: string): Promise<WorkflowRun[]>
  run(id: number): Promise<WorkflowRun>
  now(): number
  sleep(ms: number): Promise<void>
}

/** The reads a review makes of a pull request, beyond what the thread loader already holds. */
export interface PullRequestPort {
  state(): Promise<PullState>
  /** Files changed from one commit to another; null when GitHub cannot compare them. */
  compare(base: string, head: string): Promise<Comparison | null>
  /** A file's text at a commit; null when it does not exist. */
  fileAt(path: string, ref: string): Promise<string | null>
  /** The pull request's review threads: which are resolved, and by whom. */
  reviewThreads(): Promise<ReviewThreadState[]>
  /** Who reacted 👎 on a review comment. */
  thumbsDownOn(commentId: number): Promise<string[]>
  /** Whether a person has write, maintain or admin permission (the gate's rule), asked once per login. */
  mayDismiss(login: string): Promise<boolean>
}

export interface NewIssue {
  title: string
  body: string
}

export interface ChangeLimits {
  maxFiles: number
  maxFileBytes: number
  /** Rounds of "here is the traceback, fix it" for a failing notebook. */
  notebookRepairRounds: number
  notebookCellTimeoutSeconds: number
  /** For all notebook runs and repair rounds of one request together. */
  notebookTimeoutMs: number
  /** Rounds of "here is the failing check, fix it" after the edits. */
  checkRepairRounds: number
}

/** The repository's checks as configured: the `check-command` and `setup-command` inputs (null: not set). */
export interface CheckSettings {
  command: string | null
  setup: string | null
}

/** A comment kept up to date while a long request runs, edited a bounded number of times. */
export interface ProgressPort {
  /** Shows `markdown` as the request's progress (the first call posts the comment, later ones edit it). */
  show(markdown: string): Promise<void>
}

export interface ChangePorts {
  /** The checkout the change is written into. */
  workspace: Workspace
  /** Decides where the change goes and checks that branch out; 'memory': the review memory's own branch and PR. */
  prepare(mode: 'pull-request' | 'try' | 'memory'): Promise<TargetDecision>
  /** A file linked in the conversation; throws DownloadError with the reason it is not fetched. */
  download(url: string): Promise<Uint8Array>
  /** Masks secrets in text about to be written to the repository. */
  redact(text: string): string
  /** What the path rules need from the configuration: protected paths allowed, the instructions file, secrets. */
  paths: Omit<PathPolicy, 'request'>
  /** The file list and named files again, after the target branch is checked out. */
  repoContext(): Promise<RepoContext>
  /** Runs the workspace's notebooks; null when execution is switched off. */
  notebooks: NotebookRunner | null
  /** Runs the repository's checks in the sandbox; null when there is none to be had. */
  checks: CheckRunner | null
  /** Which isolation model-written code ran in, once any ran (the sandbox's words); null: none ran. */
  isolation(): string | null
  checkSettings: CheckSettings
  progress: ProgressPort
  limits: ChangeLimits
}

/** One file of a change, as the pull request description lists it. */
export interface FileReport {
  path: string
  action: 'create' | 'modify' | 'delete' | 'rename' | 'copy' | 'download'
  /** The source of a rename, copy or download. */
  source: string | null
  note: string
  /** What the file's writer has to say at length: the words a recording speaks, what a rewrite lost. */
  details?: string
}

/**
 * What a command wants done; effects.ts carries it out through the Outbox, which stamps it with the
 * credit (model, tokens) from the run's transcript. New kinds of work are new members here.
 */
export type Outcome =
  /** One comment where the request was made; `mentions` are logins git-bob notifies on purpose. */
  | { kind: 'reply'; body: string; mentions?: readonly string[] }
  /** A pull request review that only comments (never approves, never requests changes). */
  | {
      kind: 'review'
      /** The head commit reviewed: line comments anchor to it, and the marker remembers it. */
      commitId: string
      body: string
      comments: readonly ReviewLineComment[]
      /** The body with every line comment folded in, posted instead if GitHub rejects a line comment. */
      bodyWithComments: string
    }
  /** Existing labels added to the issue, and a comment that says which and why. */
  | { kind: 'labels'; labels: readonly string[]; body: string }
  /** New issues, made sub-issues of `parent`, and a comment on the parent that lists them. */
  | { kind: 'issues'; parent: number; issues: readonly NewIssue[]; intro: string }
  /** Files changed in the workspace, to be committed, pushed and proposed. */
  | {
      kind: 'changes'
      target: ChangeTarget
      title: string
      summary: string
      files: FileReport[]
      problems: string[]
      /** What was run on the change and how it ended (no lines: none found); null when the command runs no checks (paint). */
      checks: CheckReport | null
    }

/** One command run on a change (a check, a syntax check, a notebook), as it ended. */
export interface CheckLine {
  kind: 'check' | 'syntax' | 'notebook'
  /** The command as run, or the notebook's path. */
  name: string
  /** The mark it gets: `ended` seen from afar. */
  status: 'passed' | 'failed' | 'not-run'
  /** One sentence: how it ended ("passed", "failed with exit code 1", "not run: ..."); `ended` in words. */
  summary: string
  /** The last lines of its output, masked, when it failed. */
  tail: string | null
  /** How it ended, as data: code decides from this, never from `summary` (both made by statuses.ts `checkLine`). */
  ended: CheckStatus
}

/** What the pull request says about the checks: what ran, how it ended, and why it stopped if it stopped early. */
export interface CheckReport {
  lines: CheckLine[]
  /** Repair rounds after the first run. */
  rounds: number
  /** Where the check command was taken from, e.g. "the `check-command` input". */
  source: string | null
  /** Why the repair stopped before the checks passed (a limit), for the pull request. */
  stopped: string | null
  /** Which isolation model-written code ran in (the sandbox's own words); null: none ran. */
  isolation?: string | null
}

interface CommandBase extends Verb {
  /** One line for the help text. */
  summary: string
  /** How to write it, e.g. "think about this". */
  example: string
}

export type CommandSpec =
  | (CommandBase & { needs: 'nothing'; run(ctx: BasicContext): Outcome })
  | (CommandBase & { needs: 'conversation'; run(ctx: ConversationContext): Promise<Outcome> })
  | (CommandBase & { needs: 'actions'; run(ctx: ActionsContext): Promise<Outcome> })
