// A local stand-in for GitLab's REST API v4 over real HTTP, strict as GitLab is: 401 without a PRIVATE-TOKEN
// or JOB-TOKEN header, 404 for an unknown path or object, 400 for a missing required field or a line comment's
// position off the diff. It keeps one project's issues, merge requests (with their labels), notes, discussions,
// award emoji, issue links, members and pipelines in memory; files and merge request diffs come from a real bare
// repository when one is given; an upload may be kept in object storage elsewhere (a redirect to it). Files
// written through the Repository Files API (the budget's ledger) live in memory, on branches the API makes
// (start_branch), with GitLab's optimistic lock (last_commit_id), its refusals in its words, and a project's push
// rules when a test sets them. Shapes from
// https://docs.gitlab.com/api/rest/ (notes, discussions, merge_requests, issues, issue_links, members,
// award_emoji, pipelines, jobs, repository_files, repositories, projects).
import { execFileSync } from 'node:child_process'
import { createHash } from 'node:crypto'
import type { IncomingMessage, ServerResponse } from 'node:http'
import { LoopbackServer } from './loopback.ts'

export interface GitLabUser {
  id: number
  username: string
  name: string
}

interface Note {
  id: number
  type: 'DiffNote' | 'DiscussionNote' | null
  body: string
  author: GitLabUser
  created_at: string
  updated_at: string
  system: boolean
  noteable_type: 'Issue' | 'MergeRequest'
  noteable_iid: number
  resolvable: boolean
  resolved: boolean
  resolved_by: GitLabUser | null
  position: Record<string, unknown> | null
  awards: { name: string; user: GitLabUser }[]
}

interface Discussion {
  id: string
  parent: string
  individual_note: boolean
  notes: Note[]
}

interface Issue {
  id: number
  iid: number
  title: string
  description: string
  state: 'opened' | 'closed'
  author: GitLabUser
  created_at: string
  awards: { name: string; user: GitLabUser }[]
  links: number[]
  labels: string[]
}

export interface MergeRequest {
  id: number
  iid: number
  title: string
  description: string
  state: 'opened' | 'closed' | 'merged'
  author: GitLabUser
  created_at: string
  source_branch: string
  target_branch: string
  labels: string[]
  /** Per-file diffs as GitLab gives them; computed from the origin when absent. */
  diffs?: FileDiff[]
}

export interface FileDiff {
  old_path: string
  new_path: string
  diff: string
  new_file: boolean
  renamed_file: boolean
  deleted_file: boolean
}

/** A file committed through the Repository Files API, and the last commit that changed it. */
interface RepositoryFile {
  text: string
  lastCommit: string
  commitMessage: string
}

export interface RecordedGitLabRequest {
  method: string
  path: string
  query: URLSearchParams
  headers: IncomingMessage['headers']
  body: unknown
}

/** An answer that sends the client elsewhere (302), as GitLab does for an upload kept in object storage. */
class Redirect {
  readonly location: string

  constructor(location: string) {
    this.location = location
  }
}

class HttpError extends Error {
  readonly status: number
  readonly body: unknown

  constructor(status: number, body: unknown) {
    super(String(status))
    this.status = status
    this.body = body
  }
}

const notFound = (): HttpError => new HttpError(404, { message: '404 Not Found' })
const missing = (field: string): HttpError => new HttpError(400, { error: `${field} is missing` })

function git(dir: string, ...args: string[]): string {
  return execFileSync('git', ['--git-dir', dir, ...args], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] })
}

export const PROJECT = 'lab/analysis'
export const PROJECT_ID = 42
export const BOT: GitLabUser = { id: 900, username: 'project_42_bot_0a1b2c', name: 'git-bob' }

