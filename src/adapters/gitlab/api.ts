// The forge port (ports/forge.ts) on GitLab's REST API v4: notes as comments, merge requests as pull
// requests, discussions with a position as line comments, award emoji as reactions, project members' access
// levels as permissions, issue links as sub-issues, pipelines and their jobs as CI. Issues and merge requests
// number apart on GitLab (#3 and !3 are two things), so the client remembers what each thread it read is
// (run() reads the thread, posted(), before anything is posted on it; a review is on a merge request) and which
// issue or merge request each note it has seen or made belongs to (a note is edited or awarded through it).
import { AsyncLocalStorage } from 'node:async_hooks'
import { z } from 'zod'
import { GitHubRequestCapError, httpStatus } from '../../errors.ts'
import type { Forge } from '../../ports/forge.ts'
import type {
  CheckRunInfo,
  Comparison,
  CreatedIssue,
  OpenIssue,
  IssueComment,
  IssueInfo,
  Permission,
  PostedMessages,
  PullFile,
  NewPull,
  PullInfo,
  PullState,
  ReactionTarget,
  Review,
  ReviewComment,
  ReviewLineComment,
  ReviewThreadState,
  StatusInfo,
  WorkflowRun
} from '../../ports/github.ts'
import { absoluteUploads } from '../../ports/gitlab-uploads.ts'
import { GitLabRequestError, GitLabRest, type RestOptions } from './rest.ts'

const user = z.object({ id: z.number(), username: z.string() })

const noteSchema = z.object({
  id: z.number(),
  body: z.string().nullish(),
  author: user,
  created_at: z.string(),
  updated_at: z.string().nullish(),
  system: z.boolean().nullish(),
  resolved: z.boolean().nullish(),
  resolved_by: user.nullish(),
  position: z
    .object({ new_path: z.string().nullish(), old_path: z.string().nullish(), new_line: z.number().nullish() })
    .nullish()
})
type Note = z.infer<typeof noteSchema>

const discussionSchema = z.object({
  id: z.string(),
  individual_note: z.boolean().nullish(),
  notes: z.array(noteSchema)
})

const issueSchema = z.object({
  id: z.number(),
  iid: z.number(),
  title: z.string(),
  description: z.string().nullish(),
  state: z.string(),
  author: user.nullish(),
  created_at: z.string(),
  web_url: z.string()
})

/** An issue or merge request as the lists and label changes return it: with its labels' names. */
const labelledSchema = issueSchema.extend({ labels: z.array(z.string()) })

/** GitLab names the bot users of project and group access tokens so: project_<id>_bot_<hex> (once project_<id>_bot<n>). */
const TOKEN_BOT = /^(?:project|group)_\d+_bot/i

const mergeRequestSchema = issueSchema.extend({
  source_branch: z.string(),
  target_branch: z.string(),
  source_project_id: z.number(),
  project_id: z.number(),
  sha: z.string().nullish(),
  diff_refs: z.object({ base_sha: z.string(), head_sha: z.string(), start_sha: z.string() }).nullish()
})

const diffSchema = z.object({
  old_path: z.string(),
  new_path: z.string(),
  diff: z.string(),
  new_file: z.boolean(),
  renamed_file: z.boolean(),
  deleted_file: z.boolean()
})
type Diff = z.infer<typeof diffSchema>

const pipelineSchema = z.object({
  id: z.number(),
  status: z.string(),
  web_url: z.string(),
  created_at: z.string(),
  ref: z.string().nullish(),
  source: z.string().nullish()
})

const jobSchema = z.object({ id: z.number(), name: z.string(), status: z.string(), web_url: z.string().nullish() })

const projectSchema = z.object({ id: z.number(), path_with_namespace: z.string() })

/** GET /projects/:id/repository/files/:path: the content in base64, and the last commit that changed the file. */
const repositoryFileSchema = z.object({
  encoding: z.string(),
  content: z.string(),
  last_commit_id: z.string()
})

/** The ledger's commits: [skip ci], so that GitLab starts no pipeline for them. */
const LEDGER_COMMIT_MESSAGE = "git-bob: this run's spending in the budget's ledger [skip ci]"

