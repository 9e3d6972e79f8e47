// The GitHub port: the REST calls git-bob makes, typed and small. Posting goes through the Outbox
// (outbox.ts), which stamps and redacts; nothing else posts.
import { AsyncLocalStorage } from 'node:async_hooks'
import { z } from 'zod'
import { GitHubRequestCapError, httpStatus, MissingPermissionError } from '../../errors.ts'
import type { Octokit } from './client.ts'
import type {
  CheckRunInfo,
  Comparison,
  CreatedIssue,
  GitHub,
  IssueComment,
  IssueInfo,
  Permission,
  PostedMessages,
  PullFile,
  NewPull,
  PullInfo,
  OpenIssue,
  PullState,
  ReactionTarget,
  RepoRef,
  Review,
  ReviewComment,
  ReviewLineComment,
  ReviewThreadState,
  StatusInfo,
  WorkflowRun
} from '../../ports/github.ts'

const status = httpStatus

/**
 * The review threads of a pull request, a page of 100 at a time: whether each is resolved, by whom, and the REST
 * id of its first comment (REST has no resolved flag). test/fakes/github.ts answers exactly this query.
 */
export const REVIEW_THREADS_QUERY = `query($owner: String!, $repo: String!, $number: Int!, $cursor: String) {
  repository(owner: $owner, name: $repo) {
    pullRequest(number: $number) {
      reviewThreads(first: 100, after: $cursor) {
        pageInfo { hasNextPage endCursor }
        nodes { isResolved resolvedBy { login } comments(first: 1) { nodes { databaseId } } }
      }
    }
  }
}`

/** Pages of review threads read at most: 1,000 threads. */
const MAX_THREAD_PAGES = 10

const ReviewThreadsAnswer = z.object({
  repository: z
    .object({
      pullRequest: z
        .object({
          reviewThreads: z.object({
            pageInfo: z.object({ hasNextPage: z.boolean(), endCursor: z.string().nullable() }),
            nodes: z.array(
              z.object({
                isResolved: z.boolean(),
                resolvedBy: z.object({ login: z.string() }).nullable(),
                comments: z.object({ nodes: z.array(z.object({ databaseId: z.number().nullable() })) })
              })
            )
          })
        })
        .nullable()
    })
    .nullable()
})

/**
 * A 403 that says the token lacks a permission ("Resource not accessible by integration"), as the
 * permission to add; any other error as it was (rate limits are 403s too, with another message).
 */
export function withPermission(error: unknown, permission: string, what: string): unknown {
  const message = error instanceof Error ? error.message : ''
  return status(error) === 403 && /not accessible by integration|must have .*access/i.test(message)
    ? new MissingPermissionError(permission, what)
    : error
}

/** The last `maxBytes` of a stream, decoded; when more came, from the first whole line on. */
async function streamTail(stream: ReadableStream<Uint8Array>, maxBytes: number): Promise<string> {
  const chunks: Uint8Array[] = []
  let kept = 0
  let dropped = false
  for await (const chunk of stream) {
    chunks.push(chunk)
    kept += chunk.length
    while (chunks.length > 1 && kept - chunks[0]!.length >= maxBytes) {
      kept -= chunks.shift()!.length
      dropped = true
    }
  }
  const bytes = Buffer.concat(chunks)
  const tail = bytes.length > maxBytes ? bytes.subarray(bytes.length - maxBytes) : bytes
  const text = tail.toString('utf8')
  return dropped || tail.length < bytes.length ? text.slice(text.indexOf('\n') + 1) : text
}

/** The fields every comment-like object shares (comments, reviews, review comments). */
function authored(c: {
  id: number | bigint
  body?: string | null
  user?: { login: string; type: string } | null
  author_association: string
}): { id: number; body: string; login: string; userType: string; association: string } {
  return {
    id: Number(c.id),
    body: c.body ?? '',
    login: c.user?.login ?? 'ghost',
    userType: c.user?.type ?? 'User',
    association: c.author_association
  }
}

