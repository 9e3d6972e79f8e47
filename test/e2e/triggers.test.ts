// The built action started without a comment, with real payloads: `issues.labeled` (an outsider's git-bob:implement
// is ignored and taken off; a maintainer's implements and opens a pull request, and the label comes off), and a
// `workflow_run.completed` set to failure on git-bob's own pull request (a fix pushed to its branch).
// What each trigger does in detail is tested in test/flow/triggers.test.ts and check-fix.test.ts, in process.
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

describe('the built action, started by a failing check', () => {
  it("pushes a fix to git-bob's own pull request, with the failing job's log in the request, and says so", async () => {
    const branch = 'git-bob/issue-1'
    const repo = new GitRemote({ 'README.md': '# Hello-World\n', 'calc.py': 'def add(a, b):\n    return a - b\n' })
    repo.humanPush(branch, { 'calc.py': 'def add(a, b):\n    return a - b\n\n# wip\n' }, 'Add calc')
    const sha = 'c'.repeat(40)
    stage.github.pullRequests.push({
      number: 1,
      title: 'Add calc',
      body: '',
      head: branch,
      base: 'master',
      state: 'open',
      headRepo: 'Codertocat/Hello-World',
      login: 'github-actions[bot]'
    })
    stage.github.addPull(1, { diff: '', headSha: sha })
    stage.github.checkRuns.set(sha, [
      { id: 77, name: 'test', status: 'completed', conclusion: 'failure', app: 'github-actions' }
    ])
    stage.github.jobLogs.set(77, 'FAILED test_calc.py::test_add - assert -1 == 3\n')
    stage.model.fallback = (request) => {
      if (request.response_format?.json_schema?.name === 'change_plan')
        return JSON.stringify({
          title: 'Fix add',
          summary: 'add subtracted.',
          actions: [{ action: 'modify', path: 'calc.py', source: null, reason: 'the failing test' }]
        })
      return JSON.stringify({ content: 'def add(a, b):\n    return a + b\n', note: 'fixed add' })
    }
    const payload = example('workflow_run', 'completed', 2)
    payload.repository = example('issues', 'labeled').repository
    Object.assign(payload.workflow_run, { name: 'CI', conclusion: 'failure', head_branch: branch, head_sha: sha })
    payload.workflow_run.head_repository.full_name = payload.repository.full_name
    Object.assign(payload.workflow_run.pull_requests[0], { number: 1 })
    Object.assign(payload.workflow_run.pull_requests[0].head, { ref: branch, sha })

    const run = await stage.run({ eventName: 'workflow_run', payload, workspace: repo.workspace })
    expect(run.code, stage.said(run)).toBe(0)
    expect(repo.show(branch, 'calc.py'), stage.said(run)).toContain('return a + b')
    expect(repo.log(branch)[0], stage.said(run)).toBe('Fix add')
    const prompt = stage.model.requests.map((r) => JSON.stringify(r.body.messages)).join('')
    expect(prompt, stage.said(run)).toContain('FAILED test_calc.py::test_add')
    const [said] = stage.github.postedComments(1)
    expect(said?.body, stage.said(run)).toContain("to this pull request's branch `git-bob/issue-1`")
    expect(said?.body, stage.said(run)).toContain(`"request":"check_fix:1@${'c'.repeat(12)}"`)
  })
})
