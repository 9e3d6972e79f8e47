import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { EventError } from '../../../src/errors.ts'
import { parseGitLabNote } from '../../../src/trigger/gitlab-event.ts'

const fixture = (name: string): Record<string, unknown> =>
  JSON.parse(readFileSync(new URL(`../../fixtures/gitlab/${name}`, import.meta.url), 'utf8')) as Record<string, unknown>

describe("GitLab's note webhook", () => {
  it('reads the documented example of a comment on an issue as an issue comment', () => {
    const parsed = parseGitLabNote(fixture('note-issue.json'))
    expect(parsed.kind).toBe('trigger')
    if (parsed.kind !== 'trigger') return
    const { event } = parsed
    expect(event.repo).toEqual({
      owner: 'gitlab-org',
      name: 'gitlab-test',
      defaultBranch: 'master',
      htmlUrl: 'http://example.com/gitlab-org/gitlab-test'
    })
    expect(event.target).toMatchObject({ kind: 'issue', number: 17, title: 'test', body: 'test' })
    expect(event.request).toMatchObject({
      source: 'issue_comment',
      id: 1241,
      body: 'Hello world',
      author: { login: 'root', id: 1, isBot: false },
      createdAt: '2015-05-17T17:06:40.000Z'
    })
  })

  it('reads the documented example of a comment on a merge request with its branches', () => {
    const parsed = parseGitLabNote(fixture('note-merge-request.json'))
    if (parsed.kind !== 'trigger') throw new Error(`not a trigger: ${parsed.kind}`)
    expect(parsed.event.target).toMatchObject({ kind: 'pull_request', number: 1 })
    expect(parsed.event.pullRequest).toMatchObject({
      headRef: 'master',
      baseRef: 'markdown',
      headSha: '562e173be03b8ff2efb05345d12df18815438a4b',
      headRepo: 'gitlab-org/gitlab-test'
    })
    expect(parsed.event.request.source).toBe('issue_comment')
  })

  it('reads a note on a line of the diff as a review comment on that line', () => {
    const raw = fixture('note-merge-request.json')
    raw.object_attributes = {
      ...(raw.object_attributes as object),
      type: 'DiffNote',
      position: { new_path: 'src/a.py', new_line: 4 }
    }
    const parsed = parseGitLabNote(raw)
    if (parsed.kind !== 'trigger') throw new Error(`not a trigger: ${parsed.kind}`)
    expect(parsed.event.request).toMatchObject({ source: 'review_comment', path: 'src/a.py', line: 4 })
  })

  it("ignores system notes, edits and other events; a project access token's bot is a bot", () => {
    const raw = fixture('note-issue.json')
    const attrs = raw.object_attributes as object
    expect(parseGitLabNote({ ...raw, object_attributes: { ...attrs, system: true } }).kind).toBe('ignored')
    expect(parseGitLabNote({ ...raw, object_attributes: { ...attrs, action: 'update' } }).kind).toBe('ignored')
    expect(parseGitLabNote({ object_kind: 'push' }).kind).toBe('ignored')
    const bot = parseGitLabNote({ ...raw, user: { id: 9, username: 'project_5_bot_3f2a' } })
    expect(bot.kind === 'trigger' && bot.event.request.author.isBot).toBe(true)
    const older = parseGitLabNote({ ...raw, user: { id: 9, username: 'project_5_bot1' } })
    expect(older.kind === 'trigger' && older.event.request.author.isBot).toBe(true)
    const person = parseGitLabNote({ ...raw, user: { id: 9, username: 'project_bot_fan' } })
    expect(person.kind === 'trigger' && person.event.request.author.isBot).toBe(false)
  })

  it('throws EventError for a malformed payload', () => {
    expect(() => parseGitLabNote({ object_kind: 'note' })).toThrow(EventError)
    expect(() => parseGitLabNote([])).toThrow(EventError)
  })
})
