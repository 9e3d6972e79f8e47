import { createRequire } from 'node:module'
import { describe, expect, it } from 'vitest'
import {
  isAssignment,
  isLabel,
  isReviewComment,
  isReviewRequest,
  parseEvent,
  requestKey,
  type ParsedEvent,
  type TriggerEvent
} from '../../../src/trigger/event.ts'
import { EventError } from '../../../src/errors.ts'

type Payload = Record<string, unknown>

interface WebhookDefinition {
  name: string
  examples: Payload[]
}

const definitions: readonly WebhookDefinition[] = createRequire(import.meta.url)(
  '@octokit/webhooks-examples/api.github.com/index.json'
)

/** Deep copies of the real example payloads for an event, optionally of one action. */
function examples(name: string, action?: string): Payload[] {
  const definition = definitions.find((d) => d.name === name)
  if (!definition) throw new Error(`no examples for ${name}`)
  const list = definition.examples.filter((e) => action === undefined || e.action === action)
  if (list.length === 0) throw new Error(`no ${name}.${action} examples`)
  return list.map((e) => structuredClone(e))
}

function example(name: string, action: string): Payload {
  return examples(name, action)[0]!
}

/** A nested object of a payload, by dotted path, for editing. */
function at(payload: Payload, path: string): Payload {
  let current: unknown = payload
  for (const key of path.split('.')) {
    if (typeof current !== 'object' || current === null) throw new Error(`no object at ${path}`)
    current = (current as Payload)[key]
  }
  if (typeof current !== 'object' || current === null) throw new Error(`no object at ${path}`)
  return current as Payload
}

function trigger(result: ParsedEvent): TriggerEvent {
  if (result.kind !== 'trigger') throw new Error(`expected a trigger, got ${result.kind}`)
  return result.event
}

/** The request of an inline review comment; fails the test when the event is of another kind. */
function reviewComment(event: TriggerEvent): Extract<TriggerEvent['request'], { source: 'review_comment' }> {
  if (!isReviewComment(event)) throw new Error(`expected a review comment, got ${event.request.source}`)
  return event.request
}

/** The request of a review request; fails the test when the event is of another kind. */
function reviewRequest(event: TriggerEvent): Extract<TriggerEvent['request'], { source: 'review_request' }> {
  if (!isReviewRequest(event)) throw new Error(`expected a review request, got ${event.request.source}`)
  return event.request
}

function eventError(fn: () => unknown): EventError {
  try {
    fn()
  } catch (error) {
    expect(error).toBeInstanceOf(EventError)
    return error as EventError
  }
  throw new Error('expected an EventError, but nothing was thrown')
}

describe('the example payloads', () => {
  it('are loaded', () => {
    expect(definitions.length).toBeGreaterThan(10)
    expect(examples('issue_comment', 'created').length).toBeGreaterThan(0)
  })
})

