// git-bob's earlier findings on a pull request: its own line comments that start a thread, with the replies
// people wrote under them before the request, as a reader sees them. The review decides from these which
// findings a maintainer dismissed (commands/review/dismissed.ts). Pure.
import type { ReviewComment } from '../ports/github.ts'
import { stripStamps } from '../ports/marker.ts'
import { sanitizeMessage } from './sanitize.ts'

export interface FindingReply {
  login: string
  isBot: boolean
  /** As a reader sees it: hidden text and addresses removed. */
  body: string
}

export interface EarlierFinding {
  /** The REST id of the line comment (the thread's first comment). */
  id: number
  path: string
  /** The line it was on; null when GitHub no longer places it. */
  line: number | null
  /** The comment's text, without git-bob's stamp. */
  text: string
  replies: FindingReply[]
  /** 👎 reactions on it (anyone's: who gave them is asked only when there are some). */
  thumbsDown: number
}

/** Replies and findings kept at most: what a review's prompt and its checks can use. */
const MAX_FINDINGS = 100
const MAX_REPLIES = 20

/**
 * git-bob's own thread-starting line comments written up to `cutoff` (ISO time), newest last, each with the
 * replies written up to then. `own` says which comments git-bob wrote (a bot account with its marker).
 */
export function earlierFindings(
  comments: readonly ReviewComment[],
  own: (c: ReviewComment) => boolean,
  cutoff: string
): EarlierFinding[] {
  const until = Date.parse(cutoff)
  const before = comments.filter((c) => Date.parse(c.createdAt) <= until)
  return before
    .filter((c) => c.inReplyTo === null && own(c))
    .slice(-MAX_FINDINGS)
    .map((c) => ({
      id: c.id,
      path: c.path,
      line: c.line,
      text: sanitizeMessage(stripStamps(c.body)).text,
      replies: before
        .filter((r) => r.inReplyTo === c.id && !own(r))
        .slice(0, MAX_REPLIES)
        .map((r) => ({ login: r.login, isBot: r.userType === 'Bot', body: sanitizeMessage(r.body).text })),
      thumbsDown: c.thumbsDown
    }))
}
