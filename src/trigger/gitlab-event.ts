// GitLab's webhook payloads, as a project webhook sends them to the pipeline trigger URL and the pipeline hands
// them over in the TRIGGER_PAYLOAD file: validated once here into the TriggerEvent every later stage reads.
// A "Note Hook" (a comment on an issue or a merge request) is read here: a note on an issue or a merge request's
// overview is an issue_comment; a note on a line of a merge request's diff (a DiffNote) is a review comment.
// An "Issue Hook" or "Merge Request Hook" that adds one of git-bob's labels, assigns git-bob or asks it for a review
// is read in gitlab-label.ts.
// Fields: https://docs.gitlab.com/user/project/integrations/webhook_events/#comment-events
import { z } from 'zod'
import { EventError } from '../errors.ts'
import type { ParsedEvent, TriggerEvent, TriggerRequest } from './event.ts'
import { parseGitLabLabel } from './gitlab-label.ts'
import {
  author,
  describe,
  mergeRequestFields,
  project,
  pullRequestOf,
  repoOf,
  targetOf,
  text,
  time,
  uploadsOf,
  user
} from './gitlab-payload.ts'

/** The event name the wiring gives a GitLab webhook payload (wiring/gitlab.ts): notes, issue and merge request events. */
export const GITLAB_NOTE_EVENT = 'gitlab_note'

/** The event name the wiring gives a pipeline schedule (CI_PIPELINE_SOURCE=schedule): a triage, with no payload. */
export const GITLAB_SCHEDULE_EVENT = 'gitlab_schedule'

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

const mergeRequest = issue.extend(mergeRequestFields)

const note = z.object({
  object_kind: z.literal('note'),
  user,
  project,
  object_attributes: attributes,
  issue: issue.nullish(),
  merge_request: mergeRequest.nullish()
})

/** The object_kind of a GitLab payload; throws EventError when it has none. */
function kindOf(raw: unknown): string {
  const kind = z.object({ object_kind: z.string() }).safeParse(raw)
  if (!kind.success) throw new EventError(`the GitLab webhook payload has no "object_kind": ${describe(kind.error)}`)
  return kind.data.object_kind
}

/** The settings an issue or merge request event is read with: git-bob's labels and its account. */
export interface GitLabEventSettings {
  labelPrefix: string
  /** The bot-login setting; null: the project access token's bot user is git-bob's account. */
  botLogin: string | null
}

/**
 * Any GitLab webhook payload: a note, or an issue or merge request event (git-bob's label added, under the
 * label-prefix input, or git-bob's account assigned or asked for a review: the settings are read only for these).
 * Throws EventError when malformed; other events are ignored.
 */
export function parseGitLabEvent(raw: unknown, settings: () => GitLabEventSettings): ParsedEvent {
  const kind = kindOf(raw)
  if (kind === 'issue' || kind === 'merge_request') {
    const { labelPrefix, botLogin } = settings()
    return parseGitLabLabel(raw, labelPrefix, botLogin)
  }
  return parseGitLabNote(raw)
}

/** Validates a GitLab note webhook and extracts who asked what, where. Throws EventError when malformed. */
export function parseGitLabNote(raw: unknown): ParsedEvent {
  const kind = kindOf(raw)
  if (kind !== 'note') return { kind: 'ignored', reason: `git-bob does not handle GitLab "${kind}" events` }
  const parsed = note.safeParse(raw)
  if (!parsed.success) throw new EventError(`the GitLab note event is malformed: ${describe(parsed.error)}`)
  const d = parsed.data
  const a = d.object_attributes
  if (a.system) return { kind: 'ignored', reason: 'a system note does not start git-bob' }
  if (a.action && a.action !== 'create') return { kind: 'ignored', reason: `note.${a.action} does not start git-bob` }
  const parts = partsOf(d)
  if (a.noteable_type === 'Issue' && d.issue) return issueNote(parts, d.issue)
  if (a.noteable_type === 'MergeRequest' && d.merge_request) return mergeRequestNote(parts, d.merge_request)
  return { kind: 'ignored', reason: `git-bob does not handle notes on a ${a.noteable_type}` }
}

type NotePayload = z.infer<typeof note>

/** The fields a note's request has, whether it is a comment or a comment on a line of the diff. */
type NoteFields = Omit<Extract<TriggerRequest, { source: 'issue_comment' }>, 'source'>

/** What every event read from a note is built of: the payload, the repository, its upload links, and the note. */
interface NoteParts {
  d: NotePayload
  repo: TriggerEvent['repo']
  uploads: (markdown: string) => string
  request: NoteFields
}

function partsOf(d: NotePayload): NoteParts {
  const a = d.object_attributes
  const repo = repoOf(d.project)
  const uploads = uploadsOf(d.project)
  const request = {
    id: a.id,
    body: uploads(a.note),
    author: author(d.user),
    // GitLab's payload says nothing of the author's standing: the gate asks the project's members.
    association: 'NONE',
    createdAt: a.created_at,
    url: a.url
  }
  return { d, repo, uploads, request }
}

/** A note on an issue: a comment on it. */
function issueNote({ d, repo, uploads, request }: NoteParts, i: z.infer<typeof issue>): ParsedEvent {
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

/** A note on a merge request: a comment on its overview, or a review comment on a line of its diff (a DiffNote). */
function mergeRequestNote({ d, repo, uploads, request }: NoteParts, m: z.infer<typeof mergeRequest>): ParsedEvent {
  const a = d.object_attributes
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
    pullRequest: pullRequestOf(m, d.project.path_with_namespace)
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