describe('parseEvent: issue_comment', () => {
  it.each(examples('issue_comment', 'created').map((p, i) => [i, p] as const))(
    'created example %i is a trigger from an issue comment',
    (_i, payload) => {
      const event = trigger(parseEvent('issue_comment', payload))
      const comment = at(payload, 'comment')
      const user = at(payload, 'comment.user')
      const issue = at(payload, 'issue')
      expect(event.eventName).toBe('issue_comment')
      expect(event.request).toEqual({
        source: 'issue_comment',
        id: comment.id,
        body: comment.body,
        author: { login: user.login, id: user.id, isBot: false },
        association: comment.author_association,
        createdAt: comment.created_at,
        url: comment.html_url
      })
      expect(event.target.kind).toBe('issue')
      expect(event.target.number).toBe(issue.number)
      expect(event.target.title).toBe(issue.title)
      expect(event.pullRequest).toBeUndefined()
    }
  )

  it('extracts the repository and the issue from a real payload', () => {
    const event = trigger(parseEvent('issue_comment', example('issue_comment', 'created')))
    expect(event.repo).toEqual({
      owner: 'Codertocat',
      name: 'Hello-World',
      defaultBranch: 'master',
      htmlUrl: 'https://github.com/Codertocat/Hello-World'
    })
    expect(event.target).toMatchObject({
      kind: 'issue',
      number: 1,
      title: 'Spelling error in the README file',
      author: { login: 'Codertocat', isBot: false },
      association: 'OWNER',
      url: 'https://github.com/Codertocat/Hello-World/issues/1'
    })
    expect(event.request.id).toBe(492700400)
    expect(event.request.url).toBe('https://github.com/Codertocat/Hello-World/issues/1#issuecomment-492700400')
  })

  it.each(['edited', 'deleted'])('%s is ignored', (action) => {
    for (const payload of examples('issue_comment', action)) {
      const result = parseEvent('issue_comment', payload)
      expect(result).toEqual({ kind: 'ignored', reason: `issue_comment.${action} does not start git-bob` })
    }
  })

  it('an issue with a pull_request key is a pull request', () => {
    const payload = example('issue_comment', 'created')
    const pr = at(example('issues', 'milestoned'), 'issue.pull_request')
    at(payload, 'issue').pull_request = pr
    const event = trigger(parseEvent('issue_comment', payload))
    expect(event.target.kind).toBe('pull_request')
    expect(event.request.source).toBe('issue_comment')
  })

  it('an issue with pull_request: null is an issue', () => {
    const payload = example('issue_comment', 'created')
    at(payload, 'issue').pull_request = null
    expect(trigger(parseEvent('issue_comment', payload)).target.kind).toBe('issue')
  })

  it('a Bot user is a bot', () => {
    const payload = example('issue_comment', 'created')
    Object.assign(at(payload, 'comment.user'), { login: 'github-actions[bot]', type: 'Bot' })
    expect(trigger(parseEvent('issue_comment', payload)).request.author).toMatchObject({
      login: 'github-actions[bot]',
      isBot: true
    })
  })

  it('a login ending in [bot] is a bot even with type User', () => {
    const payload = example('issue_comment', 'created')
    Object.assign(at(payload, 'comment.user'), { login: 'renovate[bot]', type: 'User' })
    expect(trigger(parseEvent('issue_comment', payload)).request.author.isBot).toBe(true)
  })

  it('a type Bot without [bot] in the login is a bot', () => {
    const payload = example('issue_comment', 'created')
    Object.assign(at(payload, 'comment.user'), { login: 'some-bot', type: 'Bot' })
    expect(trigger(parseEvent('issue_comment', payload)).request.author.isBot).toBe(true)
  })

  it('a null comment body becomes ""', () => {
    const payload = example('issue_comment', 'created')
    at(payload, 'comment').body = null
    expect(trigger(parseEvent('issue_comment', payload)).request.body).toBe('')
  })

  it('ignores extra fields', () => {
    const payload = example('issue_comment', 'created')
    payload.something_new = { nested: true }
    expect(parseEvent('issue_comment', payload).kind).toBe('trigger')
  })
})

describe('parseEvent: issues', () => {
  it.each(examples('issues', 'opened').map((p, i) => [i, p] as const))(
    'opened example %i is a trigger from the issue body',
    (_i, payload) => {
      const event = trigger(parseEvent('issues', payload))
      const issue = at(payload, 'issue')
      expect(event.eventName).toBe('issues')
      expect(event.request).toMatchObject({
        source: 'issue_body',
        id: issue.number,
        body: issue.body ?? '',
        association: issue.author_association,
        createdAt: issue.created_at,
        url: issue.html_url
      })
      expect(event.target.kind).toBe('issue')
      expect(event.target.body).toBe(event.request.body)
    }
  )

  it('a null issue body becomes ""', () => {
    const opened = examples('issues', 'opened')
    const withNull = opened.find((p) => at(p, 'issue').body === null)
    expect(withNull).toBeDefined()
    expect(trigger(parseEvent('issues', withNull)).request.body).toBe('')
  })

  it.each(['edited', 'unlabeled', 'unassigned', 'reopened', 'closed', 'deleted'])('%s is ignored', (action) => {
    const payload = example('issues', 'opened')
    payload.action = action
    expect(parseEvent('issues', payload)).toEqual({
      kind: 'ignored',
      reason: `issues.${action} does not start git-bob`
    })
  })

  it('every real example other than opened, labeled and assigned is ignored', () => {
    const others = examples('issues').filter((p) => !['opened', 'labeled', 'assigned'].includes(String(p.action)))
    expect(others.length).toBeGreaterThan(5)
    for (const payload of others) expect(parseEvent('issues', payload).kind).toBe('ignored')
  })
})

