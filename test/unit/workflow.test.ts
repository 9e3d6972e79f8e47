// The example workflow is what users copy. Its `if:` filters are evaluated with GitHub's own expression
// evaluator (@actions/expressions) against real webhook payloads, and its "needs Python" step runs in bash.
import { spawnSync } from 'node:child_process'
import { mkdtempSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { parse } from 'yaml'
import { evaluate, inside } from '../fakes/expressions.ts'
import { example, exampleOf, issueCommentPayload, type Payload } from '../fakes/payloads.ts'

interface Step {
  id?: string
  if?: string
  run?: string
  uses?: string
  with?: Record<string, string>
}
interface Job {
  if: string
  concurrency?: { group: string; 'cancel-in-progress': boolean; queue?: string }
  env: Record<string, string>
  steps: Step[]
}
interface Workflow {
  on: Record<string, { types: string[] }>
  concurrency?: unknown
  jobs: Record<string, Job>
}

const root = new URL('../../', import.meta.url)
const text = readFileSync(new URL('examples/git-bob.yml', root), 'utf8')
const workflow = parse(text) as Workflow
const job = workflow.jobs['git-bob']!

function runsFor(eventName: string, event: Payload, vars: Record<string, string> = {}): boolean {
  return evaluate(job.if, { github: { event_name: eventName, event }, vars }) === true
}

function request(eventName: string, event: Payload): string {
  return String(evaluate(inside(job.env.REQUEST!), { github: { event_name: eventName, event } }))
}

/** Runs the "needs" step's script as the runner runs `shell: bash`, with the request in the environment. */
function needsPython(body: string, env: Record<string, string> = {}): boolean {
  const step = job.steps.find((s) => s.id === 'needs')!
  const dir = mkdtempSync(join(tmpdir(), 'git-bob-workflow-'))
  const output = join(dir, 'output')
  const result = spawnSync('bash', ['--noprofile', '--norc', '-eo', 'pipefail', '-c', step.run!], {
    env: { PATH: process.env.PATH, REQUEST: body, GITHUB_OUTPUT: output, ...env },
    encoding: 'utf8'
  })
  expect(result.status, result.stderr).toBe(0)
  let written = ''
  try {
    written = readFileSync(output, 'utf8')
  } catch {
    // no output file: the step wrote nothing
  }
  return /^python=true$/m.test(written)
}

describe('the example workflow', () => {
  it('is the workflow this repository runs, apart from where the action comes from', () => {
    const own = readFileSync(new URL('.github/workflows/git-bob.yml', root), 'utf8')
    const strip = (t: string): string =>
      t.replace(/^(# .*\n)+/, '').replace(/uses: (\.\/|haesleinhuepf\/git-bob-ts@v0)\n/, 'uses: ACTION\n')
    expect(strip(own)).toBe(strip(text))
  })

  it('queues requests per thread at job level, so comments the filter skips never join the group', () => {
    expect(workflow.concurrency).toBeUndefined()
    expect(job.concurrency).toEqual({
      group:
        'git-bob-${{ github.event.issue.number || github.event.pull_request.number || github.event.workflow_run.pull_requests[0].number }}',
      'cancel-in-progress': false,
      queue: 'max'
    })
  })

  it('starts a runner for a comment that addresses git-bob, not for others', () => {
    expect(runsFor('issue_comment', issueCommentPayload({ body: 'git-bob think about this' }))).toBe(true)
    expect(runsFor('issue_comment', issueCommentPayload({ body: 'thanks, that helped!' }))).toBe(false)
    // GitHub's == takes a missing reviewer as equal to an unset variable (''): the filter must not.
    expect(runsFor('issue_comment', issueCommentPayload({ body: 'thanks!' }), { GIT_BOB_LOGIN: '' })).toBe(false)
    expect(runsFor('issue_comment', issueCommentPayload({ body: 'thanks!' }), { GIT_BOB_LOGIN: 'bob[bot]' })).toBe(
      false
    )
    const opened = example('issues', 'opened')
    opened.issue.body = 'The plot is empty. git-bob comment'
    expect(runsFor('issues', opened)).toBe(true)
    opened.issue.body = 'The plot is empty.'
    expect(runsFor('issues', opened)).toBe(false)
  })

  it('starts a runner for a review request only when it names the GIT_BOB_LOGIN account', () => {
    const requested = example('pull_request', 'review_requested')
    const login = requested.requested_reviewer.login as string
    expect(runsFor('pull_request', requested)).toBe(false)
    expect(runsFor('pull_request', requested, { GIT_BOB_LOGIN: 'someone-else' })).toBe(false)
    expect(runsFor('pull_request', requested, { GIT_BOB_LOGIN: login })).toBe(true)
    const input = job.steps.find((s) => s.uses?.startsWith('haesleinhuepf/git-bob-ts'))!.with!['bot-login']
    expect(input).toBe('${{ vars.GIT_BOB_LOGIN }}')
  })

  it('starts a runner for a git-bob: label and an assignment to GIT_BOB_LOGIN, not for other labels or people', () => {
    const labeled = example('issues', 'labeled')
    labeled.label.name = 'git-bob:implement'
    expect(runsFor('issues', labeled)).toBe(true)
    labeled.label.name = 'bug'
    expect(runsFor('issues', labeled)).toBe(false)
    const onPull = example('pull_request', 'labeled')
    onPull.label.name = 'git-bob:review'
    expect(runsFor('pull_request', onPull)).toBe(true)
    const assigned = example('issues', 'assigned')
    const login = assigned.assignee.login as string
    expect(runsFor('issues', assigned)).toBe(false)
    expect(runsFor('issues', assigned, { GIT_BOB_LOGIN: 'someone-else' })).toBe(false)
    expect(runsFor('issues', assigned, { GIT_BOB_LOGIN: login })).toBe(true)
    expect(text).toContain('# types: [opened, labeled, assigned]')
    expect(text).toContain('# types: [review_requested, labeled]')
  })

  it('starts a runner on the schedule, and for a dispatch only when it asks for triage', () => {
    expect(runsFor('schedule', { schedule: '17 6 * * *' })).toBe(true)
    const dispatch = exampleOf('workflow_dispatch')
    dispatch.inputs = { command: 'triage' }
    expect(runsFor('workflow_dispatch', dispatch)).toBe(true)
    dispatch.inputs = { command: 'deploy' }
    expect(runsFor('workflow_dispatch', dispatch)).toBe(false)
    expect(text).toContain("#   - cron: '17 6 * * *'")
  })

  it("starts a runner for a workflow run that failed on a git-bob/ branch, not for others'", () => {
    const run = example('workflow_run', 'completed', 2)
    run.workflow_run.conclusion = 'failure'
    run.workflow_run.head_branch = 'git-bob/issue-1'
    expect(runsFor('workflow_run', run)).toBe(true)
    run.workflow_run.head_branch = 'feature'
    expect(runsFor('workflow_run', run)).toBe(false)
    run.workflow_run.head_branch = 'git-bob/issue-1'
    run.workflow_run.conclusion = 'timed_out'
    expect(runsFor('workflow_run', run)).toBe(true)
    run.workflow_run.conclusion = 'success'
    expect(runsFor('workflow_run', run)).toBe(false)
  })

  it('sets up Python for the label git-bob:implement and for a failed check to fix', () => {
    expect(needsPython('', { LABEL: 'Git-Bob:Implement' })).toBe(true)
    expect(needsPython('', { LABEL: 'git-bob:think' })).toBe(false)
    expect(needsPython('', { CHECKS: 'failure' })).toBe(true)
    expect(needsPython('', { CHECKS: 'timed_out' })).toBe(true)
    expect(needsPython('', { CHECKS: 'success' })).toBe(false)
    expect(job.env.LABEL).toBe('${{ github.event.label.name }}')
    expect(job.env.CHECKS).toBe('${{ github.event.workflow_run.conclusion }}')
  })

  it('reads the request from the comment, the review or the issue', () => {
    expect(request('issue_comment', issueCommentPayload({ body: 'git-bob implement this' }))).toBe(
      'git-bob implement this'
    )
    const review = example('pull_request_review', 'submitted')
    review.review.body = 'git-bob review'
    expect(request('pull_request_review', review)).toBe('git-bob review')
  })

  it('sets up Python only for requests that change files', () => {
    for (const body of [
      'git-bob implement this',
      'Git-Bob, please solve it',
      '@git-bob try a notebook',
      'looks good.\ngit-bob apply the suggestion',
      'git-bob ask claude to implement this',
      'git-bob go'
    ])
      expect(needsPython(body), body).toBe(true)
    for (const body of [
      'git-bob comment on the chemistry entry',
      'git-bob think about it; we could try later',
      'I will try git-bob implementation later',
      'entry',
      'git-bob implementation details?',
      'git-bob good point'
    ])
      expect(needsPython(body), body).toBe(false)
  })

  it('keeps the request out of the script text (it comes through the environment)', () => {
    for (const step of job.steps) if (step.run) expect(step.run).not.toContain('${{')
  })
})
