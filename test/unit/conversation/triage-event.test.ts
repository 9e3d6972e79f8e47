import { describe, expect, it } from 'vitest'
import { runnerRepository } from '../../../src/conversation/triage-event.ts'
import type { RunEnvironment } from '../../../src/ports/run.ts'

const environment = (env: Record<string, string>, serverUrl = 'https://github.com'): RunEnvironment => ({
  eventName: 'schedule',
  eventPath: '',
  workspace: '',
  runUrl: null,
  serverUrl,
  runId: '1',
  env
})

describe('runnerRepository', () => {
  it("is the runner's GITHUB_REPOSITORY on GitHub, on the ref it runs", () => {
    expect(runnerRepository(environment({ GITHUB_REPOSITORY: 'o/r', GITHUB_REF_NAME: 'trunk' }))).toEqual({
      owner: 'o',
      name: 'r',
      defaultBranch: 'trunk',
      htmlUrl: 'https://github.com/o/r'
    })
    expect(runnerRepository(environment({}))).toBeNull()
  })

  it("is the GitLab job's project, nested groups and all, on its default branch", () => {
    const server = 'https://gitlab.example.org'
    const env = {
      GITLAB_CI: 'true',
      CI_PROJECT_PATH: 'lab/group/analysis',
      CI_DEFAULT_BRANCH: 'master',
      CI_PROJECT_URL: `${server}/lab/group/analysis`,
      GITHUB_REPOSITORY: 'not/this'
    }
    expect(runnerRepository(environment(env, server))).toEqual({
      owner: 'lab/group',
      name: 'analysis',
      defaultBranch: 'master',
      htmlUrl: `${server}/lab/group/analysis`
    })
    const { CI_PROJECT_URL: _url, ...bare } = env
    expect(runnerRepository(environment(bare, `${server}/`))?.htmlUrl).toBe(`${server}/lab/group/analysis`)
    expect(runnerRepository(environment({ GITLAB_CI: 'true', CI_PROJECT_PATH: 'alone' }, server))).toBeNull()
  })
})