export class FakeGitLab extends LoopbackServer {
  readonly requests: RecordedGitLabRequest[] = []
  readonly users: GitLabUser[] = [
    { id: 1, username: 'maintainer', name: 'Ada Maintainer' },
    { id: 2, username: 'reporter', name: 'Rita Reporter' },
    { id: 3, username: 'developer', name: 'Dev Developer' },
    BOT
  ]
  /** access_level by user id (a 404 for anyone else: not a member). */
  readonly members = new Map<number, number>([
    [1, 40],
    [2, 20],
    [3, 30],
    [900, 40]
  ])
  readonly issues: Issue[] = []
  readonly mergeRequests: MergeRequest[] = []
  readonly discussions: Discussion[] = []
  readonly pipelines: { id: number; ref: string; sha?: string; status: string; source: string; variables: unknown }[] =
    []
  /** Jobs of the pipelines, with the trace (log) each wrote. */
  readonly jobs: { id: number; pipelineId: number; name: string; status: string; trace: string }[] = []
  /** Answers given instead of the next requests' (after the token is checked), in order. */
  readonly faults: { status: number; body?: unknown }[] = []
  /** The project's labels (GET /projects/:id/labels). */
  readonly labels: string[] = []
  /** Files attached to comments, by "<secret>/<filename>" (GET /projects/:id/uploads/:secret/:filename). */
  readonly uploads = new Map<string, Uint8Array>()
  /**
   * Uploads kept in object storage, by "<secret>/<filename>": GitLab answers their download with a redirect (302)
   * to this address (a self-managed GitLab's direct download from its object store).
   */
  readonly uploadRedirects = new Map<string, string>()
  /** The bare repository files and diffs are read from. */
  origin: string | null = null
  readonly defaultBranch = 'master'
  /** The files written through the Repository Files API, by branch and path; the default branch is there. */
  readonly branches = new Map<string, Map<string, RepositoryFile>>([[this.defaultBranch, new Map()]])
  /** Each branch's newest commit (GET /repository/branches/:branch), for the branches above. */
  private readonly heads = new Map<string, string>()
  /**
   * The project's push rules (a paid feature): a commit whose message or a branch whose name does not match is
   * refused as GitLab refuses it through the Repository Files API (400, the rule's sentence as the message).
   */
  pushRule: { commitMessageRegex?: string; branchNameRegex?: string } | null = null
  /** Called with each request before it is answered (after it is recorded): a test acts between two requests. */
  onRequest: ((request: RecordedGitLabRequest) => void) | null = null
  private nextId = 5000
  private commits = 0

  /** A file on a branch as the Repository Files API wrote it; null when there is none. */
  fileOn(branch: string, path: string): RepositoryFile | null {
    return this.branches.get(branch)?.get(path) ?? null
  }

  /** Someone commits a file on a branch (made when missing), as a push would. */
  commitFile(branch: string, path: string, text: string, commitMessage = 'a commit'): void {
    const files = this.branches.get(branch) ?? new Map<string, RepositoryFile>()
    this.branches.set(branch, files)
    const commit = this.commitSha()
    files.set(path, { text, lastCommit: commit, commitMessage })
    this.heads.set(branch, commit)
  }

  private commitSha(): string {
    return createHash('sha1').update(`commit ${this.commits++}`).digest('hex')
  }

  protected override baseUrl(origin: string): string {
    return `${origin}/api/v4`
  }

  get serverUrl(): string {
    return this.url.replace(/\/api\/v4$/, '')
  }

  private now(): string {
    return new Date().toISOString()
  }

  private user(id: number): GitLabUser {
    const found = this.users.find((u) => u.id === id)
    if (!found) throw new Error(`no user ${id}`)
    return found
  }

  addIssue(iid: number, title: string, description: string, authorId = 1): Issue {
    const issue: Issue = {
      id: 10_000 + iid,
      iid,
      title,
      description,
      state: 'opened',
      author: this.user(authorId),
      created_at: '2026-01-01T10:00:00.000Z',
      awards: [],
      links: [],
      labels: []
    }
    this.issues.push(issue)
    return issue
  }

  addMergeRequest(
    mr: Omit<MergeRequest, 'id' | 'author' | 'created_at' | 'state' | 'labels'> & {
      authorId?: number
      labels?: string[]
    }
  ): void {
    this.mergeRequests.push({
      labels: [],
      ...mr,
      id: 20_000 + mr.iid,
      state: 'opened',
      author: this.user(mr.authorId ?? 1),
      created_at: '2026-01-01T10:00:00.000Z'
    })
  }

  /** A note a person wrote (the one a webhook reports), on an issue or a merge request. */
  addNote(
    parent: 'issues' | 'merge_requests',
    iid: number,
    note: { id: number; body: string; authorId: number }
  ): void {
    this.discussions.push({
      id: this.discussionId(),
      parent: `${parent}/${iid}`,
      individual_note: true,
      notes: [this.note(parent, iid, note.body, this.user(note.authorId), null, note.id)]
    })
  }

