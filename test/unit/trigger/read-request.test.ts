import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { EventError } from '../../../src/errors.ts'
import { readRequest } from '../../../src/trigger/read-request.ts'
import { example, issueCommentPayload } from '../../fakes/payloads.ts'

const dir = mkdtempSync(join(tmpdir(), 'read-request-'))
const VERBS = [{ name: 'comment', aliases: ['think'] }, { name: 'help' }]

function eventFile(payload: unknown, name = 'event.json'): string {
  const path = join(dir, name)
  writeFileSync(path, typeof payload === 'string' ? payload : JSON.stringify(payload))
  return path
}

const inputs =
  (values: Record<string, string>) =>
  (name: string): string =>
    values[name] ?? ''

describe('readRequest', () => {
  it('reads the event, the gate settings and the command in the text', async () => {
    const path = eventFile(issueCommentPayload({ body: 'Please git-bob think about this' }))
    const read = await readRequest(
      { eventName: 'issue_comment', eventPath: path },
      inputs({ 'github-token': 't' }),
      VERBS
    )
    expect(read.kind).toBe('incoming')
    if (read.kind !== 'incoming') return
    expect(read.addressed).toBe(true)
    expect(read.command()).toMatchObject({ kind: 'known', verb: 'comment', word: 'think' })
    expect(read.gate).toMatchObject({ githubToken: 't', botName: 'git-bob', botLogin: null })
    expect(read.event.request.body).toBe('Please git-bob think about this')
  })

  it('finds no command in text that does not address git-bob under its configured name', async () => {
    const path = eventFile(issueCommentPayload({ body: 'git-bob comment' }))
    const read = await readRequest(
      { eventName: 'issue_comment', eventPath: path },
      inputs({ 'github-token': 't', 'bot-name': 'robo' }),
      VERBS
    )
    expect(read.kind === 'incoming' && read.addressed).toBe(false)
    expect(read.kind === 'incoming' && read.command()).toBeNull()
  })

  it('a text that does not name git-bob is not addressed, however it is written: read before any markdown', async () => {
    const body = `> a${'\na'.repeat(32_000)}`
    const path = eventFile(issueCommentPayload({ body }))
    const read = await readRequest(
      { eventName: 'issue_comment', eventPath: path },
      inputs({ 'github-token': 't' }),
      VERBS
    )
    expect(read.kind === 'incoming' && read.addressed).toBe(false)
  })

  it('ignores an event git-bob does not handle, before reading any setting', async () => {
    const path = eventFile({ action: 'deleted' })
    const read = await readRequest(
      { eventName: 'star', eventPath: path },
      () => {
        throw new Error('no input may be read')
      },
      VERBS
    )
    expect(read.kind).toBe('ignored')
  })

  it('throws EventError for a missing path, an unreadable file and a file that is not JSON', async () => {
    const read = (eventPath: string): Promise<unknown> =>
      readRequest({ eventName: 'issue_comment', eventPath }, inputs({ 'github-token': 't' }), VERBS)
    await expect(read('')).rejects.toThrow(EventError)
    await expect(read(join(dir, 'absent.json'))).rejects.toThrow(/cannot be read/)
    await expect(read(eventFile('{not json', 'broken.json'))).rejects.toThrow(/not valid JSON/)
  })
})

