// GitLab's "Note Hook" (a comment on an issue or a merge request), as a project webhook sends it to the
// pipeline trigger URL and the pipeline hands it over in the TRIGGER_PAYLOAD file: validated once here into
// the TriggerEvent every later stage reads. A note on an issue or a merge request's overview is an
// issue_comment; a note on a line of a merge request's diff (a DiffNote) is a review comment. Fields:
// https://docs.gitlab.com/user/project/integrations/webhook_events/#comment-events
import { z } from 'zod'
import { EventError } from '../errors.ts'
import { absoluteUploads } from '../ports/gitlab-uploads.ts'
import type { Author, ParsedEvent, TriggerEvent } from './event.ts'

/** The event name the wiring gives a GitLab webhook payload (wiring/gitlab.ts). */
export const GITLAB_NOTE_EVENT = 'gitlab_note'

const text = z
  .string()
  .nullish()
  .transform((value) => value ?? '')

/** GitLab writes "2015-05-17 18:21:36 UTC" in webhooks, ISO 8601 in the API: both become ISO 8601. */
const time = z.string().transform((value) => {
  const parsed = Date.parse(value.replace(/^(\d{4}-\d\d-\d\d) (\d\d:\d\d:\d\d) UTC$/, '$1T$2Z'))
  return Number.isNaN(parsed) ? value : new Date(parsed).toISOString()
})

const user = z.object({ id: z.number(), username: z.string().min(1) })

const project = z.object({
  id: z.number(),
  path_with_namespace: z.string().regex(/^[^/]+(?:\/[^/]+)+$/),
  web_url: z.string(),
  default_branch: z.string().min(1)
})

const attributes = z.object({
  id: z.number(),
  note: text,
  noteable_type: z.string(),
  created_at: time,
  url: z.string(),
  system: z.boolean().nullish(),
  /** "create" or "update" (GitLab 16.x and later); absent before. */
  action: z.string().nullish(),
  type: z.string().nullish(),
  position: z.object({ new_path: z.string().nullish(), new_line: z.number().nullish() }).nullish()
})

const issue = z.object({
  iid: z.number().int().positive(),
  title: z.string(),
  description: text,
  author_id: z.number(),
  created_at: time,
  url: z.string().optional()
})

const mergeRequest = issue.extend({
  source_branch: z.string(),
  target_branch: z.string(),
  source_project_id: z.number(),
  target_project_id: z.number(),
  source: z.object({ path_with_namespace: z.string() }).nullish(),
  last_commit: z.object({ id: z.string() }).nullish()
})

const note = z.object({
  object_kind: z.literal('note'),
  user,
  project,
  object_attributes: attributes,
  issue: issue.nullish(),
  merge_request: mergeRequest.nullish()
})

/** GitLab names the bot users of project and group access tokens so: project_<id>_bot_<hex> (once project_<id>_bot<n>). */
const TOKEN_BOT = /^(?:project|group)_\d+_bot\w*$/i

function author(u: { id: number; username: string }): Author {
  return { login: u.username, id: u.id, isBot: TOKEN_BOT.test(u.username) }
}

/** The webhook tells only the id of an issue's author: the note's author when it is the same person. */
function authorById(id: number, noteAuthor: Author): Author {
  return id === noteAuthor.id ? noteAuthor : { login: `user-${id}`, id, isBot: false }
}

function describe(error: z.ZodError): string {
  return error.issues
    .slice(0, 5)
    .map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`)
    .join('; ')
}

/** Validates a GitLab note webhook and extracts who asked what, where. Throws EventError when malformed. */
export function parseGitLabNote(raw: unknown): ParsedEvent {
  const kind = z.object({ object_kind: z.string() }).safeParse(raw)
  if (!kind.success) throw new EventError(`the GitLab webhook payload has no "object_kind": ${describe(kind.error)}`)
  if (kind.data.object_kind !== 'note')
    return { kind: 'ignored', reason: `git-bob does not handle GitLab "${kind.data.object_kind}" events` }
  const parsed = note.safeParse(raw)
  if (!parsed.success) throw new EventError(`the GitLab note event is malformed: ${describe(parsed.error)}`)
  const d = parsed.data
  const a = d.object_attributes
  if (a.system) return { kind: 'ignored', reason: 'a system note does not start git-bob' }
  if (a.action && a.action !== 'create') return { kind: 'ignored', reason: `note.${a.action} does not start git-bob` }
  const path = d.project.path_with_namespace
  const slash = path.lastIndexOf('/')
  const repo = {
    owner: path.slice(0, slash),
    name: path.slice(slash + 1),
    defaultBranch: d.project.default_branch,
    htmlUrl: d.project.web_url
  }
  // The server's root (a self-managed GitLab may live under a path): the project's address less its path.
  const root = d.project.web_url.endsWith(path)
    ? d.project.web_url.slice(0, -path.length)
    : `${new URL(d.project.web_url).origin}/`
  const uploads = (text: string): string => absoluteUploads(text, `${root}api/v4/projects/${encodeURIComponent(path)}`)
  const request = {
    id: a.id,
    body: uploads(a.note),
    author: author(d.user),
    // GitLab's payload says nothing of the author's standing: the gate asks the project's members.
    association: 'NONE',
    createdAt: a.created_at,
    url: a.url
  }
  if (a.noteable_type === 'Issue' && d.issue) {
    const i = d.issue
    return {
      kind: 'trigger',
      event: {
        eventName: 'issue_comment',
        repo,
        target: targetOf(
          'issue',
          { ...i, description: uploads(i.description) },
          `${d.project.web_url}/-/issues/${i.iid}`,
          request.author
        ),
        request: { source: 'issue_comment', ...request }
      }
    }
  }
  if (a.noteable_type === 'MergeRequest' && d.merge_request) {
    const m = d.merge_request
    const event: TriggerEvent = {
      eventName: 'issue_comment',
      repo,
      target: targetOf(
        'pull_request',
        { ...m, description: uploads(m.description) },
        `${d.project.web_url}/-/merge_requests/${m.iid}`,
        request.author
      ),
      request: { source: 'issue_comment', ...request },
      pullRequest: {
        headRef: m.source_branch,
        headSha: m.last_commit?.id ?? '',
        headRepo: m.source_project_id === m.target_project_id ? path : (m.source?.path_with_namespace ?? null),
        baseRef: m.target_branch,
        // The webhook does not say; the review reads the merge request's diff_refs.
        baseSha: ''
      }
    }
    const newPath = a.position?.new_path
    if (a.type === 'DiffNote' && newPath) {
      const line = a.position?.new_line
      return {
        kind: 'trigger',
        event: {
          ...event,
          eventName: 'pull_request_review_comment',
          request: { source: 'review_comment', ...request, path: newPath, ...(line != null ? { line } : {}) }
        }
      }
    }
    return { kind: 'trigger', event }
  }
  return { kind: 'ignored', reason: `git-bob does not handle notes on a ${a.noteable_type}` }
}

function targetOf(
  kind: 'issue' | 'pull_request',
  i: z.infer<typeof issue>,
  fallbackUrl: string,
  noteAuthor: Author
): TriggerEvent['target'] {
  return {
    kind,
    number: i.iid,
    title: i.title,
    body: i.description,
    author: authorById(i.author_id, noteAuthor),
    association: 'NONE',
    createdAt: i.created_at,
    url: i.url ?? fallbackUrl
  }
}
