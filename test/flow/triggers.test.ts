// git-bob started without words: a label (git-bob:think, ...) and an assignment to its account, through the whole
// flow with real payloads. Each is gated like a comment, handled once, and a label comes off once handled.
import { describe, expect, it } from 'vitest'
import { GitRemote } from '../fakes/git-remote.ts'
import { example, exampleOf, type Payload } from '../fakes/payloads.ts'
import { useStage } from './stage.ts'

const stage = useStage()

function labeled(name: string, sender = 'mona'): Payload {
  const payload = example('issues', 'labeled')
  payload.label.name = name
  payload.sender.login = sender
  stage.github.labels.set(payload.issue.number as number, [name])
  return payload
}

const deletes = (): string[] => stage.github.requests.filter((r) => r.method === 'DELETE').map((r) => r.path)

describe('a label', () => {
  it('git-bob:think by a writer answers once, stamped, and the label comes off; a re-run posts nothing', async () => {
    stage.github.permissions.set('mona', 'write')
    stage.model.fallback = () => 'Here is what I think.'
    const payload = labeled('git-bob:think')
    const run = await stage.run({ eventName: 'issues', payload })
    expect(run.code).toBe(0)
    expect(run.outputs.command).toBe('comment')
    expect(run.outputs.status).toBe('answered')
    expect(stage.model.requests).toHaveLength(1)
    const posted = stage.github.postedComments(1)
    expect(posted).toHaveLength(1)
    expect(posted[0]!.body).toContain('Here is what I think.')
    expect(posted[0]!.body).toContain(`"request":"label:1:git-bob:think@${String(payload.issue.updated_at)}"`)
    expect(stage.github.labels.get(1)).toEqual([])
    expect(deletes()).toEqual(['/repos/Codertocat/Hello-World/issues/1/labels/git-bob%3Athink'])
    expect(run.stdout).toContain('The label "git-bob:think" was taken off.')
    expect(run.summary).toContain('label git-bob:think by @mona')

    const again = await stage.run({ eventName: 'issues', payload })
    expect(again.outputs.status).toBe('already-answered')
    expect(stage.github.postedComments(1)).toHaveLength(1)
    expect(stage.model.requests).toHaveLength(1)
  })

  it("an outsider's label is ignored with a log line, no reply, no model, and taken off", async () => {
    stage.github.permissions.set('mallory', 'triage')
    const run = await stage.run({ eventName: 'issues', payload: labeled('git-bob:implement', 'mallory') })
    expect(run.code).toBe(0)
    expect(run.stdout).toContain('Nothing to do: mallory has triage permission; write, maintain or admin is needed.')
    expect(stage.model.requests).toHaveLength(0)
    expect(stage.github.postedComments(1)).toEqual([])
    expect(stage.github.reactions).toEqual([])
    expect(stage.github.labels.get(1)).toEqual([])
  })

  it('any other label, and a label a bot added, start nothing and cost no API call', async () => {
    const bug = await stage.run({ eventName: 'issues', payload: labeled('bug') })
    expect(bug.stdout).toContain('Nothing to do: the label "bug" is not one of git-bob\'s.')
    const byBot = labeled('git-bob:think', 'github-actions[bot]')
    byBot.sender.type = 'Bot'
    const bot = await stage.run({ eventName: 'issues', payload: byBot })
    expect(bot.stdout).toContain('github-actions[bot] is a bot that is not listed in the allowed-bots input')
    expect(stage.github.requests).toEqual([])
    expect(stage.github.labels.get(1)).toEqual(['git-bob:think'])
  })

  it('a failure is reported on the thread, which says the label came off; the label comes off', async () => {
    stage.github.permissions.set('mona', 'admin')
    stage.model.fallback = () => ({ status: 500 })
    const run = await stage.run({
      eventName: 'issues',
      payload: labeled('git-bob:think'),
      inputs: { 'model-retries': '0' }
    })
    expect(run.code).toBe(1)
    const [report] = stage.github.postedComments(1)
    expect(report!.body).toContain('I could not finish this request.')
    expect(report!.body).toContain('I took the label `git-bob:think` off so that it does not start me again')
    expect(stage.github.labels.get(1)).toEqual([])
  })

  it('git-bob:review on a pull request (pull_request.labeled) reviews it', async () => {
    const payload = example('pull_request', 'labeled')
    payload.label.name = 'git-bob:review'
    const number = payload.pull_request.number as number
    stage.github.permissions.set(payload.sender.login as string, 'write')
    stage.github.labels.set(number, ['git-bob:review'])
    stage.github.addPull(number, {
      files: [
        { filename: 'a.py', status: 'modified', additions: 1, deletions: 0, patch: '@@ -1 +1 @@\n-x = 1\n+x = 2' }
      ],
      headSha: payload.pull_request.head.sha as string
    })
    stage.model.fallback = () => JSON.stringify({ fulfils: 'Yes.', risks: [], missing: [], comments: [] })
    const run = await stage.run({ eventName: 'pull_request', payload })
    expect(run.outputs.command).toBe('review')
    expect(stage.github.postedReviews(number), run.stdout).toHaveLength(1)
    expect(stage.github.labels.get(number)).toEqual([])
  })

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

describe('an assignment', () => {
  function assigned(assignee: string, sender = 'mona'): Payload {
    const payload = example('issues', 'assigned')
    payload.assignee.login = assignee
    payload.sender.login = sender
    return payload
  }

  it("to git-bob's account (bot-login) by a writer runs assign-command; to anyone else, nothing", async () => {
    stage.github.permissions.set('mona', 'write')
    stage.model.fallback = () => 'I had a look.'
    const inputs = { 'bot-login': 'bob-app[bot]' }
    const other = await stage.run({ eventName: 'issues', payload: assigned('alice'), inputs })
    expect(other.stdout).toContain('the issue was assigned to @alice, not to the account in the bot-login input')
    expect(stage.github.requests).toEqual([])

    const run = await stage.run({ eventName: 'issues', payload: assigned('bob-app[bot]'), inputs })
    expect(run.outputs.command).toBe('comment')
    expect(stage.github.postedComments(1)).toHaveLength(1)
    expect(stage.github.postedComments(1)[0]!.body).toContain('I had a look.')
  })

  it('by someone without write access: ignored with a log line, nothing posted', async () => {
    stage.github.permissions.set('eve', 'read')
    const run = await stage.run({
      eventName: 'issues',
      payload: assigned('bob-app[bot]', 'eve'),
      inputs: { 'bot-login': 'bob-app[bot]' }
    })
    expect(run.stdout).toContain('Nothing to do: eve has read permission')
    expect(stage.model.requests).toHaveLength(0)
    expect(stage.github.writes).toEqual([])
  })
})

describe('a triage run (schedule)', () => {
  function openIssue(number: number, login: string, title: string, createdAt: string): void {
    stage.github.issues.set(number, { id: 9000 + number, number, title, body: `${title}, details.`, createdAt, login })
  }

  it('labels or answers the newest unlabelled issues git-bob has not answered, at most triage-max-issues, once', async () => {
    stage.github.repoLabels.push('bug', 'question', 'documentation', 'git-bob:implement')
    openIssue(11, 'stranger', 'The plot crashes', '2025-03-05T00:00:00Z')
    openIssue(12, 'mona', 'How do I install it?', '2025-03-04T00:00:00Z')
    openIssue(13, 'ann', 'Already labelled', '2025-03-03T00:00:00Z')
    stage.github.labels.set(13, ['bug'])
    openIssue(14, 'ann', 'Answered before', '2025-03-02T00:00:00Z')
    stage.github.addComment(14, {
      login: 'github-actions[bot]',
      userType: 'Bot',
      body: '<!-- git-bob-message {"request":"issue_comment:1"} -->\nAn answer.'
    })
    openIssue(15, 'ann', 'Too old for this run', '2025-03-01T00:00:00Z')
    stage.model.fallback = (request) => {
      const prompt = request.messages.map((m) => String(m.content)).join('\n')
      if (prompt.includes('The plot crashes'))
        return JSON.stringify({
          action: 'label',
          labels: ['Bug', 'wontfix', 'git-bob:implement'],
          reason: 'It is a crash.',
          answer: ''
        })
      return JSON.stringify({ action: 'answer', labels: [], reason: '', answer: 'Run `pip install hello`.' })
    }
    const inputs = { 'triage-max-issues': '2' }
    const run = await stage.run({ eventName: 'schedule', payload: { schedule: '17 6 * * *' }, inputs })
    expect(run.code, run.stdout).toBe(0)
    expect(stage.model.requests).toHaveLength(2)
    // Only labels the repository has, spelt its way; a made-up one is dropped, and git-bob's own are never offered
    // or added (an outsider's issue could steer the model to one that starts git-bob).
    expect(stage.github.labels.get(11)).toEqual(['bug'])
    for (const request of stage.model.requests) expect(JSON.stringify(request.body)).not.toContain('git-bob:implement')
    expect(stage.github.postedComments(11)[0]!.body).toContain('I labelled this issue `bug`. It is a crash.')
    expect(stage.github.postedComments(11)[0]!.body).toContain('"request":"triage:11"')
    expect(stage.github.postedComments(12)[0]!.body).toContain('Run `pip install hello`.')
    for (const n of [13, 14, 15]) expect(stage.github.postedComments(n).length).toBeLessThanOrEqual(1)
    expect(stage.github.postedComments(15)).toEqual([])
    expect(run.summary).toContain('## git-bob triage')
    expect(run.summary).toMatch(/\| #11 \| answered \|/)
    expect(run.summary).toMatch(/\| #12 \| answered \|/)
    expect(stage.github.requests.some((r) => r.method === 'POST' && r.path.endsWith('/labels'))).toBe(true)

    // The next run takes the next issue; 11 and 12 are not triaged twice.
    const next = await stage.run({ eventName: 'schedule', payload: { schedule: '17 6 * * *' }, inputs })
    expect(next.code, next.stdout).toBe(0)
    expect(stage.github.postedComments(11)).toHaveLength(1)
    expect(stage.github.postedComments(12)).toHaveLength(1)
    expect(stage.github.postedComments(15)).toHaveLength(1)
    expect(stage.model.requests).toHaveLength(3)
  })

  it('a spent budget ends the triage quietly: the issues left get no "budget spent" reply', async () => {
    openIssue(21, 'ann', 'First', '2025-03-05T00:00:00Z')
    openIssue(22, 'bo', 'Second', '2025-03-04T00:00:00Z')
    openIssue(23, 'cy', 'Third', '2025-03-03T00:00:00Z')
    stage.model.fallback = () => JSON.stringify({ action: 'answer', labels: [], reason: '', answer: 'An answer.' })
    // Each answer costs $0.0048 (budget.test.ts): two fit under $0.009 a day, the third does not.
    const inputs = { 'budget-daily-usd': '0.009', 'budget-monthly-usd': '100' }
    const run = await stage.run({
      eventName: 'schedule',
      payload: { schedule: '17 6 * * *' },
      inputs,
      now: () => Date.parse('2026-03-02T10:00:00Z')
    })
    expect(run.code, run.stdout).toBe(0)
    expect(stage.github.postedComments(21)).toHaveLength(1)
    expect(stage.github.postedComments(22)).toHaveLength(1)
    expect(stage.github.postedComments(23)).toEqual([])
    expect(run.stdout).toContain('The budget is spent: 1 issue left for the next triage.')
  })

  it('a dispatch asking for triage is gated: a reader starts nothing', async () => {
    const payload = exampleOf('workflow_dispatch')
    payload.inputs = { command: 'triage' }
    payload.repository = example('issues', 'labeled').repository
    payload.sender.login = 'eve'
    stage.github.permissions.set('eve', 'read')
    openIssue(11, 'stranger', 'The plot crashes', '2025-03-05T00:00:00Z')
    const run = await stage.run({ eventName: 'workflow_dispatch', payload })
    expect(run.stdout, run.stdout).toContain('Nothing to do: eve has read permission; write is needed.')
    expect(stage.model.requests).toHaveLength(0)
    expect(stage.github.writes).toEqual([])
  })
})