describe('readRequest: labels and assignments', () => {
  const labeled = (name: string): string => {
    const payload = example('issues', 'labeled')
    payload.label.name = name
    return eventFile(payload, 'labeled.json')
  }
  const assigned = (login: string): string => {
    const payload = example('issues', 'assigned')
    payload.assignee.login = login
    return eventFile(payload, 'assigned.json')
  }
  const VERBS_ALL = [...VERBS, { name: 'implement' }, { name: 'review' }, { name: 'split' }]

  it('a git-bob label names its command; another label addresses nothing', async () => {
    const path = labeled('git-bob:implement')
    const read = await readRequest({ eventName: 'issues', eventPath: path }, inputs({ 'github-token': 't' }), VERBS_ALL)
    if (read.kind !== 'incoming') throw new Error('expected incoming')
    expect(read.addressed).toBe(true)
    expect(read.command()).toMatchObject({ kind: 'known', verb: 'implement' })
    const other = await readRequest(
      { eventName: 'issues', eventPath: labeled('bug') },
      inputs({ 'github-token': 't' }),
      VERBS_ALL
    )
    expect(other.kind === 'incoming' && other.addressed).toBe(false)
  })

  it('the label prefix follows label-prefix, or bot-name when it is not set', async () => {
    const read = (name: string, values: Record<string, string>) =>
      readRequest(
        { eventName: 'issues', eventPath: labeled(name) },
        inputs({ 'github-token': 't', ...values }),
        VERBS_ALL
      )
    expect(await read('ai:think', { 'label-prefix': 'ai:' })).toMatchObject({ addressed: true })
    expect(await read('bob:think', { 'bot-name': 'bob' })).toMatchObject({ addressed: true })
    expect(await read('git-bob:think', { 'bot-name': 'bob' })).toMatchObject({ addressed: false })
  })

  it('an assignment to bot-login runs assign-command; to anyone else, or without bot-login, nothing', async () => {
    const read = (login: string, values: Record<string, string>) =>
      readRequest(
        { eventName: 'issues', eventPath: assigned(login) },
        inputs({ 'github-token': 't', ...values }),
        VERBS_ALL
      )
    const ours = await read('bob-app[bot]', { 'bot-login': 'bob-app[bot]', 'assign-command': 'think' })
    if (ours.kind !== 'incoming') throw new Error('expected incoming')
    expect(ours.addressed).toBe(true)
    expect(ours.command()).toMatchObject({ kind: 'known', verb: 'comment' })
    expect(await read('alice', { 'bot-login': 'bob-app[bot]' })).toMatchObject({ addressed: false })
    expect(await read('bob-app[bot]', {})).toMatchObject({ addressed: false })
  })

  it('an assign-command that is no command is a configuration error, but only when git-bob was assigned', async () => {
    const values = { 'github-token': 't', 'bot-login': 'bob-app[bot]', 'assign-command': 'dance' }
    await expect(
      readRequest({ eventName: 'issues', eventPath: assigned('bob-app[bot]') }, inputs(values), VERBS_ALL)
    ).rejects.toThrow(/assign-command.*dance/)
    expect(
      await readRequest({ eventName: 'issues', eventPath: assigned('alice') }, inputs(values), VERBS_ALL)
    ).toMatchObject({ addressed: false })
  })

  it("reads a GitLab pipeline schedule as a triage of the job's project, with no event file", async () => {
    const read = await readRequest(
      { eventName: 'gitlab_schedule', eventPath: '' },
      inputs({ 'github-token': 't' }),
      VERBS
    )
    expect(read).toMatchObject({
      kind: 'sweep',
      sweep: { eventName: 'schedule', command: 'triage', sender: null, repo: null },
      gate: { githubToken: 't' }
    })
  })

  it('reads a GitLab label event with the label-prefix input', async () => {
    const raw = JSON.parse(
      readFileSync(new URL('../../fixtures/gitlab/issue.json', import.meta.url), 'utf8')
    ) as Record<string, unknown>
    raw.changes = { labels: { previous: [], current: [{ title: 'bob:think' }] } }
    const read = await readRequest(
      { eventName: 'gitlab_note', eventPath: eventFile(raw, 'gitlab-label.json') },
      inputs({ 'github-token': 't', 'label-prefix': 'bob:' }),
      VERBS
    )
    expect(read.kind).toBe('incoming')
    if (read.kind !== 'incoming') return
    expect(read.addressed).toBe(true)
    expect(read.command()).toMatchObject({ kind: 'known', verb: 'comment', word: 'think' })
  })
})