/** GitLab's access levels (https://docs.gitlab.com/api/members/#roles) as git-bob's permissions. */
export function permissionOf(accessLevel: number): Permission {
  if (accessLevel >= 50) return 'admin' // Owner
  if (accessLevel >= 40) return 'maintain' // Maintainer
  if (accessLevel >= 30) return 'write' // Developer
  if (accessLevel >= 20) return 'triage' // Reporter
  if (accessLevel >= 10) return 'read' // Guest
  return 'none'
}

/** A pipeline's or job's status as a check run's status and conclusion. */
function checkState(status: string): { status: string; conclusion: string | null } {
  switch (status) {
    case 'success':
      return { status: 'completed', conclusion: 'success' }
    case 'failed':
      return { status: 'completed', conclusion: 'failure' }
    case 'canceled':
    case 'canceling':
      return { status: 'completed', conclusion: 'cancelled' }
    case 'skipped':
      return { status: 'completed', conclusion: 'skipped' }
    case 'manual':
      return { status: 'completed', conclusion: 'action_required' }
    case 'running':
      return { status: 'in_progress', conclusion: null }
    default:
      return { status: 'queued', conclusion: null }
  }
}

/** A GitLab diff as the hunks GitHub's `patch` holds, and its counts. */
function pullFile(d: Diff): PullFile {
  const lines = d.diff.split('\n')
  return {
    filename: d.new_path,
    status: d.new_file ? 'added' : d.deleted_file ? 'removed' : d.renamed_file ? 'renamed' : 'modified',
    additions: lines.filter((l) => l.startsWith('+') && !l.startsWith('+++')).length,
    deletions: lines.filter((l) => l.startsWith('-') && !l.startsWith('---')).length,
    patch: d.diff ? d.diff : null
  }
}

/** A unified diff, as `git diff` writes it, from GitLab's per-file diffs. */
function unifiedDiff(diffs: readonly Diff[]): string {
  return diffs
    .map((d) => {
      const from = d.new_file ? '/dev/null' : `a/${d.old_path}`
      const to = d.deleted_file ? '/dev/null' : `b/${d.new_path}`
      const body = d.diff.endsWith('\n') || !d.diff ? d.diff : `${d.diff}\n`
      return `diff --git a/${d.old_path} b/${d.new_path}\n--- ${from}\n+++ ${to}\n${body}`
    })
    .join('')
}

export interface GitLabOptions extends RestOptions {
  /** group/subgroup/project */
  project: string
  /** The server's web address (https://gitlab.com): links to notes are made from it. */
  webUrl: string
}

export class GitLabApi implements Forge {
  readonly dialect = 'gitlab' as const
  calls = 0
  capReached = false
  private maxRequests = Number.POSITIVE_INFINITY
  private readonly onModelsBehalf = new AsyncLocalStorage<boolean>()
  private readonly rest: GitLabRest
  private readonly project: string
  private readonly id: string
  private readonly webUrl: string
  /** The project's API address, where its uploads are read with the token. */
  private readonly projectApi: string
  private readonly permissions = new Map<string, Permission>()
  /**
   * The thread of each number, a merge request's or an issue's: the first read of it as a thread says (run() reads
   * its own thread first, so a merge request the model reads under the number of the issue it answers leaves the
   * answer on the issue). Only posted() and the reviews set it.
   */
  private readonly threads = new Map<number, 'merge_requests' | 'issues'>()
  /** Each note's parent: "issues/3" or "merge_requests/3", and its discussion on a merge request. */
  private readonly noteParents = new Map<number, { parent: string; discussion?: string }>()

  constructor(options: GitLabOptions) {
    this.project = options.project
    this.id = encodeURIComponent(options.project)
    this.webUrl = options.webUrl.replace(/\/+$/, '')
    this.projectApi = `${options.baseUrl.replace(/\/+$/, '')}/projects/${this.id}`
    this.rest = new GitLabRest({
      ...options,
      beforeRequest: () => {
        if (this.onModelsBehalf.getStore() && this.calls >= this.maxRequests) {
          this.capReached = true
          throw new GitHubRequestCapError(this.maxRequests)
        }
        this.calls++
      }
    })
  }

