// A local stand-in for the GitHub REST API over real HTTP: it keeps issues, comments, pull requests,
// permissions and files in memory, answers with the shapes of GitHub's OpenAPI description (typed
// below, so the compiler catches drift), records every request, and can inject faults.
import { createHash } from 'node:crypto'
import type { IncomingMessage, ServerResponse } from 'node:http'
import { LoopbackServer } from './loopback.ts'
import type { components, operations } from '@octokit/openapi-types'

type Schemas = components['schemas']
/** The one GraphQL query git-bob sends, written out again here so that a change to it must be made on purpose. */
const REVIEW_THREADS = `query($owner: String!, $repo: String!, $number: Int!, $cursor: String) {
  repository(owner: $owner, name: $repo) {
    pullRequest(number: $number) {
      reviewThreads(first: 100, after: $cursor) {
        pageInfo { hasNextPage endCursor }
        nodes { isResolved resolvedBy { login } comments(first: 1) { nodes { databaseId } } }
      }
    }
  }
}`
type ReviewRequest = NonNullable<operations['pulls/create-review']['requestBody']>['content']['application/json']
type IssueRequest = operations['issues/create']['requestBody']['content']['application/json']
type SubIssueRequest = operations['issues/add-sub-issue']['requestBody']['content']['application/json']
/**
 * The fields of a pull request git-bob reads. The full schema nests two whole repository objects
 * (head.repo, base.repo); picking keeps the stand-in small while the compiler still checks names and types.
 */
type PullJson = Pick<
  Schemas['pull-request'],
  'url' | 'id' | 'number' | 'state' | 'title' | 'body' | 'html_url' | 'created_at' | 'updated_at' | 'draft'
> & {
  head: Pick<Schemas['pull-request']['head'], 'label' | 'ref' | 'sha'>
  base: Pick<Schemas['pull-request']['base'], 'label' | 'ref' | 'sha'>
}
/** The comparison without its commit objects (git-bob reads status and files). */
type ComparisonJson = Pick<
  Schemas['commit-comparison'],
  'url' | 'html_url' | 'status' | 'ahead_by' | 'behind_by' | 'total_commits' | 'commits' | 'files'
>
/** A check run without the app's full object (git-bob reads its slug) and without deployments. */
type CheckRunJson = Omit<Schemas['check-run'], 'app' | 'deployment'> & {
  app: Pick<NonNullable<Schemas['nullable-integration']>, 'id' | 'slug' | 'name'> | null
}
/** The combined status without its repository object. */
type CombinedStatusJson = Omit<Schemas['combined-commit-status'], 'repository'>
/** A code search hit without its repository object. */
type CodeSearchItemJson = Omit<Schemas['code-search-result-item'], 'repository'>
export type Role = 'admin' | 'maintain' | 'write' | 'triage' | 'read'

export interface RecordedRequest {
  method: string
  path: string
  query: URLSearchParams
  headers: IncomingMessage['headers']
  body: unknown
  /** When it arrived (ms since the epoch). */
  at: number
}

export interface Fault {
  method: string
  /** Matched against the path without the query. */
  path: RegExp
  status: number
  headers?: Record<string, string>
  body?: unknown
  /** How many times it fires; then the route answers normally. */
  times: number
  /** Matching requests let through before it fires (default 0). */
  after?: number
}

interface StoredComment {
  id: number
  login: string
  userType: 'User' | 'Bot'
  association: Schemas['author-association']
  body: string
  createdAt: string
  updatedAt: string
}

interface StoredReviewComment extends StoredComment {
  path: string
  line: number
  inReplyTo?: number
  /** On a thread's first comment: who resolved the thread (GraphQL's isResolved and resolvedBy). */
  resolvedBy?: string
}

interface StoredReview {
  id: number
  login: string
  userType?: 'User' | 'Bot'
  association: Schemas['author-association']
  body: string
  state: string
  submittedAt: string
  commitId?: string
}

export interface StoredFile {
  filename: string
  status: Schemas['diff-entry']['status']
  additions: number
  deletions: number
  /** The file's hunks as GitHub lists them; absent for a binary or too large file. */
  patch?: string
}

interface StoredPull {
  diff: string
  files: StoredFile[]
  reviews: StoredReview[]
  reviewComments: StoredReviewComment[]
  headSha: string
  baseSha: string
}

export interface StoredIssue {
  id: number
  number: number
  title: string
  body: string
  createdAt: string
  /** Who opened it (default: git-bob, which opened the issues it stores). */
  login?: string
  state?: 'open' | 'closed'
}

export interface StoredCheckRun {
  id: number
  name: string
  status: CheckRunJson['status']
  conclusion: CheckRunJson['conclusion']
  /** The app's slug: 'github-actions' for workflow jobs, whose check run id is the job id. */
  app?: string
  title?: string
  summary?: string
}

export interface StoredStatus {
  context: string
  state: 'error' | 'failure' | 'pending' | 'success'
  description?: string
}

/** The new-side lines GitHub accepts a review comment on: within a hunk, from the hunk headers alone. */
function commentableLines(patch: string): { start: number; end: number }[] {
  return [...patch.matchAll(/^@@ -\d+(?:,\d+)? \+(\d+)(?:,(\d+))? @@/gm)]
    .map((m) => ({ start: Number(m[1]), end: Number(m[1]) + Number(m[2] ?? 1) - 1 }))
    .filter((r) => r.end >= r.start)
}

export interface StoredPullRequest {
  number: number
  title: string
  body: string
  head: string
  base: string
  state: 'open' | 'closed'
  /** owner/name of the head repository (a fork when it differs). */
  headRepo: string
  draft?: boolean
  /** Who opened it, as the issues API shows it (default octocat). */
  login?: string
}

/** A workflow the repository has: whether it can be started by hand, and how its runs go. */
export interface StoredWorkflow {
  /** Has a workflow_dispatch trigger. */
  dispatchable: boolean
  /** How every run ends; 'never': it stays in progress. */
  outcome: 'success' | 'failure' | 'never'
  /** Reads of a run (GET /actions/runs/:id) before it completes (default 2: queued, in progress, done). */
  readsToFinish?: number
}

type WorkflowRunJson = Pick<
  Schemas['workflow-run'],
  | 'id'
  | 'name'
  | 'node_id'
  | 'head_branch'
  | 'head_sha'
  | 'path'
  | 'run_number'
  | 'event'
  | 'status'
  | 'conclusion'
  | 'workflow_id'
  | 'url'
  | 'html_url'
  | 'created_at'
  | 'updated_at'
>

export interface StoredRun {
  id: number
  workflow: string
  branch: string
  createdAt: string
  reads: number
  status: 'queued' | 'in_progress' | 'completed'
  conclusion: 'success' | 'failure' | null
}

/** An issue or pull request as people opened it (what the command line reads to build its event). */
export interface StoredThread {
  title: string
  body: string
  login: string
  pull?: boolean
}

export interface FakeGitHubOptions {
  owner?: string
  repo?: string
  defaultBranch?: string
  perPage?: number
}

function user(login: string, type: 'User' | 'Bot' = 'User'): Schemas['simple-user'] {
  const id = [...login].reduce((sum, c) => sum * 31 + c.charCodeAt(0), 7) % 100_000_000
  const url = `https://api.github.com/users/${login}`
  return {
    login,
    id,
    node_id: `U_${id}`,
    avatar_url: `https://avatars.githubusercontent.com/u/${id}?v=4`,
    gravatar_id: '',
    url,
    html_url: `https://github.com/${login}`,
    followers_url: `${url}/followers`,
    following_url: `${url}/following{/other_user}`,
    gists_url: `${url}/gists{/gist_id}`,
    starred_url: `${url}/starred{/owner}{/repo}`,
    subscriptions_url: `${url}/subscriptions`,
    organizations_url: `${url}/orgs`,
    repos_url: `${url}/repos`,
    events_url: `${url}/events{/privacy}`,
    received_events_url: `${url}/received_events`,
    type,
    site_admin: false
  }
}

