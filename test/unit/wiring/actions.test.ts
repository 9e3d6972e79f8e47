// The runner's side of the wiring: inputs and GITHUB_* read as @actions/core and the runner mean them, and
// every log line redacted before the runner sees it.
import { describe, expect, it } from 'vitest'
import { actionsAdapters, runEnvironment, stepInput } from '../../../src/wiring/actions.ts'
import { Redactor } from '../../../src/outbox/secrets.ts'
import { capturingRunner } from '../../fakes/runner.ts'

describe('the step environment', () => {
  it('reads an input as @actions/core does: INPUT_ and upper case, spaces as underscores, trimmed', () => {
    const env = { 'INPUT_MODEL-TIMEOUT-SECONDS': ' 5 \n', INPUT_BOT_NAME: 'bob' }
    expect(stepInput(env, 'model-timeout-seconds')).toBe('5')
    expect(stepInput(env, 'bot name')).toBe('bob')
    expect(stepInput(env, 'model')).toBe('')
  })

  it('links the run from server, repository and run id, and falls back where GitHub sets nothing', () => {
    const full = runEnvironment({
      GITHUB_SERVER_URL: 'https://ghe.example.com',
      GITHUB_REPOSITORY: 'o/r',
      GITHUB_RUN_ID: '7',
      GITHUB_EVENT_NAME: 'issues',
      GITHUB_EVENT_PATH: '/e.json',
      GITHUB_WORKSPACE: '/w'
    })
    expect(full).toMatchObject({
      runUrl: 'https://ghe.example.com/o/r/actions/runs/7',
      serverUrl: 'https://ghe.example.com',
      runId: '7',
      eventName: 'issues',
      eventPath: '/e.json',
      workspace: '/w'
    })
    const bare = runEnvironment({})
    expect(bare).toMatchObject({ runUrl: null, serverUrl: 'https://github.com', eventPath: '', workspace: '' })
    expect(bare.runId).toMatch(/^\d+$/)
  })
})

describe('the real adapters', () => {
  it('redact every log line, and issue errors with their title', () => {
    const runner = capturingRunner()
    const log = actionsAdapters({}, runner, new Redactor(['s3cret-value-1234'])).log
    log.info('key s3cret-value-1234')
    log.warning('again s3cret-value-1234')
    log.error('and s3cret-value-1234\nhere', 'git-bob failed')
    expect(runner.lines).toEqual(['key ***', '::warning::again ***', '::error title=git-bob failed::and ***%0Ahere'])
  })
})
