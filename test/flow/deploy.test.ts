// `deploy`: an admin's request starts the release workflow (workflow_dispatch on the
// default branch) and the answer links its run with how it ended; a writer is refused, and without the
// `deploy-workflow` input the answer says how to set it up. The stand-in plays GitHub's dispatch and runs API;
// waiting is made fast by the poll-interval input, not by timing.
import { beforeEach, describe, expect, it } from 'vitest'
import { useStage } from './stage.ts'

const stage = useStage()
const inputs = { 'deploy-workflow': 'release.yml', 'deploy-poll-seconds': '0.01' }

const dispatches = (): { ref?: string }[] =>
  stage.github.requests.filter((r) => r.path.endsWith('/dispatches')).map((r) => r.body as { ref?: string })

beforeEach(() => {
  stage.github.permissions.set('Codertocat', 'admin')
})

describe('git-bob deploy', () => {
  it('starts the workflow on the default branch and links the run that succeeded', async () => {
    stage.github.workflows.set('release.yml', { dispatchable: true, outcome: 'success' })
    const run = await stage.comment({ body: 'git-bob deploy' }, { inputs })

    expect(run.code, stage.said(run)).toBe(0)
    expect(dispatches()).toEqual([{ ref: 'master' }])
    const id = stage.github.workflowRuns[0]!.id
    const body = stage.github.postedComments(1)[0]!.body
    expect(body, stage.said(run)).toContain('I started `release.yml` on `master`, and its run succeeded')
    expect(body, stage.said(run)).toContain(`https://github.com/Codertocat/Hello-World/actions/runs/${id}`)
    expect(body, stage.said(run)).toContain('model: none')
    expect(run.outputs.command).toBe('deploy')
  })

  it('reports a run that failed, with its link', async () => {
    stage.github.workflows.set('release.yml', { dispatchable: true, outcome: 'failure' })
    const run = await stage.comment({ body: 'git-bob deploy' }, { inputs })

    expect(run.code, stage.said(run)).toBe(0)
    const body = stage.github.postedComments(1)[0]!.body
    expect(body, stage.said(run)).toContain('its run ended with **failure**')
    expect(body, stage.said(run)).toContain(`/actions/runs/${stage.github.workflowRuns[0]!.id}`)
  })

  it('says the run is still going when it does not finish within the wait', async () => {
    stage.github.workflows.set('release.yml', { dispatchable: true, outcome: 'never' })
    const run = await stage.comment({ body: 'git-bob deploy' }, { inputs: { ...inputs, 'deploy-wait-seconds': '1' } })

    expect(run.code, stage.said(run)).toBe(0)
    const body = stage.github.postedComments(1)[0]!.body
    expect(body, stage.said(run)).toContain('its run was still in progress when I stopped waiting after 1 second')
    expect(body, stage.said(run)).toContain(`/actions/runs/${stage.github.workflowRuns[0]!.id}`)
    expect(stage.github.workflowRuns, stage.said(run)).toHaveLength(1)
  })

  it('refuses a writer who is not an admin, saying write access is not enough, and starts nothing', async () => {
    stage.github.workflows.set('release.yml', { dispatchable: true, outcome: 'success' })
    stage.github.permissions.set('octocat', 'write')
    const run = await stage.comment(
      { body: 'git-bob deploy', login: 'octocat', association: 'COLLABORATOR' },
      { inputs }
    )

    expect(run.code, stage.said(run)).toBe(0)
    expect(dispatches(), stage.said(run)).toEqual([])
    const body = stage.github.postedComments(1)[0]!.body
    expect(body, stage.said(run)).toContain('deploying needs admin permission')
    expect(body, stage.said(run)).toContain('you have write permission: write access is not enough')
  })

  it('explains how to set deploying up when deploy-workflow is not set', async () => {
    const run = await stage.comment({ body: 'git-bob deploy' })

    expect(run.code, stage.said(run)).toBe(0)
    expect(dispatches(), stage.said(run)).toEqual([])
    const body = stage.github.postedComments(1)[0]!.body
    expect(body, stage.said(run)).toContain('Deploying is not set up in this repository')
    expect(body, stage.said(run)).toContain('`deploy-workflow: release.yml`')
    expect(body, stage.said(run)).toContain('`actions: write`')
  })

  it('names the missing actions: write permission when GitHub refuses the dispatch', async () => {
    stage.github.workflows.set('release.yml', { dispatchable: true, outcome: 'success' })
    stage.github.faults.push({
      method: 'POST',
      path: /\/dispatches$/,
      status: 403,
      body: { message: 'Resource not accessible by integration' },
      times: 1
    })
    const run = await stage.comment({ body: 'git-bob deploy' }, { inputs })

    expect(run.code, stage.said(run)).toBe(1)
    const body = stage.github.postedComments(1)[0]!.body
    expect(body, stage.said(run)).toContain('the token needs `actions: write`')
    expect(stage.github.workflowRuns, stage.said(run)).toHaveLength(0)
  })
})