describe('parseEvent: issues labeled and assigned', () => {
  it.each(examples('issues', 'labeled').map((p, i) => [i, p] as const))(
    'labeled example %i is a request by the sender, naming the label',
    (_i, payload) => {
      const event = trigger(parseEvent('issues', payload))
      const issue = at(payload, 'issue')
      const sender = at(payload, 'sender')
      expect(isLabel(event)).toBe(true)
      expect(event.request).toEqual({
        source: 'label',
        label: at(payload, 'label').name,
        id: issue.number,
        body: '',
        author: { login: sender.login, id: sender.id, isBot: false },
        association: 'NONE',
        createdAt: issue.updated_at,
        url: issue.html_url
      })
      expect(event.target.kind).toBe('issue')
    }
  )

  it.each(examples('issues', 'assigned').map((p, i) => [i, p] as const))(
    'assigned example %i is a request by the sender, naming the assignee',
    (_i, payload) => {
      const event = trigger(parseEvent('issues', payload))
      expect(isAssignment(event)).toBe(true)
      expect(event.request).toMatchObject({
        source: 'assignment',
        assignee: at(payload, 'assignee').login,
        author: { login: at(payload, 'sender').login },
        association: 'NONE',
        createdAt: at(payload, 'issue').updated_at
      })
    }
  )

  it('a labeled pull request (pull_request.labeled) is a label request on the pull request', () => {
    const payload = example('pull_request', 'labeled')
    const event = trigger(parseEvent('pull_request', payload))
    expect(isLabel(event)).toBe(true)
    expect(event.target.kind).toBe('pull_request')
    expect(event.pullRequest?.headSha).toBe(at(payload, 'pull_request.head').sha)
    expect(event.request).toMatchObject({ source: 'label', label: 'bug', author: { login: 'Codertocat' } })
  })

  it('a labeled event without its label or sender is malformed', () => {
    const noLabel = example('issues', 'labeled')
    delete noLabel.label
    expect(eventError(() => parseEvent('issues', noLabel)).message).toContain('"label"')
    const noSender = example('issues', 'assigned')
    delete noSender.sender
    expect(eventError(() => parseEvent('issues', noSender)).message).toContain('"sender"')
  })

  it('keys a label by issue, label and time, so the same label added later is a new request', () => {
    const payload = example('issues', 'labeled')
    const first = requestKey(trigger(parseEvent('issues', payload)))
    expect(first).toBe(`label:1:bug@${String(at(payload, 'issue').updated_at)}`)
    at(payload, 'issue').updated_at = '2030-01-01T00:00:00Z'
    expect(requestKey(trigger(parseEvent('issues', payload)))).not.toBe(first)
    expect(requestKey(trigger(parseEvent('issues', example('issues', 'assigned'))))).toMatch(/^assignment:1@/)
  })
})