  get fullName(): string {
    return this.project
  }

  limitRequests(max: number): void {
    this.maxRequests = max
  }

  forModel<T>(read: () => Promise<T>): Promise<T> {
    return this.onModelsBehalf.run(true, read)
  }

  private p(path: string): string {
    return `/projects/${this.id}${path}`
  }

  private know(number: number, kind: 'merge_requests' | 'issues'): void {
    if (!this.threads.has(number)) this.threads.set(number, kind)
  }

  private parentOf(number: number): string {
    return `${this.threads.get(number) ?? 'issues'}/${number}`
  }

  private noteUrl(parent: string, id: number): string {
    const [kind, iid] = parent.split('/')
    return `${this.webUrl}/${this.project}/-/${kind}/${iid}#note_${id}`
  }

  /** The access level of a member, inherited ones too; none when the user is no member (404). */
  async permission(login: string): Promise<Permission> {
    const key = login.toLowerCase()
    const known = this.permissions.get(key)
    if (known) return known
    const users = await this.rest.get(z.array(user), '/users', { username: login })
    const found = users.find((u) => u.username.toLowerCase() === key)
    let permission: Permission = 'none'
    if (found) {
      try {
        const member = await this.rest.get(z.object({ access_level: z.number() }), this.p(`/members/all/${found.id}`))
        permission = permissionOf(member.access_level)
      } catch (error) {
        if (httpStatus(error) !== 404) throw error
      }
    }
    this.permissions.set(key, permission)
    return permission
  }

  async react(target: ReactionTarget, content: 'eyes' | 'confused'): Promise<void> {
    const path =
      target.kind === 'issue'
        ? `/${this.parentOf(target.number)}/award_emoji`
        : `/${(await this.noteParent(target.id)).parent}/notes/${target.id}/award_emoji`
    await this.rest.json(z.object({ id: z.number() }), 'POST', this.p(path), { body: { name: content } })
  }

  private async noteParent(noteId: number): Promise<{ parent: string; discussion?: string }> {
    const known = this.noteParents.get(noteId)
    if (known) return known
    throw new Error(`git-bob does not know which issue or merge request note ${noteId} is on`)
  }

  private remember(parent: string, note: Note, discussion?: string): void {
    this.noteParents.set(note.id, discussion ? { parent, discussion } : { parent })
  }

  private comment(note: Note): IssueComment {
    return {
      id: note.id,
      body: absoluteUploads(note.body ?? '', this.projectApi),
      login: note.author.username,
      userType: TOKEN_BOT.test(note.author.username) ? 'Bot' : 'User',
      association: 'NONE',
      createdAt: note.created_at,
      updatedAt: note.updated_at ?? note.created_at
    }
  }

  /** The notes people wrote (not GitLab's system notes), oldest first; on a merge request, not those on lines. */
  async issueComments(issueNumber: number): Promise<IssueComment[]> {
    return this.notes(this.parentOf(issueNumber))
  }

  private async notes(parent: string): Promise<IssueComment[]> {
    const notes = await this.rest.all(noteSchema, this.p(`/${parent}/notes`), { sort: 'asc', order_by: 'created_at' })
    return notes.filter((n) => !n.system && !n.position).map((n) => (this.remember(parent, n), this.comment(n)))
  }

  async posted(number: number, isPull: boolean): Promise<PostedMessages> {
    const kind = isPull ? 'merge_requests' : 'issues'
    this.know(number, kind)
    const [comments, reviewComments] = await Promise.all([
      this.notes(`${kind}/${number}`),
      isPull ? this.reviewComments(number) : Promise.resolve([])
    ])
    return { comments, reviews: [], reviewComments }
  }

  /** GitLab has no reviews of their own: a review's summary is a note, read with the comments. */
  reviews(): Promise<Review[]> {
    return Promise.resolve([])
  }

