// GitLab CI as git-bob sees it, as actions.ts is the GitHub runner: a pipeline started by a project webhook
// (comment events; issue and merge request events for labels) at the pipeline trigger URL, the event in the
// TRIGGER_PAYLOAD file, or by a pipeline schedule (a triage, with no payload); the project access token in the
// masked variable GIT_BOB_GITLAB_TOKEN, the inputs as CI variables (GIT_BOB_<NAME> or INPUT_<NAME>:
// GIT_BOB_MODEL, INPUT_OPENAI_API_KEY, ...), the stamp's link the job's log (CI_JOB_URL), the summary a file
// kept as the job's artifact and echoed to the log. The same run(), other adapters.
import { appendFile } from 'node:fs/promises'
import { isAbsolute, join } from 'node:path'
import type { CommitIdentity } from '../adapters/git/workspace.ts'
import { GitLabApi } from '../adapters/gitlab/api.ts'
import { readForge } from '../config.ts'
import { Redactor } from '../outbox/secrets.ts'
import type { RunEnvironment } from '../ports/run.ts'
import type { Adapters } from '../run-types.ts'
import { GITLAB_NOTE_EVENT, GITLAB_SCHEDULE_EVENT } from '../trigger/gitlab-event.ts'
import { actionsAdapters, runToExitCode, type Runner, type StepEnvironment, type WiringOptions } from './actions.ts'

/** A pipeline a schedule started, with no webhook's payload: a triage (docs/gitlab.md). */
function isSchedule(env: StepEnvironment): boolean {
  return env.CI_PIPELINE_SOURCE === 'schedule' && !env.TRIGGER_PAYLOAD
}

/**
 * GitLab mode: in a GitLab CI job with a webhook's payload or started by a pipeline schedule, or asked for with
 * GIT_BOB_FORGE (or INPUT_FORGE) `gitlab`; config.ts decides (readForge), and throws a ConfigError for a value that
 * names no forge.
 */
export function isGitLab(env: StepEnvironment): boolean {
  const hints = {
    gitlabCi: env.GITLAB_CI === 'true',
    triggerPayload: Boolean(env.TRIGGER_PAYLOAD),
    schedule: isSchedule(env)
  }
  return readForge((name) => gitlabInput(env, name), hints) === 'gitlab'
}

/** An input as a CI variable: GIT_BOB_<NAME>, else INPUT_<NAME> (dashes and spaces as underscores). */
export function gitlabInput(env: StepEnvironment, name: string): string {
  const key = name.replace(/[- ]/g, '_').toUpperCase()
  if (key === 'GITHUB_TOKEN') return (env.GIT_BOB_GITLAB_TOKEN ?? '').trim()
  return (env[`GIT_BOB_${key}`] ?? env[`INPUT_${key}`] ?? '').trim()
}

export function gitlabEnvironment(env: StepEnvironment): RunEnvironment {
  return {
    eventName: isSchedule(env) ? GITLAB_SCHEDULE_EVENT : GITLAB_NOTE_EVENT,
    eventPath: env.TRIGGER_PAYLOAD ?? '',
    workspace: env.CI_PROJECT_DIR ?? '',
    runUrl: env.CI_JOB_URL || null,
    serverUrl: env.CI_SERVER_URL || 'https://gitlab.com',
    runId: env.CI_JOB_ID || env.CI_PIPELINE_ID || String(Date.now()),
    env
  }
}

/** The API's address: CI_API_V4_URL, which GitLab sets for every job (self-managed servers too). */
function apiUrl(env: StepEnvironment): string {
  return env.CI_API_V4_URL || `${(env.CI_SERVER_URL || 'https://gitlab.com').replace(/\/+$/, '')}/api/v4`
}

/**
 * Who commits: git-bob, at a no-reply address of the server (the project access token pushes); the person who
 * asked as co-author at GitLab's private commit address, <id>-<username>@users.noreply.<host>.
 */
export function gitlabCommitIdentity(env: StepEnvironment): CommitIdentity {
  const host = new URL(env.CI_SERVER_URL || 'https://gitlab.com').hostname
  return {
    author: { name: 'git-bob', email: `git-bob@noreply.${host}` },
    coAuthorOf: (account) => ({ name: account.login, email: `${account.id}-${account.login}@users.noreply.${host}` })
  }
}

function gitlabAdapters(env: StepEnvironment, runner: Runner, redactor: Redactor, options: WiringOptions): Adapters {
  return {
    ...actionsAdapters(env, runner, redactor, { commitIdentity: gitlabCommitIdentity(env), ...options }),
    readInput: (name) => gitlabInput(env, name),
    connectGitHub: (token, repo) =>
      Promise.resolve(
        new GitLabApi({
          baseUrl: apiUrl(env),
          token,
          project: `${repo.owner}/${repo.repo}`,
          webUrl: env.CI_SERVER_URL || 'https://gitlab.com',
          ...(options.githubRetryBaseMs !== undefined ? { retryBaseMs: options.githubRetryBaseMs } : {})
        })
      )
  }
}

/** One job of git-bob on GitLab; the exit code (1 on failure). */
export async function runGitLab(env: StepEnvironment, runner: Runner, options: WiringOptions = {}): Promise<number> {
  const redactor = new Redactor()
  redactor.addFromEnvironment(env)
  return runToExitCode(gitlabEnvironment(env), gitlabAdapters(env, runner, redactor, options), runner, redactor)
}

/** Where the summary goes: GIT_BOB_SUMMARY_FILE, else git-bob-summary.md in the project folder (an artifact). */
export function summaryFile(env: StepEnvironment): string {
  const name = env.GIT_BOB_SUMMARY_FILE || 'git-bob-summary.md'
  return isAbsolute(name) ? name : join(env.CI_PROJECT_DIR || '.', name)
}

/**
 * The job's log as the runner: lines on stdout (GitLab masks masked variables itself; the redactor has
 * masked every line before), the summary appended to its file and echoed, outputs as log lines.
 */
export function gitlabRunner(env: StepEnvironment, write: (line: string) => void): Runner {
  return {
    info: (message) => write(message),
    warning: (message) => write(`WARNING: ${message}`),
    error: (message, title) => write(`ERROR: ${title ? `${title}: ` : ''}${message}`),
    setOutput: (name, value) => write(`git-bob output ${name}: ${value}`),
    setSecret: () => undefined,
    appendSummary: async (markdown) => {
      await appendFile(summaryFile(env), `${markdown}\n`)
      write(`--- git-bob summary (${summaryFile(env)}) ---\n${markdown}`)
    }
  }
}
