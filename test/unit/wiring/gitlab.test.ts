import { describe, expect, it } from 'vitest'
import { gitlabEnvironment, gitlabInput, isGitLab, summaryFile } from '../../../src/wiring/gitlab.ts'

describe('GitLab mode', () => {
  it('is chosen in a GitLab CI job with a webhook payload or started by a schedule, or by the forge input', () => {
    expect(isGitLab({ GITLAB_CI: 'true', TRIGGER_PAYLOAD: '/builds/p.tmp/TRIGGER_PAYLOAD' })).toBe(true)
    expect(isGitLab({ GITLAB_CI: 'true', CI_PIPELINE_SOURCE: 'schedule' })).toBe(true)
    expect(isGitLab({ GITLAB_CI: 'true', CI_PIPELINE_SOURCE: 'push' })).toBe(false)
    expect(isGitLab({ CI_PIPELINE_SOURCE: 'schedule' })).toBe(false)
    expect(isGitLab({ GITLAB_CI: 'true' })).toBe(false)
    expect(isGitLab({ GITHUB_ACTIONS: 'true' })).toBe(false)
    expect(isGitLab({ INPUT_FORGE: 'gitlab' })).toBe(true)
    expect(isGitLab({ GIT_BOB_FORGE: 'github', GITLAB_CI: 'true', TRIGGER_PAYLOAD: 'x' })).toBe(false)
    // GIT_BOB_FORGE before INPUT_FORGE, as every GitLab setting; a value that names no forge is refused.
    expect(isGitLab({ GIT_BOB_FORGE: 'GitLab', INPUT_FORGE: 'github' })).toBe(true)
    expect(() => isGitLab({ GIT_BOB_FORGE: 'gitlba', GITLAB_CI: 'true', TRIGGER_PAYLOAD: 'x' })).toThrow(
      'The `forge` input is not valid: "gitlba" should be github or gitlab.'
    )
  })

  it('reads inputs from GIT_BOB_<NAME>, then INPUT_<NAME>; the token from GIT_BOB_GITLAB_TOKEN only', () => {
    const env = {
      GIT_BOB_MODEL: ' openai:gpt-4.1 ',
      INPUT_OPENAI_API_KEY: 'k',
      GIT_BOB_GITLAB_TOKEN: 'glpat-x',
      INPUT_GITHUB_TOKEN: 'no'
    }
    expect(gitlabInput(env, 'model')).toBe('openai:gpt-4.1')
    expect(gitlabInput(env, 'openai-api-key')).toBe('k')
    expect(gitlabInput(env, 'github-token')).toBe('glpat-x')
    expect(gitlabInput(env, 'bot-name')).toBe('')
  })

  it("links the stamp to the job, reads the payload file, and keeps the summary in the project's folder", () => {
    const env = {
      TRIGGER_PAYLOAD: '/tmp/payload',
      CI_PROJECT_DIR: '/builds/lab/analysis',
      CI_JOB_URL: 'https://gitlab.example.org/lab/analysis/-/jobs/7',
      CI_SERVER_URL: 'https://gitlab.example.org',
      CI_JOB_ID: '7'
    }
    expect(gitlabEnvironment(env)).toMatchObject({
      eventName: 'gitlab_note',
      eventPath: '/tmp/payload',
      workspace: '/builds/lab/analysis',
      runUrl: 'https://gitlab.example.org/lab/analysis/-/jobs/7',
      serverUrl: 'https://gitlab.example.org',
      runId: '7'
    })
    expect(summaryFile(env)).toBe('/builds/lab/analysis/git-bob-summary.md')
  })

  it('reads a pipeline schedule as a triage, with no payload to read', () => {
    const env = { GITLAB_CI: 'true', CI_PIPELINE_SOURCE: 'schedule', CI_JOB_ID: '8' }
    expect(gitlabEnvironment(env)).toMatchObject({ eventName: 'gitlab_schedule', eventPath: '' })
    // A schedule's pipeline that a webhook's payload came with is the webhook's.
    expect(gitlabEnvironment({ ...env, TRIGGER_PAYLOAD: '/tmp/p' }).eventName).toBe('gitlab_note')
  })
})