  private async discussions(pullNumber: number): Promise<z.infer<typeof discussionSchema>[]> {
    this.know(pullNumber, 'merge_requests')
    const parent = `merge_requests/${pullNumber}`
    const list = await this.rest.all(discussionSchema, this.p(`/${parent}/discussions`))
    for (const d of list) for (const n of d.notes) this.remember(parent, n, d.id)
    return list
  }

  /** The notes on lines of the diff: a discussion's first note, and the replies under it. */
  async reviewComments(pullNumber: number): Promise<ReviewComment[]> {
    const out: ReviewComment[] = []
    for (const d of await this.discussions(pullNumber)) {
      const root = d.notes[0]
      if (!root?.position) continue
      const path = root.position.new_path ?? root.position.old_path ?? ''
      for (const n of d.notes) {
        if (n.system) continue
        out.push({
          ...this.comment(n),
          path,
          line: root.position.new_line ?? null,
          inReplyTo: n === root ? null : root.id,
          thumbsDown: 0
        })
      }
    }
    return out
  }

  async reviewThreads(pullNumber: number): Promise<ReviewThreadState[]> {
    return (await this.discussions(pullNumber))
      .filter((d) => d.notes[0]?.position)
      .map((d) => {
        const root = d.notes[0]!
        const resolvedBy = d.notes.find((n) => n.resolved_by)?.resolved_by?.username ?? null
        return { rootCommentId: root.id, resolved: d.notes.some((n) => n.resolved), resolvedBy }
      })
  }

  async thumbsDownOn(commentId: number): Promise<string[]> {
    const { parent } = await this.noteParent(commentId)
    const awards = await this.rest.get(
      z.array(z.object({ name: z.string(), user })),
      this.p(`/${parent}/notes/${commentId}/award_emoji`),
      { per_page: 100 }
    )
    return awards.filter((a) => a.name === 'thumbsdown').map((a) => a.user.username)
  }

  private async mergeRequest(pullNumber: number): Promise<z.infer<typeof mergeRequestSchema>> {
    return this.rest.get(mergeRequestSchema, this.p(`/merge_requests/${pullNumber}`))
  }

  private async diffs(pullNumber: number): Promise<Diff[]> {
    return this.rest.all(diffSchema, this.p(`/merge_requests/${pullNumber}/diffs`))
  }

  async pullFiles(pullNumber: number): Promise<PullFile[]> {
    return (await this.diffs(pullNumber)).map(pullFile)
  }

  async pullState(pullNumber: number): Promise<PullState> {
    const mr = await this.mergeRequest(pullNumber)
    return { headSha: mr.diff_refs?.head_sha ?? mr.sha ?? '', baseSha: mr.diff_refs?.base_sha ?? '' }
  }

  async compare(base: string, head: string): Promise<Comparison | null> {
    try {
      const answer = await this.rest.get(
        z.object({ commits: z.array(z.unknown()), diffs: z.array(diffSchema) }),
        this.p('/repository/compare'),
        { from: base, to: head, straight: true }
      )
      return { status: answer.commits.length ? 'ahead' : 'identical', files: answer.diffs.map(pullFile) }
    } catch (error) {
      if (httpStatus(error) === 404) return null
      throw error
    }
  }

  async pullDiff(pullNumber: number): Promise<string | null> {
    return unifiedDiff(await this.diffs(pullNumber))
  }

  async fileText(path: string, ref: string): Promise<string | null> {
    try {
      return await this.rest.text(this.p(`/repository/files/${encodeURIComponent(path)}/raw`), { ref })
    } catch (error) {
      if (httpStatus(error) === 404) return null
      throw error
    }
  }

  async tree(ref: string): Promise<{ paths: string[]; truncated: boolean }> {
    const { items, truncated } = await this.rest.pages(
      z.object({ path: z.string(), type: z.string() }),
      this.p('/repository/tree'),
      { ref, recursive: true }
    )
    return { paths: items.filter((i) => i.type === 'blob').map((i) => i.path), truncated }
  }