  /** A person's reply in a discussion (a line's thread). */
  addNoteToDiscussion(id: string, note: { id: number; body: string; authorId: number }): void {
    const d = this.discussions.find((x) => x.id === id)
    if (!d) throw new Error(`no discussion ${id}`)
    const iid = Number(d.parent.split('/')[1])
    const added = this.note('merge_requests', iid, note.body, this.user(note.authorId), null, note.id)
    added.type = 'DiffNote'
    added.position = d.notes[0]!.position
    d.notes.push(added)
  }

  /** Every note on an issue or merge request, oldest first. */
  notesOn(parent: 'issues' | 'merge_requests', iid: number): Note[] {
    return this.discussions.filter((d) => d.parent === `${parent}/${iid}`).flatMap((d) => d.notes)
  }

  /** The notes the bot posted there. */
  botNotes(parent: 'issues' | 'merge_requests', iid: number): Note[] {
    return this.notesOn(parent, iid).filter((n) => n.author.id === BOT.id)
  }

  /** Every body on the project, for an assertion's message. */
  everything(): string {
    return this.discussions
      .map((d) => `[${d.parent}] ${d.notes.map((n) => `@${n.author.username}: ${n.body}`).join('\n')}`)
      .join('\n---\n')
  }

  private discussionId(): string {
    return createHash('sha1').update(String(this.nextId++)).digest('hex')
  }

  private note(
    parent: string,
    iid: number,
    body: string,
    author: GitLabUser,
    position: Record<string, unknown> | null,
    id = this.nextId++
  ): Note {
    const now = this.now()
    return {
      id,
      type: position ? 'DiffNote' : null,
      body,
      author,
      created_at: now,
      updated_at: now,
      system: false,
      noteable_type: parent === 'issues' ? 'Issue' : 'MergeRequest',
      noteable_iid: iid,
      resolvable: position !== null,
      resolved: false,
      resolved_by: null,
      position,
      awards: []
    }
  }

