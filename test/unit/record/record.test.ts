import { describe, expect, it } from 'vitest'
import { RunRecord, requestFacts, timeLine } from '../../../src/record/record.ts'
import type { TriggerEvent } from '../../../src/trigger/event.ts'

const EVENT = {
  request: { source: 'issue_comment', author: { login: 'alice' }, url: 'https://github.com/o/r/issues/7#c9' }
} as Pick<TriggerEvent, 'request'> as TriggerEvent

describe('timeLine', () => {
  it('splits the run time into model, notebooks, git and the rest', () => {
    expect(timeLine(10_000, { model: 4_000, notebooks: 2_500, checks: null, git: 500 })).toBe(
      'total 10.0 s: model 4.0 s, notebooks 2.5 s, git 0.5 s, GitHub and the rest 3.0 s'
    )
    expect(timeLine(1_000, { model: 2_000, notebooks: null, checks: null, git: null })).toContain(
      'GitHub and the rest 0.0 s'
    )
  })

  it('names only the parts the run had', () => {
    expect(timeLine(3_000, { model: 2_000, notebooks: null, checks: null, git: null })).toBe(
      'total 3.0 s: model 2.0 s, GitHub and the rest 1.0 s'
    )
    expect(timeLine(500, { model: null, notebooks: null, checks: null, git: null })).toBe('total 0.5 s')
    expect(timeLine(3_000, { model: 2_000, notebooks: null, checks: null, git: null }, 'GitLab')).toBe(
      'total 3.0 s: model 2.0 s, GitLab and the rest 1.0 s'
    )
  })

  it('names the time the checks took, when they ran', () => {
    expect(timeLine(10_000, { model: 4_000, notebooks: null, checks: 3_000, git: 500 })).toBe(
      'total 10.0 s: model 4.0 s, checks 3.0 s, git 0.5 s, GitHub and the rest 2.5 s'
    )
  })
})

describe('requestFacts', () => {
  it('names the request and the command, and the model asked for', () => {
    expect(requestFacts(EVENT, { kind: 'known', verb: 'comment', word: 'think', args: '', model: 'claude' })).toEqual([
      ['request', '[issue comment by @alice](https://github.com/o/r/issues/7#c9)'],
      ['command', 'comment, asking for the model claude']
    ])
    expect(requestFacts(EVENT, { kind: 'unknown', word: 'dance', args: '' })[1]).toEqual([
      'command',
      'unknown ("dance")'
    ])
  })

  it("names GitLab's pipeline schedule, which is no user, without an @", () => {
    const triage = {
      request: { source: 'triage', author: { login: 'GitLab pipeline schedule' }, url: 'https://gl/g/p/-/issues/3' }
    } as Pick<TriggerEvent, 'request'> as TriggerEvent
    expect(requestFacts(triage, { kind: 'known', verb: 'triage', word: 'triage', args: '' })[0]).toEqual([
      'request',
      '[triage by GitLab pipeline schedule](https://gl/g/p/-/issues/3)'
    ])
  })
})

describe('RunRecord', () => {
  it('writes the summary with the facts, the outcome and the notes for people, and sets the outputs', async () => {
    let now = 1_000
    const record = new RunRecord(() => now)
    record.fact('permission', 'alice owns the repository')
    record.notes.tell('Left out: an image.')
    record.spent.git = { gitMs: 1_000 }
    // A comment run has a notebook runner too, which ran nothing: no "notebooks 0.0 s".
    record.spent.notebooks = { elapsedMs: 0, isolation: null }
    now = 4_000
    const summaries: string[] = []
    const outputs: Record<string, string> = {}
    await record.close(
      { status: 'answered', reason: 'comment', posted: ['https://x/1', 'https://x/2'] },
      'git-bob on #7',
      { forge: 'GitHub', calls: 3 },
      { writeSummary: async (m) => void summaries.push(m), setOutput: (n, v) => void (outputs[n] = v) },
      (t) => t.replace('alice', '***')
    )
    expect(summaries[0]).toContain('## git-bob on #7')
    expect(summaries[0]).toContain('| permission | *** owns the repository |')
    expect(summaries[0]).toContain('| outcome | answered: https://x/1, https://x/2 |')
    expect(summaries[0]).toContain('| GitHub API calls | 3 |')
    expect(summaries[0]).toContain('| time | total 3.0 s: git 1.0 s, GitHub and the rest 2.0 s |')
    expect(summaries[0]).not.toContain('notebooks')
    expect(summaries[0]).toContain('| note | Left out: an image. |')
    expect(outputs).toEqual({ status: 'answered', 'comment-url': 'https://x/1' })
  })
})