  /**
   * An issue (`kind` issue, #12), or a merge request (`kind` pull_request, !12); without a kind, the thread read
   * under that number first, and a number no issue has may be a merge request's (the model may name either).
   */
  async issue(number: number, kind?: 'issue' | 'pull_request'): Promise<IssueInfo | null> {
    const first = kind
      ? kind === 'pull_request'
        ? 'merge_requests'
        : 'issues'
      : (this.threads.get(number) ?? 'issues')
    const other = first === 'merge_requests' ? 'issues' : 'merge_requests'
    for (const path of kind ? [first] : [first, other]) {
      try {
        const i = await this.rest.get(issueSchema, this.p(`/${path}/${number}`))
        return {
          repo: this.project,
          number: i.iid,
          isPull: path === 'merge_requests',
          title: i.title,
          body: absoluteUploads(i.description ?? '', this.projectApi),
          state: i.state === 'opened' ? 'open' : i.state,
          author: i.author?.username ?? 'ghost',
          createdAt: i.created_at
        }
      } catch (error) {
        if (httpStatus(error) !== 404) throw error
      }
    }
    return null
  }

  /** The jobs of the newest pipeline of a commit. A job's id is the id its log (trace) is read by. */
  async checkRuns(sha: string): Promise<CheckRunInfo[]> {
    const pipelines = await this.rest.get(z.array(pipelineSchema), this.p('/pipelines'), { sha, per_page: 1 })
    const pipeline = pipelines[0]
    if (!pipeline) return []
    const jobs = await this.rest.get(z.array(jobSchema), this.p(`/pipelines/${pipeline.id}/jobs`), { per_page: 100 })
    return jobs.map((j) => ({
      id: j.id,
      name: j.name,
      ...checkState(j.status),
      // read_ci reads the log of the jobs an Actions workflow ran; a GitLab job is one such job.
      app: 'github-actions',
      title: null,
      summary: null,
      url: j.web_url ?? null
    }))
  }

  async statuses(sha: string): Promise<StatusInfo[]> {
    const list = await this.rest.get(
      z.array(
        z.object({
          name: z.string(),
          status: z.string(),
          description: z.string().nullish(),
          target_url: z.string().nullish()
        })
      ),
      this.p(`/repository/commits/${encodeURIComponent(sha)}/statuses`),
      { per_page: 100 }
    )
    return list.map((s) => ({
      context: s.name,
      state: s.status,
      description: s.description ?? null,
      url: s.target_url ?? null
    }))
  }

  jobLog(jobId: number, maxBytes = 1_000_000): Promise<string> {
    return this.rest.tail(this.p(`/jobs/${jobId}/trace`), maxBytes)
  }

  async searchCode(words: string, limit: number): Promise<string[]> {
    const found = await this.rest.get(z.array(z.object({ path: z.string() })), this.p('/search'), {
      scope: 'blobs',
      search: words,
      per_page: limit
    })
    return [...new Set(found.map((f) => f.path))]
  }

  async createIssueComment(issueNumber: number, body: string): Promise<{ id: number; url: string }> {
    const parent = this.parentOf(issueNumber)
    const note = await this.rest.json(noteSchema, 'POST', this.p(`/${parent}/notes`), { body: { body } })
    this.remember(parent, note)
    return { id: note.id, url: this.noteUrl(parent, note.id) }
  }

  async updateIssueComment(commentId: number, body: string): Promise<{ id: number; url: string }> {
    const { parent } = await this.noteParent(commentId)
    const note = await this.rest.json(noteSchema, 'PUT', this.p(`/${parent}/notes/${commentId}`), { body: { body } })
    return { id: note.id, url: this.noteUrl(parent, note.id) }
  }