  protected async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = []
    for await (const chunk of req) chunks.push(chunk as Buffer)
    const raw = Buffer.concat(chunks).toString()
    const url = new URL(req.url ?? '/', 'http://x')
    let body: unknown = undefined
    try {
      body = raw ? (JSON.parse(raw) as unknown) : undefined
    } catch {
      body = raw
    }
    const request = {
      method: req.method ?? 'GET',
      path: url.pathname,
      query: url.searchParams,
      headers: req.headers,
      body
    }
    this.requests.push(request)
    try {
      // GitLab takes a token in PRIVATE-TOKEN, JOB-TOKEN, or as an OAuth-style bearer.
      const bearer = /^Bearer \S+/.test(req.headers.authorization ?? '')
      if (!req.headers['private-token'] && !req.headers['job-token'] && !bearer)
        throw new HttpError(401, { message: '401 Unauthorized' })
      this.onRequest?.(request)
      const fault = this.faults.shift()
      if (fault) throw new HttpError(fault.status, fault.body ?? { message: `${fault.status}` })
      const answer = this.route(req.method ?? 'GET', decodeURIComponent(url.pathname), url.searchParams, body)
      if (answer instanceof Redirect) {
        res.writeHead(302, { location: answer.location }).end()
      } else if (answer instanceof Uint8Array) {
        res.writeHead(200, { 'content-type': 'application/octet-stream' }).end(answer)
      } else if (typeof answer === 'string') {
        res.writeHead(200, { 'content-type': 'text/plain' }).end(answer)
      } else if (Array.isArray(answer)) {
        // GitLab's offset pagination: per_page (default 20, at most 100), page, and the headers that tell.
        const perPage = Math.min(Number(url.searchParams.get('per_page') ?? 20) || 20, 100)
        const page = Math.max(Number(url.searchParams.get('page') ?? 1) || 1, 1)
        const items = answer.slice((page - 1) * perPage, page * perPage)
        const more = page * perPage < answer.length
        res.writeHead(200, {
          'content-type': 'application/json',
          'x-page': String(page),
          'x-per-page': String(perPage),
          'x-next-page': more ? String(page + 1) : '',
          'x-total': String(answer.length)
        })
        res.end(JSON.stringify(items))
      } else {
        res.writeHead(req.method === 'POST' ? 201 : 200, { 'content-type': 'application/json' })
        res.end(JSON.stringify(answer))
      }
    } catch (error) {
      if (error instanceof HttpError)
        res.writeHead(error.status, { 'content-type': 'application/json' }).end(JSON.stringify(error.body))
      else res.writeHead(500, { 'content-type': 'application/json' }).end(JSON.stringify({ message: String(error) }))
    }
  }

  private route(method: string, path: string, query: URLSearchParams, body: unknown): unknown {
    const b = (body ?? {}) as Record<string, unknown>
    if (method === 'GET' && (path === `/api/v4/projects/${PROJECT}` || path === `/api/v4/projects/${PROJECT_ID}`)) {
      return {
        id: PROJECT_ID,
        path_with_namespace: PROJECT,
        default_branch: this.defaultBranch,
        web_url: `${this.serverUrl}/${PROJECT}`
      }
    }
    if (method === 'GET' && path === '/api/v4/users') {
      return this.users.filter((u) => u.username === query.get('username')).map((u) => ({ ...u, state: 'active' }))
    }
    // The project by its path (URL-encoded, decoded above) or its id.
    const prefix = [`/api/v4/projects/${PROJECT}`, `/api/v4/projects/${PROJECT_ID}`].find((p) =>
      path.startsWith(`${p}/`)
    )
    if (!prefix) throw notFound()
    const rest = path.slice(prefix.length)
    let m: RegExpExecArray | null
    if (method === 'GET' && (m = /^\/uploads\/([0-9a-f]+)\/([^/]+)$/.exec(rest))) {
      const stored = this.uploadRedirects.get(`${m[1]}/${m[2]}`)
      if (stored) return new Redirect(stored)
      const file = this.uploads.get(`${m[1]}/${m[2]}`)
      if (!file) throw notFound()
      return file
    }
    if (method === 'GET' && (m = /^\/members\/all\/(\d+)$/.exec(rest))) {
      const level = this.members.get(Number(m[1]))
      if (level === undefined) throw notFound()
      return { ...this.user(Number(m[1])), access_level: level, state: 'active' }
    }
    // Notes, award emoji, discussions of an issue or a merge request.
    if ((m = /^\/(issues|merge_requests)\/(\d+)(\/.*)?$/.exec(rest))) {
      const kind = m[1] as 'issues' | 'merge_requests'
      const iid = Number(m[2])
      const parent = `${kind}/${iid}`
      const object =
        kind === 'issues' ? this.issues.find((i) => i.iid === iid) : this.mergeRequests.find((x) => x.iid === iid)
      if (!object) throw notFound()
      return this.onObject(method, kind, iid, parent, object, m[3] ?? '', b)
    }
    if (rest === '/issues' && method === 'GET') {
      // Newest first, as asked with order_by=created_at and sort=desc (GitLab's default).
      return this.issues
        .filter((i) => (query.get('state') ? i.state === query.get('state') : true))
        .sort((a, b) => b.created_at.localeCompare(a.created_at))
        .map((i) => this.issueJson(i))
    }
    if (rest === '/labels' && method === 'GET') {
      return this.labels.map((name, i) => ({ id: 300 + i, name, color: '#6699cc', description: null }))
    }
    if (rest === '/issues' && method === 'POST') {
      if (typeof b.title !== 'string' || !b.title) throw missing('title')
      const iid = Math.max(0, ...this.issues.map((i) => i.iid)) + 1
      const issue = this.addIssue(iid, b.title, typeof b.description === 'string' ? b.description : '', BOT.id)
      issue.created_at = this.now()
      return this.issueJson(issue)
    }
    if (rest === '/merge_requests' && method === 'GET') {
      return this.mergeRequests
        .filter((x) => (query.get('state') ? x.state === query.get('state') : true))
        .filter((x) => (query.get('source_branch') ? x.source_branch === query.get('source_branch') : true))
        .map((x) => this.mrJson(x))
    }
    if (rest === '/merge_requests' && method === 'POST') {
      for (const field of ['source_branch', 'target_branch', 'title'])
        if (typeof b[field] !== 'string') throw missing(field)
      if (this.mergeRequests.some((x) => x.state === 'opened' && x.source_branch === b.source_branch))
        throw new HttpError(409, { message: ['Another open merge request already exists for this source branch'] })
      const iid = Math.max(0, ...this.mergeRequests.map((x) => x.iid)) + 1
      this.addMergeRequest({
        iid,
        title: b.title as string,
        description: typeof b.description === 'string' ? b.description : '',
        source_branch: b.source_branch as string,
        target_branch: b.target_branch as string,
        authorId: BOT.id
      })
      return this.mrJson(this.mergeRequests.at(-1)!)
    }
    if (method === 'GET' && (m = /^\/repository\/files\/(.+)\/raw$/.exec(rest))) {
      if (!query.get('ref')) throw missing('ref')
      try {
        return this.show(query.get('ref')!, m[1]!)
      } catch {
        throw notFound()
      }
    }
    if ((m = /^\/repository\/files\/(.+)$/.exec(rest))) return this.repositoryFile(method, m[1]!, query, b)
    if (method === 'GET' && (m = /^\/repository\/branches\/(.+)$/.exec(rest))) {
      if (!this.branches.has(m[1]!)) throw new HttpError(404, { message: '404 Branch Not Found' })
      return { name: m[1]!, commit: { id: this.heads.get(m[1]!) ?? createHash('sha1').update(m[1]!).digest('hex') } }
    }
    if (method === 'GET' && rest === '/repository/tree') {
      if (!this.origin) return []
      const ref = query.get('ref') ?? 'HEAD'
      return git(this.origin, 'ls-tree', '-r', '--name-only', ref)
        .split('\n')
        .filter(Boolean)
        .map((p) => ({ id: 'x', name: p.split('/').at(-1), type: 'blob', path: p, mode: '100644' }))
    }
    if (method === 'POST' && rest === '/pipeline') {
      if (typeof b.ref !== 'string') throw missing('ref')
      const pipeline = {
        id: 700 + this.pipelines.length,
        ref: b.ref,
        status: 'created',
        source: 'api',
        variables: b.variables
      }
      this.pipelines.push(pipeline)
      return this.pipelineJson(pipeline)
    }
    if (method === 'GET' && rest === '/pipelines') {
      return this.pipelines
        .filter((p) => !query.get('ref') || p.ref === query.get('ref'))
        .filter((p) => !query.get('sha') || p.sha === query.get('sha'))
        .sort((a, b) => b.id - a.id)
        .map((p) => this.pipelineJson(p))
    }
    if (method === 'GET' && (m = /^\/pipelines\/(\d+)(\/jobs)?$/.exec(rest))) {
      const pipeline = this.pipelines.find((p) => p.id === Number(m![1]))
      if (!pipeline) throw notFound()
      if (!m[2]) return this.pipelineJson(pipeline)
      return this.jobs
        .filter((j) => j.pipelineId === pipeline.id)
        .map((j) => ({
          id: j.id,
          name: j.name,
          status: j.status,
          stage: 'test',
          web_url: `${this.serverUrl}/${PROJECT}/-/jobs/${j.id}`
        }))
    }
    if (method === 'GET' && (m = /^\/jobs\/(\d+)\/trace$/.exec(rest))) {
      const job = this.jobs.find((j) => j.id === Number(m![1]))
      if (!job) throw notFound()
      return job.trace
    }
    if (method === 'GET' && /^\/repository\/commits\/[0-9a-f]+\/statuses$/.test(rest)) return []
    throw notFound()
  }

  private onObject(
    method: string,
    kind: 'issues' | 'merge_requests',
    iid: number,
    parent: string,
    object: Issue | MergeRequest,
    sub: string,
    b: Record<string, unknown>
  ): unknown {
    let m: RegExpExecArray | null
    if (sub === '' && method === 'GET')
      return kind === 'issues' ? this.issueJson(object as Issue) : this.mrJson(object as MergeRequest)
    if (sub === '' && method === 'PUT') {
      // Labels by name, comma-separated, as GitLab takes add_labels and remove_labels.
      const names = (field: string): string[] =>
        typeof b[field] === 'string'
          ? b[field]
              .split(',')
              .map((n) => n.trim())
              .filter(Boolean)
          : []
      const removed = new Set(names('remove_labels'))
      object.labels = [
        ...object.labels.filter((l) => !removed.has(l)),
        ...names('add_labels').filter((l) => !object.labels.includes(l))
      ]
      return kind === 'issues' ? this.issueJson(object as Issue) : this.mrJson(object as MergeRequest)
    }
    if (sub === '/notes' && method === 'GET') return this.notesOn(kind, iid).map((n) => this.noteJson(n))
    if (sub === '/notes' && method === 'POST') {
      if (typeof b.body !== 'string' || !b.body) throw missing('body')
      const note = this.note(kind, iid, b.body, BOT, null)
      this.discussions.push({ id: this.discussionId(), parent, individual_note: true, notes: [note] })
      return this.noteJson(note)
    }
    if ((m = /^\/notes\/(\d+)$/.exec(sub)) && method === 'PUT') {
      const note = this.notesOn(kind, iid).find((n) => n.id === Number(m![1]))
      if (!note) throw notFound()
      if (typeof b.body !== 'string') throw missing('body')
      note.body = b.body
      note.updated_at = this.now()
      return this.noteJson(note)
    }
    if ((m = /^\/notes\/(\d+)\/award_emoji$/.exec(sub))) {
      const note = this.notesOn(kind, iid).find((n) => n.id === Number(m![1]))
      if (!note) throw notFound()
      if (method === 'GET')
        return note.awards.map((a, i) => ({ id: i + 1, ...a, awardable_id: note.id, awardable_type: 'Note' }))
      if (typeof b.name !== 'string') throw missing('name')
      note.awards.push({ name: b.name, user: BOT })
      return { id: note.awards.length, name: b.name, user: BOT, awardable_id: note.id, awardable_type: 'Note' }
    }
    if (sub === '/award_emoji' && method === 'POST') {
      if (typeof b.name !== 'string') throw missing('name')
      ;(object as Issue).awards?.push({ name: b.name, user: BOT })
      return {
        id: 1,
        name: b.name,
        user: BOT,
        awardable_id: object.id,
        awardable_type: kind === 'issues' ? 'Issue' : 'MergeRequest'
      }
    }
    if (kind === 'issues' && sub === '/links' && method === 'POST') {
      if (b.target_project_id === undefined) throw missing('target_project_id')
      if (b.target_issue_iid === undefined) throw missing('target_issue_iid')
      const target = this.issues.find((i) => i.iid === Number(b.target_issue_iid))
      if (!target) throw notFound()
      ;(object as Issue).links.push(target.iid)
      return {
        source_issue: this.issueJson(object as Issue),
        target_issue: this.issueJson(target),
        link_type: b.link_type ?? 'relates_to'
      }
    }
    if (kind !== 'merge_requests') throw notFound()
    const mr = object as MergeRequest
    if (sub === '/diffs' && method === 'GET') return this.diffsOf(mr)
    if (sub === '/discussions' && method === 'GET')
      return this.discussions.filter((d) => d.parent === parent).map((d) => this.discussionJson(d))
    if (sub === '/discussions' && method === 'POST') {
      if (typeof b.body !== 'string' || !b.body) throw missing('body')
      const position = (b.position ?? null) as Record<string, unknown> | null
      if (position) this.checkPosition(mr, position)
      const note = this.note(kind, iid, b.body, BOT, position)
      const d: Discussion = { id: this.discussionId(), parent, individual_note: false, notes: [note] }
      this.discussions.push(d)
      return this.discussionJson(d)
    }
    if ((m = /^\/discussions\/([0-9a-f]+)\/notes$/.exec(sub)) && method === 'POST') {
      const d = this.discussions.find((x) => x.id === m![1] && x.parent === parent)
      if (!d) throw notFound()
      if (typeof b.body !== 'string' || !b.body) throw missing('body')
      const note = this.note(kind, iid, b.body, BOT, null)
      // A reply in a line's thread is a DiffNote on the same position, as GitLab keeps it.
      note.type = d.notes[0]!.position ? 'DiffNote' : 'DiscussionNote'
      note.position = d.notes[0]!.position
      d.notes.push(note)
      return this.noteJson(note)
    }
    throw notFound()
  }

  /**
   * The Repository Files API: GET (ref; the content in base64), POST (a new file; with start_branch, on a new
   * branch made from it) and PUT (with last_commit_id, refused when the file changed since). Errors as GitLab's.
   */
  private repositoryFile(method: string, path: string, query: URLSearchParams, b: Record<string, unknown>): unknown {
    if (method === 'GET') {
      const ref = query.get('ref')
      if (!ref) throw missing('ref')
      const files = this.branches.get(ref)
      if (!files) throw new HttpError(404, { message: '404 Commit Not Found' })
      const file = files.get(path)
      if (!file) throw new HttpError(404, { message: '404 File Not Found' })
      const content = Buffer.from(file.text, 'utf8')
      return {
        file_name: path.split('/').at(-1),
        file_path: path,
        size: content.length,
        encoding: 'base64',
        content: content.toString('base64'),
        content_sha256: createHash('sha256').update(content).digest('hex'),
        ref,
        blob_id: createHash('sha1').update(content).digest('hex'),
        commit_id: file.lastCommit,
        last_commit_id: file.lastCommit,
        execute_filemode: false
      }
    }
    if (method !== 'POST' && method !== 'PUT') throw notFound()
    for (const field of ['branch', 'commit_message', 'content']) if (typeof b[field] !== 'string') throw missing(field)
    const branch = b.branch as string
    if (b.encoding !== undefined && b.encoding !== 'text' && b.encoding !== 'base64')
      throw new HttpError(400, { error: 'encoding does not have a valid value' })
    const text =
      b.encoding === 'base64' ? Buffer.from(b.content as string, 'base64').toString('utf8') : (b.content as string)
    // GitLab's checks in its order (Commits::CreateService#validate!, then the commit and the push rules), and
    // nothing changed when one refuses: a branch start_branch would make is made only with the commit.
    let files = this.branches.get(branch)
    const start = typeof b.start_branch === 'string' ? b.start_branch : branch
    const newBranch = start !== branch
    if (!this.branches.has(start))
      throw new HttpError(400, { message: 'You can only create or edit files when you are on a branch' })
    if (newBranch) {
      if (files)
        throw new HttpError(400, {
          message: `A branch called '${branch}' already exists. Switch to that branch in order to make changes`
        })
      files = new Map(this.branches.get(start))
    }
    if (!files) throw new HttpError(400, { message: 'You can only create or edit files when you are on a branch' })
    const existing = files.get(path)
    if (method === 'POST' && existing) throw new HttpError(400, { message: 'A file with this name already exists' })
    if (method === 'PUT') {
      if (!existing) throw new HttpError(400, { message: "A file with this name doesn't exist" })
      if (typeof b.last_commit_id === 'string' && b.last_commit_id !== existing.lastCommit)
        throw new HttpError(400, {
          message: 'You are attempting to update a file that has changed since you started editing it.'
        })
    }
    const rule = this.pushRule
    if (rule?.commitMessageRegex && !new RegExp(rule.commitMessageRegex).test(b.commit_message as string))
      throw new HttpError(400, { message: `Commit message does not follow the pattern '${rule.commitMessageRegex}'` })
    if (newBranch && rule?.branchNameRegex && !new RegExp(rule.branchNameRegex).test(branch))
      throw new HttpError(400, { message: `Branch name does not follow the pattern '${rule.branchNameRegex}'` })
    const commit = this.commitSha()
    files.set(path, { text, lastCommit: commit, commitMessage: b.commit_message as string })
    this.branches.set(branch, files)
    this.heads.set(branch, commit)
    return { file_path: path, branch }
  }

  /** GitLab refuses a position whose line is not on the new side of the diff's hunks. */
  private checkPosition(mr: MergeRequest, position: Record<string, unknown>): void {
    for (const field of ['base_sha', 'start_sha', 'head_sha', 'position_type', 'new_path']) {
      if (typeof position[field] !== 'string')
        throw new HttpError(400, { message: `400 Bad request - position[${field}] is missing` })
    }
    const refs = this.diffRefs(mr)
    if (position.head_sha !== refs.head_sha)
      throw new HttpError(400, { message: '400 Bad request - Note {:position=>["is outdated"]}' })
    const file = this.diffsOf(mr).find((d) => d.new_path === position.new_path)
    const line = Number(position.new_line)
    if (!file || !newSideLines(file.diff).has(line))
      throw new HttpError(400, {
        message: '400 Bad request - Note {:line_code=>["can\'t be blank", "must be a valid line code"]}'
      })
  }

  /** The commits the refs name, asked of git at once (the stand-in answers many requests with them). */
  private revs(...refs: string[]): string[] {
    if (!this.origin) return refs.map((ref) => createHash('sha1').update(ref).digest('hex'))
    return git(this.origin, 'rev-parse', ...refs)
      .trim()
      .split('\n')
  }

  private show(ref: string, path: string): string {
    if (!this.origin) throw new Error('no origin')
    return git(this.origin, 'show', `${ref}:${path}`)
  }

  diffRefs(mr: MergeRequest): { base_sha: string; head_sha: string; start_sha: string } {
    const [head, start] = this.revs(mr.source_branch, mr.target_branch) as [string, string]
    const base = this.origin ? git(this.origin, 'merge-base', mr.target_branch, mr.source_branch).trim() : start
    return { base_sha: base, head_sha: head, start_sha: start }
  }

  private diffsOf(mr: MergeRequest): FileDiff[] {
    if (mr.diffs) return mr.diffs
    if (!this.origin) return []
    // One git for the whole range, cut at each file's header: `diff --git a/P b/P` (no renames, so both paths are
    // the same; the tests' paths need no quoting), then `new file mode` or `deleted file mode` before the hunks.
    const range = `${mr.target_branch}...${mr.source_branch}`
    const full = git(this.origin, 'diff', '--no-color', '--no-renames', range)
    return full
      .split(/^(?=diff --git )/m)
      .filter((chunk) => chunk.startsWith('diff --git '))
      .map((chunk) => {
        const paths = chunk.slice('diff --git '.length, chunk.indexOf('\n'))
        const path = paths.slice(2, 2 + (paths.length - 5) / 2)
        const hunks = chunk.indexOf('@@')
        const header = hunks < 0 ? chunk : chunk.slice(0, hunks)
        // Every file's diff ends with a newline, as GitLab's do (git()'s output lost the last one).
        const diff = hunks < 0 ? '' : chunk.slice(hunks).replace(/\n?$/, '\n')
        return {
          old_path: path,
          new_path: path,
          diff,
          new_file: /^new file mode /m.test(header),
          renamed_file: false,
          deleted_file: /^deleted file mode /m.test(header)
        }
      })
  }

  private noteJson(n: Note): Record<string, unknown> {
    const { awards: _awards, ...rest } = n
    return { ...rest, attachment: null, noteable_id: 1, confidential: false, internal: false }
  }

  private discussionJson(d: Discussion): Record<string, unknown> {
    return { id: d.id, individual_note: d.individual_note, notes: d.notes.map((n) => this.noteJson(n)) }
  }

  private issueJson(i: Issue): Record<string, unknown> {
    return {
      id: i.id,
      iid: i.iid,
      project_id: PROJECT_ID,
      title: i.title,
      description: i.description,
      state: i.state,
      author: i.author,
      labels: i.labels,
      created_at: i.created_at,
      updated_at: i.created_at,
      web_url: `${this.serverUrl}/${PROJECT}/-/issues/${i.iid}`,
      references: { short: `#${i.iid}`, full: `${PROJECT}#${i.iid}` }
    }
  }

  private mrJson(x: MergeRequest): Record<string, unknown> {
    const refs = this.diffRefs(x)
    return {
      id: x.id,
      iid: x.iid,
      project_id: PROJECT_ID,
      source_project_id: PROJECT_ID,
      target_project_id: PROJECT_ID,
      title: x.title,
      description: x.description,
      state: x.state,
      draft: x.title.startsWith('Draft:'),
      author: x.author,
      labels: x.labels,
      created_at: x.created_at,
      updated_at: x.created_at,
      source_branch: x.source_branch,
      target_branch: x.target_branch,
      sha: refs.head_sha,
      diff_refs: refs,
      web_url: `${this.serverUrl}/${PROJECT}/-/merge_requests/${x.iid}`
    }
  }

  private pipelineJson(p: {
    id: number
    ref: string
    sha?: string
    status: string
    source: string
  }): Record<string, unknown> {
    return {
      id: p.id,
      iid: p.id - 699,
      project_id: PROJECT_ID,
      sha: p.sha ?? 'a'.repeat(40),
      ref: p.ref,
      status: p.status,
      source: p.source,
      created_at: this.now(),
      updated_at: this.now(),
      web_url: `${this.serverUrl}/${PROJECT}/-/pipelines/${p.id}`
    }
  }
}

/** The line numbers on the new side of a diff's hunks (added and context lines). */
export function newSideLines(diff: string): Set<number> {
  const lines = new Set<number>()
  let n = 0
  for (const line of diff.split('\n')) {
    const hunk = /^@@ -\d+(?:,\d+)? \+(\d+)(?:,\d+)? @@/.exec(line)
    if (hunk) {
      n = Number(hunk[1])
      continue
    }
    if (n === 0 || line.startsWith('-') || line.startsWith('\\')) continue
    if (line.startsWith('+') || line.startsWith(' ')) lines.add(n++)
  }
  return lines
}
