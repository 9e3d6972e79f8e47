// Which of git-bob's earlier findings on this pull request a maintainer dismissed: the thread was resolved, a
// reply says it is not an issue / won't fix / intended / keep it (dismissal-words.ts), or the finding got a 👎.
// Only people with write access count (the gate's rule): anyone can reply, react, or (as the pull request's
// author) resolve a thread, and an outsider must not be able to silence a finding.
import type { EarlierFinding } from '../../conversation/earlier-findings.ts'
import type { ReviewThreadState } from '../../ports/github.ts'
import type { PullRequestPort } from '../types.ts'
import { dismissalIn } from './dismissal-words.ts'

/** The reads this needs, beyond the findings the thread loader holds. */
export type DismissalPort = Pick<PullRequestPort, 'reviewThreads' | 'thumbsDownOn' | 'mayDismiss'>

export interface Dismissed {
  finding: EarlierFinding
  /** Who dismissed it, and how, in words: "@alice resolved the thread", '@bob replied "won\'t fix"'. */
  ways: string[]
  /** The dismissing reply, as written (untrusted), when there is one. */
  reply: { login: string; body: string } | null
}

/** Distinct people whose permission is asked at most, as the thread loader's cap. */
const MAX_LOOKUPS = 10
/** Findings with 👎 whose reactions are read at most (one request each). */
const MAX_REACTION_READS = 10

/** The dismissed findings, and what could not be checked (for the notes). */
export async function findDismissed(
  findings: readonly EarlierFinding[],
  port: DismissalPort
): Promise<{ dismissed: Dismissed[]; unchecked: string[] }> {
  if (!findings.length) return { dismissed: [], unchecked: [] }
  const unchecked: string[] = []
  const checking = checkingWith(port, unchecked)
  const threads = await threadsOf(port, unchecked)
  const dismissed: Dismissed[] = []
  for (const finding of findings) {
    const found = await dismissal(finding, threads.get(finding.id), checking)
    if (found) dismissed.push(found)
  }
  return { dismissed, unchecked: [...new Set(unchecked)] }
}

/** What the checks of every finding share: the port, what could not be checked, and the lookups made so far. */
interface Checking {
  port: DismissalPort
  unchecked: string[]
  /** Whether this person may dismiss a finding: at most MAX_LOOKUPS distinct people are asked. */
  writer: (login: string) => Promise<boolean>
  /** Whether the 👎 reactions of one more finding may be read: at most MAX_REACTION_READS. */
  reactionRead: () => boolean
}

function checkingWith(port: DismissalPort, unchecked: string[]): Checking {
  const asked = new Set<string>()
  const writer = async (login: string): Promise<boolean> => {
    const key = login.toLowerCase()
    if (!asked.has(key) && asked.size >= MAX_LOOKUPS) {
      unchecked.push(`the permission of @${login} (at most ${MAX_LOOKUPS} people are looked up)`)
      return false
    }
    asked.add(key)
    return port.mayDismiss(login).catch((error: unknown) => {
      unchecked.push(`the permission of @${login} (${reason(error)})`)
      return false
    })
  }
  let reactionReads = 0
  return { port, unchecked, writer, reactionRead: () => reactionReads++ < MAX_REACTION_READS }
}

/** The review threads by their first comment's id; none when they cannot be read. */
async function threadsOf(port: DismissalPort, unchecked: string[]): Promise<Map<number, ReviewThreadState>> {
  try {
    return new Map((await port.reviewThreads()).map((t) => [t.rootCommentId, t]))
  } catch (error) {
    unchecked.push(`which threads are resolved (GitHub's GraphQL API answered: ${reason(error)})`)
    return new Map<number, ReviewThreadState>()
  }
}

/** One finding, dismissed: its thread resolved, a reply, or (when neither) a 👎; null when nobody dismissed it. */
async function dismissal(
  finding: EarlierFinding,
  thread: ReviewThreadState | undefined,
  checking: Checking
): Promise<Dismissed | null> {
  const ways: string[] = []
  if (thread?.resolved && thread.resolvedBy && (await checking.writer(thread.resolvedBy))) {
    ways.push(`@${thread.resolvedBy} resolved the thread`)
  }
  const replied = await dismissingReply(finding, checking.writer)
  if (replied) ways.push(replied.way)
  if (!ways.length && finding.thumbsDown > 0) {
    const marked = await thumbsDownBy(finding, checking)
    if (marked) ways.push(marked)
  }
  return ways.length ? { finding, ways, reply: replied?.reply ?? null } : null
}

/** The first reply by a person who may dismiss the finding that says it is no issue. */
async function dismissingReply(
  finding: EarlierFinding,
  writer: Checking['writer']
): Promise<{ way: string; reply: NonNullable<Dismissed['reply']> } | null> {
  for (const r of finding.replies) {
    const says = r.isBot ? null : dismissalIn(r.body)
    if (says && (await writer(r.login))) {
      return { way: `@${r.login} replied "${says}"`, reply: { login: r.login, body: r.body } }
    }
  }
  return null
}

/** The 👎 of a person who may dismiss the finding, as the way it was dismissed; null when there is none. */
async function thumbsDownBy(
  finding: EarlierFinding,
  { port, unchecked, writer, reactionRead }: Checking
): Promise<string | null> {
  if (!reactionRead()) {
    unchecked.push(`who reacted 👎 on more than ${MAX_REACTION_READS} findings`)
    return null
  }
  const logins = await port.thumbsDownOn(finding.id).catch((error: unknown) => {
    unchecked.push(`the 👎 reactions on the finding on \`${finding.path}\` (${reason(error)})`)
    return [] as string[]
  })
  for (const login of logins) {
    if (await writer(login)) return `@${login} marked it 👎`
  }
  return null
}

function reason(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error)
  return text.split('\n')[0]!.slice(0, 200)
}

/** Where a finding was: "`src/a.py`, line 3". */
export function findingPlace(finding: EarlierFinding): string {
  return `\`${finding.path}\`${finding.line !== null ? `, line ${finding.line}` : ''}`
}
