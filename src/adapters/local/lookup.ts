// What the command line reads of GitHub before the run: the token's user, the repository and the issue or
// pull request, each refusal turned into a sentence for the person at the terminal.
import { CliError } from '../../errors.ts'
import type { GitHubUser, IssueJson, RepositoryJson } from '../../ports/github.ts'
import { httpStatus } from '../../errors.ts'
import { createOctokit, type Octokit } from '../github/client.ts'
import { cannotReach, unreachable } from './unreachable.ts'

/**
 * The first read gets one attempt, answered within this time: a server that cannot be reached is said at once,
 * not after the retries' 1 + 4 + 9 s. The reads after it, once the server has answered, keep their retries.
 */
const FIRST_ANSWER_SECONDS = 5

export interface Looked {
  viewer: GitHubUser
  repository: RepositoryJson & { clone_url: string }
  issue: IssueJson
}

export async function connect(token: string, baseUrl: string, warn: (message: string) => void): Promise<Octokit> {
  return createOctokit(token, { baseUrl, onLimit: warn })
}

export async function lookUp(octokit: Octokit, owner: string, repo: string, number: number): Promise<Looked> {
  const host = new URL(octokit.request.endpoint.DEFAULTS.baseUrl).host
  const failed = (error: unknown, said: (status: number | undefined) => string): CliError => {
    const why = unreachable(error, FIRST_ANSWER_SECONDS)
    return new CliError(why ? cannotReach(host, why) : said(httpStatus(error)))
  }
  const first = { retries: 0, signal: AbortSignal.timeout(FIRST_ANSWER_SECONDS * 1000) }
  const viewer = await octokit.rest.users.getAuthenticated({ request: first }).catch((error: unknown) => {
    throw failed(error, (status) =>
      status === 401
        ? 'GitHub does not accept the token (HTTP 401). Check GITHUB_TOKEN or GH_TOKEN, or log in again with `gh auth login`.'
        : status === 403
          ? `The token's user could not be read (${describe(error)}). git-bob acts as the person the token belongs to: use a personal token or \`gh auth login\`, not an app's token.`
          : `The token's user could not be read: ${describe(error)}`
    )
  })
  const repository = await octokit.rest.repos.get({ owner, repo }).catch((error: unknown) => {
    throw failed(error, (status) =>
      status === 404 || status === 403
        ? `${owner}/${repo} cannot be read with this token (HTTP ${status}): it does not exist, or the token of @${viewer.data.login} has no access to it. For a private repository the token needs read access to it (the \`repo\` scope, or a fine-grained token for that repository).`
        : `${owner}/${repo} could not be read: ${describe(error)}`
    )
  })
  const issue = await octokit.rest.issues.get({ owner, repo, issue_number: number }).catch((error: unknown) => {
    throw failed(error, (status) =>
      status === 404 || status === 410
        ? `${owner}/${repo} has no issue or pull request #${number} that this token can read.`
        : `Issue #${number} of ${owner}/${repo} could not be read: ${describe(error)}`
    )
  })
  const { login, id, type } = viewer.data
  const r = repository.data
  const i = issue.data
  return {
    viewer: { login, id, type },
    repository: {
      name: r.name,
      full_name: r.full_name,
      owner: { login: r.owner.login },
      default_branch: r.default_branch,
      html_url: r.html_url,
      clone_url: r.clone_url
    },
    issue: {
      number: i.number,
      title: i.title,
      body: i.body ?? '',
      user: i.user ? { login: i.user.login, id: i.user.id, type: i.user.type } : null,
      author_association: i.author_association ?? 'NONE',
      created_at: i.created_at,
      html_url: i.html_url,
      ...(i.pull_request ? { pull_request: i.pull_request } : {})
    }
  }
}

function describe(error: unknown): string {
  const status = httpStatus(error)
  const message = error instanceof Error ? error.message : String(error)
  return status ? `HTTP ${status}: ${message}` : message
}