  /**
   * Each line comment a discussion with a position on the merge request's diff (its diff_refs), then the
   * summary as a note. A line GitLab refuses (400) moves into the summary instead, so the review is whole.
   */
  async createReview(
    pullNumber: number,
    review: { commitId: string; body: string; comments: readonly ReviewLineComment[] }
  ): Promise<{ id: number; url: string }> {
    this.threads.set(pullNumber, 'merge_requests')
    const mr = await this.mergeRequest(pullNumber)
    const refs = mr.diff_refs
    const parent = `merge_requests/${pullNumber}`
    const refused: string[] = []
    for (const c of review.comments) {
      if (!refs) {
        refused.push(`**${c.path} line ${c.line}:** ${c.body}`)
        continue
      }
      const position = {
        position_type: 'text',
        base_sha: refs.base_sha,
        start_sha: refs.start_sha,
        head_sha: refs.head_sha,
        old_path: c.path,
        new_path: c.path,
        new_line: c.line
      }
      try {
        const d = await this.rest.json(discussionSchema, 'POST', this.p(`/${parent}/discussions`), {
          body: { body: c.body, position }
        })
        for (const n of d.notes) this.remember(parent, n, d.id)
      } catch (error) {
        if (httpStatus(error) !== 400) throw error
        refused.push(`**${c.path} line ${c.line}:**\n\n${c.body}`)
      }
    }
    const body = refused.length ? `${review.body}\n\n${refused.join('\n\n')}` : review.body
    return this.createIssueComment(pullNumber, body)
  }

  async createIssue(title: string, body: string): Promise<CreatedIssue> {
    const i = await this.rest.json(issueSchema, 'POST', this.p('/issues'), { body: { title, description: body } })
    // addSubIssue links by iid: GitLab's issue links name the target by project and iid.
    return { id: i.iid, number: i.iid, url: i.web_url }
  }

  /** GitLab has no sub-issues outside epics and tasks: the new issue is linked to its parent ("relates to"). */
  async addSubIssue(parentNumber: number, subIssueId: number): Promise<void> {
    await this.rest.json(z.object({}).passthrough(), 'POST', this.p(`/issues/${parentNumber}/links`), {
      body: { target_project_id: this.project, target_issue_iid: subIssueId, link_type: 'relates_to' }
    })
  }

  async replyToReviewComment(
    pullNumber: number,
    commentId: number,
    body: string
  ): Promise<{ id: number; url: string }> {
    let known = this.noteParents.get(commentId)
    if (!known?.discussion) {
      await this.discussions(pullNumber)
      known = this.noteParents.get(commentId)
    }
    const parent = `merge_requests/${pullNumber}`
    if (!known?.discussion) return this.createIssueComment(pullNumber, body)
    const note = await this.rest.json(noteSchema, 'POST', this.p(`/${parent}/discussions/${known.discussion}/notes`), {
      body: { body }
    })
    this.remember(parent, note, known.discussion)
    return { id: note.id, url: this.noteUrl(parent, note.id) }
  }

  async pull(pullNumber: number): Promise<PullInfo> {
    const mr = await this.mergeRequest(pullNumber)
    let headRepo: string | null = this.project
    if (mr.source_project_id !== mr.project_id) {
      try {
        headRepo = (await this.rest.get(projectSchema, `/projects/${mr.source_project_id}`)).path_with_namespace
      } catch (error) {
        if (httpStatus(error) !== 404) throw error
        headRepo = null
      }
    }
    return {
      number: mr.iid,
      url: mr.web_url,
      state: mr.state === 'opened' ? 'open' : mr.state,
      headRef: mr.source_branch,
      headRepo,
      baseRef: mr.target_branch
    }
  }

  async openPullFor(branch: string): Promise<{ number: number; url: string } | null> {
    const list = await this.rest.get(z.array(mergeRequestSchema), this.p('/merge_requests'), {
      state: 'opened',
      source_branch: branch,
      per_page: 1
    })
    const mr = list.find((m) => m.source_project_id === m.project_id)
    if (!mr) return null
    return { number: mr.iid, url: mr.web_url }
  }

  async createPull(options: NewPull): Promise<{ number: number; url: string }> {
    const mr = await this.rest.json(mergeRequestSchema, 'POST', this.p('/merge_requests'), {
      body: {
        source_branch: options.head,
        target_branch: options.base,
        // GitLab marks a draft by its title.
        title: options.draft ? `Draft: ${options.title}` : options.title,
        description: options.body
      }
    })
    return { number: mr.iid, url: mr.web_url }
  }

