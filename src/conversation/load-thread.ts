// The conversation up to the request, as the model may read it: description, comments, and on a pull
// request its reviews, inline comments, changed files and diff. The policy lives here: who may instruct
// (each participant's standing) and what is withheld. The request's own text comes from the event, and
// anything created or edited after it is left out, so no one can change what git-bob reads after a
// maintainer asked. The reads themselves are adapters/github/api.ts's.
import type { TriggerEvent } from '../trigger/event.ts'
import { sanitizeHumanText, sanitizeMessage } from './sanitize.ts'
import { reviewedCommit, stripStamps } from '../ports/marker.ts'
import type { Standing, Thread, ThreadEntry } from './thread.ts'
import type { PostedMessages, PullFile, Review } from '../ports/github.ts'
import type { Notes } from '../record/notes.ts'
import { writtenByGitBob } from './answered.ts'
import { counted } from '../plural.ts'
import { clipEnd, entriesTokens, fitEntries } from './budget.ts'
import { asOfRequest, asOfRequestNotes } from './as-of-request.ts'
import { earlierFindings } from './earlier-findings.ts'

/** Safety caps, in estimated tokens, so memory stays bounded on huge threads; each prompt is fitted again to its own budget. */
export interface ThreadLimits {
  /** Tokens of conversation kept at most; older messages are left out beyond it (budget.ts's policy). */
  maxTokens: number
  /** Tokens of one entry at most. */
  maxEntryTokens: number
  /** Tokens of diff at most. */
  maxDiffTokens: number
  /** Distinct participants whose permission is looked up. */
  maxPermissionLookups: number
}

export const DEFAULT_THREAD_LIMITS: ThreadLimits = {
  maxTokens: 75_000,
  maxEntryTokens: 10_000,
  maxDiffTokens: 30_000,
  maxPermissionLookups: 10
}

interface RawEntry {
  kind: ThreadEntry['kind']
  id: number
  login: string
  isBot: boolean
  association: string
  createdAt: string
  updatedAt: string
  body: string
  location?: string
}

const time = (iso: string): number => Date.parse(iso)

export interface ThreadSources {
  /** What is written on the issue or pull request (read once, when "already answered" was decided). */
  posted: PostedMessages
  /** On a pull request: its changed files and its diff (null when GitHub gives none). */
  pull: { files: PullFile[]; diff: string | null } | null
  /** Whether a participant may instruct git-bob (asks GitHub; the gate's rule). */
  mayInstruct: (login: string) => Promise<boolean>
  /** The account git-bob posts as when it is not a bot account (the bot-login input), if any. */
  botLogin: string | null
  /** What is left out is told to the model here. */
  notes: Notes
  /** The forge's name, as the notes say what it did not give (absent: GitHub). */
  forge?: string
}

/** Pure but for the permission lookups: the API reads happen before (adapters/github/api.ts). */
export async function loadThread(
  event: TriggerEvent,
  sources: ThreadSources,
  limits: ThreadLimits = DEFAULT_THREAD_LIMITS
): Promise<Thread> {
  const byGitBob = writtenByGitBob(sources.botLogin)
  const requestKind = requestKindOf(event)
  const rules: EntryRules = {
    own: (e) => byGitBob({ userType: e.isBot ? 'Bot' : 'User', login: e.login, body: e.body }),
    isRequest: (e) => e.kind === requestKind && e.id === event.request.id,
    leftOut: (note) => sources.notes.leftOut('conversation', note)
  }
  const kept = keptAsOfRequest(rawEntries(sources.posted), event, requestKind, rules)
  const all = [descriptionEntry(event), ...kept]
  const standingOf = await standings(all, event, sources.mayInstruct, limits.maxPermissionLookups, rules.leftOut)
  const entries = all.map((e) => threadEntry(e, standingOf, rules, limits.maxEntryTokens))
  const fitted = fitConversation(entries, limits.maxTokens, sources.notes, rules.leftOut)
  const pull = sources.pull
    ? pullPart(sources.pull, event, sources, byGitBob, limits.maxDiffTokens, rules.leftOut)
    : undefined

  return {
    repo: `${event.repo.owner}/${event.repo.name}`,
    kind: event.target.kind,
    number: event.target.number,
    title: sanitizeHumanText(event.target.title),
    url: event.target.url,
    entries: fitted,
    ...(pull ? { pull } : {})
  }
}

