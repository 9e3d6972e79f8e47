// The event file GitHub hands the action, validated once here into a TriggerEvent.
// Only the fields git-bob uses are checked; everything else in the payload is ignored.
import { z } from 'zod'
import { EventError } from '../errors.ts'

const user = z.object({
  login: z.string().min(1),
  id: z.number(),
  type: z.string()
})

const text = z
  .string()
  .nullish()
  .transform((value) => value ?? '')

const repository = z.object({
  name: z.string().min(1),
  full_name: z.string().min(1),
  owner: z.object({ login: z.string().min(1) }),
  default_branch: z.string().min(1),
  html_url: z.string()
})

const issue = z.object({
  number: z.number().int().positive(),
  title: z.string(),
  body: text,
  user,
  author_association: z.string(),
  created_at: z.string(),
  updated_at: z.string().optional(),
  html_url: z.string(),
  pull_request: z.object({}).passthrough().nullish()
})

/** The label added (`labeled`) and the account assigned (`assigned`): what starts git-bob without words. */
const label = z.object({ name: z.string().min(1) })
const assignee = z.object({ login: z.string().min(1) })

const pullRequest = z.object({
  number: z.number().int().positive(),
  title: z.string(),
  body: text,
  user,
  author_association: z.string().optional(),
  created_at: z.string(),
  html_url: z.string(),
  updated_at: z.string().optional(),
  head: z.object({ ref: z.string(), sha: z.string(), repo: z.object({ full_name: z.string() }).nullable() }),
  base: z.object({ ref: z.string(), sha: z.string() })
})

const issueComment = z.object({
  id: z.number(),
  body: text,
  user,
  author_association: z.string(),
  created_at: z.string(),
  html_url: z.string()
})

const reviewComment = issueComment.extend({
  path: z.string(),
  line: z.number().nullish(),
  diff_hunk: z.string().nullish(),
  in_reply_to_id: z.number().nullish()
})

const review = z.object({
  id: z.number(),
  body: text,
  user,
  author_association: z.string(),
  submitted_at: z.string().nullish(),
  html_url: z.string()
})

const schemas = {
  issue_comment: z.object({ action: z.string(), issue, comment: issueComment, repository }),
  issues: z.object({
    action: z.string(),
    issue,
    repository,
    sender: user.optional(),
    label: label.nullish(),
    assignee: assignee.nullish()
  }),
  pull_request_review_comment: z.object({
    action: z.string(),
    comment: reviewComment,
    pull_request: pullRequest,
    repository
  }),
  pull_request_review: z.object({ action: z.string(), review, pull_request: pullRequest, repository }),
  // A review requested from a person (requested_reviewer) or a team (requested_team); only the first can be git-bob.
  pull_request: z.object({
    action: z.string(),
    pull_request: pullRequest,
    repository,
    sender: user,
    requested_reviewer: z.object({ login: z.string().min(1) }).nullish(),
    requested_team: z.object({ slug: z.string() }).nullish(),
    label: label.nullish()
  })
} as const

/** The events that start a triage of the repository's new issues, not a request on one thread. */
const sweepSchemas = {
  // GitHub's schedule event holds only the cron line: the repository comes from the runner (GITHUB_REPOSITORY).
  schedule: z.object({ schedule: z.string().optional() }),
  // Started by hand or by the API, with the workflow's input `command` saying what to do ("triage").
  workflow_dispatch: z.object({
    inputs: z.record(z.string(), z.unknown()).nullish(),
    sender: user,
    repository
  })
} as const

/** A pull request as a workflow run or check suite names it: no title, no author; the same repository's only. */
const suitePull = z.object({
  number: z.number().int().positive(),
  head: z.object({ ref: z.string(), sha: z.string() }),
  base: z.object({ ref: z.string(), sha: z.string() })
})

/** The events that say checks ended on a commit: git-bob looks at them only on its own pull requests. */
const checkSchemas = {
  workflow_run: z.object({
    action: z.string(),
    workflow_run: z.object({
      id: z.number(),
      name: z.string().nullish(),
      conclusion: z.string().nullish(),
      head_branch: z.string().nullish(),
      head_sha: z.string(),
      head_repository: z.object({ full_name: z.string() }).nullish(),
      html_url: z.string(),
      pull_requests: z.array(suitePull)
    }),
    repository,
    sender: user
  }),
  check_suite: z.object({
    action: z.string(),
    check_suite: z.object({
      id: z.number(),
      conclusion: z.string().nullish(),
      head_branch: z.string().nullish(),
      head_sha: z.string(),
      app: z.object({ name: z.string() }).nullish(),
      pull_requests: z.array(suitePull)
    }),
    repository,
    sender: user
  })
} as const

