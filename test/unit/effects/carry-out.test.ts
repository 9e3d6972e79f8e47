import { describe, expect, it } from 'vitest'
import type { GitHubApi } from '../../../src/adapters/github/api.ts'
import type { Outcome } from '../../../src/commands/types.ts'
import { carryOut, reportFailure, withNotes } from '../../../src/effects/carry-out.ts'
import { ConfigError } from '../../../src/errors.ts'
import { Outbox } from '../../../src/outbox/outbox.ts'
import { Redactor } from '../../../src/outbox/secrets.ts'
import { Notes } from '../../../src/record/notes.ts'
import { Transcript } from '../../../src/record/transcript.ts'
import type { Logger } from '../../../src/ports/run.ts'
import { triggerEvent } from '../../fakes/trigger-event.ts'

const EVENT = triggerEvent()

/** An outbox over a GitHub stand-in that keeps what was posted, or refuses to post. */
function outbox(fail = false): { outbox: Outbox; bodies: string[] } {
  const bodies: string[] = []
  const api = {
    createIssueComment: async (_: number, body: string) => {
      if (fail) throw new Error('GitHub said no')
      bodies.push(body)
      return { id: bodies.length, url: `https://github.com/octo/repo/issues/7#c${bodies.length}` }
    }
  } as Partial<GitHubApi> as GitHubApi
  return { outbox: new Outbox(api, { botName: 'git-bob', runUrl: null, requestKey: 'k' }, new Redactor()), bodies }
}

function logger(): Logger & { errors: string[]; infos: string[] } {
  const errors: string[] = []
  const infos: string[] = []
  return {
    errors,
    infos,
    info: (message) => infos.push(message),
    warning: () => {},
    error: (message) => errors.push(message)
  }
}

describe('withNotes', () => {
  it('puts the notes for people under a reply, and leaves other outcomes and empty notes alone', () => {
    const reply = withNotes({ kind: 'reply', body: 'Answer.' }, ['one', 'two'])
    expect(reply.kind === 'reply' && reply.body).toBe('Answer.\n\n> [!NOTE]\n> one\n>\n> two')
    expect(withNotes({ kind: 'reply', body: 'Answer.' }, [])).toEqual({ kind: 'reply', body: 'Answer.' })
    const issues = { kind: 'issues', parent: 7, issues: [], intro: 'x' } as const
    expect(withNotes(issues, ['one'])).toBe(issues)
  })
})

describe('carryOut', () => {
  it('posts with the notes for people and the credit of the transcript, and returns the links', async () => {
    const { outbox: box, bodies } = outbox()
    const notes = new Notes()
    notes.tell('Left out: an image.')
    notes.leftOut('conversation', 'only for the model')
    const ports = {
      outbox: box,
      branch: null,
      serverUrl: '',
      botName: 'git-bob',
      addSubIssue: async () => {},
      addLabels: async () => {},
      redact: (t: string) => t
    }
    const links = await carryOut(
      { kind: 'reply', body: 'Answer.' },
      EVENT,
      { notes, transcript: new Transcript(notes) },
      ports
    )
    expect(links).toEqual(['https://github.com/octo/repo/issues/7#c1'])
    expect(bodies[0]).toContain('Answer.\n\n> [!NOTE]\n> Left out: an image.')
    expect(bodies[0]).not.toContain('only for the model')
    expect(bodies[0]).toContain('model: none')
  })
})

describe('reportFailure', () => {
  it('logs the error and posts a failure report that names the model tried', async () => {
    const { outbox: box, bodies } = outbox()
    const log = logger()
    const transcript = new Transcript()
    transcript.add({
      purpose: 'answer',
      provider: 'openai',
      requestedModel: 'gpt-4.1',
      servedModel: null,
      messages: [],
      answer: null,
      usage: { inputTokens: 0, outputTokens: 0 },
      durationMs: 1,
      attempts: 3,
      error: 'server error'
    })
    const result = await reportFailure(new Error('boom'), EVENT, box, transcript, log, (t) => t)
    expect(result).toMatchObject({ status: 'failed', posted: ['https://github.com/octo/repo/issues/7#c1'] })
    expect(bodies[0]).toContain('model: gpt-4.1 via openai, no answer')
    expect(bodies[0]).toContain('"failed":true')
    expect(log.errors).toHaveLength(1)
  })

  it('says in the log when the report cannot be posted either', async () => {
    const log = logger()
    const result = await reportFailure(new Error('boom'), EVENT, outbox(true).outbox, new Transcript(), log, (t) => t)
    expect(result.posted).toEqual([])
    expect(log.errors[1]).toContain('could not be reported on the thread either')
  })
  it('shows in the log where a bug was thrown in src/, and not for a failure git-bob knows', async () => {
    const bug = (() => {
      try {
        withNotes(null as unknown as Outcome, ['a note'])
      } catch (error) {
        return error
      }
    })()
    const log = logger()
    await reportFailure(bug, EVENT, outbox().outbox, new Transcript(), log, (t) => t)
    expect(log.errors[0]).toContain('Something unexpected went wrong')
    expect(log.infos.join('\n')).toMatch(/Where it failed:\n\s+at .*src\/effects\/carry-out\.ts:\d+/)

    const known = logger()
    await reportFailure(
      new ConfigError('the model input is empty'),
      EVENT,
      outbox().outbox,
      new Transcript(),
      known,
      (t) => t
    )
    expect(known.infos.join('\n')).not.toContain('Where it failed')
  })
})