describe('parseEvent: schedule and workflow_dispatch (triage)', () => {
  it('a schedule (only its cron line, as GitHub sends it) is a triage run without a sender', () => {
    expect(parseEvent('schedule', { schedule: '17 6 * * *' })).toEqual({
      kind: 'sweep',
      sweep: { eventName: 'schedule', command: 'triage', sender: null, repo: null }
    })
  })

  it('a workflow_dispatch is a triage run only with the input command: triage, by its sender', () => {
    const payload = examples('workflow_dispatch')[0]!
    expect(parseEvent('workflow_dispatch', payload)).toMatchObject({ kind: 'ignored' })
    payload.inputs = { command: 'Triage' }
    const parsed = parseEvent('workflow_dispatch', payload)
    expect(parsed).toMatchObject({
      kind: 'sweep',
      sweep: { eventName: 'workflow_dispatch', command: 'triage', sender: { login: at(payload, 'sender').login } }
    })
  })
})

describe('parseEvent: workflow_run and check_suite (failing checks)', () => {
  /** The real completed example that names a pull request, set to fail on a branch of the same repository. */
  function failed(): Payload {
    const payload = examples('workflow_run', 'completed')[2]!
    const run = at(payload, 'workflow_run')
    run.conclusion = 'failure'
    at(payload, 'workflow_run.head_repository').full_name = at(payload, 'repository').full_name
    return payload
  }

  it('a failed run on a pull request names the pull request, its head and base, and who started the run', () => {
    const payload = failed()
    const parsed = parseEvent('workflow_run', payload)
    const pull = (at(payload, 'workflow_run').pull_requests as Payload[])[0]!
    expect(parsed).toEqual({
      kind: 'checks',
      checks: {
        eventName: 'workflow_run',
        repo: expect.objectContaining({ owner: 'octo-org', name: 'octo-repo' }),
        pull: pull.number,
        headRef: at(pull, 'head').ref,
        headSha: at(payload, 'workflow_run').head_sha,
        baseRef: at(pull, 'base').ref,
        baseSha: at(pull, 'base').sha,
        name: at(payload, 'workflow_run').name,
        sender: expect.objectContaining({ login: at(payload, 'sender').login })
      }
    })
  })

  it('every real completed example (none failed) is ignored, and so is a failure without a pull request or on a fork', () => {
    for (const payload of examples('workflow_run', 'completed'))
      expect(parseEvent('workflow_run', payload).kind).toBe('ignored')
    for (const payload of examples('check_suite', 'completed'))
      expect(parseEvent('check_suite', payload).kind).toBe('ignored')
    const fork = failed()
    at(fork, 'workflow_run.head_repository').full_name = 'someone/fork'
    expect(parseEvent('workflow_run', fork)).toMatchObject({ kind: 'ignored' })
    const none = failed()
    at(none, 'workflow_run').pull_requests = []
    expect(parseEvent('workflow_run', none)).toMatchObject({ kind: 'ignored' })
    expect(parseEvent('workflow_run', { ...failed(), action: 'requested' })).toMatchObject({ kind: 'ignored' })
  })

  it('a failed check suite on a pull request of this repository is read too', () => {
    const payload = examples('check_suite', 'completed').find(
      (p) => (at(p, 'check_suite').pull_requests as unknown[]).length > 0
    )!
    at(payload, 'check_suite').conclusion = 'timed_out'
    expect(parseEvent('check_suite', payload)).toMatchObject({
      kind: 'checks',
      checks: { eventName: 'check_suite', name: 'octocoders-linter' }
    })
  })
})