/** Conclusions that mean the checks failed (a cancelled or skipped run is no failure to fix). */
const FAILED_CONCLUSIONS: ReadonlySet<string> = new Set(['failure', 'timed_out'])

/**
 * The only actions that start git-bob: an edited comment never does. A label and an assignment start it only when
 * they are git-bob's (read-request.ts); removing either starts nothing.
 */
const STARTING_ACTIONS: Record<keyof typeof schemas, readonly string[]> = {
  issue_comment: ['created'],
  issues: ['opened', 'labeled', 'assigned'],
  pull_request_review_comment: ['created'],
  pull_request_review: ['submitted'],
  pull_request: ['review_requested', 'labeled']
}

export interface Author {
  login: string
  id: number
  isBot: boolean
}

/** The fields every request has, whatever its kind. */
interface RequestFields {
  id: number
  body: string
  author: Author
  association: string
  createdAt: string
  url: string
}

/** A comment on an issue or a pull request's conversation. */
interface IssueCommentRequest extends RequestFields {
  source: 'issue_comment'
}

/** The body of a newly opened issue. */
interface IssueBodyRequest extends RequestFields {
  source: 'issue_body'
}

/** An inline review comment: it sits on a file and, unless outdated, a line; a reply names the comment it answers. */
interface ReviewCommentRequest extends RequestFields {
  source: 'review_comment'
  path: string
  line?: number
  diffHunk?: string
  inReplyTo?: number
}

/** The body of a submitted pull request review. */
interface ReviewBodyRequest extends RequestFields {
  source: 'review'
}

/** A review requested on a pull request: no text of its own, only whose review was asked for. */
interface ReviewRequestedRequest extends RequestFields {
  source: 'review_request'
  /** The login whose review was requested (null for a team). */
  requestedReviewer: string | null
}

/** A label added to an issue or pull request (`git-bob:implement`, ...): no text, the label names the command. */
interface LabelRequest extends RequestFields {
  source: 'label'
  /** The label's name as added. */
  label: string
}

/** An issue assigned to someone: git-bob acts when it is its own account (the bot-login input). */
interface AssignmentRequest extends RequestFields {
  source: 'assignment'
  assignee: string
}

/**
 * A fix asked for by failing checks on git-bob's own pull request: the text is written by git-bob (what failed, the
 * end of the failing job's log), in run.ts, never by a person.
 */
interface CheckFixRequest extends RequestFields {
  source: 'check_fix'
}

/** One issue of a triage run: no text of its own; the repository's labels the answer may choose from. */
interface TriageRequest extends RequestFields {
  source: 'triage'
  labels: readonly string[]
}

/**
 * The text that may hold the command, one kind per place it can be written; `source` decides where git-bob reacts
 * and answers. A review request, a label and an assignment have no text: the author is the person who acted.
 */
export type TriggerRequest =
  | IssueCommentRequest
  | IssueBodyRequest
  | ReviewCommentRequest
  | ReviewBodyRequest
  | ReviewRequestedRequest
  | LabelRequest
  | AssignmentRequest
  | TriageRequest
  | CheckFixRequest

export interface TriggerEvent {
  eventName: keyof typeof schemas | keyof typeof sweepSchemas | keyof typeof checkSchemas
  repo: { owner: string; name: string; defaultBranch: string; htmlUrl: string }
  /** The issue or pull request the request belongs to, as it was when the event fired. */
  target: {
    kind: 'issue' | 'pull_request'
    number: number
    title: string
    body: string
    author: Author
    association: string
    createdAt: string
    url: string
  }
  /** The text that may hold the command, taken from the payload (not re-read: edits after the event don't count). */
  request: TriggerRequest
  pullRequest?: { headRef: string; headSha: string; headRepo: string | null; baseRef: string; baseSha: string }
}

/** An event whose request is of one kind, as the type guards below narrow it. */
type EventOf<R extends TriggerRequest> = TriggerEvent & { request: R }

export function isReviewComment(event: TriggerEvent): event is EventOf<ReviewCommentRequest> {
  return event.request.source === 'review_comment'
}

export function isReviewRequest(event: TriggerEvent): event is EventOf<ReviewRequestedRequest> {
  return event.request.source === 'review_request'
}

export function isLabel(event: TriggerEvent): event is EventOf<LabelRequest> {
  return event.request.source === 'label'
}

