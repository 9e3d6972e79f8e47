// The example workflow is what users copy. Its `if:` filters are evaluated with GitHub's own expression
// evaluator (@actions/expressions) against real webhook payloads, and its "needs Python" step runs in bash.
import { spawnSync } from 'node:child_process'
import { mkdtempSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { parse } from 'yaml'
import { evaluate, inside } from '../fakes/expressions.ts'
import { example, issueCommentPayload, type Payload } from '../fakes/payloads.ts'

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
function needsPython(body: string): boolean {
  const step = job.steps.find((s) => s.id === 'needs')!
  const dir = mkdtempSync(join(tmpdir(), 'git-bob-workflow-'))
  const output = join(dir, 'output')
  const result = spawnSync('bash', ['--noprofile', '--norc', '-eo', 'pipefail', '-c', step.run!], {
    env: { PATH: process.env.PATH, REQUEST: body, GITHUB_OUTPUT: output },
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
      group: 'git-bob-${{ github.event.issue.number || github.event.pull_request.number }}',
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