type ByGitBob = ReturnType<typeof writtenByGitBob>

/** How one loading tells entries apart, and where it says what it leaves out. */
interface EntryRules {
  /** Written by git-bob (a bot account or its configured login, with its marker). */
  own: (e: RawEntry) => boolean
  isRequest: (e: RawEntry) => boolean
  leftOut: (note: string) => void
}

/** What is posted, as entries of one shape. */
function rawEntries({ comments, reviews, reviewComments }: PostedMessages): RawEntry[] {
  return [
    ...comments.map((c) => ({
      kind: 'comment' as const,
      id: c.id,
      login: c.login,
      isBot: c.userType === 'Bot',
      association: c.association,
      createdAt: c.createdAt,
      updatedAt: c.updatedAt,
      body: c.body
    })),
    ...reviews
      .filter((r) => r.body.trim() && r.submittedAt)
      .map((r) => ({
        kind: 'review' as const,
        id: r.id,
        login: r.login,
        isBot: r.userType === 'Bot',
        association: r.association,
        createdAt: r.submittedAt!,
        updatedAt: r.submittedAt!,
        body: r.body
      })),
    ...reviewComments.map((c) => ({
      kind: 'review comment' as const,
      id: c.id,
      login: c.login,
      isBot: c.userType === 'Bot',
      association: c.association,
      createdAt: c.createdAt,
      updatedAt: c.updatedAt,
      body: c.body,
      location: `${c.path}${c.line ? `:${c.line}` : ''}`
    }))
  ]
}

/** The kind of entry the request is in the thread; null when it has no text there. */
function requestKindOf(event: TriggerEvent): ThreadEntry['kind'] | null {
  // A review request, a label, an assignment and a triage have no text of their own in the thread.
  return (
    {
      issue_comment: 'comment',
      issue_body: 'description',
      review_comment: 'review comment',
      review: 'review',
      review_request: null,
      label: null,
      assignment: null,
      triage: null,
      // What failed and the end of its log, written by git-bob: shown as the request it is.
      check_fix: 'comment'
    } as const
  )[event.request.source]
}

/** The thread as it was when the request was made, with the request as the event delivered it, oldest first. */
function keptAsOfRequest(
  raw: RawEntry[],
  event: TriggerEvent,
  requestKind: ThreadEntry['kind'] | null,
  rules: EntryRules
): RawEntry[] {
  // The thread as it was when the request was made (as-of-request.ts, the rule read_thread applies too).
  const asOf = asOfRequest(
    raw.filter((e) => !rules.isRequest(e)),
    event.request.createdAt,
    rules.own
  )
  for (const note of asOfRequestNotes(asOf)) rules.leftOut(note)
  const kept: RawEntry[] = asOf.kept

  // The request itself, as the event delivered it.
  if (requestKind && event.request.source !== 'issue_body') kept.push(requestEntry(event, requestKind))
  kept.sort((a, b) => time(a.createdAt) - time(b.createdAt))
  return kept
}

function requestEntry(event: TriggerEvent, kind: ThreadEntry['kind']): RawEntry {
  return {
    kind,
    id: event.request.id,
    login: event.request.author.login,
    isBot: event.request.author.isBot,
    association: event.request.association,
    createdAt: event.request.createdAt,
    updatedAt: event.request.createdAt,
    body: event.request.body,
    ...(event.request.source === 'review_comment' && event.request.path
      ? { location: `${event.request.path}${event.request.line ? `:${event.request.line}` : ''}` }
      : {})
  }
}

function descriptionEntry(event: TriggerEvent): RawEntry {
  return {
    kind: 'description',
    id: event.target.number,
    login: event.target.author.login,
    isBot: event.target.author.isBot,
    association: event.target.association,
    createdAt: event.target.createdAt,
    updatedAt: event.target.createdAt,
    body: event.target.body
  }
}

