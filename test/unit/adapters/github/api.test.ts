import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { GitHubApi } from '../../../../src/adapters/github/api.ts'
import { createOctokit } from '../../../../src/adapters/github/client.ts'
import { GitHubRequestCapError } from '../../../../src/errors.ts'
import { FakeGitHub } from '../../../fakes/github.ts'

let github: FakeGitHub
beforeAll(async () => {
  github = await new FakeGitHub().start()
  for (let i = 0; i < 250; i++) github.addComment(5, { login: 'bob', body: `comment ${i}` })
})
afterAll(() => github.close())

async function api(): Promise<GitHubApi> {
  const octokit = await createOctokit('ghs_test', { onLimit: () => undefined, baseUrl: github.url, retryBaseMs: 1 })
  return new GitHubApi(octokit, { owner: github.owner, repo: github.repo })
}

describe('GitHubApi.limitRequests', () => {
  it("refuses the model's reads once the run made as many requests as it may, before they are sent", async () => {
    const gh = await api()
    gh.limitRequests(3)
    await gh.issue(5)
    await gh.issue(5)
    expect(gh.calls).toBe(2)
    github.requests.length = 0
    // Three pages of comments: the first is the third request, the second is refused.
    await expect(gh.forModel(() => gh.issueComments(5))).rejects.toBeInstanceOf(GitHubRequestCapError)
    expect(github.requests).toHaveLength(1)
    expect(gh.calls).toBe(3)
    expect(gh.capReached).toBe(true)
    await expect(gh.forModel(() => gh.issue(5))).rejects.toThrow(
      "git-bob's limit of 3 GitHub API requests in one run (max-github-requests) is reached"
    )
    expect(github.requests).toHaveLength(1)
  })

  it("never refuses git-bob's own requests: they are counted, not capped", async () => {
    const gh = await api()
    gh.limitRequests(1)
    await gh.issue(5)
    await gh.issue(5)
    expect(gh.calls).toBe(2)
    expect(gh.capReached).toBe(false)
  })
})