  /** A new pipeline on the branch; the "workflow" names it in the variable GIT_BOB_DEPLOY for the rules. */
  async dispatchWorkflow(workflow: string, ref: string): Promise<void> {
    await this.rest.json(pipelineSchema, 'POST', this.p('/pipeline'), {
      body: { ref, variables: [{ key: 'GIT_BOB_DEPLOY', value: workflow }] }
    })
  }

  async dispatchedRuns(_workflow: string, branch: string, since: string): Promise<WorkflowRun[]> {
    const list = await this.rest.get(z.array(pipelineSchema), this.p('/pipelines'), {
      ref: branch,
      source: 'api',
      updated_after: since,
      order_by: 'id',
      sort: 'desc',
      per_page: 20
    })
    return list.map(workflowRun)
  }

  async workflowRun(id: number): Promise<WorkflowRun> {
    return workflowRun(await this.rest.get(pipelineSchema, this.p(`/pipelines/${id}`)))
  }

  /** The newest open issues, newest first: GitLab lists merge requests apart, so every one is an issue. */
  async openIssues(limit: number): Promise<OpenIssue[]> {
    const issues = await this.rest.get(z.array(labelledSchema), this.p('/issues'), {
      state: 'opened',
      order_by: 'created_at',
      sort: 'desc',
      per_page: Math.min(100, Math.max(1, limit))
    })
    return issues.slice(0, limit).map((i) => {
      const login = i.author?.username ?? 'ghost'
      return {
        number: i.iid,
        title: i.title,
        body: absoluteUploads(i.description ?? '', this.projectApi),
        author: { login, id: i.author?.id ?? 0, isBot: TOKEN_BOT.test(login) },
        // GitLab names no association; the gate asks for the access level of whoever acts.
        association: 'NONE',
        createdAt: i.created_at,
        url: i.web_url,
        labels: i.labels
      }
    })
  }

  /** The project's labels (the first 100), its group's included. */
  async labelNames(): Promise<string[]> {
    const labels = await this.rest.get(z.array(z.object({ name: z.string() })), this.p('/labels'), { per_page: 100 })
    return labels.map((l) => l.name)
  }

  /** Adds existing labels to an issue (triage labels issues only). */
  async addLabels(issueNumber: number, names: readonly string[]): Promise<void> {
    if (!names.length) return
    await this.rest.json(labelledSchema, 'PUT', this.p(`/issues/${issueNumber}`), {
      body: { add_labels: names.join(',') }
    })
  }

  /**
   * Takes a label off an issue or a merge request (`kind`, else the thread read under that number, else an issue):
   * read first, since GitLab's update answers the same whether the label was there or not.
   */
  async removeLabel(number: number, name: string, kind?: 'issue' | 'pull_request'): Promise<boolean> {
    const parent = kind ? `${kind === 'pull_request' ? 'merge_requests' : 'issues'}/${number}` : this.parentOf(number)
    const current = await this.rest.get(labelledSchema, this.p(`/${parent}`))
    if (!current.labels.includes(name)) return false
    await this.rest.json(labelledSchema, 'PUT', this.p(`/${parent}`), { body: { remove_labels: name } })
    return true
  }

  /**
   * The budget's ledger (record/ledger.ts) on a branch of its own (`ref` is the branch's name: GitLab's API
   * writes files only on branches), read through the Repository Files API: the file's text and the last commit
   * that changed it; null when there is no branch. A branch without the file is the branch's head and no text,
   * as GitHub's ref without the file is: a ledger git-bob cannot trust, never one it starts over on its own.
   */
  async refFile(branch: string, path: string): Promise<{ commit: string; text: string | null } | null> {
    try {
      const file = await this.rest.get(repositoryFileSchema, this.p(`/repository/files/${encodeURIComponent(path)}`), {
        ref: branch
      })
      const text = file.encoding === 'base64' ? Buffer.from(file.content, 'base64').toString('utf8') : file.content
      return { commit: file.last_commit_id, text }
    } catch (error) {
      if (httpStatus(error) !== 404) throw error
      // GitLab says "404 File Not Found" when the ref is there without the file ("404 Commit Not Found" without it).
      if (!/file not found/i.test(detailOf(error))) return null
    }
    try {
      const found = await this.rest.get(
        z.object({ commit: z.object({ id: z.string() }) }),
        this.p(`/repository/branches/${encodeURIComponent(branch)}`)
      )
      return { commit: found.commit.id, text: null }
    } catch (error) {
      if (httpStatus(error) === 404) return null
      throw error
    }
  }

