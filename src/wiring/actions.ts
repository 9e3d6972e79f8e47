// The GitHub Actions runner as git-bob sees it: the environment a step gets (INPUT_*, GITHUB_*) and the
// workflow commands it may issue (log lines, ::error, outputs, masks, the job summary). main.ts passes
// process.env and @actions/core; the flow tests pass their own environment and capture what is issued.
import { describeFailure, whereItFailed } from '../outbox/failure.ts'
import { runnerForms } from '../outbox/encoded-forms.ts'
import { Redactor } from '../outbox/secrets.ts'
import { createModel } from '../llm/index.ts'
import { run } from '../run.ts'
import type { Adapters } from '../run-types.ts'
import type { Logger, RunEnvironment } from '../ports/run.ts'
import { GitWorkspace, type CommitIdentity } from '../adapters/git/workspace.ts'
import { GitHubApi } from '../adapters/github/api.ts'
import { createOctokit, type Spacing } from '../adapters/github/client.ts'
import { sandboxChecks, type SandboxChecks } from '../adapters/sandbox/checks.ts'
import { jupyterRunner, type JupyterRunner } from '../adapters/jupyter/execute.ts'
import { lazySandbox } from '../adapters/sandbox/lazy-box.ts'
import { openSession, type SessionAdapters } from './session.ts'

export type StepEnvironment = Readonly<Record<string, string | undefined>>

/** What a step can tell the runner (the subset of @actions/core git-bob uses). */
export interface Runner {
  info(message: string): void
  warning(message: string): void
  /** An ::error annotation, with a title when given. */
  error(message: string, title?: string): void
  setOutput(name: string, value: string): void
  /** ::add-mask::, so the runner hides the value in the log. */
  setSecret(value: string): void
  /** Appends to the job summary (a no-op outside a runner). */
  appendSummary(markdown: string): Promise<void>
}

/** What tests change: shorter waits, another notebook runner. The action itself always uses the defaults. */
export interface WiringOptions {
  /** GitHub's first retry waits this long, then 4 and 9 times as long (default 1 s). */
  githubRetryBaseMs?: number
  /** The least time between two writes to GitHub, two that notify people, two code searches (250 ms, 1 s, 2 s). */
  githubSpacingMs?: Spacing
  /** A model's first retry waits about this long, then twice as long each time (default 1 s). */
  modelRetryBaseMs?: number
  /** Runs notebooks instead of Jupyter (for tests about what git-bob does with a run, not about Jupyter). */
  notebooks?: JupyterRunner
  /** Runs checks instead of the sandbox's runner. */
  checks?: SandboxChecks
  /** The clock the budget reads (default Date.now): tests move the day on. */
  now?: () => number
  /** Who commits and co-authors (default: the Actions bot, GitHub's noreply addresses); GitLab's in wiring/gitlab.ts. */
  commitIdentity?: CommitIdentity
}

/** An action input as @actions/core's getInput reads it: INPUT_<NAME>, spaces as underscores, trimmed. */
export function stepInput(env: StepEnvironment, name: string): string {
  return (env[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`] ?? '').trim()
}

export function runEnvironment(env: StepEnvironment): RunEnvironment {
  const { GITHUB_SERVER_URL: server, GITHUB_REPOSITORY: repository, GITHUB_RUN_ID: id } = env
  return {
    eventName: env.GITHUB_EVENT_NAME ?? '',
    eventPath: env.GITHUB_EVENT_PATH ?? '',
    workspace: env.GITHUB_WORKSPACE ?? '',
    runUrl: server && repository && id ? `${server}/${repository}/actions/runs/${id}` : null,
    serverUrl: server || 'https://github.com',
    runId: id || String(Date.now()),
    env
  }
}

/** The real adapters, writing through the runner; every log line is redacted first. */
export function actionsAdapters(
  env: StepEnvironment,
  runner: Runner,
  redactor: Redactor,
  options: WiringOptions = {}
): Adapters {
  const log: Logger = {
    info: (message) => runner.info(redactor.redact(message)),
    warning: (message) => runner.warning(redactor.redact(message)),
    error: (message, title) => runner.error(redactor.redact(message), title)
  }
  const session: SessionAdapters = {
    log,
    createModel:
      options.modelRetryBaseMs === undefined
        ? createModel
        : (specs, credentials, settings) =>
            createModel(specs, credentials, {
              ...settings,
              retry: { ...settings.retry, baseDelayMs: options.modelRetryBaseMs! }
            }),
    openWorkspace: (dir, credentials) => GitWorkspace.open(dir, credentials, options.commitIdentity),
    sandbox: (settings) => lazySandbox({ ...settings, env }),
    notebookRunner: ({ box, setup }) => options.notebooks ?? jupyterRunner(env, box, setup),
    checkRunner: (box) => options.checks ?? sandboxChecks(box)
  }
  return {
    log,
    readInput: (name) => stepInput(env, name),
    connectGitHub: async (token, repo) =>
      new GitHubApi(
        await createOctokit(token, {
          onLimit: (message) => log.warning(message),
          baseUrl: env.GITHUB_API_URL || 'https://api.github.com',
          retryBaseMs: options.githubRetryBaseMs,
          spacingMs: options.githubSpacingMs
        }),
        repo
      ),
    writeSummary: (markdown) => runner.appendSummary(markdown),
    setOutput: (name, value) => runner.setOutput(name, value),
    maskSecret: (value) => {
      redactor.add(value)
      maskInRunner(runner, value)
    },
    now: options.now ?? Date.now,
    openSession: (request) => openSession(session, request)
  }
}

/**
 * ::add-mask:: for the value and each encoded form of it, so the runner hides them in its log too (it cannot
 * undo entities or zero-width characters: the redactor masks those before a line is written).
 */
function maskInRunner(runner: Runner, value: string): void {
  runner.setSecret(value)
  if (value.trim().length < 8) return
  for (const form of runnerForms(value.trim())) if (form !== value) runner.setSecret(form)
}

/** One step of the action: run() with the real adapters; returns the process exit code (1 on failure). A crash
 * is an ::error and, in the log, the src/ frames it came from. */
export async function runStep(env: StepEnvironment, runner: Runner, options: WiringOptions = {}): Promise<number> {
  const redactor = new Redactor()
  redactor.addFromEnvironment(env)
  for (const value of redactor.known) maskInRunner(runner, value)
  return runToExitCode(runEnvironment(env), actionsAdapters(env, runner, redactor, options), runner, redactor)
}

/**
 * run() to an exit code, for every forge's entry: 1 on failure; a crash is an error line and, in the log, the src/
 * frames it came from.
 */
export async function runToExitCode(
  environment: RunEnvironment,
  adapters: Adapters,
  runner: Runner,
  redactor: Redactor
): Promise<number> {
  try {
    const result = await run(environment, adapters)
    adapters.log.info(`git-bob: ${result.status} (${result.reason})`)
    // run() has already annotated the failure and told the thread.
    return result.status === 'failed' ? 1 : 0
  } catch (error) {
    const report = describeFailure(error)
    runner.error(redactor.redact(`${report.what} ${report.advice}`))
    const where = whereItFailed(error)
    if (where) runner.info(redactor.redact(where))
    return 1
  }
}