export class GitHubApi implements GitHub {
  /** Every REST call made, for the run record and the benchmark. */
  calls = 0
  /** Whether a read on the model's behalf was refused at the cap (limitRequests). */
  capReached = false
  private maxRequests = Number.POSITIVE_INFINITY
  private readonly onModelsBehalf = new AsyncLocalStorage<true>()
  /** Trees listed in this run by ref: the file list and the instruction files both need the default branch's. */
  private readonly trees = new Map<string, Promise<{ paths: string[]; truncated: boolean }>>()
  private readonly octokit: Octokit
  private readonly ref: RepoRef
  /** Roles already asked, by lower-case login. */
  private readonly permissions = new Map<string, Permission>()

  constructor(octokit: Octokit, ref: RepoRef) {
    this.octokit = octokit
    this.ref = ref
    // Registered after Octokit's own plugins, so it runs first: a refused request is neither throttled,
    // retried nor sent. Each page of a paginated read is a request of its own.
    octokit.hook.before('request', () => {
      if (this.onModelsBehalf.getStore() && this.calls >= this.maxRequests) {
        this.capReached = true
        throw new GitHubRequestCapError(this.maxRequests)
      }
      this.calls++
    })
  }

  /**
   * Once the run has made `max` requests (every request counts), reads made through forModel() are refused
   * with a GitHubRequestCapError. git-bob's own requests (the thread, the answer) are not: they are few and
   * bounded by code, while the model can ask for reads without end.
   */
  limitRequests(max: number): void {
    this.maxRequests = max
  }

  /** Runs reads the model asked for (its tools): within the cap of limitRequests(). */
  forModel<T>(read: () => Promise<T>): Promise<T> {
    return this.onModelsBehalf.run(true, read)
  }

  /**
   * The repository role of a user: a 404 means the user is no collaborator. Asked once per login in a run: the
   * gate, the thread's standings and the review's dismissals ask about the same people.
   */
  async permission(login: string): Promise<Permission> {
    const key = login.toLowerCase()
    const known = this.permissions.get(key)
    if (known) return known
    const permission = await this.askPermission(login)
    this.permissions.set(key, permission)
    return permission
  }

  private async askPermission(login: string): Promise<Permission> {
    try {
      const { data } = await this.octokit.rest.repos.getCollaboratorPermissionLevel({ ...this.ref, username: login })
      const role = (data.role_name ?? '').toLowerCase()
      if (role === 'admin' || role === 'maintain' || role === 'write' || role === 'triage' || role === 'read')
        return role
      const permission = data.permission.toLowerCase()
      return permission === 'admin' || permission === 'write' || permission === 'read' ? permission : 'none'
    } catch (error) {
      if (status(error) === 404) return 'none'
      throw error
    }
  }

  async react(target: ReactionTarget, content: 'eyes' | 'confused'): Promise<void> {
    if (target.kind === 'issue_comment') {
      await this.octokit.rest.reactions.createForIssueComment({ ...this.ref, comment_id: target.id, content })
    } else if (target.kind === 'review_comment') {
      await this.octokit.rest.reactions.createForPullRequestReviewComment({
        ...this.ref,
        comment_id: target.id,
        content
      })
    } else {
      await this.octokit.rest.reactions.createForIssue({ ...this.ref, issue_number: target.number, content })
    }
  }

  async issueComments(issueNumber: number): Promise<IssueComment[]> {
    const data = await this.octokit.paginate(this.octokit.rest.issues.listComments, {
      ...this.ref,
      issue_number: issueNumber,
      per_page: 100
    })
    return data.map((c) => ({ ...authored(c), createdAt: c.created_at, updatedAt: c.updated_at }))
  }

  /** Every comment (every page); on a pull request also its reviews and review comments. */
  async posted(number: number, isPull: boolean): Promise<PostedMessages> {
    const [comments, reviews, reviewComments] = await Promise.all([
      this.issueComments(number),
      isPull ? this.reviews(number) : Promise.resolve([]),
      isPull ? this.reviewComments(number) : Promise.resolve([])
    ])
    return { comments, reviews, reviewComments }
  }

