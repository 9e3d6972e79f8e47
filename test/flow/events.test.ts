// Every event git-bob listens to, from real payloads, and the help command.
import { describe, expect, it } from 'vitest'
import { example } from '../fakes/payloads.ts'
import { useStage } from './stage.ts'

const stage = useStage()

const DIFF = `diff --git a/README.md b/README.md
index 1111111..2222222 100644
--- a/README.md
+++ b/README.md
@@ -1 +1,2 @@
 # Hello-World
+Greetings from the pull request.
`

describe('events', () => {
  it('answers an issue opened with a command in its body, reacting on the issue', async () => {
    const payload = example('issues', 'opened')
    payload.issue.body = 'Plot the counts per year.\n\ngit-bob think about this'
    const run = await stage.run({ eventName: 'issues', payload })
    expect(run.code).toBe(0)
    expect(stage.github.reactions).toEqual([{ target: `issue:${payload.issue.number}`, content: 'eyes' }])
    expect(stage.github.postedComments(payload.issue.number)).toHaveLength(1)
    const prompt = String(stage.model.requests[0]!.body.messages[1]!.content)
    expect(prompt).toMatch(/description by @Codertocat .*THIS IS THE REQUEST YOU ANSWER/)
  })

  it('ignores an issue opened without a command', async () => {
    const run = await stage.run({ eventName: 'issues', payload: example('issues', 'opened') })
    expect(run.code).toBe(0)
    expect(stage.github.requests).toEqual([])
  })

  it('on a pull request conversation, sends the diff and the changed files', async () => {
    stage.github.addPull(1, {
      diff: DIFF,
      files: [{ filename: 'README.md', status: 'modified', additions: 1, deletions: 0 }]
    })
    const run = await stage.comment({ body: 'git-bob comment', pullRequest: true })
    expect(run.code).toBe(0)
    const prompt = String(stage.model.requests[0]!.body.messages[1]!.content)
    expect(prompt).toContain('# Pull request #1 in Codertocat/Hello-World')
    expect(prompt).toContain('- README.md (modified, +1 −0)')
    expect(prompt).toContain('+Greetings from the pull request.')
    expect(stage.github.postedComments(1)).toHaveLength(1)
  })

  it('answers an inline review comment in its review thread', async () => {
    const payload = example('pull_request_review_comment', 'created')
    payload.comment.body = 'git-bob, why is this line needed?\n\ngit-bob answer'
    // The first example in @octokit/webhooks-examples has no "line" (only the legacy "position").
    payload.comment.line = 1
    const number = payload.pull_request.number as number
    const pull = stage.github.addPull(number, {
      diff: DIFF,
      files: [{ filename: 'README.md', status: 'modified', additions: 1, deletions: 0 }]
    })
    pull.reviewComments.push({
      id: payload.comment.id,
      login: 'Codertocat',
      userType: 'User',
      association: 'OWNER',
      body: payload.comment.body,
      createdAt: payload.comment.created_at,
      updatedAt: payload.comment.updated_at,
      path: 'README.md',
      line: 1
    })
    const run = await stage.run({ eventName: 'pull_request_review_comment', payload })
    expect(run.code).toBe(0)
    expect(stage.github.reactions).toEqual([{ target: `review_comment:${payload.comment.id}`, content: 'eyes' }])
    const reply = stage.github.requests.find(
      (r) => r.method === 'POST' && r.path.endsWith(`/pulls/${number}/comments/${payload.comment.id}/replies`)
    )
    expect(reply).toBeDefined()
    expect(pull.reviewComments.filter((c) => c.login === 'github-actions[bot]')).toHaveLength(1)
    const prompt = String(stage.model.requests[0]!.body.messages[1]!.content)
    expect(prompt).toMatch(/review comment on README.md(:\d+)? by @Codertocat .*THIS IS THE REQUEST YOU ANSWER/)
  })

  it('answers a submitted review whose body holds a command, on the pull request', async () => {
    const payload = example('pull_request_review', 'submitted')
    payload.review.body = 'Mostly fine. git-bob comment on the naming, please.'
    const number = payload.pull_request.number as number
    stage.github.addPull(number, { diff: DIFF })
    const run = await stage.run({ eventName: 'pull_request_review', payload })
    expect(run.code).toBe(0)
    expect(stage.github.postedComments(number)).toHaveLength(1)
    const prompt = String(stage.model.requests[0]!.body.messages[1]!.content)
    expect(prompt).toContain('Mostly fine.')
  })

  it('ignores a submitted review without a body', async () => {
    const run = await stage.run({
      eventName: 'pull_request_review',
      payload: example('pull_request_review', 'submitted')
    })
    expect(run.code).toBe(0)
    expect(stage.github.requests).toEqual([])
  })

  it('ignores events it does not handle', async () => {
    const run = await stage.run({ eventName: 'push', payload: { ref: 'refs/heads/main' } })
    expect(run.code).toBe(0)
    expect(run.stdout).toContain('git-bob does not handle "push" events')
    expect(stage.github.requests).toEqual([])
  })

  it('ignores pull_request events other than a review request', async () => {
    const run = await stage.run({ eventName: 'pull_request', payload: example('pull_request', 'opened') })
    expect(run.code).toBe(0)
    expect(run.stdout).toContain('pull_request.opened does not start git-bob')
    expect(stage.github.requests).toEqual([])
  })

  it('answers "help" with every command and the configured model, without asking a model', async () => {
    const run = await stage.comment({ body: 'git-bob help' }, { inputs: { model: 'openai:gpt-4.1-mini' } })
    expect(run.code).toBe(0)
    const body = stage.github.postedComments(1)[0]!.body
    expect(body).toContain('`git-bob think about this`')
    expect(body).toContain('(also: `comment`, `respond`, `answer`, `explain`, `summarise`, `summarize`)')
    expect(body).toMatch(/^- `git-bob review`: on a pull request: a review with line comments .*never approves.*$/m)
    expect(body).toMatch(/^- `git-bob split this`: turns an issue into sub-issues.*$/m)
    expect(body).toContain('`git-bob help`')
    expect(body).toContain('[README](https://github.com/haesleinhuepf/git-bob-ts#readme)')
    expect(body).toContain('openai:gpt-4.1-mini')
    expect(body).toContain('model: none')
    expect(stage.model.requests).toEqual([])
    expect(run.outputs.command).toBe('help')
  })

  it('marks in help what the workflow has not set up, from its inputs: deploy without deploy-workflow', async () => {
    const bare = await stage.comment({ body: 'git-bob help' }, { inputs: { model: 'openai:gpt-4.1-mini' } })
    expect(bare.code).toBe(0)
    const rows = (body: string): string[] => body.split('\n').filter((l) => l.includes('**Not set up here:**'))
    const first = rows(stage.github.postedComments(1)[0]!.body)
    expect(first).toHaveLength(1)
    expect(first[0]).toMatch(/^- `git-bob deploy`: .*set the `deploy-workflow` input/)
    const set = await stage.comment(
      { body: 'git-bob help', commentId: 78 },
      { inputs: { model: 'openai:gpt-4.1-mini', 'deploy-workflow': 'release.yml' } }
    )
    expect(set.code).toBe(0)
    expect(rows(stage.github.postedComments(1).at(-1)!.body)).toEqual([])
  })

  it('does not post the help text twice when the workflow is re-run', async () => {
    const first = await stage.comment({ body: 'git-bob help' })
    const again = await stage.run({ eventName: 'issue_comment', payload: first.payload })
    expect(again.outputs.status).toBe('already-answered')
    expect(stage.github.postedComments(1)).toHaveLength(1)
  })

  it('answers an unknown verb with the help text', async () => {
    const run = await stage.comment({ body: 'git-bob dance' })
    expect(run.code).toBe(0)
    const body = stage.github.postedComments(1)[0]!.body
    expect(body).toContain('I don\'t know the command "dance"')
    expect(body).toContain('`git-bob think about this`')
    expect(body).toContain('`git-bob review`')
    expect(body).toContain('`git-bob split this`')
  })

  it('uses a custom bot name for the grammar and the stamp', async () => {
    const run = await stage.comment({ body: 'Bio-Bob, please comment' }, { inputs: { 'bot-name': 'bio-bob' } })
    expect(run.outputs.status).toBe('answered')
    expect(stage.github.postedComments(1)[0]!.body).toContain('generated by bio-bob / [git-bob]')
    const ignored = await stage.comment({ body: 'git-bob comment' }, { inputs: { 'bot-name': 'bio-bob' } })
    expect(ignored.outputs.status).toBeUndefined()
  })
})