export class FakeGitHub extends LoopbackServer {
  readonly owner: string
  readonly repo: string
  readonly defaultBranch: string
  readonly requests: RecordedRequest[] = []
  readonly faults: Fault[] = []
  readonly comments = new Map<number, StoredComment[]>()
  readonly pulls = new Map<number, StoredPull>()
  readonly permissions = new Map<string, Role>()
  readonly files = new Map<string, string>()
  /** File texts at a commit (contents?ref=sha); other refs read `files`. */
  readonly filesAt = new Map<string, Map<string, string>>()
  /** Answers of the compare API by "base...head". */
  readonly comparisons = new Map<string, { status: Schemas['commit-comparison']['status']; files: StoredFile[] }>()
  /** Issues git-bob opened, by number. */
  readonly issues = new Map<number, StoredIssue>()
  /** Sub-issue numbers by parent number. */
  readonly subIssues = new Map<number, number[]>()
  /** Reactions by target ("review_comment:<id>", ...); those without a login are git-bob's. */
  readonly reactions: { target: string; content: string; login?: string }[] = []
  /** The labels on each issue or pull request, by number (a test seeds the one its event adds). */
  readonly labels = new Map<number, string[]>()
  /** The repository's labels (GET /labels); adding one that is not here is a 422, as GitHub would make it. */
  readonly repoLabels: string[] = []
  /** Files uploaded to comments, served at /user-attachments/assets/<id> (images) or /user-attachments/files/<id>/<name> (documents, keyed "files/<id>/<name>") to requests with a token. */
  readonly attachments = new Map<string, { type: string; bytes: Buffer }>()
  /** Pull requests as GitHub lists them (numbers shared with issues). */
  readonly pullRequests: StoredPullRequest[] = []
  /** Workflows by file name, for workflow_dispatch. */
  readonly workflows = new Map<string, StoredWorkflow>()
  /** Runs the dispatches started. */
  readonly workflowRuns: StoredRun[] = []
  /** Issues and pull requests people opened, by number (GET /issues/:n). */
  readonly threads = new Map<number, StoredThread>()
  /** The user every token belongs to (GET /user). */
  viewer = 'Codertocat'
  /** The repository's clone_url (a local bare origin in tests). */
  cloneUrl: string | null = null
  /** Check runs by commit sha. */
  readonly checkRuns = new Map<string, StoredCheckRun[]>()
  /** Commit statuses by commit sha. */
  readonly statuses = new Map<string, StoredStatus[]>()
  /** GitHub Actions job logs by job id (the logs API redirects to a download URL that serves them). */
  readonly jobLogs = new Map<number, string>()
  /** Issues transferred to another repository: number -> where GitHub redirects (owner/name and number). */
  readonly transferred = new Map<number, { repo: string; number: number; title: string }>()
  /** Git's objects made through the git data API, by sha, and the refs outside the branches (full names). */
  readonly git = {
    blobs: new Map<string, string>(),
    trees: new Map<string, Map<string, string>>(),
    commits: new Map<string, { tree: string; parents: string[]; message: string }>(),
    refs: new Map<string, string>()
  }
  /** Called with each request before it is answered (to change the state under a run, as another run would). */
  onRequest: ((request: RecordedRequest) => void) | null = null
  /** Requests that never get an answer (to test client timeouts). */
  hang: RegExp | null = null
  private readonly perPage: number
  private nextId = 9_000_000
  private nextIssueNumber = 100

  constructor(options: FakeGitHubOptions = {}) {
    super()
    this.owner = options.owner ?? 'Codertocat'
    this.repo = options.repo ?? 'Hello-World'
    this.defaultBranch = options.defaultBranch ?? 'master'
    this.perPage = options.perPage ?? 100
  }

  addComment(
    issue: number,
    c: {
      login: string
      body: string
      createdAt?: string
      updatedAt?: string
      userType?: 'User' | 'Bot'
      association?: Schemas['author-association']
      id?: number
    }
  ): number {
    const id = c.id ?? this.nextId++
    const createdAt = c.createdAt ?? new Date().toISOString()
    const list = this.comments.get(issue) ?? []
    list.push({
      id,
      login: c.login,
      userType: c.userType ?? 'User',
      association: c.association ?? 'NONE',
      body: c.body,
      createdAt,
      updatedAt: c.updatedAt ?? createdAt
    })
    this.comments.set(issue, list)
    return id
  }

  addPull(number: number, pull: Partial<StoredPull> = {}): StoredPull {
    const files = pull.files ?? []
    // Without an explicit diff, the unified diff is assembled from the files' patches, as GitHub's is.
    const diff =
      pull.diff ??
      files
        .map((f) =>
          f.patch === undefined
            ? ''
            : `diff --git a/${f.filename} b/${f.filename}\n--- a/${f.filename}\n+++ b/${f.filename}\n${f.patch}\n`
        )
        .join('')
    const stored: StoredPull = {
      diff,
      files,
      reviews: pull.reviews ?? [],
      reviewComments: pull.reviewComments ?? [],
      headSha: pull.headSha ?? 'e'.repeat(40),
      baseSha: pull.baseSha ?? 'f'.repeat(40)
    }
    this.pulls.set(number, stored)
    return stored
  }

  /** Reviews git-bob posted on a pull request. */
  postedReviews(pull: number): StoredReview[] {
    return (this.pulls.get(pull)?.reviews ?? []).filter((r) => r.login === 'github-actions[bot]')
  }

  /** Requests other than GETs: what git-bob changed on GitHub. */
  get writes(): RecordedRequest[] {
    return this.requests.filter((r) => r.method !== 'GET')
  }

  postedComments(issue: number): StoredComment[] {
    return (this.comments.get(issue) ?? []).filter((c) => c.login === 'github-actions[bot]')
  }

  /** Commits one file on a ref (as a maintainer's push would), on top of where the ref is. */
  commitFile(ref: string, path: string, text: string): string {
    const blob = this.gitObject('blob', text)
    this.git.blobs.set(blob, text)
    const tree = this.gitObject('tree', `${path}\0${blob}`)
    this.git.trees.set(tree, new Map([[path, blob]]))
    const parent = this.git.refs.get(ref)
    const commit = this.gitObject('commit', `${tree} ${parent ?? ''} seeded`)
    this.git.commits.set(commit, { tree, parents: parent ? [parent] : [], message: 'seeded' })
    this.git.refs.set(ref, commit)
    return commit
  }

  /** A file's text on a ref made through the git data API; null without the ref or the file. */
  refText(ref: string, path: string): string | null {
    const commit = this.git.commits.get(this.git.refs.get(ref) ?? '')
    const blob = commit && this.git.trees.get(commit.tree)?.get(path)
    return blob ? (this.git.blobs.get(blob) ?? null) : null
  }

  private gitObject(kind: string, content: string): string {
    return createHash('sha1')
      .update(`${kind} ${Buffer.byteLength(content)}\0${content}`)
      .digest('hex')
  }

  /** Whether `ancestor` is `sha` or one of its ancestors (GitHub's fast-forward rule for moving a ref). */
  private descends(sha: string, ancestor: string): boolean {
    const seen = new Set<string>()
    const queue = [sha]
    while (queue.length) {
      const next = queue.pop()!
      if (next === ancestor) return true
      if (seen.has(next)) continue
      seen.add(next)
      queue.push(...(this.git.commits.get(next)?.parents ?? []))
    }
    return false
  }

  protected async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://localhost')
    const chunks: Buffer[] = []
    for await (const chunk of req) chunks.push(chunk as Buffer)
    const raw = Buffer.concat(chunks).toString('utf8')
    let body: unknown = undefined
    try {
      body = raw ? JSON.parse(raw) : undefined
    } catch {
      body = raw
    }
    const method = req.method ?? 'GET'
    this.requests.push({
      method,
      path: url.pathname,
      query: url.searchParams,
      headers: req.headers,
      body,
      at: Date.now()
    })

