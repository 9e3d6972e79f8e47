import { describe, expect, it } from 'vitest'
import { requestText, terminalEvent, type TypedRequest } from '../../../src/cli/request.ts'
import { parseEvent, requestKey } from '../../../src/trigger/event.ts'

const typed: TypedRequest = {
  botName: 'git-bob',
  command: 'review',
  request: 'fully',
  viewer: { login: 'mona', id: 7, type: 'User' },
  repository: {
    name: 'r',
    full_name: 'o/r',
    owner: { login: 'o' },
    default_branch: 'main',
    html_url: 'https://github.com/o/r'
  },
  issue: {
    number: 5,
    title: 'A change',
    body: null,
    user: { login: 'hubot', id: 9, type: 'User' },
    author_association: 'CONTRIBUTOR',
    created_at: '2026-01-01T00:00:00Z',
    html_url: 'https://github.com/o/r/pull/5',
    pull_request: { url: 'https://api.github.com/repos/o/r/pulls/5' }
  },
  now: new Date('2026-03-01T12:00:00Z')
}

describe('terminalEvent', () => {
  it('is an issue_comment the action reads: the token user asks, on the pull request, now', () => {
    const parsed = parseEvent('issue_comment', terminalEvent(typed))
    expect(parsed.kind).toBe('trigger')
    if (parsed.kind !== 'trigger') return
    const { event } = parsed
    expect(event.target).toMatchObject({ kind: 'pull_request', number: 5, body: '' })
    expect(event.request).toMatchObject({
      source: 'issue_comment',
      body: 'git-bob review fully',
      author: { login: 'mona', id: 7, isBot: false },
      association: 'NONE',
      createdAt: '2026-03-01T12:00:00.000Z'
    })
    expect(requestKey(event)).toBe(`issue_comment:${typed.now.getTime()}`)
  })

  it('calls the owner of a personal repository OWNER, as GitHub does', () => {
    const parsed = parseEvent('issue_comment', terminalEvent({ ...typed, viewer: { login: 'O', id: 1, type: 'User' } }))
    expect(parsed.kind === 'trigger' && parsed.event.request.association).toBe('OWNER')
  })
})

describe('requestText', () => {
  it('writes the command as a comment would, with or without a request', () => {
    expect(requestText('bob', 'comment', '')).toBe('bob comment')
    expect(requestText('git-bob', 'implement', '  add tests\nplease ')).toBe('git-bob implement add tests\nplease')
  })
})
