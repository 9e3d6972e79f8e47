import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { EventError } from '../../../src/errors.ts'
import { readRequest } from '../../../src/trigger/read-request.ts'
import { issueCommentPayload } from '../../fakes/payloads.ts'

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