describe('parseEvent: pull_request_review_comment', () => {
  it.each(examples('pull_request_review_comment', 'created').map((p, i) => [i, p] as const))(
    'created example %i is a trigger from a review comment with a path',
    (_i, payload) => {
      const event = trigger(parseEvent('pull_request_review_comment', payload))
      const comment = at(payload, 'comment')
      expect(event.request.source).toBe('review_comment')
      expect(event.request.id).toBe(comment.id)
      expect(reviewComment(event).path).toBe(comment.path)
      expect(reviewComment(event).path).toBe('README.md')
      expect(reviewComment(event).diffHunk).toBe(comment.diff_hunk)
      expect(event.target.kind).toBe('pull_request')
      expect(event.target.number).toBe(at(payload, 'pull_request').number)
    }
  )

  it('extracts the line, the head and the base', () => {
    const payload = examples('pull_request_review_comment', 'created').find((p) => at(p, 'comment').line === 265)
    expect(payload).toBeDefined()
    const event = trigger(parseEvent('pull_request_review_comment', payload))
    expect(reviewComment(event).line).toBe(265)
    const pr = at(payload!, 'pull_request')
    expect(event.pullRequest).toEqual({
      headRef: at(pr, 'head').ref,
      headSha: at(pr, 'head').sha,
      headRepo: 'Codertocat/Hello-World',
      baseRef: at(pr, 'base').ref,
      baseSha: at(pr, 'base').sha
    })
    expect(event.pullRequest?.headRef).toBe('changes')
    expect(event.pullRequest?.baseRef).toBe('master')
  })

  it('omits line and inReplyTo when the payload has none', () => {
    const payload = example('pull_request_review_comment', 'created')
    Object.assign(at(payload, 'comment'), { line: null, in_reply_to_id: undefined })
    const request = trigger(parseEvent('pull_request_review_comment', payload)).request
    expect('line' in request).toBe(false)
    expect('inReplyTo' in request).toBe(false)
  })

  it('keeps inReplyTo for a reply', () => {
    const payload = example('pull_request_review_comment', 'created')
    at(payload, 'comment').in_reply_to_id = 1234
    expect(reviewComment(trigger(parseEvent('pull_request_review_comment', payload))).inReplyTo).toBe(1234)
  })

  it('a deleted fork gives headRepo null', () => {
    const payload = example('pull_request_review_comment', 'created')
    at(payload, 'pull_request.head').repo = null
    expect(trigger(parseEvent('pull_request_review_comment', payload)).pullRequest?.headRepo).toBeNull()
  })

  it('a pull request without author_association counts as NONE', () => {
    const payload = example('pull_request_review_comment', 'created')
    delete at(payload, 'pull_request').author_association
    expect(trigger(parseEvent('pull_request_review_comment', payload)).target.association).toBe('NONE')
  })

  it.each(['edited', 'deleted'])('%s is ignored', (action) => {
    expect(parseEvent('pull_request_review_comment', example('pull_request_review_comment', action)).kind).toBe(
      'ignored'
    )
  })
})

describe('parseEvent: pull_request_review', () => {
  it.each(examples('pull_request_review', 'submitted').map((p, i) => [i, p] as const))(
    'submitted example %i is a trigger from a review',
    (_i, payload) => {
      const event = trigger(parseEvent('pull_request_review', payload))
      const review = at(payload, 'review')
      expect(event.request).toMatchObject({
        source: 'review',
        id: review.id,
        body: '',
        createdAt: review.submitted_at,
        url: review.html_url
      })
      expect(event.target.kind).toBe('pull_request')
      expect(event.pullRequest).toBeDefined()
    }
  )

  it('falls back to the pull request creation time when submitted_at is null', () => {
    const payload = example('pull_request_review', 'submitted')
    at(payload, 'review').submitted_at = null
    const event = trigger(parseEvent('pull_request_review', payload))
    expect(event.request.createdAt).toBe(at(payload, 'pull_request').created_at)
  })

  it('dismissed is ignored', () => {
    expect(parseEvent('pull_request_review', example('pull_request_review', 'dismissed'))).toEqual({
      kind: 'ignored',
      reason: 'pull_request_review.dismissed does not start git-bob'
    })
  })
})

