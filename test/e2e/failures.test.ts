// Smoke tests of how the built action ends: the exit code, ::error annotations, no stack trace. One run that
// fails before any API call, one that fails after it posted: every other cause takes the same way out of run()
// (runToExitCode), tested in process in flow/failures.test.ts (an empty token among them). That nothing secret
// reaches what the process writes is shown on the comment run of commands.test.ts.
import { describe, expect, it } from 'vitest'
import { annotations, useStage } from './scenario.ts'

const stage = useStage()

describe('the built action, failing', () => {
  it('turns a malformed event file into an ::error, with no stack trace and no API call', async () => {
    const run = await stage.run({
      eventName: 'issue_comment',
      payload: null,
      rawEvent: '{"action": "created", "comment": '
    })
    expect(run.code, stage.said(run)).toBe(1)
    expect(annotations(run), stage.said(run)).toHaveLength(1)
    expect(annotations(run)[0]).toContain('not valid JSON')
    expect(run.stderr).not.toMatch(/\n\s+at /)
    expect(stage.github.requests, stage.said(run)).toEqual([])
  })

  it('reports a model that keeps failing on the thread, as an ::error, and exits with 1', async () => {
    for (let i = 0; i < 2; i++) stage.model.script.push({ status: 503 })
    const run = await stage.comment({ body: 'git-bob comment' }, { inputs: { 'model-retries': '1' } })
    expect(run.code, stage.said(run)).toBe(1)
    expect(stage.model.requests, stage.said(run)).toHaveLength(2)
    const posted = stage.github.postedComments(1)
    expect(posted, stage.said(run)).toHaveLength(1)
    expect(posted[0]!.body, stage.said(run)).toContain('I could not finish this request')
    expect(annotations(run).some((a) => a.includes('The model call failed'))).toBe(true)
    expect(run.outputs.status).toBe('failed')
  })
})
