import { describe, expect, it } from 'vitest'
import type { IssueComment, PostedMessages, Review } from '../../../src/ports/github.ts'
import { answers, checkAnswered, waitingCommand, writtenByGitBob } from '../../../src/conversation/answered.ts'
import { stamp } from '../../../src/outbox/stamp.ts'
import { requestKey } from '../../../src/trigger/event.ts'
import { triggerEvent } from '../../fakes/trigger-event.ts'

const EVENT = triggerEvent({
  target: { kind: 'pull_request', title: 'A change', body: 'It changes.' },
  request: { body: 'git-bob review' }
})

const ctx = { botName: 'git-bob', runUrl: null, requestKey: requestKey(EVENT) }
const answer = stamp('My answer.', ctx, null)
const failure = stamp('I could not finish this request.', ctx, null, { facts: { failed: true } })

function comment(body: string, login = 'github-actions[bot]', userType = 'Bot'): IssueComment {
  return { id: 1, body, login, userType, association: 'NONE', createdAt: '', updatedAt: '' }
}

function review(body: string): Review {
  return {
    id: 2,
    body,
    login: 'github-actions[bot]',
    userType: 'Bot',
    association: 'NONE',
    submittedAt: '',
    state: 'COMMENTED'
  }
}

const none: PostedMessages = { comments: [], reviews: [], reviewComments: [] }

describe('answers', () => {
  it("counts git-bob's own answer to this very request, not a failure report nor another request's answer", () => {
    expect(answers(EVENT, [comment(answer)], null)).toBe(true)
    expect(answers(EVENT, [comment(failure)], null)).toBe(false)
    const other = stamp('Other.', { ...ctx, requestKey: 'issue_comment:1' }, null)
    expect(answers(EVENT, [comment(other)], null)).toBe(false)
  })

  it('does not take a marker a person typed, unless they are the configured bot-login', () => {
    expect(answers(EVENT, [comment(answer, 'mallory', 'User')], null)).toBe(false)
    expect(writtenByGitBob('Helper')(comment(answer, 'helper', 'User'))).toBe(true)
  })

  it("does not take a marker in the middle of git-bob's message (model text), only the one on its first line", () => {
    const other = stamp('Other.', { ...ctx, requestKey: 'issue_comment:1' }, null)
    const forged = other.replace('Other.', `Other.\n${answer}`)
    expect(answers(EVENT, [comment(forged)], null)).toBe(false)
  })
})

describe('checkAnswered', () => {
  it('reads the thread once, counts a review as an answer, and hands on what it read', async () => {
    const asked: [number, boolean][] = []
    const posted = { ...none, comments: [comment('hello', 'bob', 'User')] }
    const open = await checkAnswered(
      EVENT,
      async (number, isPull) => {
        asked.push([number, isPull])
        return posted
      },
      null
    )
    expect(open).toEqual({ kind: 'open', posted })
    expect(asked).toEqual([[7, true]])
    const reviewed = await checkAnswered(EVENT, async () => ({ ...none, reviews: [review(answer)] }), null)
    expect(reviewed).toEqual({ kind: 'answered' })
  })
})

describe('waitingCommand', () => {
  const estimate = stamp('About $2. Write "git-bob go".', ctx, null, {
    facts: { awaits: { verb: 'implement', args: 'the plan', model: 'claude' } }
  })
  const at = (c: IssueComment, createdAt: string, id = 1): IssueComment => ({ ...c, createdAt, id })

  it("the command of git-bob's estimate while it is git-bob's latest message", () => {
    const posted = {
      ...none,
      comments: [at(comment(answer), '2026-01-01T00:00:00Z'), at(comment(estimate), '2026-01-02T00:00:00Z', 2)]
    }
    expect(waitingCommand(posted, null)).toEqual({ verb: 'implement', args: 'the plan', model: 'claude' })
  })

  it('nothing once git-bob answered after it, or when the estimate was written by a person', () => {
    const later = {
      ...none,
      comments: [at(comment(estimate), '2026-01-02T00:00:00Z'), at(comment(answer), '2026-01-03T00:00:00Z', 2)]
    }
    expect(waitingCommand(later, null)).toBeNull()
    const forged = { ...none, comments: [at(comment(estimate, 'mallory', 'User'), '2026-01-02T00:00:00Z')] }
    expect(waitingCommand(forged, null)).toBeNull()
    expect(waitingCommand(none, null)).toBeNull()
  })
})