  /**
   * Writes the ledger, compare-and-swap: an update names the commit the file was read at (last_commit_id), and
   * GitLab refuses it when the file changed since; a missing branch is made from the default branch by the
   * ledger's first commit (start_branch), refused when another job made it first. Those refusals alone are a lost
   * race (false, nothing changed); any other (a push rule on the commit message or the branch's name, a protected
   * branch, the file already on the default branch) is thrown with GitLab's words, which the job's warning shows,
   * since trying again would meet it again. Every commit says [skip ci], so no pipeline runs for the ledger.
   */
  async writeRefFile(branch: string, path: string, text: string, parent: string | null): Promise<boolean> {
    const file = this.p(`/repository/files/${encodeURIComponent(path)}`)
    const content = {
      branch,
      content: Buffer.from(text, 'utf8').toString('base64'),
      encoding: 'base64',
      commit_message: LEDGER_COMMIT_MESSAGE
    }
    const written = z.object({ file_path: z.string(), branch: z.string() })
    const write = (method: 'POST' | 'PUT', body: Record<string, string>, race: LedgerWrite): Promise<boolean> =>
      this.rest.json(written, method, file, { body }).then(
        () => true,
        (error: unknown) => {
          if (lostRace(race, httpStatus(error), detailOf(error))) return false
          throw error
        }
      )
    if (parent !== null) return write('PUT', { ...content, last_commit_id: parent }, 'update')
    const project = await this.rest.get(z.object({ default_branch: z.string().nullish() }), this.p(''))
    const start = project.default_branch && project.default_branch !== branch ? project.default_branch : null
    // Without a default branch (an empty project) the first commit makes the branch itself.
    if (!start) return write('POST', content, 'create')
    return write('POST', { ...content, start_branch: start }, 'branch').catch((error: unknown) => {
      // The default branch has the ledger's file (the ledger's branch merged into it): the new branch would too.
      if (lostRace('create', httpStatus(error), detailOf(error)))
        throw new Error(
          `${start} has ${path}, which the branch ${branch} would start from: GitLab refused to create it there (${detailOf(error)}). Delete ${path} from ${start}.`
        )
      throw error
    })
  }
}

/** GitLab's own words in a failed request, '' for any other error. */
function detailOf(error: unknown): string {
  return error instanceof GitLabRequestError ? error.detail : ''
}

/** A ledger write: an update (last_commit_id), the file created with its branch (start_branch), or on its own. */
export type LedgerWrite = 'update' | 'branch' | 'create'

/**
 * Whether GitLab refused a ledger write because another job wrote first. Its answers (400, their English
 * words, lib/api/files.rb and app/services/commits/create_service.rb): an update whose last_commit_id is stale
 * ("You are attempting to update a file that has changed since you started editing it."); the branch made by
 * another job since it was found missing ("A branch called 'git-bob/ledger' already exists. Switch to that branch
 * in order to make changes", checked before the commit); the file created by another job ("A file with this name
 * already exists", a race only where no start_branch brings the default branch's files). Pure.
 */
export function lostRace(write: LedgerWrite, status: number | undefined, detail: string): boolean {
  if (status !== 400) return false
  if (write === 'update') return /has changed since you started editing it/i.test(detail)
  if (write === 'branch') return /^A branch called .* already exists/i.test(detail)
  return /^A file with this name already exists/i.test(detail)
}

function workflowRun(p: z.infer<typeof pipelineSchema>): WorkflowRun {
  return { id: p.id, url: p.web_url, ...checkState(p.status), createdAt: p.created_at }
}