describe('parseEvent: pull_request (review requested)', () => {
  it('turns a review request into a request by the sender, naming the requested reviewer', () => {
    const payload = example('pull_request', 'review_requested')
    const event = trigger(parseEvent('pull_request', payload))
    const pr = at(payload, 'pull_request')
    expect(event.request.source).toBe('review_request')
    expect(reviewRequest(event).requestedReviewer).toBe('octocat')
    expect(event.request.author.login).toBe(at(payload, 'sender').login)
    expect(event.request.association).toBe('NONE')
    expect(event.request.body).toBe('')
    expect(event.target.kind).toBe('pull_request')
    expect(event.target.number).toBe(pr.number)
    expect(event.request.createdAt).toBe(pr.updated_at)
    expect(event.pullRequest?.headSha).toBe(at(payload, 'pull_request.head').sha)
  })

  it('a review requested from a team names no reviewer', () => {
    const payload = example('pull_request', 'review_requested')
    delete payload.requested_reviewer
    payload.requested_team = { slug: 'reviewers', name: 'Reviewers' }
    expect(reviewRequest(trigger(parseEvent('pull_request', payload))).requestedReviewer).toBeNull()
  })

  it('keys the request by pull request and head commit, so a new head can be reviewed again', () => {
    const payload = example('pull_request', 'review_requested')
    const first = requestKey(trigger(parseEvent('pull_request', payload)))
    at(payload, 'pull_request.head').sha = 'f'.repeat(40)
    const second = requestKey(trigger(parseEvent('pull_request', payload)))
    expect(first).toMatch(/^review_request:\d+@[0-9a-f]{12}$/)
    expect(second).toBe(`review_request:${String(at(payload, 'pull_request').number)}@ffffffffffff`)
    expect(first).not.toBe(second)
  })

  it.each(['opened', 'synchronize', 'closed', 'review_request_removed'])('pull_request.%s is ignored', (action) => {
    expect(parseEvent('pull_request', example('pull_request', action))).toEqual({
      kind: 'ignored',
      reason: `pull_request.${action} does not start git-bob`
    })
  })

  it('a review request without a sender is malformed', () => {
    const payload = example('pull_request', 'review_requested')
    delete payload.sender
    expect(() => parseEvent('pull_request', payload)).toThrow(EventError)
  })
})

describe('parseEvent: events git-bob does not handle', () => {
  it.each(['push', 'discussion_comment', '', 'constructor', '__proto__', 'toString', 'hasOwnProperty'])(
    '%j is ignored without looking at the payload',
    (name) => {
      const result = parseEvent(name, null)
      expect(result.kind).toBe('ignored')
      if (result.kind === 'ignored') expect(result.reason).toContain(`"${name}"`)
    }
  )

  it('a real pull_request payload is ignored', () => {
    expect(parseEvent('pull_request', examples('pull_request')[0]).kind).toBe('ignored')
  })

  it('a starting action of another event does not start this one', () => {
    expect(parseEvent('issues', example('issue_comment', 'created')).kind).toBe('ignored')
  })
})

