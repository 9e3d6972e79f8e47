// Turns any failure into what a person needs: one sentence of what went wrong and one of what to do.
import { ConfigError, EventError, GitError, NotebookTamperError, PushConflictError } from '../errors.ts'
import { httpStatus } from '../errors.ts'
import { LlmError } from '../llm/errors.ts'
import type { ForgeDialect } from '../ports/forge.ts'
import { HOMEPAGE } from '../version.ts'

export interface FailureReport {
  what: string
  advice: string
  /** Not one of the failures git-bob knows: a bug, whose place in src/ the log should show. */
  unexpected?: true
}

function githubAdvice(status: number): string {
  if (status === 401)
    return 'The `github-token` input is not accepted by GitHub. Keep its default, or pass a valid token.'
  if (status === 403)
    return `The workflow token may not do this. Give the workflow \`permissions: issues: write, pull-requests: write, contents: read\` ([what each part needs](${HOMEPAGE}/blob/main/docs/configuration.md#repository-settings-that-matter)), or wait if GitHub rate-limited the repository.`
  if (status === 404)
    return 'GitHub could not find the issue, pull request or file. It may have been deleted or transferred.'
  if (status === 422) return 'GitHub rejected the request as invalid. Please report this with a link to the log.'
  if (status === 429) return 'GitHub rate-limited the repository. Wait a few minutes and ask again.'
  if (status >= 500) return 'GitHub had a server error, even after retries. Ask again in a few minutes.'
  return 'Ask again; if it keeps failing, report it with a link to the log.'
}

/** GitLab's answers, for git-bob's token in GIT_BOB_GITLAB_TOKEN (docs/gitlab.md). */
function gitlabAdvice(status: number): string {
  if (status === 401)
    return 'GitLab did not accept the token in `GIT_BOB_GITLAB_TOKEN`: it may have expired or been revoked. Create a new one (docs/gitlab.md, step 1).'
  if (status === 403)
    return "git-bob's token may not do this. Give it the Developer role and the scopes `api` and `write_repository` (docs/gitlab.md, step 1), or wait if GitLab rate-limited it."
  if (status === 404)
    return 'GitLab could not find the issue, merge request or file. It may have been deleted or moved.'
  if (status === 400 || status === 422)
    return 'GitLab rejected the request as invalid. Please report this with a link to the log.'
  if (status === 429) return 'GitLab rate-limited the token. Wait a few minutes and ask again.'
  if (status >= 500) return 'GitLab had a server error, even after retries. Ask again in a few minutes.'
  return 'Ask again; if it keeps failing, report it with a link to the log.'
}

/** git's answer to a push the server refused for who pushed or where (not a race): GitHub's, and GitLab's too. */
const PUSH_REFUSED = /denied|403|permission|workflows?` permission/i
const GITLAB_PUSH_REFUSED = /denied|403|permission|not allowed|protected branch|pre-receive hook declined/i

/** What a project needs for git-bob's pushes: the workflow's permission on GitHub, the token's role and scope on GitLab. */
function pushAdvice(dialect: ForgeDialect | undefined): string {
  return dialect === 'gitlab'
    ? "git-bob's token may not push here. Give it the Developer role (or above) and the scope `write_repository` (docs/gitlab.md, step 1); if the branch is protected, allow that role to push to it (Settings → Repository → Protected branches), or ask git-bob to work on an unprotected branch."
    : 'The workflow token may not push here. Give the workflow `permissions: contents: write`, and check branch protection rules.'
}

/** Any error in words; `dialect` is the forge the run works on (absent: GitHub), as what to do differs there. */
export function describeFailure(error: unknown, dialect?: ForgeDialect): FailureReport {
  if (error instanceof ConfigError) return { what: 'git-bob is not configured correctly.', advice: error.message }
  if (error instanceof EventError)
    return {
      what: `The event could not be read: ${error.message}.`,
      advice: 'This is not something a comment can fix; please report it with a link to the log.'
    }
  if (error instanceof LlmError)
    return { what: `The model call failed (${error.kind.replace(/_/g, ' ')}): ${error.message}.`, advice: error.advice }
  if (error instanceof NotebookTamperError)
    return {
      what: `I stopped: ${error.message}`,
      advice:
        'Nothing was pushed. Check what the notebook does; if it was steered by text in the thread, remove that text first.'
    }
  if (error instanceof PushConflictError)
    return {
      what: `My change could not be pushed: ${error.message}`,
      advice: 'Look at the new commits on the branch, then ask me again.'
    }
  if (error instanceof GitError) {
    return {
      what: `A git command failed: ${error.message}`,
      advice: (dialect === 'gitlab' ? GITLAB_PUSH_REFUSED : PUSH_REFUSED).test(error.stderr)
        ? pushAdvice(dialect)
        : 'Ask again; if it keeps failing, please report it with a link to the log.'
    }
  }
  const status = httpStatus(error)
  const message = error instanceof Error ? error.message : String(error)
  // GitLab's client names its errors so (adapters/gitlab/rest.ts); their message says the request and the status.
  if (status !== undefined && error instanceof Error && error.name === 'GitLabRequestError')
    return { what: `A GitLab API request failed: ${message}`, advice: gitlabAdvice(status) }
  if (status !== undefined)
    return { what: `A GitHub API request failed with HTTP ${status}: ${message}`, advice: githubAdvice(status) }
  return {
    what: `Something unexpected went wrong: ${message}`,
    advice: 'Ask again; if it keeps failing, please report it with a link to the log.',
    unexpected: true
  }
}

/**
 * Where an error was thrown, as the stack's frames (src/ files and lines, since index.ts enables the source
 * maps), for the log of a bug report. Only the frames: the message may quote the event and is logged escaped.
 */
export function whereItFailed(error: unknown): string | null {
  const frames = error instanceof Error ? (error.stack ?? '').split('\n').filter((l) => /^\s+at /.test(l)) : []
  return frames.length ? `Where it failed:\n${frames.join('\n')}` : null
}

export function failureMessage(report: FailureReport): string {
  return `> [!WARNING]\n> I could not finish this request.\n\n**What went wrong:** ${report.what}\n\n**What to do:** ${report.advice}`
}