  async reviews(pullNumber: number): Promise<Review[]> {
    const data = await this.octokit.paginate(this.octokit.rest.pulls.listReviews, {
      ...this.ref,
      pull_number: pullNumber,
      per_page: 100
    })
    return data.map((r) => ({
      ...authored(r),
      submittedAt: r.submitted_at ?? null,
      state: r.state
    }))
  }

  async reviewComments(pullNumber: number): Promise<ReviewComment[]> {
    const data = await this.octokit.paginate(this.octokit.rest.pulls.listReviewComments, {
      ...this.ref,
      pull_number: pullNumber,
      per_page: 100
    })
    return data.map((c) => ({
      ...authored(c),
      createdAt: c.created_at,
      updatedAt: c.updated_at,
      path: c.path,
      line: c.line ?? c.original_line ?? null,
      inReplyTo: c.in_reply_to_id ?? null,
      thumbsDown: c.reactions?.['-1'] ?? 0
    }))
  }

  async reviewThreads(pullNumber: number): Promise<ReviewThreadState[]> {
    const threads: ReviewThreadState[] = []
    let cursor: string | null = null
    for (let page = 0; page < MAX_THREAD_PAGES; page++) {
      const raw: unknown = await this.octokit.graphql(REVIEW_THREADS_QUERY, { ...this.ref, number: pullNumber, cursor })
      const found = ReviewThreadsAnswer.parse(raw).repository?.pullRequest?.reviewThreads
      if (!found) break
      for (const t of found.nodes) {
        const root = t.comments.nodes[0]?.databaseId
        if (typeof root === 'number')
          threads.push({ rootCommentId: root, resolved: t.isResolved, resolvedBy: t.resolvedBy?.login ?? null })
      }
      if (!found.pageInfo.hasNextPage || !found.pageInfo.endCursor) break
      cursor = found.pageInfo.endCursor
    }
    return threads
  }

  async thumbsDownOn(commentId: number): Promise<string[]> {
    const { data } = await this.octokit.rest.reactions.listForPullRequestReviewComment({
      ...this.ref,
      comment_id: commentId,
      content: '-1',
      per_page: 100
    })
    return data.filter((r) => r.content === '-1' && r.user).map((r) => r.user!.login)
  }

  async pullFiles(pullNumber: number): Promise<PullFile[]> {
    const data = await this.octokit.paginate(this.octokit.rest.pulls.listFiles, {
      ...this.ref,
      pull_number: pullNumber,
      per_page: 100
    })
    return data.map((f) => ({
      filename: f.filename,
      status: f.status,
      additions: f.additions,
      deletions: f.deletions,
      patch: f.patch ?? null
    }))
  }

  /** The pull request's head and base commits now (JSON, not the diff). */
  async pullState(pullNumber: number): Promise<PullState> {
    const { data } = await this.octokit.rest.pulls.get({ ...this.ref, pull_number: pullNumber })
    return { headSha: data.head.sha, baseSha: data.base.sha }
  }

  /**
   * The files changed from one commit to another (GitHub lists at most 300); null when GitHub cannot
   * compare them (a commit no longer exists, e.g. after a force-push).
   */
  async compare(base: string, head: string): Promise<Comparison | null> {
    try {
      // With paging, the files come complete on the first page; one commit per page keeps the answer small.
      const { data } = await this.octokit.rest.repos.compareCommitsWithBasehead({
        ...this.ref,
        basehead: `${base}...${head}`,
        per_page: 1
      })
      return {
        status: data.status,
        files: (data.files ?? []).map((f) => ({
          filename: f.filename,
          status: f.status,
          additions: f.additions,
          deletions: f.deletions,
          patch: f.patch ?? null
        }))
      }
    } catch (error) {
      if (status(error) === 404) return null
      throw error
    }
  }

  /** The unified diff of a pull request; null when GitHub will not produce one (too large). */
  async pullDiff(pullNumber: number): Promise<string | null> {
    try {
      const response = await this.octokit.rest.pulls.get({
        ...this.ref,
        pull_number: pullNumber,
        mediaType: { format: 'diff' }
      })
      // With the diff media type GitHub sends text, whatever the response type says.
      const data: unknown = response.data
      return typeof data === 'string' ? data : String(data)
    } catch (error) {
      const code = status(error)
      if (code === 406 || code === 422) return null
      throw error
    }
  }