describe('parseEvent: malformed payloads', () => {
  it.each<[string, string, string, string]>([
    ['issue_comment', 'created', 'comment', 'user'],
    ['issue_comment', 'created', 'comment', 'id'],
    ['issue_comment', 'created', 'issue', 'number'],
    ['issue_comment', 'created', 'issue', 'user'],
    ['issue_comment', 'created', 'repository', 'full_name'],
    ['issue_comment', 'created', 'repository', 'default_branch'],
    ['issues', 'opened', 'issue', 'title'],
    ['issues', 'opened', 'issue', 'author_association'],
    ['pull_request_review_comment', 'created', 'comment', 'path'],
    ['pull_request_review_comment', 'created', 'pull_request.head', 'sha'],
    ['pull_request_review_comment', 'created', 'pull_request', 'base'],
    ['pull_request_review', 'submitted', 'review', 'id'],
    ['pull_request_review', 'submitted', 'review', 'user']
  ])('%s.%s without %s.%s throws an EventError naming the field', (name, action, parent, field) => {
    const payload = example(name, action)
    delete at(payload, parent)[field]
    const error = eventError(() => parseEvent(name, payload))
    expect(error.name).toBe('EventError')
    expect(error.message).toContain(`the ${name} event is malformed`)
    expect(error.message).toContain(`${parent}.${field}`)
  })

  it('a missing top-level object is named', () => {
    const payload = example('issue_comment', 'created')
    delete payload.comment
    expect(eventError(() => parseEvent('issue_comment', payload)).message).toMatch(/(^|[\s:;])comment:/)
  })

  it('a wrong type is reported', () => {
    const payload = example('issue_comment', 'created')
    at(payload, 'issue').number = 'one'
    expect(eventError(() => parseEvent('issue_comment', payload)).message).toContain('issue.number')
  })

  it('a non-positive issue number is rejected', () => {
    const payload = example('issues', 'opened')
    at(payload, 'issue').number = 0
    expect(eventError(() => parseEvent('issues', payload)).message).toContain('issue.number')
  })

  it('an empty login is rejected', () => {
    const payload = example('issue_comment', 'created')
    at(payload, 'comment.user').login = ''
    expect(eventError(() => parseEvent('issue_comment', payload)).message).toContain('comment.user.login')
  })

  it('a payload without an action throws, naming "action"', () => {
    const payload = example('issue_comment', 'created')
    delete payload.action
    const error = eventError(() => parseEvent('issue_comment', payload))
    expect(error.message).toContain('has no "action"')
    expect(error.message).toContain('action:')
  })

  it.each([null, undefined, 'text', 42, []])('a non-object payload %j throws', (raw) => {
    expect(eventError(() => parseEvent('issue_comment', raw)).message).toContain('issue_comment')
  })

  it('a malformed payload with a non-starting action is ignored, not rejected', () => {
    expect(parseEvent('issue_comment', { action: 'edited' })).toEqual({
      kind: 'ignored',
      reason: 'issue_comment.edited does not start git-bob'
    })
  })
})

describe('requestKey', () => {
  it.each<[string, string, string]>([
    ['issue_comment', 'created', 'issue_comment:492700400'],
    ['issues', 'opened', 'issue_body:1'],
    ['pull_request_review_comment', 'created', 'review_comment:284312630'],
    ['pull_request_review', 'submitted', 'review:237895671']
  ])('%s.%s -> %s', (name, action, key) => {
    expect(requestKey(trigger(parseEvent(name, example(name, action))))).toBe(key)
  })

  it('differs for different comments', () => {
    const a = example('issue_comment', 'created')
    const b = example('issue_comment', 'created')
    at(b, 'comment').id = 1
    expect(requestKey(trigger(parseEvent('issue_comment', a)))).not.toBe(
      requestKey(trigger(parseEvent('issue_comment', b)))
    )
  })
})

describe('the kinds of request', () => {
  const starting: readonly [string, string][] = [
    ['issue_comment', 'created'],
    ['issues', 'opened'],
    ['pull_request_review_comment', 'created'],
    ['pull_request_review', 'submitted'],
    ['pull_request', 'review_requested']
  ]
  const events = starting.map(([name, action]) => trigger(parseEvent(name, example(name, action))))
  const common = ['association', 'author', 'body', 'createdAt', 'id', 'source', 'url']

  it('each event names its own source, and each guard holds for its own kind only', () => {
    expect(events.map((e) => e.request.source)).toEqual([
      'issue_comment',
      'issue_body',
      'review_comment',
      'review',
      'review_request'
    ])
    expect(events.map(isReviewComment)).toEqual([false, false, true, false, false])
    expect(events.map(isReviewRequest)).toEqual([false, false, false, false, true])
  })

  it('each request carries exactly the fields of its kind', () => {
    const keys = events.map((e) => Object.keys(e.request).sort())
    expect(keys).toEqual([
      common,
      common,
      [...common, 'diffHunk', 'path'].sort(),
      common,
      [...common, 'requestedReviewer'].sort()
    ])
  })
})
