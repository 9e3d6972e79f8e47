import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { EventError } from '../../../src/errors.ts'
import { requestKey } from '../../../src/trigger/event.ts'
import { parseGitLabEvent } from '../../../src/trigger/gitlab-event.ts'
import { addedLabels, parseGitLabLabel } from '../../../src/trigger/gitlab-label.ts'

const fixture = (name: string): Record<string, unknown> =>
  JSON.parse(readFileSync(new URL(`../../fixtures/gitlab/${name}`, import.meta.url), 'utf8')) as Record<string, unknown>

/** GitLab's documented example with these labels before and after the change. */
function labelled(name: 'issue.json' | 'merge-request.json', previous: string[], current: string[]): unknown {
  const raw = fixture(name)
  const changes = raw.changes as Record<string, unknown>
  const label = (title: string, id: number): object => ({ id, title, color: '#fff', type: 'ProjectLabel' })
  changes.labels = { previous: previous.map(label), current: current.map(label) }
  return raw
}

describe("GitLab's issue and merge request events", () => {
  it('reads the documented issue example, whose change added "Platform", as no request', () => {
    expect(parseGitLabLabel(fixture('issue.json'), 'git-bob:')).toEqual({
      kind: 'ignored',
      reason: "the labels added to the issue (Platform) are not git-bob's"
    })
  })

  it("reads git-bob's label added to an issue as a label request by the user who added it", () => {
    const parsed = parseGitLabLabel(labelled('issue.json', ['API'], ['API', 'Git-Bob:Implement']), 'git-bob:')
    if (parsed.kind !== 'trigger') throw new Error(`not a trigger: ${JSON.stringify(parsed)}`)
    const { event } = parsed
    expect(event.eventName).toBe('issues')
    expect(event.repo).toMatchObject({ owner: 'gitlabhq', name: 'gitlab-test', defaultBranch: 'master' })
    expect(event.target).toMatchObject({
      kind: 'issue',
      number: 23,
      title: 'New API: create/update/delete file',
      body: 'Create new API for manipulations with repository',
      author: { login: 'user-51', id: 51 },
      url: 'http://example.com/diaspora/issues/23'
    })
    expect(event.request).toMatchObject({
      source: 'label',
      label: 'Git-Bob:Implement',
      id: 23,
      body: '',
      author: { login: 'root', id: 1, isBot: false },
      association: 'NONE',
      createdAt: '2017-09-15T16:52:00.000Z'
    })
    expect(event.pullRequest).toBeUndefined()
    expect(requestKey(event)).toBe('label:23:Git-Bob:Implement@2017-09-15T16:52:00.000Z')
  })

  it("reads git-bob's label added to a merge request with its branches and head", () => {
    const parsed = parseGitLabLabel(labelled('merge-request.json', [], ['git-bob:review']), 'git-bob:')
    if (parsed.kind !== 'trigger') throw new Error(`not a trigger: ${JSON.stringify(parsed)}`)
    expect(parsed.event.eventName).toBe('pull_request')
    expect(parsed.event.target).toMatchObject({ kind: 'pull_request', number: 1, title: 'MS-Viewport' })
    expect(parsed.event.request).toMatchObject({ source: 'label', label: 'git-bob:review' })
    expect(parsed.event.pullRequest).toEqual({
      headRef: 'ms-viewport',
      headSha: 'da1560886d4f094c3e6c9ef40349f7d38b5d27d7',
      headRepo: 'gitlabhq/gitlab-test',
      baseRef: 'master',
      baseSha: ''
    })
  })

  it('starts nothing for a label taken off, a label kept, another prefix, or an event without label changes', () => {
    expect(parseGitLabLabel(labelled('issue.json', ['git-bob:think'], []), 'git-bob:').kind).toBe('ignored')
    expect(parseGitLabLabel(labelled('issue.json', ['git-bob:think'], ['git-bob:think', 'x']), 'git-bob:').kind).toBe(
      'ignored'
    )
    expect(parseGitLabLabel(labelled('issue.json', [], ['git-bob:think']), 'bob:').kind).toBe('ignored')
    expect(parseGitLabLabel(labelled('issue.json', [], ['bob:think']), 'bob:').kind).toBe('trigger')
    const raw = fixture('merge-request.json')
    delete raw.changes
    expect(parseGitLabLabel(raw, 'git-bob:')).toEqual({
      kind: 'ignored',
      reason: 'this merge request event added no label'
    })
  })

  it("takes the first of several labels added that is git-bob's", () => {
    const parsed = parseGitLabLabel(labelled('issue.json', [], ['bug', 'git-bob:split', 'git-bob:think']), 'git-bob:')
    expect(parsed.kind === 'trigger' && parsed.event.request.source === 'label' && parsed.event.request.label).toBe(
      'git-bob:split'
    )
    expect(addedLabels(['a', 'b'], ['b', 'c', 'a', 'd'])).toEqual(['c', 'd'])
  })

  it("a project access token's bot who adds the label is a bot", () => {
    const raw = labelled('issue.json', [], ['git-bob:think']) as Record<string, unknown>
    const parsed = parseGitLabLabel({ ...raw, user: { id: 9, username: 'project_1_bot_3f2a' } }, 'git-bob:')
    expect(parsed.kind === 'trigger' && parsed.event.request.author.isBot).toBe(true)
  })

  it("throws EventError for an event that added git-bob's label but lacks what the run needs, or is no such event", () => {
    const bare = { object_kind: 'issue', changes: { labels: { previous: [], current: [{ title: 'git-bob:think' }] } } }
    expect(() => parseGitLabLabel(bare, 'git-bob:')).toThrow(EventError)
    expect(() => parseGitLabLabel({ object_kind: 'push' }, 'git-bob:')).toThrow(EventError)
  })

  it("ignores GitLab's documented issue event of an empty project (default_branch null) that changed the title only", () => {
    const raw = fixture('issue.json')
    ;(raw.project as Record<string, unknown>).default_branch = null
    raw.changes = { title: { previous: 'New API', current: 'New API: create/update/delete file' } }
    expect(parseGitLabLabel(raw, 'git-bob:')).toEqual({ kind: 'ignored', reason: 'this issue event added no label' })
    // The same project with a label of another kind added: ignored too, named.
    const other = labelled('issue.json', [], ['bug']) as Record<string, unknown>
    ;(other.project as Record<string, unknown>).default_branch = null
    expect(parseGitLabLabel(other, 'git-bob:')).toEqual({
      kind: 'ignored',
      reason: "the labels added to the issue (bug) are not git-bob's"
    })
    // Only git-bob's label added to it needs the default branch: then the event is malformed for the run.
    const ours = labelled('issue.json', [], ['git-bob:think']) as Record<string, unknown>
    ;(ours.project as Record<string, unknown>).default_branch = null
    expect(() => parseGitLabLabel(ours, 'git-bob:')).toThrow(
      /the GitLab issue event is malformed: project\.default_branch/
    )
  })

  it('ignores an event whose other fields drifted, or whose label change is unreadable, when no label of git-bob was added', () => {
    const drifted = fixture('merge-request.json')
    drifted.object_attributes = { iid: 'one', title: null }
    drifted.user = null
    drifted.project = { id: 'x' }
    expect(parseGitLabLabel(drifted, 'git-bob:').kind).toBe('ignored')
    for (const labels of [
      { previous: 'API', current: 7 },
      'labels',
      { current: [null, { id: 3 }, { title: 'bug' }] }
    ]) {
      const raw = fixture('issue.json')
      raw.changes = { labels }
      raw.project = null
      expect(parseGitLabLabel(raw, 'git-bob:').kind).toBe('ignored')
    }
    const raw = fixture('issue.json')
    raw.changes = 'none'
    expect(parseGitLabLabel(raw, 'git-bob:')).toEqual({ kind: 'ignored', reason: 'this issue event added no label' })
  })

  /** GitLab's documented example whose change is to these assignees (or, on a merge request, reviewers). */
  function people(name: 'issue.json' | 'merge-request.json', list: 'assignees' | 'reviewers', added: string): unknown {
    const raw = fixture(name)
    const u = (username: string, id: number): object => ({ id, username, name: username, avatar_url: null })
    ;(raw.project as Record<string, unknown>).id = 42
    raw.changes = {
      updated_at: { previous: '2017-09-15 16:50:55 UTC', current: '2017-09-15 16:53:00 UTC' },
      [list]: { previous: [u('user1', 6)], current: [u('user1', 6), u(added, 900)] }
    }
    return raw
  }

  it("reads git-bob's project token bot newly assigned to an issue as an assignment by the user who assigned it", () => {
    const parsed = parseGitLabLabel(people('issue.json', 'assignees', 'project_42_bot_0a1b2c'), 'git-bob:')
    if (parsed.kind !== 'trigger') throw new Error(`not a trigger: ${JSON.stringify(parsed)}`)
    expect(parsed.event.eventName).toBe('issues')
    expect(parsed.event.request).toMatchObject({
      source: 'assignment',
      assignee: 'project_42_bot_0a1b2c',
      id: 23,
      author: { login: 'root', id: 1 },
      createdAt: '2017-09-15T16:53:00.000Z'
    })
    expect(requestKey(parsed.event)).toBe('assignment:23@2017-09-15T16:53:00.000Z')
  })

  it('reads bot-login newly assigned, and ignores anyone else assigned, with one line naming them', () => {
    const ours = parseGitLabLabel(people('merge-request.json', 'assignees', 'git-bob-lab'), 'git-bob:', 'Git-Bob-Lab')
    expect(ours.kind === 'trigger' && ours.event.eventName).toBe('pull_request')
    expect(ours.kind === 'trigger' && ours.event.request).toMatchObject({
      source: 'assignment',
      assignee: 'git-bob-lab'
    })
    expect(parseGitLabLabel(people('issue.json', 'assignees', 'ada'), 'git-bob:')).toEqual({
      kind: 'ignored',
      reason: "the issue was assigned to @ada, not to git-bob's account"
    })
    // Another project's token bot is not git-bob's; nor this project's when bot-login names another account.
    expect(parseGitLabLabel(people('issue.json', 'assignees', 'project_7_bot_1'), 'git-bob:').kind).toBe('ignored')
    const named = parseGitLabLabel(people('issue.json', 'assignees', 'project_42_bot_0a1b2c'), 'git-bob:', 'lab-bot')
    expect(named.kind).toBe('ignored')
  })

  it('reads a review requested from git-bob on a merge request as a review request with its head', () => {
    const parsed = parseGitLabLabel(people('merge-request.json', 'reviewers', 'project_42_bot_0a1b2c'), 'git-bob:')
    if (parsed.kind !== 'trigger') throw new Error(`not a trigger: ${JSON.stringify(parsed)}`)
    expect(parsed.event.request).toMatchObject({ source: 'review_request', requestedReviewer: 'project_42_bot_0a1b2c' })
    expect(requestKey(parsed.event)).toBe('review_request:1@da1560886d4f')
    expect(parseGitLabLabel(people('merge-request.json', 'reviewers', 'ada'), 'git-bob:')).toEqual({
      kind: 'ignored',
      reason: "a review was requested from @ada, not from git-bob's account"
    })
  })

  it("validates strictly only once git-bob was assigned: an empty project's assignment of another is ignored", () => {
    const other = people('issue.json', 'assignees', 'ada') as Record<string, Record<string, unknown>>
    other.project!.default_branch = null
    expect(parseGitLabLabel(other, 'git-bob:').kind).toBe('ignored')
    const ours = people('issue.json', 'assignees', 'project_42_bot_0a1b2c') as Record<string, Record<string, unknown>>
    ours.project!.default_branch = null
    expect(() => parseGitLabLabel(ours, 'git-bob:')).toThrow(/project\.default_branch/)
  })

  it('parseGitLabEvent reads notes, issue and merge request events, and the label prefix only for the latter', () => {
    let asked = 0
    const prefix = (): { labelPrefix: string; botLogin: null } => (asked++, { labelPrefix: 'git-bob:', botLogin: null })
    expect(parseGitLabEvent(fixture('note-issue.json'), prefix).kind).toBe('trigger')
    expect(parseGitLabEvent({ object_kind: 'push' }, prefix).kind).toBe('ignored')
    expect(asked).toBe(0)
    expect(parseGitLabEvent(labelled('merge-request.json', [], ['git-bob:review']), prefix).kind).toBe('trigger')
    expect(asked).toBe(1)
  })
})
