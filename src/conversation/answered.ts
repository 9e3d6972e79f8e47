// "Already answered", decided once, before anything is posted or any model is asked: when the workflow is
// re-run for a request git-bob has answered, nothing more is posted. A failure report answers nothing.
import type { PostedMessages } from '../ports/github.ts'
import { answeredRequests, awaitedCommand, isOwnMessage, type AwaitedCommand } from '../ports/marker.ts'
import { requestKey, type TriggerEvent } from '../trigger/event.ts'

interface Message {
  userType: string
  login: string
  body: string
}

/**
 * A message counts as git-bob's only when a bot account (or git-bob's configured login) wrote it:
 * anyone can type a marker, and a forged one must neither pass as git-bob's words nor silence it.
 */
export function writtenByGitBob(botLogin: string | null): (m: Message) => boolean {
  return (m) =>
    (m.userType === 'Bot' || (botLogin !== null && m.login.toLowerCase() === botLogin.toLowerCase())) &&
    isOwnMessage(m.body)
}

/** Whether one of these messages is git-bob's answer to this very request (a re-run of the workflow). */
export function answers(event: TriggerEvent, messages: readonly Message[], botLogin: string | null): boolean {
  const key = requestKey(event)
  const byGitBob = writtenByGitBob(botLogin)
  return messages.some((m) => byGitBob(m) && answeredRequests(m.body).includes(key))
}

/** The messages read to decide are handed on, so the conversation is not read twice. */
export type Answered = { kind: 'answered' } | { kind: 'open'; posted: PostedMessages }

export async function checkAnswered(
  event: TriggerEvent,
  readPosted: (number: number, isPull: boolean) => Promise<PostedMessages>,
  /** The account git-bob posts as when it is not a bot account (the bot-login input), if any. */
  botLogin: string | null
): Promise<Answered> {
  const posted = await readPosted(event.target.number, event.target.kind === 'pull_request')
  const messages = [...posted.comments, ...posted.reviewComments, ...posted.reviews]
  return answers(event, messages, botLogin) ? { kind: 'answered' } : { kind: 'open', posted }
}

/**
 * The command git-bob's estimate waits for "go" to run: only while that estimate is git-bob's latest message
 * on the thread (once anything answered after it, a "go" has been acted on, or the conversation moved on).
 */
export function waitingCommand(posted: PostedMessages, botLogin: string | null): AwaitedCommand | null {
  const byGitBob = writtenByGitBob(botLogin)
  const own = [...posted.comments, ...posted.reviewComments]
    .filter(byGitBob)
    .sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.id - b.id)
  const last = own.at(-1)
  return last ? awaitedCommand(last.body) : null
}
