// GitLab webhook payloads for tests: GitLab's documented examples (test/fixtures/gitlab/) with only the note (or
// the labels), the ids, the user and the project's address changed to the stand-in's.
import { readFileSync } from 'node:fs'
import { PROJECT, PROJECT_ID, type GitLabUser } from './gitlab.ts'

const fixture = (name: string): Record<string, unknown> =>
  JSON.parse(readFileSync(new URL(`../fixtures/gitlab/${name}`, import.meta.url), 'utf8')) as Record<string, unknown>

export interface NoteScenario {
  serverUrl: string
  noteId: number
  body: string
  user: GitLabUser
  iid?: number
  /** For a merge request: its branches and head. */
  mergeRequest?: { sourceBranch: string; targetBranch: string; headSha: string; title?: string }
  /** A note on a line of the merge request's diff. */
  position?: { newPath: string; newLine: number }
  /** When the note was written (GitLab's webhook format is "2015-05-17 18:21:36 UTC"; ISO is read too). */
  createdAt?: string
  /** The issue's or merge request's title and description as the stand-in holds them. */
  title?: string
  description?: string
  /** Its author's user id. */
  authorId?: number
}

export function notePayload(scenario: NoteScenario): Record<string, unknown> {
  const onMr = scenario.mergeRequest !== undefined
  const payload = fixture(onMr ? 'note-merge-request.json' : 'note-issue.json')
  const iid = scenario.iid ?? 1
  const web = `${scenario.serverUrl}/${PROJECT}`
  payload.user = { ...scenario.user, avatar_url: null, email: `${scenario.user.username}@example.com` }
  payload.project_id = PROJECT_ID
  payload.project = {
    ...(payload.project as object),
    id: PROJECT_ID,
    path_with_namespace: PROJECT,
    web_url: web,
    default_branch: 'master'
  }
  const kind = onMr ? 'merge_requests' : 'issues'
  payload.object_attributes = {
    ...(payload.object_attributes as object),
    id: scenario.noteId,
    note: scenario.body,
    author_id: scenario.user.id,
    ...(scenario.createdAt ? { created_at: scenario.createdAt, updated_at: scenario.createdAt } : {}),
    project_id: PROJECT_ID,
    url: `${web}/-/${kind}/${iid}#note_${scenario.noteId}`,
    ...(scenario.position
      ? {
          type: 'DiffNote',
          position: {
            new_path: scenario.position.newPath,
            old_path: scenario.position.newPath,
            new_line: scenario.position.newLine
          }
        }
      : {})
  }
  if (onMr) {
    const m = scenario.mergeRequest!
    payload.merge_request = {
      ...(payload.merge_request as object),
      iid,
      title: scenario.title ?? m.title ?? 'Add the analysis',
      description: scenario.description ?? '',
      author_id: scenario.authorId ?? 1,
      source_branch: m.sourceBranch,
      target_branch: m.targetBranch,
      source_project_id: PROJECT_ID,
      target_project_id: PROJECT_ID,
      last_commit: { id: m.headSha }
    }
  } else {
    payload.issue = {
      ...(payload.issue as object),
      iid,
      state: 'opened',
      project_id: PROJECT_ID,
      ...(scenario.title !== undefined ? { title: scenario.title } : {}),
      ...(scenario.description !== undefined ? { description: scenario.description } : {}),
      ...(scenario.authorId !== undefined ? { author_id: scenario.authorId } : {})
    }
  }
  return payload
}

export interface LabelScenario {
  serverUrl: string
  /** Who changed the labels. */
  user: GitLabUser
  iid: number
  /** The labels before and after the change. */
  previous: readonly string[]
  current: readonly string[]
  title: string
  description: string
  authorId: number
  /** When the labels changed (GitLab's webhook format or ISO). */
  updatedAt: string
  /** For a merge request: its branches and head. */
  mergeRequest?: { sourceBranch: string; targetBranch: string; headSha: string }
}

/** An "Issue Hook" or a "Merge Request Hook" whose change is to the labels. */
export function labelPayload(scenario: LabelScenario): Record<string, unknown> {
  const onMr = scenario.mergeRequest !== undefined
  const payload = fixture(onMr ? 'merge-request.json' : 'issue.json')
  const web = `${scenario.serverUrl}/${PROJECT}`
  const label = (title: string, i: number): Record<string, unknown> => ({
    id: 300 + i,
    title,
    color: '#6699cc',
    project_id: PROJECT_ID,
    type: 'ProjectLabel',
    group_id: null
  })
  payload.user = { ...scenario.user, avatar_url: null, email: `${scenario.user.username}@example.com` }
  payload.project = {
    ...(payload.project as object),
    id: PROJECT_ID,
    path_with_namespace: PROJECT,
    web_url: web,
    default_branch: 'master'
  }
  const m = scenario.mergeRequest
  payload.object_attributes = {
    ...(payload.object_attributes as object),
    id: 20_000 + scenario.iid,
    iid: scenario.iid,
    title: scenario.title,
    description: scenario.description,
    author_id: scenario.authorId,
    project_id: PROJECT_ID,
    updated_at: scenario.updatedAt,
    action: 'update',
    url: `${web}/-/${onMr ? 'merge_requests' : 'issues'}/${scenario.iid}`,
    labels: scenario.current.map(label),
    ...(m
      ? {
          source_branch: m.sourceBranch,
          target_branch: m.targetBranch,
          source_project_id: PROJECT_ID,
          target_project_id: PROJECT_ID,
          last_commit: { id: m.headSha }
        }
      : {})
  }
  payload.labels = scenario.current.map(label)
  payload.changes = {
    updated_by_id: { previous: null, current: scenario.user.id },
    updated_at: { previous: '2026-01-01 10:00:00 UTC', current: scenario.updatedAt },
    labels: { previous: scenario.previous.map(label), current: scenario.current.map(label) }
  }
  return payload
}

export interface PeopleScenario extends Omit<LabelScenario, 'previous' | 'current'> {
  /** What changed: the assignees, or a merge request's reviewers. */
  list: 'assignees' | 'reviewers'
  /** The people before and after the change. */
  previous: readonly GitLabUser[]
  current: readonly GitLabUser[]
  /** The labels the issue or merge request holds (unchanged). */
  labels?: readonly string[]
}

/**
 * An "Issue Hook" or a "Merge Request Hook" whose change is to the assignees or reviewers: GitLab lists them in
 * changes.<list>.previous/current as users (id, username, name, avatar_url, email), and in the top-level list.
 */
export function peoplePayload(scenario: PeopleScenario): Record<string, unknown> {
  const labels = scenario.labels ?? []
  const payload = labelPayload({ ...scenario, previous: labels, current: labels })
  const hook = (u: GitLabUser): Record<string, unknown> => ({
    id: u.id,
    name: u.name,
    username: u.username,
    avatar_url: null,
    email: '[REDACTED]'
  })
  const changes = payload.changes as Record<string, unknown>
  delete changes.labels
  changes[scenario.list] = { previous: scenario.previous.map(hook), current: scenario.current.map(hook) }
  payload[scenario.list] = scenario.current.map(hook)
  return payload
}
