// The built action started by a label, with real `issues.labeled` payloads: an outsider's git-bob:implement is
// ignored and taken off; a maintainer's implements and opens a pull request, and the label comes off.
// What each trigger does in detail is tested in test/flow/triggers.test.ts, in process.
import { describe, expect, it } from 'vitest'
import { GitRemote } from '../fakes/git-remote.ts'
import { example } from '../fakes/payloads.ts'
import { useStage } from './scenario.ts'

const stage = useStage()

describe('the built action, started by a label', () => {
  it("ignores an outsider's git-bob:implement; implements a maintainer's, and takes each label off", async () => {
    const repo = new GitRemote({ 'README.md': '# Hello-World\n' })
    stage.model.fallback = (request) => {
      const schema = request.response_format?.json_schema?.name ?? ''
      if (schema === 'change_plan')
        return JSON.stringify({
          title: 'Add a greeting',
          summary: 'Says hello.',
          actions: [{ action: 'create', path: 'hello.py', source: null, reason: 'asked for' }]
        })
      if (schema === 'file_content') return JSON.stringify({ content: 'print("hello")\n', note: 'wrote hello.py' })
      return 'A plain answer.'
    }
    const payload = example('issues', 'labeled')
    payload.label.name = 'git-bob:implement'

    payload.sender.login = 'mallory'
    stage.github.permissions.set('mallory', 'triage')
    stage.github.labels.set(1, ['git-bob:implement'])
    const outsider = await stage.run({ eventName: 'issues', payload, workspace: repo.workspace })
    expect(outsider.code, stage.said(outsider)).toBe(0)
    expect(outsider.stdout, stage.said(outsider)).toContain('Nothing to do: mallory has triage permission')
    expect(stage.github.labels.get(1), stage.said(outsider)).toEqual([])
    expect(stage.model.requests, stage.said(outsider)).toHaveLength(0)

    payload.sender.login = 'mona'
    payload.issue.updated_at = '2030-01-01T00:00:00Z'
    stage.github.permissions.set('mona', 'maintain')
    stage.github.labels.set(1, ['git-bob:implement'])
    const run = await stage.run({ eventName: 'issues', payload, workspace: repo.workspace })
    expect(run.code, stage.said(run)).toBe(0)
    expect(run.outputs.command, stage.said(run)).toBe('implement')
    expect(repo.show('git-bob/issue-1', 'hello.py')).toContain('print("hello")')
    expect(stage.github.pullRequests, stage.said(run)).toHaveLength(1)
    expect(stage.github.labels.get(1), stage.said(run)).toEqual([])
    expect(stage.github.reactions, stage.said(run)).toEqual([{ target: 'issue:1', content: 'eyes' }])
  })
})