  /** A file's text at a ref; null when it does not exist. */
  async fileText(path: string, ref: string): Promise<string | null> {
    try {
      const response = await this.octokit.rest.repos.getContent({
        ...this.ref,
        path,
        ref,
        mediaType: { format: 'raw' }
      })
      return typeof response.data === 'string' ? response.data : null
    } catch (error) {
      if (status(error) === 404) return null
      throw error
    }
  }

  /** Every file path at a ref, and whether GitHub cut the list short; listed once per ref in a run. */
  tree(ref: string): Promise<{ paths: string[]; truncated: boolean }> {
    const known = this.trees.get(ref)
    if (known) return known
    const listed = this.octokit.rest.git
      .getTree({ ...this.ref, tree_sha: ref, recursive: 'true' })
      .then(({ data }) => ({
        paths: data.tree.filter((e) => e.type === 'blob' && e.path).map((e) => e.path),
        truncated: data.truncated
      }))
    this.trees.set(ref, listed)
    // A failure is not kept: the next reader asks again.
    listed.catch(() => this.trees.delete(ref))
    return listed
  }

  /** owner/name of the repository this client reads. */
  get fullName(): string {
    return `${this.ref.owner}/${this.ref.repo}`
  }

  /**
   * An issue or pull request (both are issues to GitHub); null when there is none. One that was transferred
   * comes back from its new repository (GitHub redirects), which `repo` says.
   */
  async issue(number: number): Promise<IssueInfo | null> {
    try {
      const { data } = await this.octokit.rest.issues.get({ ...this.ref, issue_number: number })
      return {
        repo: data.repository_url.replace(/^.*\/repos\//, ''),
        number: data.number,
        isPull: data.pull_request !== undefined,
        title: data.title,
        body: data.body ?? '',
        state: data.state,
        author: data.user?.login ?? 'ghost',
        createdAt: data.created_at
      }
    } catch (error) {
      const code = status(error)
      if (code === 404 || code === 410) return null
      throw withPermission(error, 'issues: read', 'issues')
    }
  }

  /** The check runs of a commit (the first 100: more is not what a question about CI needs). */
  async checkRuns(sha: string): Promise<CheckRunInfo[]> {
    try {
      const { data } = await this.octokit.rest.checks.listForRef({ ...this.ref, ref: sha, per_page: 100 })
      return data.check_runs.map((r) => ({
        id: r.id,
        name: r.name,
        status: r.status,
        conclusion: r.conclusion ?? null,
        app: r.app?.slug ?? null,
        title: r.output.title ?? null,
        summary: r.output.summary ?? null,
        url: r.details_url ?? r.html_url ?? null
      }))
    } catch (error) {
      throw withPermission(error, 'checks: read', 'check runs')
    }
  }

  /** The latest commit status of each context (the combined status). */
  async statuses(sha: string): Promise<StatusInfo[]> {
    try {
      const { data } = await this.octokit.rest.repos.getCombinedStatusForRef({ ...this.ref, ref: sha, per_page: 100 })
      return data.statuses.map((s) => ({
        context: s.context,
        state: s.state,
        description: s.description ?? null,
        url: s.target_url ?? null
      }))
    } catch (error) {
      throw withPermission(error, 'statuses: read', 'commit statuses')
    }
  }

  /**
   * The end of a GitHub Actions job's plain-text log (GitHub answers with a redirect to a download URL, which
   * gets no token). Streamed, keeping only the last `maxBytes`: a log can be hundreds of megabytes.
   */
  async jobLog(jobId: number, maxBytes = 1_000_000): Promise<string> {
    try {
      const response = await this.octokit.rest.actions.downloadJobLogsForWorkflowRun({
        ...this.ref,
        job_id: jobId,
        request: { parseSuccessResponseBody: false }
      })
      const body: unknown = response.data
      return body instanceof ReadableStream
        ? await streamTail(body as ReadableStream<Uint8Array>, maxBytes)
        : String(body)
    } catch (error) {
      throw withPermission(error, 'actions: read', 'workflow job logs')
    }
  }

  /** Paths of files GitHub's code search finds for the words in this repository (its default branch). */
  async searchCode(words: string, limit: number): Promise<string[]> {
    try {
      const { data } = await this.octokit.rest.search.code({
        q: `${words} repo:${this.ref.owner}/${this.ref.repo}`,
        per_page: limit
      })
      return data.items.map((item) => item.path)
    } catch (error) {
      throw withPermission(error, 'contents: read', 'code search')
    }
  }

  async createIssueComment(issueNumber: number, body: string): Promise<{ id: number; url: string }> {
    const { data } = await this.octokit.rest.issues.createComment({ ...this.ref, issue_number: issueNumber, body })
    return { id: data.id, url: data.html_url }
  }

  async updateIssueComment(commentId: number, body: string): Promise<{ id: number; url: string }> {
    const { data } = await this.octokit.rest.issues.updateComment({ ...this.ref, comment_id: commentId, body })
    return { id: data.id, url: data.html_url }
  }

  /** A review that only comments: git-bob never approves or requests changes. */
  async createReview(
    pullNumber: number,
    review: { commitId: string; body: string; comments: readonly ReviewLineComment[] }
  ): Promise<{ id: number; url: string }> {
    const { data } = await this.octokit.rest.pulls.createReview({
      ...this.ref,
      pull_number: pullNumber,
      commit_id: review.commitId,
      body: review.body,
      event: 'COMMENT',
      comments: review.comments.map((c) => ({
        path: c.path,
        line: c.line,
        side: 'RIGHT',
        ...(c.startLine !== undefined ? { start_line: c.startLine, start_side: 'RIGHT' } : {}),
        body: c.body
      }))
    })
    return { id: Number(data.id), url: data.html_url }
  }

  async createIssue(title: string, body: string): Promise<CreatedIssue> {
    const { data } = await this.octokit.rest.issues.create({ ...this.ref, title, body })
    return { id: Number(data.id), number: data.number, url: data.html_url }
  }

  /** Makes an issue a sub-issue of another; `subIssueId` is the child's id, not its number. */
  async addSubIssue(parentNumber: number, subIssueId: number): Promise<void> {
    await this.octokit.rest.issues.addSubIssue({ ...this.ref, issue_number: parentNumber, sub_issue_id: subIssueId })
  }

  async openIssues(limit: number): Promise<OpenIssue[]> {
    // The list holds pull requests too: asked for a few more, and those left out.
    const { data } = await this.octokit.rest.issues.listForRepo({
      ...this.ref,
      state: 'open',
      sort: 'created',
      direction: 'desc',
      per_page: Math.min(100, limit * 2 + 10)
    })
    return data
      .filter((i) => !i.pull_request)
      .slice(0, limit)
      .map((i) => ({
        number: i.number,
        title: i.title,
        body: i.body ?? '',
        author: {
          login: i.user?.login ?? 'ghost',
          id: i.user?.id ?? 0,
          isBot: i.user?.type === 'Bot' || (i.user?.login ?? '').endsWith('[bot]')
        },
        association: i.author_association ?? 'NONE',
        createdAt: i.created_at,
        url: i.html_url,
        labels: i.labels.map((l) => (typeof l === 'string' ? l : (l.name ?? ''))).filter(Boolean)
      }))
  }

  async labelNames(): Promise<string[]> {
    const { data } = await this.octokit.rest.issues.listLabelsForRepo({ ...this.ref, per_page: 100 })
    return data.map((l) => l.name)
  }

  async addLabels(issueNumber: number, names: readonly string[]): Promise<void> {
    await this.octokit.rest.issues.addLabels({ ...this.ref, issue_number: issueNumber, labels: [...names] })
  }

  async removeLabel(issueNumber: number, name: string): Promise<boolean> {
    try {
      await this.octokit.rest.issues.removeLabel({ ...this.ref, issue_number: issueNumber, name })
      return true
    } catch (error) {
      if (status(error) === 404) return false
      throw error
    }
  }

  async replyToReviewComment(
    pullNumber: number,
    commentId: number,
    body: string
  ): Promise<{ id: number; url: string }> {
    const { data } = await this.octokit.rest.pulls.createReplyForReviewComment({
      ...this.ref,
      pull_number: pullNumber,
      comment_id: commentId,
      body
    })
    return { id: data.id, url: data.html_url }
  }

  async pull(pullNumber: number): Promise<PullInfo> {
    const { data } = await this.octokit.rest.pulls.get({ ...this.ref, pull_number: pullNumber })
    return {
      number: data.number,
      url: data.html_url,
      state: data.state,
      headRef: data.head.ref,
      headRepo: data.head.repo?.full_name ?? null,
      baseRef: data.base.ref
    }
  }

  /** The open pull request whose head is this repository's branch, if any. */
  async openPullFor(branch: string): Promise<{ number: number; url: string } | null> {
    const { data } = await this.octokit.rest.pulls.list({
      ...this.ref,
      state: 'open',
      head: `${this.ref.owner}:${branch}`,
      per_page: 1
    })
    const pull = data[0]
    return pull ? { number: pull.number, url: pull.html_url } : null
  }

  async createPull(options: NewPull): Promise<{ number: number; url: string }> {
    const { data } = await this.octokit.rest.pulls.create({ ...this.ref, ...options, maintainer_can_modify: true })
    return { number: data.number, url: data.html_url }
  }

  /** Starts a workflow that has a workflow_dispatch trigger, on a branch (GitHub answers 204, no run id). */
  async dispatchWorkflow(workflow: string, ref: string): Promise<void> {
    await this.octokit.rest.actions.createWorkflowDispatch({ ...this.ref, workflow_id: workflow, ref })
  }

  /** Two requests: the ref, then the file at its commit (the contents API reads any commit). */
  async refFile(ref: string, path: string): Promise<{ commit: string; text: string | null } | null> {
    let commit: string
    try {
      const { data } = await this.octokit.rest.git.getRef({ ...this.ref, ref: ref.replace(/^refs\//, '') })
      commit = data.object.sha
    } catch (error) {
      if (status(error) === 404) return null
      throw error
    }
    return { commit, text: await this.fileText(path, commit) }
  }

  /**
   * Three requests: a tree with the file's text inline (GitHub makes the blob), a commit, and the ref moved
   * without force. GitHub refuses to move a ref to a commit that does not descend from where it is (422), and
   * to create one that exists (422): either way another run wrote first.
   */
  async writeRefFile(ref: string, path: string, text: string, parent: string | null): Promise<boolean> {
    const { data: tree } = await this.octokit.rest.git.createTree({
      ...this.ref,
      tree: [{ path, mode: '100644', type: 'blob', content: text }]
    })
    const { data: commit } = await this.octokit.rest.git.createCommit({
      ...this.ref,
      message: `git-bob: ${path}`,
      tree: tree.sha,
      parents: parent ? [parent] : []
    })
    try {
      if (parent)
        await this.octokit.rest.git.updateRef({
          ...this.ref,
          ref: ref.replace(/^refs\//, ''),
          sha: commit.sha,
          force: false
        })
      else await this.octokit.rest.git.createRef({ ...this.ref, ref, sha: commit.sha })
      return true
    } catch (error) {
      if (status(error) === 422) return false
      throw error
    }
  }

  /** The workflow's runs started by workflow_dispatch on a branch since a time, newest first. */
  async dispatchedRuns(workflow: string, branch: string, since: string): Promise<WorkflowRun[]> {
    const { data } = await this.octokit.rest.actions.listWorkflowRuns({
      ...this.ref,
      workflow_id: workflow,
      event: 'workflow_dispatch',
      branch,
      created: `>=${since}`,
      per_page: 20
    })
    return data.workflow_runs.map(workflowRun)
  }

  async workflowRun(id: number): Promise<WorkflowRun> {
    const { data } = await this.octokit.rest.actions.getWorkflowRun({ ...this.ref, run_id: id })
    return workflowRun(data)
  }
}

function workflowRun(r: {
  id: number
  html_url: string
  status: string | null
  conclusion: string | null
  created_at: string
}): WorkflowRun {
  return { id: r.id, url: r.html_url, status: r.status ?? 'queued', conclusion: r.conclusion, createdAt: r.created_at }
}
