// git-bob started without words: a label (git-bob:think, ...) and an assignment to its account, through the whole
// flow with real payloads. Each is gated like a comment, handled once, and a label comes off once handled.
import { describe, expect, it } from 'vitest'
import { example, type Payload } from '../fakes/payloads.ts'
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