export function isAssignment(event: TriggerEvent): event is EventOf<AssignmentRequest> {
  return event.request.source === 'assignment'
}

export function isTriage(event: TriggerEvent): event is EventOf<TriageRequest> {
  return event.request.source === 'triage'
}

/**
 * A run over the repository's new issues (triage): from the schedule, or a workflow_dispatch whose `command` input
 * asks for it. `sender` is who dispatched it (checked by the gate); null for the schedule, which the repository's
 * own workflow file set up.
 */
export interface SweepEvent {
  eventName: keyof typeof sweepSchemas
  command: 'triage'
  sender: Author | null
  /** From the payload; null for the schedule, whose payload has none (the runner's GITHUB_REPOSITORY says). */
  repo: TriggerEvent['repo'] | null
}

/** Checks that failed on a pull request of this repository (not a fork): run.ts decides whether it is git-bob's. */
export interface ChecksFailed {
  eventName: keyof typeof checkSchemas
  repo: TriggerEvent['repo']
  pull: number
  headRef: string
  headSha: string
  baseRef: string
  baseSha: string
  /** The workflow's or the checking app's name, for people. */
  name: string
  sender: Author
}

export function isCheckFix(event: TriggerEvent): event is EventOf<CheckFixRequest> {
  return event.request.source === 'check_fix'
}

export type ParsedEvent =
  | { kind: 'trigger'; event: TriggerEvent }
  | { kind: 'sweep'; sweep: SweepEvent }
  | { kind: 'checks'; checks: ChecksFailed }
  | { kind: 'ignored'; reason: string }

function author(u: z.infer<typeof user>): Author {
  return { login: u.login, id: u.id, isBot: u.type === 'Bot' || u.login.endsWith('[bot]') }
}

function repo(r: z.infer<typeof repository>): TriggerEvent['repo'] {
  return { owner: r.owner.login, name: r.name, defaultBranch: r.default_branch, htmlUrl: r.html_url }
}

function prTarget(pr: z.infer<typeof pullRequest>): Pick<TriggerEvent, 'target' | 'pullRequest'> {
  return {
    target: {
      kind: 'pull_request',
      number: pr.number,
      title: pr.title,
      body: pr.body,
      author: author(pr.user),
      association: pr.author_association ?? 'NONE',
      createdAt: pr.created_at,
      url: pr.html_url
    },
    pullRequest: {
      headRef: pr.head.ref,
      headSha: pr.head.sha,
      headRepo: pr.head.repo?.full_name ?? null,
      baseRef: pr.base.ref,
      baseSha: pr.base.sha
    }
  }
}

function isKnownEvent(name: string): name is keyof typeof schemas {
  return Object.hasOwn(schemas, name)
}