/** One entry as the model may read it: its author's standing, its text sanitized and capped. */
function threadEntry(
  e: RawEntry,
  standingOf: (e: RawEntry) => Standing,
  rules: EntryRules,
  maxEntryTokens: number
): ThreadEntry {
  const own = rules.own(e)
  const standing: Standing = own ? 'self' : standingOf(e)
  // git-bob's own messages carry model text: read like anyone's, without the stamp.
  const cleaned = sanitizeMessage(own ? stripStamps(e.body) : e.body)
  const clipped = clipEnd(cleaned.text, maxEntryTokens, `the ${e.kind} by @${e.login}`)
  if (clipped.note) rules.leftOut(clipped.note)
  return {
    kind: e.kind,
    author: own ? 'git-bob' : e.login,
    standing,
    createdAt: e.createdAt,
    body: clipped.text,
    // Where the images and documents git-bob fetches are found (with their addresses); never in a prompt.
    ...(cleaned.shown !== cleaned.text ? { shown: cleaned.shown } : {}),
    ...(e.location ? { location: e.location } : {}),
    ...(e.kind === 'review comment' ? { id: e.id } : {}),
    isRequest: rules.isRequest(e)
  }
}

/** The conversation within the safety cap (budget.ts's policy); what it leaves out is told to people too. */
function fitConversation(
  entries: ThreadEntry[],
  maxTokens: number,
  notes: Notes,
  leftOut: (note: string) => void
): ThreadEntry[] {
  const fitted = fitEntries(
    entries,
    (es) => entriesTokens(es) - maxTokens,
    `to keep the conversation within about ${maxTokens.toLocaleString('en-US')} tokens`
  )
  for (const note of fitted.leftOut) {
    leftOut(note)
    notes.tell(`Left out: ${note}.`)
  }
  return fitted.kept
}

/** A pull request's part: its changed files, its diff within the cap, where the next review starts, earlier findings. */
function pullPart(
  pull: NonNullable<ThreadSources['pull']>,
  event: TriggerEvent,
  sources: ThreadSources,
  byGitBob: ByGitBob,
  maxDiffTokens: number,
  leftOut: (note: string) => void
): NonNullable<Thread['pull']> {
  const { files, diff } = pull
  if (diff === null)
    leftOut(
      `the diff: ${sources.forge ?? 'GitHub'} did not return one (it may be too large); the list of changed files is complete`
    )
  const clippedDiff = diff === null ? null : clipEnd(diff, maxDiffTokens, 'the diff')
  if (clippedDiff?.note) leftOut(clippedDiff.note)
  const lastReviewed = lastReviewedCommit(sources.posted.reviews, byGitBob, time(event.request.createdAt))
  const findings = earlierFindings(sources.posted.reviewComments, byGitBob, event.request.createdAt)
  return { diff: clippedDiff?.text ?? null, files, lastReviewed, findings }
}

/**
 * The newest of git-bob's own reviews before the request tells where the next review starts. Only
 * reviews by a bot account (or git-bob's configured login) count: anyone can type a marker, and a
 * forged one could make git-bob skip changes.
 */
function lastReviewedCommit(reviews: readonly Review[], byGitBob: ByGitBob, cutoff: number): string | null {
  return (
    reviews
      .filter((r) => r.submittedAt && time(r.submittedAt) <= cutoff && byGitBob(r))
      .sort((a, b) => time(a.submittedAt!) - time(b.submittedAt!))
      .map((r) => reviewedCommit(r.body))
      .filter((sha): sha is string => sha !== null)
      .at(-1) ?? null
  )
}

/** Decides each participant's standing, asking GitHub about each distinct person once. */
async function standings(
  entries: RawEntry[],
  event: TriggerEvent,
  mayInstruct: (login: string) => Promise<boolean>,
  maxLookups: number,
  leftOut: (note: string) => void
): Promise<(e: RawEntry) => Standing> {
  const requester = event.request.author.login
  const known = new Map<string, Standing>([[requester, 'requester']])
  const toCheck: string[] = []
  for (const e of entries) {
    if (known.has(e.login) || e.isBot) continue
    if (e.association === 'OWNER') known.set(e.login, 'maintainer')
    else if (!toCheck.includes(e.login)) toCheck.push(e.login)
  }
  const checked = toCheck.slice(0, maxLookups)
  const may = await Promise.all(checked.map((login) => mayInstruct(login)))
  checked.forEach((login, i) => known.set(login, may[i] ? 'maintainer' : 'outsider'))
  if (toCheck.length > checked.length)
    leftOut(`the permission check of ${counted(toCheck.length - checked.length, 'participant')} (marked "not checked")`)
  return (e) => (e.isBot ? 'bot' : (known.get(e.login) ?? 'unverified'))
}
