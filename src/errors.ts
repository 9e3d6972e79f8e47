// git-bob's own error classes, in one place: outbox/failure.ts maps them to what a person reads.
// The model adapter's taxonomy (LlmError) stays in llm/errors.ts, since llm/ knows nothing of git-bob; ConfigError
// is declared there too and re-exported here.

/** A setting is missing or wrong: the message names the input to set and how (declared in llm/, which throws it too). */
export { ConfigError } from './llm/errors.ts'

/** The event payload could not be read. */
export class EventError extends Error {
  override name = 'EventError'
}

/** A git command failed; stderr tells why (e.g. a token that may not push). */
export class GitError extends Error {
  override name = 'GitError'
  readonly stderr: string
  readonly args: string[]

  constructor(args: string[], stderr: string, code: number | string | null) {
    super(`git ${args[0] ?? ''} failed (${code}): ${stderr.trim().split('\n').slice(-3).join(' ')}`)
    this.stderr = stderr
    this.args = args
  }
}

/** A path that would leave the working tree through a symbolic link. */
export class PathEscapeError extends Error {
  override name = 'PathEscapeError'
}

/** The change could not be pushed: the branch moved on in a way a rebuild could not follow. */
export class PushConflictError extends Error {
  override name = 'PushConflictError'
}

/** A read on the model's behalf refused: the run made as many GitHub requests as it may (max-github-requests). */
export class GitHubRequestCapError extends Error {
  override name = 'GitHubRequestCapError'
  readonly limit: number

  constructor(limit: number) {
    super(
      `git-bob's limit of ${limit.toLocaleString('en-US')} GitHub API requests in one run (max-github-requests) is reached: nothing more is read from GitHub in this run. Answer from what you have read.`
    )
    this.limit = limit
  }
}

/** Why a file was not fetched, in words for the person who asked. */
export class FetchRefused extends Error {
  override name = 'FetchRefused'
}

/** A linked file that is not downloaded; the message says why. */
export class DownloadError extends Error {
  override name = 'DownloadError'
}

/** Notebook code touched what git trusts: the whole request stops, nothing is pushed. */
export class NotebookTamperError extends Error {
  override name = 'NotebookTamperError'
}

/** An implement step that could not be done; the others go on and the description says why. */
export class StepError extends Error {}

/** An image left out of what the model reads; the message is the note that says why. */
export class ImageLeftOut extends Error {}

/** The command line cannot go on (no token, a repository the token cannot read): the message says what to do. */
export class CliError extends Error {
  override name = 'CliError'
}

/** GitHub refused a read because the workflow's token lacks a permission; the message names what to add. */
export class MissingPermissionError extends Error {
  override name = 'MissingPermissionError'
  /** As written in a workflow's `permissions:` block, e.g. `checks: read`. */
  readonly permission: string

  constructor(permission: string, what: string) {
    super(`git-bob's token cannot read ${what}: add \`${permission}\` to the workflow's permissions`)
    this.permission = permission
  }
}

/** The HTTP status of a failed request, if it was one. */
export function httpStatus(error: unknown): number | undefined {
  return typeof error === 'object' && error !== null && 'status' in error && typeof error.status === 'number'
    ? error.status
    : undefined
}