    this.onRequest?.(this.requests.at(-1)!)
    if (this.hang?.test(url.pathname)) return // never answers
    const fault = this.faults.find(
      (f) => f.times > 0 && f.method === method && f.path.test(url.pathname) && !(f.after && f.after-- > 0)
    )
    if (fault) {
      fault.times--
      this.send(
        res,
        fault.status,
        fault.body ?? { message: `fault ${fault.status}`, documentation_url: 'https://docs.github.com/rest' },
        fault.headers
      )
      return
    }
    try {
      this.route(method, url, body, req, res)
    } catch (error) {
      this.send(res, 500, { message: error instanceof Error ? error.message : String(error) })
    }
  }

  private send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
    const text = typeof body === 'string' ? body : JSON.stringify(body)
    res.writeHead(status, {
      'content-type': typeof body === 'string' ? 'text/plain; charset=utf-8' : 'application/json; charset=utf-8',
      ...headers
    })
    res.end(text)
  }

  private page<T>(res: ServerResponse, url: URL, items: T[]): void {
    const perPage = Math.min(Number(url.searchParams.get('per_page') ?? 30), this.perPage)
    const page = Number(url.searchParams.get('page') ?? 1)
    const slice = items.slice((page - 1) * perPage, page * perPage)
    const headers: Record<string, string> = {}
    if (page * perPage < items.length) {
      const next = new URL(url.toString())
      next.searchParams.set('page', String(page + 1))
      next.searchParams.set('per_page', String(perPage))
      headers.link = `<${this.url}${next.pathname}${next.search}>; rel="next"`
    }
    this.send(res, 200, slice, headers)
  }

  private issueComment(issue: number, c: StoredComment): Schemas['issue-comment'] {
    const base = `https://api.github.com/repos/${this.owner}/${this.repo}`
    return {
      id: c.id,
      node_id: `IC_${c.id}`,
      url: `${base}/issues/comments/${c.id}`,
      html_url: `https://github.com/${this.owner}/${this.repo}/issues/${issue}#issuecomment-${c.id}`,
      body: c.body,
      user: user(c.login, c.userType),
      created_at: c.createdAt,
      updated_at: c.updatedAt,
      issue_url: `${base}/issues/${issue}`,
      author_association: c.association
    }
  }

  private reviewComment(pull: number, c: StoredReviewComment): Schemas['pull-request-review-comment'] {
    const base = `https://api.github.com/repos/${this.owner}/${this.repo}`
    const html = `https://github.com/${this.owner}/${this.repo}/pull/${pull}#discussion_r${c.id}`
    return {
      url: `${base}/pulls/comments/${c.id}`,
      pull_request_review_id: null,
      id: c.id,
      node_id: `PRRC_${c.id}`,
      diff_hunk: '@@ -1,1 +1,1 @@',
      path: c.path,
      commit_id: 'a'.repeat(40),
      original_commit_id: 'a'.repeat(40),
      ...(c.inReplyTo ? { in_reply_to_id: c.inReplyTo } : {}),
      user: user(c.login, c.userType),
      body: c.body,
      created_at: c.createdAt,
      updated_at: c.updatedAt,
      html_url: html,
      pull_request_url: `${base}/pulls/${pull}`,
      author_association: c.association,
      _links: {
        self: { href: `${base}/pulls/comments/${c.id}` },
        html: { href: html },
        pull_request: { href: `${base}/pulls/${pull}` }
      },
      line: c.line,
      side: 'RIGHT',
      reactions: this.rollup(`review_comment:${c.id}`, `${base}/pulls/comments/${c.id}/reactions`)
    }
  }

  /** GitHub's summary of the reactions on something: a count of each kind. */
  private rollup(target: string, url: string): Schemas['reaction-rollup'] {
    const count = (content: string): number =>
      this.reactions.filter((r) => r.target === target && r.content === content).length
    const kinds = ['+1', '-1', 'laugh', 'confused', 'heart', 'hooray', 'eyes', 'rocket'] as const
    return {
      url,
      total_count: this.reactions.filter((r) => r.target === target).length,
      ...(Object.fromEntries(kinds.map((k) => [k, count(k)])) as Record<(typeof kinds)[number], number>)
    }
  }

  /** A person's reaction on a review comment, as GitHub's web page would add it. */
  reactAs(login: string, commentId: number, content: string): void {
    this.reactions.push({ target: `review_comment:${commentId}`, content, login })
  }

  /** A person resolves the review thread that starts with this comment. */
  resolveThread(pull: number, rootCommentId: number, login: string): void {
    const root = this.pulls.get(pull)?.reviewComments.find((c) => c.id === rootCommentId && !c.inReplyTo)
    if (!root) throw new Error(`no thread starts with comment ${rootCommentId} on #${pull}`)
    root.resolvedBy = login
  }

  /** A reply in the thread of a review comment, written by a person. */
  addReviewReply(pull: number, inReplyTo: number, c: { login: string; body: string; createdAt?: string }): number {
    const stored = this.pulls.get(pull)
    const parent = stored?.reviewComments.find((r) => r.id === inReplyTo)
    if (!stored || !parent) throw new Error(`no review comment ${inReplyTo} on #${pull}`)
    const id = this.nextId++
    const createdAt = c.createdAt ?? new Date().toISOString()
    stored.reviewComments.push({
      id,
      login: c.login,
      userType: 'User',
      association: 'MEMBER',
      body: c.body,
      createdAt,
      updatedAt: createdAt,
      path: parent.path,
      line: parent.line,
      inReplyTo
    })
    return id
  }

  /**
   * GitHub's GraphQL API, for the one query git-bob sends (REST has no resolved flag on review threads). Strict:
   * any other query, or variables of the wrong repository or type, is answered with GraphQL errors.
   */
  private graphql(res: ServerResponse, body: unknown): void {
    const { query, variables } = (body ?? {}) as { query?: unknown; variables?: Record<string, unknown> }
    const errors = (message: string): void => this.send(res, 200, { data: null, errors: [{ message }] })
    if (typeof query !== 'string' || query.replace(/\s+/g, ' ').trim() !== REVIEW_THREADS.replace(/\s+/g, ' ').trim())
      return errors(`fake GitHub answers only the review threads query, not: ${String(query)}`)
    const v = variables ?? {}
    if (v.owner !== this.owner || v.repo !== this.repo)
      return errors(`Could not resolve to a Repository with the name '${String(v.owner)}/${String(v.repo)}'.`)
    if (typeof v.number !== 'number' || !Number.isInteger(v.number))
      return errors('Variable $number of type Int! was provided invalid value')
    if (v.cursor !== null && v.cursor !== undefined && typeof v.cursor !== 'string')
      return errors('Variable $cursor of type String was provided invalid value')
    const pull = this.pulls.get(v.number)
    if (!pull)
      return this.send(res, 200, {
        data: { repository: { pullRequest: null } },
        errors: [{ type: 'NOT_FOUND', message: `Could not resolve to a PullRequest with the number of ${v.number}.` }]
      })
    const roots = pull.reviewComments.filter((c) => !c.inReplyTo)
    // Pages of two threads, so that paging is exercised.
    const start = typeof v.cursor === 'string' ? Number(v.cursor) : 0
    const page = roots.slice(start, start + 2)
    const hasNextPage = start + 2 < roots.length
    this.send(res, 200, {
      data: {
        repository: {
          pullRequest: {
            reviewThreads: {
              pageInfo: { hasNextPage, endCursor: hasNextPage ? String(start + 2) : null },
              nodes: page.map((c) => ({
                isResolved: c.resolvedBy !== undefined,
                resolvedBy: c.resolvedBy !== undefined ? { login: c.resolvedBy } : null,
                comments: { nodes: [{ databaseId: c.id }] }
              }))
            }
          }
        }
      }
    })
  }

  private route(method: string, url: URL, body: unknown, req: IncomingMessage, res: ServerResponse): void {
    const prefix = `/repos/${this.owner}/${this.repo}`
    const path = url.pathname
    // Files uploaded to issues (this server also plays github.com). Private attachments: 404 without credentials.
    const asset = /^\/user-attachments\/(?:assets\/([0-9A-Za-z-]+)|(files\/\d+\/[^/]+))$/.exec(path)
    if (method === 'GET' && asset) {
      const file = this.attachments.get(asset[1] ?? decodeURIComponent(asset[2]!))
      if (!file || !req.headers.authorization) return this.send(res, 404, 'Not Found')
      res.writeHead(200, { 'content-type': file.type, 'content-length': String(file.bytes.length) })
      return void res.end(file.bytes)
    }
    if (method === 'GET' && path === '/user') {
      if (!req.headers.authorization) return this.send(res, 401, { message: 'Requires authentication' })
      return this.send(res, 200, user(this.viewer))
    }
    if (method === 'GET' && path === prefix) return this.send(res, 200, this.repositoryJson())
    // Where the job logs API redirects: a short-lived download URL that needs no token (blob storage on GitHub).
    const logDownload = /^\/_job-logs\/(\d+)$/.exec(path)
    if (method === 'GET' && logDownload) {
      const log = this.jobLogs.get(Number(logDownload[1]))
      if (log === undefined || url.searchParams.get('sig') !== 'signed') return this.send(res, 404, 'BlobNotFound')
      return this.send(res, 200, log)
    }
    if (method === 'GET' && path === '/search/code') return this.searchCode(res, url)
    if (method === 'POST' && path === '/graphql') return this.graphql(res, body)
    const moved = /^\/repos\/([^/]+\/[^/]+)\/issues\/(\d+)$/.exec(path)
    const target =
      moved && [...this.transferred.values()].find((t) => t.repo === moved[1] && t.number === Number(moved[2]))
    if (method === 'GET' && target) {
      const base = `https://api.github.com/repos/${target.repo}`
      return this.send(res, 200, {
        ...this.issueJson({
          id: 1,
          number: target.number,
          title: target.title,
          body: '',
          createdAt: '2019-05-15T15:20:00Z'
        }),
        url: `${base}/issues/${target.number}`,
        repository_url: base
      })
    }
    if (!path.startsWith(prefix)) return this.send(res, 404, { message: 'Not Found' })
    const rest = path.slice(prefix.length)
    let m: RegExpExecArray | null

    if (method === 'GET' && (m = /^\/collaborators\/([^/]+)\/permission$/.exec(rest))) {
      const login = decodeURIComponent(m[1]!)
      const role = this.permissions.get(login)
      if (!role) return this.send(res, 404, { message: 'Not Found' })
      const permission = role === 'maintain' ? 'write' : role === 'triage' ? 'read' : role
      return this.send(res, 200, {
        permission,
        role_name: role,
        user: {
          ...user(login),
          permissions: {
            admin: role === 'admin',
            maintain: role === 'maintain',
            push: permission !== 'read',
            triage: role !== 'read',
            pull: true
          },
          role_name: role
        }
      })
    }
    if (method === 'POST' && (m = /^\/issues\/comments\/(\d+)\/reactions$/.exec(rest)))
      return this.react(res, `issue_comment:${m[1]}`, body)
    if (method === 'POST' && (m = /^\/pulls\/comments\/(\d+)\/reactions$/.exec(rest)))
      return this.react(res, `review_comment:${m[1]}`, body)
    if (method === 'GET' && (m = /^\/pulls\/comments\/(\d+)\/reactions$/.exec(rest))) {
      const content = url.searchParams.get('content')
      const list: Schemas['reaction'][] = this.reactions
        .filter((r) => r.target === `review_comment:${m![1]}` && (!content || r.content === content))
        .map((r, i) => ({
          id: i + 1,
          node_id: `REA_${i + 1}`,
          user: r.login ? user(r.login) : user('github-actions[bot]', 'Bot'),
          content: r.content as Schemas['reaction']['content'],
          created_at: '2019-05-15T15:20:00Z'
        }))
      return this.page(res, url, list)
    }
    if (method === 'POST' && (m = /^\/issues\/(\d+)\/reactions$/.exec(rest)))
      return this.react(res, `issue:${m[1]}`, body)

    if (method === 'PATCH' && (m = /^\/issues\/comments\/(\d+)$/.exec(rest))) {
      const id = Number(m[1])
      const text = (body as { body?: unknown }).body
      for (const [issue, list] of this.comments) {
        const found = list.find((c) => c.id === id)
        if (!found) continue
        if (typeof text !== 'string' || !text || text.length > 65_536)
          return this.send(res, 422, { message: 'Validation Failed', errors: [{ field: 'body', code: 'invalid' }] })
        found.body = text
        found.updatedAt = new Date().toISOString()
        return this.send(res, 200, this.issueComment(issue, found))
      }
      return this.send(res, 404, { message: 'Not Found' })
    }
    if ((m = /^\/issues\/(\d+)\/comments$/.exec(rest))) {
      const issue = Number(m[1])
      if (method === 'GET')
        return this.page(
          res,
          url,
          (this.comments.get(issue) ?? []).map((c) => this.issueComment(issue, c))
        )
      if (method === 'POST') {
        const text = (body as { body?: unknown }).body
        if (typeof text !== 'string' || !text)
          return this.send(res, 422, {
            message: 'Validation Failed',
            errors: [{ field: 'body', code: 'missing_field' }]
          })
        if (text.length > 65_536)
          return this.send(res, 422, {
            message: 'Validation Failed',
            errors: [
              {
                resource: 'IssueComment',
                code: 'custom',
                field: 'body',
                message: 'body is too long (maximum is 65536 characters)'
              }
            ]
          })
        const id = this.addComment(issue, {
          login: 'github-actions[bot]',
          userType: 'Bot',
          association: 'NONE',
          body: text
        })
        return this.send(
          res,
          201,
          this.issueComment(
            issue,
            this.comments.get(issue)!.find((c) => c.id === id)!
          )
        )
      }
    }

    if (rest === '/pulls' && method === 'GET') {
      const head = url.searchParams.get('head')
      const state = url.searchParams.get('state') ?? 'open'
      const found = this.pullRequests.filter(
        (p) => (state === 'all' || p.state === state) && (!head || `${p.headRepo.split('/')[0]}:${p.head}` === head)
      )
      return this.page(
        res,
        url,
        found.map((p) => this.pullRequestJson(p))
      )
    }
    if (rest === '/pulls' && method === 'POST') {
      const b = body as { title?: string; body?: string; head?: string; base?: string; draft?: boolean }
      if (!b.title || !b.head || !b.base)
        return this.send(res, 422, {
          message: 'Validation Failed',
          errors: [{ resource: 'PullRequest', code: 'missing_field' }]
        })
      if ((b.body ?? '').length > 65_536)
        return this.send(res, 422, {
          message: 'Validation Failed',
          errors: [
            { resource: 'PullRequest', code: 'custom', message: 'body is too long (maximum is 65536 characters)' }
          ]
        })
      if (this.pullRequests.some((p) => p.state === 'open' && p.head === b.head)) {
        return this.send(res, 422, {
          message: 'Validation Failed',
          errors: [
            {
              resource: 'PullRequest',
              code: 'custom',
              message: `A pull request already exists for ${this.owner}:${b.head}.`
            }
          ]
        })
      }
      const number = Math.max(100, ...this.pullRequests.map((p) => p.number)) + 1
      const stored: StoredPullRequest = {
        number,
        title: b.title,
        body: b.body ?? '',
        head: b.head,
        base: b.base,
        state: 'open',
        headRepo: `${this.owner}/${this.repo}`,
        draft: b.draft === true
      }
      this.pullRequests.push(stored)
      return this.send(res, 201, this.pullRequestJson(stored))
    }
    if ((m = /^\/pulls\/(\d+)$/.exec(rest)) && method === 'GET' && !String(req.headers.accept ?? '').includes('diff')) {
      const stored = this.pullRequests.find((p) => p.number === Number(m![1]))
      if (stored) return this.send(res, 200, this.pullRequestJson(stored))
    }

    if ((m = /^\/pulls\/(\d+)(\/[a-z]+)?$/.exec(rest)) && method === 'GET') {
      const pull = this.pulls.get(Number(m[1]))
      if (!pull) return this.send(res, 404, { message: 'Not Found' })
      const sub = m[2] ?? ''
      if (sub === '' && String(req.headers.accept ?? '').includes('diff')) return this.send(res, 200, pull.diff)
      if (sub === '') return this.send(res, 200, this.pullJson(Number(m[1]), pull))
      if (sub === '/files')
        return this.page(
          res,
          url,
          pull.files.map((f) => this.diffEntry(f))
        )
      if (sub === '/reviews') {
        const reviews: Schemas['pull-request-review'][] = pull.reviews.map((r) => ({
          id: r.id,
          node_id: `PRR_${r.id}`,
          user: user(r.login, r.userType),
          body: r.body,
          state: r.state,
          html_url: `https://github.com/${this.owner}/${this.repo}/pull/${m![1]}#pullrequestreview-${r.id}`,
          pull_request_url: '',
          _links: { html: { href: '' }, pull_request: { href: '' } },
          submitted_at: r.submittedAt,
          commit_id: r.commitId ?? 'a'.repeat(40),
          author_association: r.association
        }))
        return this.page(res, url, reviews)
      }
      if (sub === '/comments')
        return this.page(
          res,
          url,
          pull.reviewComments.map((c) => this.reviewComment(Number(m![1]), c))
        )
    }

    if (method === 'POST' && (m = /^\/pulls\/(\d+)\/reviews$/.exec(rest)))
      return this.createReview(res, Number(m[1]), body as ReviewRequest)

    if (method === 'GET' && (m = /^\/compare\/([^/]+)\.\.\.([^/]+)$/.exec(rest))) {
      const comparison = this.comparisons.get(`${m[1]}...${m[2]}`)
      if (!comparison) return this.send(res, 404, { message: 'Not Found' })
      const json: ComparisonJson = {
        url: '',
        html_url: '',
        status: comparison.status,
        ahead_by: 1,
        behind_by: comparison.status === 'ahead' ? 0 : 1,
        total_commits: 1,
        commits: [],
        files: comparison.files.map((f) => this.diffEntry(f))
      }
      return this.send(res, 200, json)
    }

    if (method === 'GET' && (m = /^\/issues\/(\d+)$/.exec(rest))) {
      // Like GitHub: a transferred issue answers 301 with its new place.
      const moved = this.transferred.get(Number(m[1]))
      if (moved) {
        res.writeHead(301, { location: `${this.url}/repos/${moved.repo}/issues/${moved.number}` })
        return void res.end(JSON.stringify({ message: 'Moved Permanently' }))
      }
      return this.getIssue(res, Number(m[1]))
    }
    if (method === 'GET' && (m = /^\/commits\/([^/]+)\/check-runs$/.exec(rest))) {
      const runs = (this.checkRuns.get(decodeURIComponent(m[1]!)) ?? []).map((r) => this.checkRunJson(m![1]!, r))
      return this.send(res, 200, { total_count: runs.length, check_runs: runs })
    }
    if (method === 'GET' && (m = /^\/commits\/([^/]+)\/status$/.exec(rest))) return this.combinedStatus(res, m[1]!)
    if (method === 'GET' && (m = /^\/actions\/jobs\/(\d+)\/logs$/.exec(rest))) {
      if (!this.jobLogs.has(Number(m[1]))) return this.send(res, 404, { message: 'Not Found' })
      // GitHub answers 302 with a Location that expires after a minute.
      res.writeHead(302, { location: `${this.url}/_job-logs/${m[1]}?sig=signed` })
      return void res.end()
    }
    if (method === 'POST' && rest === '/issues') return this.createIssue(res, body as IssueRequest)
    if (method === 'POST' && (m = /^\/actions\/workflows\/([^/]+)\/dispatches$/.exec(rest)))
      return this.dispatch(res, decodeURIComponent(m[1]!), body as { ref?: string })
    if (method === 'GET' && (m = /^\/actions\/workflows\/([^/]+)\/runs$/.exec(rest))) {
      const workflow = decodeURIComponent(m[1]!)
      if (!this.workflows.has(workflow)) return this.send(res, 404, { message: 'Not Found' })
      const event = url.searchParams.get('event')
      const branch = url.searchParams.get('branch')
      const created = /^>=(.+)$/.exec(url.searchParams.get('created') ?? '')
      const runs = this.workflowRuns
        .filter(
          (r) =>
            r.workflow === workflow &&
            (!event || event === 'workflow_dispatch') &&
            (!branch || r.branch === branch) &&
            (!created || Date.parse(r.createdAt) >= Date.parse(created[1]!))
        )
        .reverse()
      return this.send(res, 200, { total_count: runs.length, workflow_runs: runs.map((r) => this.runJson(r)) })
    }
    if (method === 'GET' && (m = /^\/actions\/runs\/(\d+)$/.exec(rest))) {
      const run = this.workflowRuns.find((r) => r.id === Number(m![1]))
      if (!run) return this.send(res, 404, { message: 'Not Found' })
      this.advance(run)
      return this.send(res, 200, this.runJson(run))
    }
    if (method === 'GET' && rest === '/labels')
      return this.send(
        res,
        200,
        this.repoLabels.map((name, i) => ({ id: i + 1, name, color: 'ededed', default: false }))
      )
    if (method === 'GET' && rest === '/issues') {
      // Open issues people opened (stored with a login), newest first, with their labels.
      const open = [...this.issues.values()]
        .filter((i) => (i.state ?? 'open') === 'open')
        .sort((a, b) => b.createdAt.localeCompare(a.createdAt) || b.number - a.number)
      return this.send(
        res,
        200,
        open.map((i) => ({
          ...this.issueJson(i),
          labels: (this.labels.get(i.number) ?? []).map((name, n) => ({ id: n + 1, name, color: 'ededed' }))
        }))
      )
    }
    if (method === 'POST' && (m = /^\/issues\/(\d+)\/labels$/.exec(rest))) {
      const names = (body as { labels?: unknown }).labels
      if (!Array.isArray(names) || names.some((n) => typeof n !== 'string' || !this.repoLabels.includes(n)))
        return this.send(res, 422, { message: 'Validation Failed' })
      const number = Number(m[1])
      this.labels.set(number, [...new Set([...(this.labels.get(number) ?? []), ...(names as string[])])])
      return this.send(res, 200, [])
    }
    if (method === 'DELETE' && (m = /^\/issues\/(\d+)\/labels\/([^/]+)$/.exec(rest))) {
      const number = Number(m[1])
      const name = decodeURIComponent(m[2]!)
      const on = this.labels.get(number) ?? []
      if (!on.includes(name)) return this.send(res, 404, { message: 'Label does not exist' })
      const left = on.filter((l) => l !== name)
      this.labels.set(number, left)
      return this.send(
        res,
        200,
        left.map((l, i) => ({ id: i + 1, name: l, color: 'ededed', default: false }))
      )
    }
    if (method === 'POST' && (m = /^\/issues\/(\d+)\/sub_issues$/.exec(rest)))
      return this.addSubIssue(res, Number(m[1]), body as SubIssueRequest)

    if (method === 'POST' && (m = /^\/pulls\/(\d+)\/comments\/(\d+)\/replies$/.exec(rest))) {
      const pull = this.pulls.get(Number(m[1]))
      const parent = pull?.reviewComments.find((c) => c.id === Number(m![2]))
      if (!pull || !parent) return this.send(res, 404, { message: 'Not Found' })
      const text = (body as { body?: unknown }).body
      if (typeof text !== 'string' || text.length > 65_536) return this.send(res, 422, { message: 'Validation Failed' })
      const now = new Date().toISOString()
      const reply: StoredReviewComment = {
        id: this.nextId++,
        login: 'github-actions[bot]',
        userType: 'Bot',
        association: 'NONE',
        body: text,
        createdAt: now,
        updatedAt: now,
        path: parent.path,
        line: parent.line,
        inReplyTo: parent.id
      }
      pull.reviewComments.push(reply)
      return this.send(res, 201, this.reviewComment(Number(m[1]), reply))
    }

    if (rest.startsWith('/git/') && this.gitData(method, rest, body, res)) return

    if (method === 'GET' && (m = /^\/contents\/(.+)$/.exec(rest))) {
      const file = decodeURIComponent(m[1]!)
      const ref = url.searchParams.get('ref') ?? ''
      const commit = this.git.commits.get(ref)
      const blob = commit && this.git.trees.get(commit.tree)?.get(file)
      if (commit) {
        if (!blob) return this.send(res, 404, { message: 'Not Found' })
        return this.send(res, 200, this.git.blobs.get(blob)!)
      }
      const text = (this.filesAt.get(ref) ?? this.files).get(file)
      if (text === undefined) return this.send(res, 404, { message: 'Not Found' })
      return this.send(res, 200, text)
    }

    if (method === 'GET' && (m = /^\/git\/trees\/(.+)$/.exec(rest))) {
      // Like contents: a commit's own files where the test gave them, the branch's otherwise.
      const files = this.filesAt.get(decodeURIComponent(m[1]!)) ?? this.files
      const tree: Schemas['git-tree'] = {
        sha: 'c'.repeat(40),
        truncated: false,
        tree: [...files.keys()].map((p) => ({ path: p, mode: '100644', type: 'blob', sha: 'd'.repeat(40) }))
      }
      return this.send(res, 200, tree)
    }

    return this.send(res, 404, { message: `Not Found (fake GitHub has no route for ${method} ${path})` })
  }

  /**
   * GitHub's git data API, as strict as GitHub: blobs, trees (entries with inline content or a blob's sha),
   * commits (their tree and parents must exist), and refs: get (404), create (422 when it exists), update
   * (422 when it does not exist, and without force when the new commit does not descend from the ref's),
   * delete. False for a path this does not serve (the tree listing of a branch is served elsewhere).
   */
  private gitData(method: string, rest: string, body: unknown, res: ServerResponse): boolean {
    const base = `https://api.github.com/repos/${this.owner}/${this.repo}/git`
    const invalid = (message: string): true => (
      this.send(res, 422, { message, documentation_url: 'https://docs.github.com/rest/git' }),
      true
    )
    const request = (body ?? {}) as Record<string, unknown>
    let m: RegExpExecArray | null
    const refJson = (ref: string, sha: string): unknown => ({
      ref,
      node_id: `REF_${sha.slice(0, 8)}`,
      url: `${base}/${ref}`,
      object: { type: 'commit', sha, url: `${base}/commits/${sha}` }
    })
    if (method === 'POST' && rest === '/git/blobs') {
      const { content, encoding } = request
      if (typeof content !== 'string') return invalid("Invalid request: content wasn't supplied.")
      const text = encoding === 'base64' ? Buffer.from(content, 'base64').toString('utf8') : content
      const sha = this.gitObject('blob', text)
      this.git.blobs.set(sha, text)
      this.send(res, 201, { sha, url: `${base}/blobs/${sha}` })
      return true
    }
    if (method === 'GET' && (m = /^\/git\/blobs\/([0-9a-f]{40})$/.exec(rest))) {
      const text = this.git.blobs.get(m[1]!)
      if (text === undefined) return (this.send(res, 404, { message: 'Not Found' }), true)
      const content = Buffer.from(text).toString('base64')
      this.send(res, 200, {
        sha: m[1],
        size: Buffer.byteLength(text),
        url: `${base}/blobs/${m[1]}`,
        content,
        encoding: 'base64',
        node_id: 'B'
      })
      return true
    }
    if (method === 'POST' && rest === '/git/trees') {
      const baseTree = typeof request.base_tree === 'string' ? request.base_tree : null
      if (request.base_tree !== undefined && (baseTree === null || !this.git.trees.has(baseTree)))
        return invalid('Invalid tree info')
      const entries = new Map(baseTree ? this.git.trees.get(baseTree) : [])
      if (!Array.isArray(request.tree)) return invalid("Invalid request: tree wasn't supplied.")
      for (const item of request.tree as Record<string, unknown>[]) {
        if (typeof item.path !== 'string' || item.type !== 'blob' || item.mode !== '100644')
          return invalid('Invalid tree info')
        let sha = typeof item.sha === 'string' ? item.sha : null
        if (typeof item.content === 'string') {
          sha = this.gitObject('blob', item.content)
          this.git.blobs.set(sha, item.content)
        }
        if (!sha || !this.git.blobs.has(sha)) return invalid('Invalid tree info')
        entries.set(item.path, sha)
      }
      const sha = this.gitObject('tree', [...entries].map(([p, b]) => `${p}\0${b}`).join('\n'))
      this.git.trees.set(sha, entries)
      const tree = [...entries].map(([path, blob]) => ({
        path,
        mode: '100644',
        type: 'blob',
        sha: blob,
        url: `${base}/blobs/${blob}`
      }))
      this.send(res, 201, { sha, url: `${base}/trees/${sha}`, truncated: false, tree })
      return true
    }
    if (method === 'POST' && rest === '/git/commits') {
      const { tree, message } = request
      const parents = Array.isArray(request.parents) ? request.parents.map(String) : []
      if (typeof tree !== 'string' || !this.git.trees.has(tree)) return invalid('Tree SHA does not exist')
      if (typeof message !== 'string') return invalid("Invalid request: message wasn't supplied.")
      if (parents.some((p) => !this.git.commits.has(p)))
        return invalid('Parent SHA does not exist or is not a commit object')
      // Two commits of the same tree and parents differ by their time on GitHub: a counter stands in for it.
      const sha = this.gitObject('commit', `${tree} ${parents.join(' ')} ${message} ${this.nextId++}`)
      this.git.commits.set(sha, { tree, parents, message })
      this.send(res, 201, {
        sha,
        node_id: `C_${sha.slice(0, 8)}`,
        url: `${base}/commits/${sha}`,
        html_url: '',
        message,
        tree: { sha: tree, url: `${base}/trees/${tree}` },
        parents: parents.map((p) => ({ sha: p, url: `${base}/commits/${p}`, html_url: '' })),
        author: { name: 'github-actions[bot]', email: '', date: new Date().toISOString() },
        committer: { name: 'github-actions[bot]', email: '', date: new Date().toISOString() },
        verification: { verified: false, reason: 'unsigned', signature: null, payload: null, verified_at: null }
      })
      return true
    }
    if (method === 'GET' && (m = /^\/git\/commits\/([0-9a-f]{40})$/.exec(rest))) {
      const commit = this.git.commits.get(m[1]!)
      if (!commit) return (this.send(res, 404, { message: 'Not Found' }), true)
      this.send(res, 200, {
        sha: m[1],
        message: commit.message,
        tree: { sha: commit.tree, url: `${base}/trees/${commit.tree}` },
        parents: commit.parents.map((p) => ({ sha: p, url: `${base}/commits/${p}` }))
      })
      return true
    }
    if (method === 'GET' && (m = /^\/git\/ref\/(.+)$/.exec(rest))) {
      const ref = `refs/${decodeURIComponent(m[1]!)}`
      const sha = this.git.refs.get(ref)
      this.send(res, sha ? 200 : 404, sha ? refJson(ref, sha) : { message: 'Not Found' })
      return true
    }
    if (method === 'POST' && rest === '/git/refs') {
      const { ref, sha } = request
      if (typeof ref !== 'string' || !/^refs\/[^\s]+\/[^\s]+$/.test(ref)) return invalid('Reference name is invalid')
      if (typeof sha !== 'string' || !this.git.commits.has(sha)) return invalid('Object does not exist')
      if (this.git.refs.has(ref)) return invalid('Reference already exists')
      this.git.refs.set(ref, sha)
      this.send(res, 201, refJson(ref, sha))
      return true
    }
    if ((m = /^\/git\/refs\/(.+)$/.exec(rest)) && (method === 'PATCH' || method === 'DELETE')) {
      const ref = `refs/${decodeURIComponent(m[1]!)}`
      const current = this.git.refs.get(ref)
      if (!current) return invalid('Reference does not exist')
      if (method === 'DELETE') {
        this.git.refs.delete(ref)
        res.writeHead(204)
        res.end()
        return true
      }
      const { sha, force } = request
      if (typeof sha !== 'string' || !this.git.commits.has(sha)) return invalid('Object does not exist')
      if (force !== true && !this.descends(sha, current)) return invalid('Update is not a fast forward')
      this.git.refs.set(ref, sha)
      this.send(res, 200, refJson(ref, sha))
      return true
    }
    return false
  }

  /** Like GitHub: 204 without a body; 404 for an unknown workflow, 422 without workflow_dispatch or a ref. */
  private dispatch(res: ServerResponse, name: string, request: { ref?: string }): void {
    const workflow = this.workflows.get(name)
    if (!workflow) return this.send(res, 404, { message: 'Not Found' })
    if (!workflow.dispatchable)
      return this.send(res, 422, { message: "Workflow does not have 'workflow_dispatch' trigger" })
    if (!request.ref || request.ref !== this.defaultBranch)
      return this.send(res, 422, { message: `No ref found for: ${request.ref ?? ''}` })
    this.workflowRuns.push({
      id: this.nextId++,
      workflow: name,
      branch: request.ref,
      createdAt: new Date().toISOString().replace(/\.\d{3}Z$/, 'Z'),
      reads: 0,
      status: 'queued',
      conclusion: null
    })
    res.writeHead(204)
    res.end()
  }

  private advance(run: StoredRun): void {
    const workflow = this.workflows.get(run.workflow)!
    run.reads++
    if (run.status === 'completed') return
    if (workflow.outcome === 'never' || run.reads < (workflow.readsToFinish ?? 2)) {
      run.status = 'in_progress'
      return
    }
    run.status = 'completed'
    run.conclusion = workflow.outcome
  }

  private runJson(r: StoredRun): WorkflowRunJson {
    return {
      id: r.id,
      name: r.workflow.replace(/\.ya?ml$/, ''),
      node_id: `WFR_${r.id}`,
      head_branch: r.branch,
      head_sha: 'a'.repeat(40),
      path: `.github/workflows/${r.workflow}`,
      run_number: this.workflowRuns.indexOf(r) + 1,
      event: 'workflow_dispatch',
      status: r.status,
      conclusion: r.conclusion,
      workflow_id: 161335,
      url: `https://api.github.com/repos/${this.owner}/${this.repo}/actions/runs/${r.id}`,
      html_url: `https://github.com/${this.owner}/${this.repo}/actions/runs/${r.id}`,
      created_at: r.createdAt,
      updated_at: r.createdAt
    }
  }

  private repositoryJson(): Record<string, unknown> {
    const full = `${this.owner}/${this.repo}`
    return {
      id: 1296269,
      name: this.repo,
      full_name: full,
      owner: user(this.owner),
      private: false,
      html_url: `https://github.com/${full}`,
      clone_url: this.cloneUrl ?? `https://github.com/${full}.git`,
      default_branch: this.defaultBranch
    }
  }

  private threadJson(number: number, t: StoredThread): Record<string, unknown> {
    const kind = t.pull ? 'pull' : 'issues'
    return {
      id: 5_000_000 + number,
      number,
      url: `https://api.github.com/repos/${this.owner}/${this.repo}/issues/${number}`,
      repository_url: `https://api.github.com/repos/${this.owner}/${this.repo}`,
      title: t.title,
      body: t.body,
      state: 'open',
      user: user(t.login),
      author_association: t.login === this.owner ? 'OWNER' : 'CONTRIBUTOR',
      created_at: '2026-01-01T10:00:00Z',
      updated_at: '2026-01-01T10:00:00Z',
      html_url: `https://github.com/${this.owner}/${this.repo}/${kind}/${number}`,
      ...(t.pull
        ? { pull_request: { url: '', html_url: `https://github.com/${this.owner}/${this.repo}/pull/${number}` } }
        : {})
    }
  }

  /** The fields of GitHub's pull-request object that git-bob and Octokit read. */
  private pullRequestJson(p: StoredPullRequest): Record<string, unknown> {
    const html = `https://github.com/${this.owner}/${this.repo}/pull/${p.number}`
    const repoJson = (fullName: string): Record<string, unknown> => ({
      id: 1,
      name: fullName.split('/')[1],
      full_name: fullName,
      owner: user(fullName.split('/')[0]!),
      private: false,
      html_url: `https://github.com/${fullName}`
    })
    return {
      id: p.number * 1000,
      number: p.number,
      state: p.state,
      title: p.title,
      body: p.body,
      html_url: html,
      url: `https://api.github.com/repos/${this.owner}/${this.repo}/pulls/${p.number}`,
      user: user('github-actions[bot]', 'Bot'),
      head: {
        ref: p.head,
        // The head a test gave the same number's reviewed pull request, else a fixed one.
        sha: this.pulls.get(p.number)?.headSha ?? 'e'.repeat(40),
        label: `${p.headRepo.split('/')[0]}:${p.head}`,
        repo: repoJson(p.headRepo),
        user: user(p.headRepo.split('/')[0]!)
      },
      base: {
        ref: p.base,
        sha: 'f'.repeat(40),
        label: `${this.owner}:${p.base}`,
        repo: repoJson(`${this.owner}/${this.repo}`),
        user: user(this.owner)
      },
      draft: p.draft ?? false,
      merged: false
    }
  }

  private diffEntry(f: StoredFile): Schemas['diff-entry'] {
    return {
      sha: 'b'.repeat(40),
      filename: f.filename,
      status: f.status,
      additions: f.additions,
      deletions: f.deletions,
      changes: f.additions + f.deletions,
      blob_url: '',
      raw_url: '',
      contents_url: '',
      ...(f.patch !== undefined ? { patch: f.patch } : {})
    }
  }

  private pullJson(number: number, pull: StoredPull): PullJson {
    const html = `https://github.com/${this.owner}/${this.repo}/pull/${number}`
    return {
      url: `https://api.github.com/repos/${this.owner}/${this.repo}/pulls/${number}`,
      id: 7_000_000 + number,
      number,
      state: 'open',
      title: `Pull request ${number}`,
      body: null,
      html_url: html,
      created_at: '2019-05-15T15:20:00Z',
      updated_at: '2019-05-15T15:20:00Z',
      draft: false,
      head: { label: `${this.owner}:feature`, ref: 'feature', sha: pull.headSha },
      base: { label: `${this.owner}:${this.defaultBranch}`, ref: this.defaultBranch, sha: pull.baseSha }
    }
  }

  /** Like GitHub: a review whose line comment lies outside the diff's hunks is rejected whole (422). */
  private createReview(res: ServerResponse, number: number, request: ReviewRequest): void {
    const pull = this.pulls.get(number)
    if (!pull) return this.send(res, 404, { message: 'Not Found' })
    if (request.commit_id !== undefined && request.commit_id !== pull.headSha) {
      return this.send(res, 422, {
        message: 'Unprocessable Entity',
        errors: ['Commit id is not part of the pull request']
      })
    }
    for (const c of request.comments ?? []) {
      const file = pull.files.find((f) => f.filename === c.path)
      if (!file)
        return this.send(res, 422, {
          message: 'Unprocessable Entity',
          errors: ['Path could not be resolved'],
          documentation_url: 'https://docs.github.com/rest/pulls/reviews#create-a-review-for-a-pull-request'
        })
      const ranges = file.patch === undefined ? [] : commentableLines(file.patch)
      const inHunk = (line: number | undefined): { start: number; end: number } | undefined =>
        line === undefined ? undefined : ranges.find((r) => line >= r.start && line <= r.end)
      const hunk = inHunk(c.line)
      const startHunk = c.start_line === undefined ? hunk : inHunk(c.start_line)
      if (
        c.side !== 'RIGHT' ||
        !hunk ||
        startHunk !== hunk ||
        (c.start_line !== undefined && c.start_line >= c.line!)
      ) {
        return this.send(res, 422, {
          message: 'Unprocessable Entity',
          errors: [
            "Pull request review thread line must be part of the diff and Pull request review thread diff hunk can't be blank"
          ],
          documentation_url: 'https://docs.github.com/rest/pulls/reviews#create-a-review-for-a-pull-request'
        })
      }
    }
    const now = new Date().toISOString()
    const review: StoredReview = {
      id: this.nextId++,
      login: 'github-actions[bot]',
      userType: 'Bot',
      association: 'NONE',
      body: request.body ?? '',
      state:
        request.event === 'APPROVE'
          ? 'APPROVED'
          : request.event === 'REQUEST_CHANGES'
            ? 'CHANGES_REQUESTED'
            : request.event === 'COMMENT'
              ? 'COMMENTED'
              : 'PENDING',
      submittedAt: now,
      commitId: request.commit_id ?? pull.headSha
    }
    pull.reviews.push(review)
    for (const c of request.comments ?? []) {
      pull.reviewComments.push({
        id: this.nextId++,
        login: 'github-actions[bot]',
        userType: 'Bot',
        association: 'NONE',
        body: c.body,
        createdAt: now,
        updatedAt: now,
        path: c.path,
        line: c.line!
      })
    }
    const html = `https://github.com/${this.owner}/${this.repo}/pull/${number}#pullrequestreview-${review.id}`
    const answer: Schemas['pull-request-review'] = {
      id: review.id,
      node_id: `PRR_${review.id}`,
      user: user('github-actions[bot]', 'Bot'),
      body: review.body,
      state: review.state,
      html_url: html,
      pull_request_url: `https://api.github.com/repos/${this.owner}/${this.repo}/pulls/${number}`,
      _links: { html: { href: html }, pull_request: { href: '' } },
      submitted_at: now,
      commit_id: review.commitId!,
      author_association: 'NONE'
    }
    this.send(res, 200, answer)
  }

  private issueJson(issue: StoredIssue): Schemas['issue'] {
    const base = `https://api.github.com/repos/${this.owner}/${this.repo}`
    return {
      id: issue.id,
      node_id: `I_${issue.id}`,
      url: `${base}/issues/${issue.number}`,
      repository_url: base,
      labels_url: `${base}/issues/${issue.number}/labels{/name}`,
      comments_url: `${base}/issues/${issue.number}/comments`,
      events_url: `${base}/issues/${issue.number}/events`,
      html_url: `https://github.com/${this.owner}/${this.repo}/issues/${issue.number}`,
      number: issue.number,
      state: issue.state ?? 'open',
      title: issue.title,
      body: issue.body,
      user: issue.login ? user(issue.login) : user('github-actions[bot]', 'Bot'),
      labels: [],
      assignee: null,
      milestone: null,
      locked: false,
      comments: 0,
      closed_at: null,
      created_at: issue.createdAt,
      updated_at: issue.createdAt,
      author_association: 'NONE'
    }
  }

  /** An issue people opened, one git-bob or a test stored, or a pull request as the issue it also is. */
  private getIssue(res: ServerResponse, number: number): void {
    const thread = this.threads.get(number)
    if (thread) return this.send(res, 200, this.threadJson(number, thread))
    const issue = this.issues.get(number)
    if (issue) return this.send(res, 200, this.issueJson(issue))
    const listed = this.pullRequests.find((p) => p.number === number)
    if (!listed && !this.pulls.has(number)) return this.send(res, 404, { message: 'Not Found' })
    const base = `https://api.github.com/repos/${this.owner}/${this.repo}`
    const json: Schemas['issue'] = {
      ...this.issueJson({
        id: 7_000_000 + number,
        number,
        title: listed?.title ?? `Pull request ${number}`,
        body: listed?.body ?? '',
        createdAt: '2019-05-15T15:20:00Z',
        login: listed?.login ?? 'octocat',
        state: listed?.state ?? 'open'
      }),
      pull_request: {
        url: `${base}/pulls/${number}`,
        html_url: `https://github.com/${this.owner}/${this.repo}/pull/${number}`,
        diff_url: null,
        patch_url: null
      }
    }
    this.send(res, 200, json)
  }

  private checkRunJson(sha: string, r: StoredCheckRun): CheckRunJson {
    const base = `https://api.github.com/repos/${this.owner}/${this.repo}`
    const html = `https://github.com/${this.owner}/${this.repo}/actions/runs/1/job/${r.id}`
    const slug = r.app ?? 'github-actions'
    return {
      id: r.id,
      head_sha: sha,
      node_id: `CR_${r.id}`,
      external_id: '',
      url: `${base}/check-runs/${r.id}`,
      html_url: html,
      details_url: html,
      status: r.status,
      conclusion: r.conclusion,
      started_at: '2019-05-15T15:20:00Z',
      completed_at: r.status === 'completed' ? '2019-05-15T15:25:00Z' : null,
      output: {
        title: r.title ?? null,
        summary: r.summary ?? null,
        text: null,
        annotations_count: 0,
        annotations_url: `${base}/check-runs/${r.id}/annotations`
      },
      name: r.name,
      check_suite: { id: 1 },
      app: {
        id: slug === 'github-actions' ? 15368 : 1,
        slug,
        name: slug === 'github-actions' ? 'GitHub Actions' : slug
      },
      pull_requests: []
    }
  }

  private combinedStatus(res: ServerResponse, sha: string): void {
    const statuses = this.statuses.get(decodeURIComponent(sha)) ?? []
    const base = `https://api.github.com/repos/${this.owner}/${this.repo}`
    const state = statuses.some((s) => s.state === 'failure' || s.state === 'error')
      ? 'failure'
      : statuses.some((s) => s.state === 'pending') || !statuses.length
        ? 'pending'
        : 'success'
    const json: CombinedStatusJson = {
      state,
      sha,
      total_count: statuses.length,
      commit_url: `${base}/commits/${sha}`,
      url: `${base}/commits/${sha}/status`,
      statuses: statuses.map((s, i) => ({
        url: `${base}/statuses/${sha}`,
        avatar_url: null,
        id: i + 1,
        node_id: `SC_${i + 1}`,
        state: s.state,
        description: s.description ?? null,
        target_url: null,
        context: s.context,
        created_at: '2019-05-15T15:20:00Z',
        updated_at: '2019-05-15T15:20:00Z'
      }))
    }
    this.send(res, 200, json)
  }

  /** Like GitHub's code search: the words of `q` (qualifiers aside), found in the files of `repo:`; no expressions. */
  private searchCode(res: ServerResponse, url: URL): void {
    const q = url.searchParams.get('q') ?? ''
    const repo = /(?:^|\s)repo:(\S+)/.exec(q)?.[1]
    if (!repo) return this.send(res, 422, { message: 'Validation Failed', errors: [{ code: 'missing', field: 'q' }] })
    if (repo.toLowerCase() !== `${this.owner}/${this.repo}`.toLowerCase())
      return this.send(res, 200, { total_count: 0, incomplete_results: false, items: [] })
    const words = q
      .replace(/(?:^|\s)\w+:\S+/g, ' ')
      .split(/\s+/)
      .filter(Boolean)
      .map((w) => w.toLowerCase())
    const items: CodeSearchItemJson[] = [...this.files.entries()]
      .filter(([, text]) => words.every((w) => text.toLowerCase().includes(w)))
      .map(([path]) => ({
        name: path.split('/').pop()!,
        path,
        sha: 'd'.repeat(40),
        url: `https://api.github.com/repos/${this.owner}/${this.repo}/contents/${path}`,
        git_url: '',
        html_url: `https://github.com/${this.owner}/${this.repo}/blob/${this.defaultBranch}/${path}`,
        score: 1
      }))
    const perPage = Math.min(Number(url.searchParams.get('per_page') ?? 30), 100)
    this.send(res, 200, { total_count: items.length, incomplete_results: false, items: items.slice(0, perPage) })
  }

  private createIssue(res: ServerResponse, request: IssueRequest): void {
    const title = typeof request.title === 'string' ? request.title : String(request.title ?? '')
    if (!title)
      return this.send(res, 422, {
        message: 'Validation Failed',
        errors: [{ resource: 'Issue', code: 'missing_field', field: 'title' }]
      })
    if (title.length > 256 || (request.body ?? '').length > 65_536)
      return this.send(res, 422, {
        message: 'Validation Failed',
        errors: [{ resource: 'Issue', code: 'custom', message: 'too long' }]
      })
    const issue: StoredIssue = {
      id: this.nextId++,
      number: this.nextIssueNumber++,
      title,
      body: request.body ?? '',
      createdAt: new Date().toISOString()
    }
    this.issues.set(issue.number, issue)
    this.send(res, 201, this.issueJson(issue))
  }

  /** Like GitHub: the child is named by its id; a number (or any unknown id) is rejected. */
  private addSubIssue(res: ServerResponse, parent: number, request: SubIssueRequest): void {
    const child = [...this.issues.values()].find((i) => i.id === request.sub_issue_id)
    if (!child)
      return this.send(res, 422, {
        message: 'Validation Failed',
        errors: [{ resource: 'Issue', code: 'invalid', field: 'sub_issue_id' }]
      })
    this.subIssues.set(parent, [...(this.subIssues.get(parent) ?? []), child.number])
    this.send(res, 201, this.issueJson(child))
  }

  private react(res: ServerResponse, target: string, body: unknown): void {
    const content = (body as { content?: unknown }).content
    if (typeof content !== 'string') return this.send(res, 422, { message: 'Validation Failed' })
    this.reactions.push({ target, content })
    const reaction: Schemas['reaction'] = {
      id: this.nextId++,
      node_id: 'REA',
      user: user('github-actions[bot]', 'Bot'),
      content: content as Schemas['reaction']['content'],
      created_at: new Date().toISOString()
    }
    this.send(res, 201, reaction)
  }
}
