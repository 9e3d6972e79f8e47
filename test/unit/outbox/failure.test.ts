import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { ConfigError, GitError } from '../../../src/errors.ts'
import { describeFailure } from '../../../src/outbox/failure.ts'
import { HOMEPAGE } from '../../../src/version.ts'

/** An error as Octokit throws it: a message and the HTTP status. */
function httpError(status: number): Error {
  return Object.assign(new Error(`HTTP ${status}`), { status })
}

describe('describeFailure', () => {
  it('a refused request (403) names the permissions and links what each part needs, a section that exists', () => {
    const { advice } = describeFailure(httpError(403))
    expect(advice).toContain('`permissions: issues: write, pull-requests: write, contents: read`')
    const link = `${HOMEPAGE}/blob/main/docs/configuration.md#repository-settings-that-matter`
    expect(advice).toContain(`(${link})`)
    const page = readFileSync(new URL('../../../docs/configuration.md', import.meta.url), 'utf8')
    expect(page).toMatch(/^## Repository settings that matter$/m)
  })

  it('a setting the workflow got wrong is said in its own words', () => {
    expect(describeFailure(new ConfigError('Set `model`.'))).toEqual({
      what: 'git-bob is not configured correctly.',
      advice: 'Set `model`.'
    })
  })
})

describe('describeFailure on GitLab', () => {
  /** An error as the GitLab client throws it (adapters/gitlab/rest.ts): its name, the request and the status. */
  function gitlabError(status: number): Error {
    const error = Object.assign(
      new Error(`GitLab answered GET /projects/lab%2Fanalysis/issues/9 with HTTP ${status}`),
      {
        status
      }
    )
    error.name = 'GitLabRequestError'
    return error
  }

  it("says what GitLab answered and what to do about GitLab's token, never GitHub's workflow", () => {
    const forbidden = describeFailure(gitlabError(403))
    expect(forbidden.what).toBe(
      'A GitLab API request failed: GitLab answered GET /projects/lab%2Fanalysis/issues/9 with HTTP 403'
    )
    expect(forbidden.advice).toContain('the Developer role and the scopes `api` and `write_repository`')
    for (const status of [400, 401, 403, 404, 429, 500]) {
      const report = describeFailure(gitlabError(status))
      expect(`${report.what} ${report.advice}`, String(status)).not.toMatch(/GitHub|workflow|pull request/)
    }
    expect(describeFailure(gitlabError(401)).advice).toContain('`GIT_BOB_GITLAB_TOKEN`')
    expect(describeFailure(gitlabError(404)).advice).toContain('merge request')
  })

  it("answers a refused push with what a GitLab project needs, and GitHub's with the workflow's permission", () => {
    const protectedBranch = new GitError(
      ['push'],
      'remote: GitLab: You are not allowed to push code to protected branches on this project.\nerror: failed to push some refs',
      1
    )
    const noRole = new GitError(
      ['push'],
      "remote: You are not allowed to push code to this project.\nfatal: unable to access 'https://gitlab.example.org/lab/analysis.git/': The requested URL returned error: 403",
      128
    )
    for (const error of [protectedBranch, noRole]) {
      const { advice } = describeFailure(error, 'gitlab')
      expect(advice).toContain('the Developer role (or above) and the scope `write_repository`')
      expect(advice).toContain('protected')
      expect(advice).not.toMatch(/contents: write|workflow/)
    }
    const github = new GitError(['push'], 'remote: Permission to o/r.git denied to github-actions[bot].', 128)
    expect(describeFailure(github).advice).toContain('`permissions: contents: write`')
    expect(describeFailure(github, 'github')).toEqual(describeFailure(github))
    // Some other git failure is no question of rights, on either forge.
    const other = new GitError(['fetch'], 'fatal: the remote end hung up unexpectedly', 128)
    expect(describeFailure(other, 'gitlab').advice).toBe(describeFailure(other).advice)
  })
})
