// Real webhook payloads from @octokit/webhooks-examples, with only the fields a scenario needs changed.
import { createRequire } from 'node:module'

interface ExampleSet {
  name: string
  examples: Record<string, unknown>[]
}

const require = createRequire(import.meta.url)
const all = require('@octokit/webhooks-examples/api.github.com/index.json') as ExampleSet[]

export type Payload = Record<string, any> // eslint-disable-line @typescript-eslint/no-explicit-any -- webhook JSON is edited freely in tests

/** A deep copy of the n-th real example of an event with the given action. */
export function example(event: string, action: string, n = 0): Payload {
  const set = all.find((s) => s.name === event)
  const found = set?.examples.filter((e) => e.action === action)[n]
  if (!found) throw new Error(`no ${event}.${action} example #${n} in @octokit/webhooks-examples`)
  return structuredClone(found)
}

/** A deep copy of the n-th real example of an event without actions (workflow_dispatch, workflow_run's kin). */
export function exampleOf(event: string, n = 0): Payload {
  const found = all.find((s) => s.name === event)?.examples[n]
  if (!found) throw new Error(`no ${event} example #${n} in @octokit/webhooks-examples`)
  return structuredClone(found)
}

export interface CommentScenario {
  body: string
  login?: string
  association?: string
  userType?: 'User' | 'Bot'
  issueNumber?: number
  commentId?: number
  createdAt?: string
  /** Make the issue a pull request (a PR conversation comment). */
  pullRequest?: boolean
  issueBody?: string
  issueTitle?: string
}

export function issueCommentPayload(s: CommentScenario): Payload {
  const p = example('issue_comment', 'created')
  const login = s.login ?? 'Codertocat'
  p.comment.body = s.body
  p.comment.user.login = login
  p.comment.user.type = s.userType ?? 'User'
  p.comment.author_association = s.association ?? 'OWNER'
  if (s.commentId) p.comment.id = s.commentId
  if (s.createdAt) p.comment.created_at = p.comment.updated_at = s.createdAt
  if (s.issueNumber) p.issue.number = s.issueNumber
  if (s.issueBody !== undefined) p.issue.body = s.issueBody
  if (s.issueTitle !== undefined) p.issue.title = s.issueTitle
  if (s.pullRequest) {
    const pr = example('pull_request', 'opened').pull_request
    p.issue.pull_request = {
      url: pr.url,
      html_url: pr.html_url,
      diff_url: pr.diff_url,
      patch_url: pr.patch_url,
      merged_at: null
    }
  }
  // The addresses follow the number and id set above, as GitHub's would: each request links its own comment,
  // not the example's (issues/1#issuecomment-492700400).
  const repoHtml: string = p.repository.html_url
  const repoApi: string = p.repository.url
  const number: number = p.issue.number
  const page = `${repoHtml}/${s.pullRequest ? 'pull' : 'issues'}/${number}`
  p.issue.html_url = page
  p.issue.url = p.comment.issue_url = `${repoApi}/issues/${number}`
  p.comment.url = `${repoApi}/issues/comments/${p.comment.id}`
  p.comment.html_url = `${page}#issuecomment-${p.comment.id}`
  return p
}
