// GitLab's "Issue Hook" and "Merge Request Hook": git-bob starts when one of its labels (git-bob:implement, ...,
// under the label-prefix input) was added, as GitHub's `labeled` event starts it; when the issue or merge request
// was assigned to git-bob's account (GitHub's `assigned`: the assign-command input); or when its review was
// requested from git-bob on a merge request (GitHub's `review_requested`: review). GitLab sends one event for every
// change of an issue or merge request; the labels added are those in changes.labels.current that were not in
// changes.labels.previous, and so for changes.assignees and changes.reviewers (gitlab-people.ts). The person who
// acted is the event's `user`: the gate asks for their access level, as for a comment. Any other change starts
// nothing, whatever else its payload holds: with issue and merge request events ticked, every title edit sends one,
// so only these changes are read first (leniently), and the payload is checked strictly only once one of git-bob's
// labels was added, or git-bob assigned or asked for a review. One event that does several runs one command: a
// label first, then a review request, then an assignment. Fields:
// https://docs.gitlab.com/user/project/integrations/webhook_events/#work-item-events (object_kind "issue")
// https://docs.gitlab.com/user/project/integrations/webhook_events/#merge-request-events
import { z } from 'zod'
import { EventError } from '../errors.ts'
import type { ParsedEvent, TriggerEvent } from './event.ts'
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
import { labelCommand } from './labels.ts'
import { peopleAdded } from './gitlab-people.ts'

const attributes = z.object({
  iid: z.number().int().positive(),
  title: z.string(),
  description: text,
  author_id: z.number(),
  created_at: time,
  updated_at: time,
  url: z.string().optional()
})

/** What the run reads of the changes beyond the labels (read before): when the label was added. */
const changes = z.object({ updated_at: z.object({ current: time.nullish() }).nullish() }).nullish()

/**
 * The labels' titles, as leniently as they can be read: a malformed entry or list is no label (it cannot add one of
 * git-bob's), so an event git-bob does not act on ends quietly instead of failing the pipeline.
 */
const lenientTitles = z
  .array(z.object({ title: z.string() }).nullable().catch(null))
  .nullish()
  .catch(null)
  .transform((labels) => (labels ?? []).flatMap((l) => (l ? [l.title] : [])))

/** All that is read before the payload is known to matter: the label change, nothing else. */
const labelChange = z.object({
  changes: z
    .object({ labels: z.object({ previous: lenientTitles, current: lenientTitles }).nullish().catch(null) })
    .nullish()
    .catch(null)
})

const hook = {
  issue: z.object({ object_kind: z.literal('issue'), user, project, object_attributes: attributes, changes }),
  merge_request: z.object({
    object_kind: z.literal('merge_request'),
    user,
    project,
    object_attributes: attributes.extend(mergeRequestFields),
    changes
  })
} as const

/** The labels an event added, in the order GitLab lists them. Pure. */
export function addedLabels(previous: readonly string[], current: readonly string[]): string[] {
  const before = new Set(previous)
  return current.filter((name) => !before.has(name))
}

function validate<T>(schema: z.ZodType<T>, name: string, raw: unknown): T {
  const parsed = schema.safeParse(raw)
  if (!parsed.success) throw new EventError(`the GitLab ${name} event is malformed: ${describe(parsed.error)}`)
  return parsed.data
}

/** What an issue or merge request event asks of git-bob: a label, a review from it, or itself assigned. */
type Act =
  | { source: 'label'; label: string }
  | { source: 'review_request'; requestedReviewer: string }
  | { source: 'assignment'; assignee: string }

/**
 * An issue or merge request event: a label request when it added one of git-bob's labels, a review request when a
 * merge request's review was newly requested from git-bob's account, an assignment when git-bob's account was newly
 * assigned (botLogin, else the project access token's bot user: gitlab-people.ts); else ignored. What changed is read
 * first and leniently; only an event that asks git-bob is validated strictly (an EventError when it lacks what the
 * run needs, such as an empty project's default branch).
 */
export function parseGitLabLabel(raw: unknown, labelPrefix: string, botLogin: string | null = null): ParsedEvent {
  const kind = z.object({ object_kind: z.enum(['issue', 'merge_request']) }).safeParse(raw)
  if (!kind.success) throw new EventError(`not a GitLab issue or merge request event: ${describe(kind.error)}`)
  const isMergeRequest = kind.data.object_kind === 'merge_request'
  const what = isMergeRequest ? 'merge request' : 'issue'
  const labels = labelChange.parse(raw).changes?.labels
  const added = addedLabels(labels?.previous ?? [], labels?.current ?? [])
  const label = added.find((title) => labelCommand(title, labelPrefix) !== null)
  const people = peopleAdded(raw, botLogin)
  const act: Act | null = label
    ? { source: 'label', label }
    : isMergeRequest && people.reviewRequestedBot
      ? { source: 'review_request', requestedReviewer: people.reviewRequestedBot }
      : people.assignedBot
        ? { source: 'assignment', assignee: people.assignedBot }
        : null
  if (!act) return { kind: 'ignored', reason: ignoredReason(what, added, people.assignees, people.reviewers) }
  if (isMergeRequest) {
    const d = validate(hook.merge_request, what, raw)
    return actEvent(d, act, pullRequestOf(d.object_attributes, d.project.path_with_namespace))
  }
  return actEvent(validate(hook.issue, what, raw), act, null)
}

/** Why an issue or merge request event starts nothing: one line in the job's log. */
function ignoredReason(
  what: string,
  labels: readonly string[],
  assignees: readonly string[],
  reviewers: readonly string[]
): string {
  const said: string[] = []
  if (labels.length) said.push(`the labels added to the ${what} (${labels.join(', ')}) are not git-bob's`)
  const people = (names: readonly string[]): string => names.map((n) => `@${n}`).join(', ')
  if (assignees.length) said.push(`the ${what} was assigned to ${people(assignees)}, not to git-bob's account`)
  if (reviewers.length) said.push(`a review was requested from ${people(reviewers)}, not from git-bob's account`)
  return said.length ? said.join('; ') : `this ${what} event added no label`
}

function actEvent(
  d: z.infer<(typeof hook)['issue']> | z.infer<(typeof hook)['merge_request']>,
  act: Act,
  pullRequest: TriggerEvent['pullRequest'] | null
): ParsedEvent {
  const a = d.object_attributes
  const actor = author(d.user)
  const web = `${d.project.web_url}/-/${pullRequest ? 'merge_requests' : 'issues'}/${a.iid}`
  const target = targetOf(
    pullRequest ? 'pull_request' : 'issue',
    { ...a, description: uploadsOf(d.project)(a.description) },
    web,
    actor
  )
  return {
    kind: 'trigger',
    event: {
      eventName: pullRequest ? 'pull_request' : 'issues',
      repo: repoOf(d.project),
      target,
      request: {
        ...act,
        // An act has no id of its own: the number stands in (see requestKey), with the time it was done.
        id: a.iid,
        body: '',
        author: actor,
        // GitLab's payload says nothing of the person's standing: the gate asks the project's members.
        association: 'NONE',
        createdAt: d.changes?.updated_at?.current ?? a.updated_at,
        url: target.url
      },
      ...(pullRequest ? { pullRequest } : {})
    }
  }
}
