// The one port builder: what the commands work with, built from the adapters. Implement's ChangePorts (the
// checkout, where the change goes, downloads, notebooks, checks, the progress comment, limits) and deploy's
// WorkflowPort, where GitHub's refusals of a dispatch become messages that name the setting to change.
import type { ChangePorts, ProgressPort, PullRequestPort, WorkflowPort } from '../commands/types.ts'
import type { RunConfig } from '../config.ts'
import type { Forge } from '../ports/forge.ts'
import type { GitHub } from '../ports/github.ts'
import { download } from '../adapters/github/download.ts'
import { checkGitLabDownload } from '../adapters/gitlab/download.ts'
import type { GitWorkspace } from '../adapters/git/workspace.ts'
import type { JupyterRunner } from '../adapters/jupyter/execute.ts'
import type { SandboxChecks } from '../adapters/sandbox/checks.ts'
import type { RepoContext } from '../conversation/repo-context.ts'
import type { Redactor } from '../outbox/secrets.ts'
import type { TriggerEvent } from '../trigger/event.ts'
import { prepareTarget } from '../effects/prepare-target.ts'
import { ConfigError, httpStatus } from '../errors.ts'
import { mayTrigger } from '../trigger/gate.ts'
import { setTimeout as sleep } from 'node:timers/promises'

export interface ChangePortsSource {
  event: TriggerEvent
  api: Forge
  /** Where the run runs; env for what only the forge's job says (GitLab's CI_PROJECT_ID). */
  environment: { serverUrl: string; runId: string; env: Readonly<Record<string, string | undefined>> }
  /** For downloads from the repository's own GitHub (or GitLab) host (private attachments need it). */
  githubToken: string
  redactor: Redactor
  config: RunConfig
  workspace: GitWorkspace
  notebooks: JupyterRunner | null
  checks: SandboxChecks
  progress: ProgressPort
  repoContext: () => Promise<RepoContext>
}

/** The runner as the command sees it: notebooks are paths in the workspace. */
function inWorkspace(runner: JupyterRunner, workspace: GitWorkspace): ChangePorts['notebooks'] {
  return { available: () => runner.available(), run: (path, limits) => runner.run(workspace, path, limits) }
}

/** The checks as the command sees them: run on a copy of the checkout. */
function checksIn(runner: SandboxChecks, workspace: GitWorkspace): ChangePorts['checks'] {
  return { available: () => runner.available(), run: (command, options) => runner.run(workspace, command, options) }
}

export function changePorts(source: ChangePortsSource): ChangePorts {
  const { event, api, config, workspace, redactor } = source
  const { serverUrl, runId } = source.environment
  return {
    workspace,
    prepare: (mode) => prepareTarget(mode, event, api, workspace.branch, runId),
    download: (url) =>
      download(url, {
        serverUrl,
        repo: `${event.repo.owner}/${event.repo.name}`,
        token: source.githubToken,
        maxBytes: config.maxFileBytes * 50,
        ...(api.dialect === 'gitlab'
          ? {
              check: (raw: string, server: string, repo: string) =>
                checkGitLabDownload(raw, server, repo, source.environment.env.CI_PROJECT_ID?.trim() || null),
              forge: api.dialect
            }
          : {})
      }),
    redact: (text) => redactor.redactKnown(text),
    paths: {
      allowProtected: config.allowProtectedPaths,
      instructionsFile: config.instructionsFile,
      holdsSecret: (path) => redactor.holdsKnown(path)
    },
    repoContext: source.repoContext,
    notebooks: source.notebooks && inWorkspace(source.notebooks, workspace),
    checks: checksIn(source.checks, workspace),
    isolation: () => source.notebooks?.isolation ?? source.checks.isolation,
    checkSettings: { command: config.checkCommand, setup: config.setupCommand },
    progress: source.progress,
    limits: {
      maxFiles: config.maxFiles,
      maxFileBytes: config.maxFileBytes,
      notebookRepairRounds: config.notebookRepairRounds,
      notebookCellTimeoutSeconds: config.notebookCellTimeoutSeconds,
      notebookTimeoutMs: config.notebookTimeoutMs,
      checkRepairRounds: config.checkRepairRounds
    }
  }
}

export function dispatchRefusal(status: number | undefined, workflow: string, ref: string): ConfigError | null {
  if (status === 403)
    return new ConfigError(
      `GitHub refused to start \`${workflow}\` (HTTP 403): the token needs \`actions: write\`. Add \`actions: write\` under \`permissions:\` in git-bob's workflow.`
    )
  if (status === 404)
    return new ConfigError(
      `GitHub finds no workflow \`${workflow}\` on \`${ref}\` (HTTP 404). Set \`deploy-workflow\` to the file name of a workflow in .github/workflows on the default branch.`
    )
  if (status === 422)
    return new ConfigError(
      `GitHub cannot start \`${workflow}\` by hand (HTTP 422): give it a \`workflow_dispatch\` trigger (\`on: workflow_dispatch\`).`
    )
  return null
}

export function workflowPort(api: GitHub): WorkflowPort {
  return {
    permission: (login) => api.permission(login),
    dispatch: async (workflow, ref) => {
      try {
        await api.dispatchWorkflow(workflow, ref)
      } catch (error) {
        throw dispatchRefusal(httpStatus(error), workflow, ref) ?? error
      }
    },
    dispatchedRuns: (workflow, ref, since) => api.dispatchedRuns(workflow, ref, since),
    run: (id) => api.workflowRun(id),
    now: () => Date.now(),
    sleep: (ms) => sleep(ms)
  }
}

/** What a review reads of its pull request; who may dismiss a finding is the gate's rule (the client asks once per login). */
export function pullRequestPort(api: GitHub, number: number): PullRequestPort {
  return {
    state: () => api.pullState(number),
    compare: (base, head) => api.compare(base, head),
    fileAt: (path, ref) => api.fileText(path, ref),
    reviewThreads: () => api.reviewThreads(number),
    thumbsDownOn: (commentId) => api.thumbsDownOn(commentId),
    mayDismiss: async (login) => mayTrigger(await api.permission(login))
  }
}
