// The event the action would have received, built for a request typed in a terminal: an issue_comment
// "created" on the issue or pull request, written by the token's user, that exists nowhere on GitHub. It
// goes through the same validation (trigger/event.ts) and the same gate as a comment would; pure.
import type { GitHubUser, IssueJson, RepositoryJson } from '../ports/github.ts'

export interface TypedRequest {
  botName: string
  command: string
  /** What was asked after the command ('' for nothing). */
  request: string
  viewer: GitHubUser
  repository: RepositoryJson
  issue: IssueJson
  now: Date
}

/** The comment's text, as a person would have written it. */
export function requestText(botName: string, command: string, request: string): string {
  return [botName, command, request.trim()].filter(Boolean).join(' ')
}

/**
 * An issue_comment payload. The comment's id is made from the time, far above GitHub's comment ids, so that
 * the marker of what is posted names this request and no other; its link is the issue's, since it has none.
 */
export function terminalEvent(r: TypedRequest): Record<string, unknown> {
  const owner = r.viewer.login.toLowerCase() === r.repository.owner.login.toLowerCase()
  return {
    action: 'created',
    issue: {
      number: r.issue.number,
      title: r.issue.title,
      body: r.issue.body ?? '',
      user: r.issue.user ?? { login: 'ghost', id: 10137, type: 'User' },
      author_association: r.issue.author_association,
      created_at: r.issue.created_at,
      html_url: r.issue.html_url,
      ...(r.issue.pull_request ? { pull_request: r.issue.pull_request } : {})
    },
    comment: {
      id: r.now.getTime(),
      body: requestText(r.botName, r.command, r.request),
      user: r.viewer,
      // The owner of a personal repository is what GitHub calls OWNER; anyone else's standing is asked of GitHub.
      author_association: owner ? 'OWNER' : 'NONE',
      created_at: r.now.toISOString(),
      html_url: r.issue.html_url
    },
    repository: r.repository
  }
}