function describeIssues(error: z.ZodError): string {
  return error.issues
    .slice(0, 5)
    .map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`)
    .join('; ')
}

/** Validates a raw event and extracts who asked what, where. Throws EventError for a malformed payload. */
export function parseEvent(eventName: string, raw: unknown): ParsedEvent {
  if (eventName === 'schedule') {
    validate(sweepSchemas.schedule, eventName, raw)
    return { kind: 'sweep', sweep: { eventName, command: 'triage', sender: null, repo: null } }
  }
  if (eventName === 'workflow_run' || eventName === 'check_suite') return checksFailed(eventName, raw)
  if (eventName === 'workflow_dispatch') {
    const d = validate(sweepSchemas.workflow_dispatch, eventName, raw)
    const command = d.inputs?.command
    if (typeof command !== 'string' || command.trim().toLowerCase() !== 'triage') {
      return { kind: 'ignored', reason: 'a workflow_dispatch starts git-bob only with the input command: triage' }
    }
    return {
      kind: 'sweep',
      sweep: { eventName, command: 'triage', sender: author(d.sender), repo: repo(d.repository) }
    }
  }
  if (!isKnownEvent(eventName)) return { kind: 'ignored', reason: `git-bob does not handle "${eventName}" events` }
  const action = z.object({ action: z.string() }).safeParse(raw)
  if (!action.success) throw new EventError(`the ${eventName} event has no "action": ${describeIssues(action.error)}`)
  if (!STARTING_ACTIONS[eventName].includes(action.data.action)) {
    return { kind: 'ignored', reason: `${eventName}.${action.data.action} does not start git-bob` }
  }
  return { kind: 'trigger', event: toTrigger(eventName, raw) }
}

function checksFailed(eventName: keyof typeof checkSchemas, raw: unknown): ParsedEvent {
  const action = z.object({ action: z.string() }).safeParse(raw)
  if (!action.success) throw new EventError(`the ${eventName} event has no "action": ${describeIssues(action.error)}`)
  if (action.data.action !== 'completed') {
    return { kind: 'ignored', reason: `${eventName}.${action.data.action} does not start git-bob` }
  }
  let d: { repository: z.infer<typeof repository>; sender: z.infer<typeof user> }
  let run: {
    name: string
    conclusion?: string | null | undefined
    head_sha: string
    headRepo: string | null
    pull_requests: z.infer<typeof suitePull>[]
  }
  if (eventName === 'workflow_run') {
    const w = validate(checkSchemas.workflow_run, eventName, raw)
    d = w
    const r = w.workflow_run
    run = { ...r, name: r.name ?? 'a workflow', headRepo: r.head_repository?.full_name ?? null }
  } else {
    const c = validate(checkSchemas.check_suite, eventName, raw)
    d = c
    run = { ...c.check_suite, name: c.check_suite.app?.name ?? 'a check suite', headRepo: c.repository.full_name }
  }
  const conclusion = run.conclusion ?? 'none'
  if (!FAILED_CONCLUSIONS.has(conclusion)) {
    return { kind: 'ignored', reason: `${run.name} ended with ${conclusion}, not a failure` }
  }
  // A fork's pull request is not listed in pull_requests, and its head repository is another one.
  const pull = run.pull_requests[0]
  if (!pull || run.headRepo !== d.repository.full_name) {
    return { kind: 'ignored', reason: `${run.name} failed, but not on a pull request from a branch of this repository` }
  }
  return {
    kind: 'checks',
    checks: {
      eventName,
      repo: repo(d.repository),
      pull: pull.number,
      headRef: pull.head.ref,
      headSha: run.head_sha,
      baseRef: pull.base.ref,
      baseSha: pull.base.sha,
      name: run.name,
      sender: author(d.sender)
    }
  }
}

function validate<T>(schema: z.ZodType<T>, eventName: string, raw: unknown): T {
  const parsed = schema.safeParse(raw)
  if (!parsed.success) throw new EventError(`the ${eventName} event is malformed: ${describeIssues(parsed.error)}`)
  return parsed.data
}

function toTrigger(eventName: keyof typeof schemas, raw: unknown): TriggerEvent {
  switch (eventName) {
    case 'issue_comment':
      return onIssueComment(validate(schemas.issue_comment, eventName, raw))
    case 'issues':
      return onIssue(validate(schemas.issues, eventName, raw))
    case 'pull_request_review_comment':
      return onReviewComment(validate(schemas.pull_request_review_comment, eventName, raw))
    case 'pull_request_review':
      return onReview(validate(schemas.pull_request_review, eventName, raw))
    case 'pull_request':
      return onPullRequest(validate(schemas.pull_request, eventName, raw))
  }
}

/** A validated payload of one of the request events. */
type Payload<K extends keyof typeof schemas> = z.infer<(typeof schemas)[K]>

function onIssueComment(d: Payload<'issue_comment'>): TriggerEvent {
  return {
    eventName: 'issue_comment',
    repo: repo(d.repository),
    target: issueTarget(d.issue),
    request: {
      source: 'issue_comment',
      id: d.comment.id,
      body: d.comment.body,
      author: author(d.comment.user),
      association: d.comment.author_association,
      createdAt: d.comment.created_at,
      url: d.comment.html_url
    }
  }
}

function onIssue(d: Payload<'issues'>): TriggerEvent {
  if (d.action === 'labeled' || d.action === 'assigned') return actOnIssue(d)
  return {
    eventName: 'issues',
    repo: repo(d.repository),
    target: issueTarget(d.issue),
    request: {
      source: 'issue_body',
      id: d.issue.number,
      body: d.issue.body,
      author: author(d.issue.user),
      association: d.issue.author_association,
      createdAt: d.issue.created_at,
      url: d.issue.html_url
    }
  }
}

function onReviewComment(d: Payload<'pull_request_review_comment'>): TriggerEvent {
  return {
    eventName: 'pull_request_review_comment',
    repo: repo(d.repository),
    ...prTarget(d.pull_request),
    request: {
      source: 'review_comment',
      id: d.comment.id,
      body: d.comment.body,
      author: author(d.comment.user),
      association: d.comment.author_association,
      createdAt: d.comment.created_at,
      url: d.comment.html_url,
      path: d.comment.path,
      ...(d.comment.line != null ? { line: d.comment.line } : {}),
      ...(d.comment.diff_hunk ? { diffHunk: d.comment.diff_hunk } : {}),
      ...(d.comment.in_reply_to_id != null ? { inReplyTo: d.comment.in_reply_to_id } : {})
    }
  }
}

function onReview(d: Payload<'pull_request_review'>): TriggerEvent {
  return {
    eventName: 'pull_request_review',
    repo: repo(d.repository),
    ...prTarget(d.pull_request),
    request: {
      source: 'review',
      id: d.review.id,
      body: d.review.body,
      author: author(d.review.user),
      association: d.review.author_association,
      createdAt: d.review.submitted_at ?? d.pull_request.created_at,
      url: d.review.html_url
    }
  }
}

function onPullRequest(d: Payload<'pull_request'>): TriggerEvent {
  if (d.action === 'labeled') {
    if (!d.label) throw new EventError('the pull_request.labeled event has no "label"')
    return {
      eventName: 'pull_request',
      repo: repo(d.repository),
      ...prTarget(d.pull_request),
      request: byAct(d.sender, d.pull_request, { source: 'label', label: d.label.name })
    }
  }
  return {
    eventName: 'pull_request',
    repo: repo(d.repository),
    ...prTarget(d.pull_request),
    request: {
      source: 'review_request',
      // A review request has no id of its own; the pull request's number stands in (see requestKey).
      id: d.pull_request.number,
      body: '',
      author: author(d.sender),
      // The payload says nothing of the sender's standing: the gate asks GitHub.
      association: 'NONE',
      // Requesting a review updates the pull request, so updated_at is when it was asked.
      createdAt: d.pull_request.updated_at ?? d.pull_request.created_at,
      url: d.pull_request.html_url,
      requestedReviewer: d.requested_reviewer?.login ?? null
    }
  }
}

/** The fields of a request made by an act: the number stands in for an id (see requestKey), the sender is the author. */
function byAct<R extends { source: 'label'; label: string } | { source: 'assignment'; assignee: string }>(
  sender: z.infer<typeof user>,
  on: { number: number; html_url: string; created_at: string; updated_at?: string | undefined },
  request: R
): R & RequestFields {
  return {
    ...request,
    id: on.number,
    body: '',
    author: author(sender),
    // The payload says nothing of the sender's standing: the gate asks GitHub.
    association: 'NONE',
    // Labelling or assigning updates the issue, so updated_at is when it was done.
    createdAt: on.updated_at ?? on.created_at,
    url: on.html_url
  }
}

function actOnIssue(d: Payload<'issues'>): TriggerEvent {
  if (!d.sender) throw new EventError(`the issues.${d.action} event has no "sender"`)
  const request =
    d.action === 'labeled'
      ? { source: 'label' as const, label: required(d.label, 'label').name }
      : { source: 'assignment' as const, assignee: required(d.assignee, 'assignee').login }
  return {
    eventName: 'issues',
    repo: repo(d.repository),
    target: issueTarget(d.issue),
    request: byAct(d.sender, d.issue, request)
  }
}

function required<T>(value: T | null | undefined, field: string): T {
  if (value == null) throw new EventError(`the issues event has no "${field}"`)
  return value
}

function issueTarget(i: z.infer<typeof issue>): TriggerEvent['target'] {
  return {
    kind: i.pull_request ? 'pull_request' : 'issue',
    number: i.number,
    title: i.title,
    body: i.body,
    author: author(i.user),
    association: i.author_association,
    createdAt: i.created_at,
    url: i.html_url
  }
}

/** A stable key for the request, written into git-bob's hidden marker so a re-run never answers twice. */
export function requestKey(event: TriggerEvent): string {
  // A pull request can be given to git-bob for review again after new commits: one answer per head.
  if (isReviewRequest(event))
    return `review_request:${event.request.id}@${event.pullRequest?.headSha.slice(0, 12) ?? ''}`
  // A label or an assignment can be given again later: one answer per time it was given (the issue's updated_at).
  if (isLabel(event)) return `label:${event.request.id}:${event.request.label}@${event.request.createdAt}`
  if (isAssignment(event)) return `assignment:${event.request.id}@${event.request.createdAt}`
  // One fix per failing head commit: the count of these is the count of attempts.
  if (isCheckFix(event)) return `check_fix:${event.target.number}@${event.pullRequest?.headSha.slice(0, 12) ?? ''}`
  // An issue is triaged once: any later triage run sees this answer and passes it by.
  if (isTriage(event)) return `triage:${event.target.number}`
  return `${event.request.source}:${event.request.id}`
}
