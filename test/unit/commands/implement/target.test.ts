import { describe, expect, it } from 'vitest'
import {
  issueBranchPrefix,
  issueBranches,
  planIssueTarget,
  planPullTarget,
  planTryTarget,
  type PullRef,
  type TargetDecision
} from '../../../../src/commands/implement/target.ts'

const PULL: PullRef = { number: 12, url: 'https://github.com/Owner/Repo/pull/12' }

function reasonOf(decision: TargetDecision): string {
  if (decision.ok) throw new Error(`expected a refusal, got ${JSON.stringify(decision.target)}`)
  return decision.reason
}

describe('issueBranchPrefix', () => {
  it('names the issue', () => {
    expect(issueBranchPrefix(7)).toBe('git-bob/issue-7')
  })
})

describe('issueBranches', () => {
  it('sorts the issue branches oldest first, numerically', () => {
    expect(
      issueBranches(7, ['git-bob/issue-7-10', 'git-bob/issue-7-2', 'git-bob/issue-7', 'git-bob/issue-7-3'])
    ).toEqual(['git-bob/issue-7', 'git-bob/issue-7-2', 'git-bob/issue-7-3', 'git-bob/issue-7-10'])
  })

  it('ignores branches of other issues and other names', () => {
    const remote = [
      'main',
      'git-bob/issue-70',
      'git-bob/issue-70-2',
      'git-bob/issue-17',
      'git-bob/issue-7-x',
      'git-bob/issue-7-',
      'git-bob/issue-7-2-3',
      'git-bob/issue-7/sub',
      'feature/git-bob/issue-7',
      'git-bob/issue-7.1',
      'Git-Bob/issue-7',
      'git-bob/try-7-123',
      'git-bob/issue-7-2'
    ]
    expect(issueBranches(7, remote)).toEqual(['git-bob/issue-7-2'])
  })

  it('returns nothing when no branch matches', () => {
    expect(issueBranches(7, [])).toEqual([])
    expect(issueBranches(7, ['main', 'dev'])).toEqual([])
  })

  it('does not change its input', () => {
    const remote = ['git-bob/issue-7-3', 'git-bob/issue-7']
    issueBranches(7, remote)
    expect(remote).toEqual(['git-bob/issue-7-3', 'git-bob/issue-7'])
  })

  it('works for other issue numbers', () => {
    expect(issueBranches(123, ['git-bob/issue-123-2', 'git-bob/issue-1234', 'git-bob/issue-123'])).toEqual([
      'git-bob/issue-123',
      'git-bob/issue-123-2'
    ])
  })
})

describe('planIssueTarget', () => {
  const base = { issue: 7, defaultBranch: 'main', openPull: null, existingBranches: [] as string[] }

  it('updates git-bob’s open pull request for the issue', () => {
    const openPull = { ...PULL, branch: 'git-bob/issue-7-2' }
    expect(planIssueTarget({ ...base, openPull, existingBranches: ['git-bob/issue-7', 'git-bob/issue-7-2'] })).toEqual({
      mode: 'update-pr',
      branch: 'git-bob/issue-7-2',
      pull: openPull,
      issue: 7
    })
  })

  it('opens a new pull request on git-bob/issue-<n> when no branch exists', () => {
    expect(planIssueTarget(base)).toEqual({ mode: 'new-pr', branch: 'git-bob/issue-7', base: 'main', issue: 7 })
  })

  it('picks the first free name', () => {
    expect(planIssueTarget({ ...base, existingBranches: ['git-bob/issue-7'] })).toMatchObject({
      mode: 'new-pr',
      branch: 'git-bob/issue-7-2'
    })
    expect(planIssueTarget({ ...base, existingBranches: ['git-bob/issue-7', 'git-bob/issue-7-2'] })).toMatchObject({
      mode: 'new-pr',
      branch: 'git-bob/issue-7-3'
    })
    expect(planIssueTarget({ ...base, existingBranches: ['git-bob/issue-7-2', 'git-bob/issue-7'] })).toMatchObject({
      branch: 'git-bob/issue-7-3'
    })
  })

  it('fills a gap in the numbering', () => {
    expect(planIssueTarget({ ...base, existingBranches: ['git-bob/issue-7', 'git-bob/issue-7-3'] })).toMatchObject({
      branch: 'git-bob/issue-7-2'
    })
  })

  it('is not confused by branches of other issues', () => {
    expect(planIssueTarget({ ...base, existingBranches: ['git-bob/issue-70', 'git-bob/issue-17'] })).toMatchObject({
      branch: 'git-bob/issue-7'
    })
  })

  it('bases the new pull request on the default branch', () => {
    expect(planIssueTarget({ ...base, defaultBranch: 'develop' })).toMatchObject({ mode: 'new-pr', base: 'develop' })
  })
})

describe('planTryTarget', () => {
  it('makes a branch from the number and run id, without a pull request', () => {
    expect(planTryTarget({ number: 5, runId: '987654321', base: 'main' })).toEqual({
      mode: 'try',
      branch: 'git-bob/try-5-987654321',
      base: 'main'
    })
  })

  it('keeps the given base', () => {
    expect(planTryTarget({ number: 5, runId: '1', base: 'feature/x' })).toMatchObject({ base: 'feature/x' })
  })
})

describe('planPullTarget', () => {
  const facts = {
    pull: PULL,
    headRef: 'feature/x',
    headRepo: 'Owner/Repo',
    repo: 'Owner/Repo',
    defaultBranch: 'main',
    state: 'open'
  }

  it('pushes to the head branch of an open pull request from the same repository', () => {
    expect(planPullTarget(facts)).toEqual({ ok: true, target: { mode: 'pr-head', branch: 'feature/x', pull: PULL } })
  })

  it('compares repository names case-insensitively', () => {
    expect(planPullTarget({ ...facts, headRepo: 'owner/REPO' })).toMatchObject({ ok: true })
    expect(planPullTarget({ ...facts, repo: 'OWNER/repo' })).toMatchObject({ ok: true })
  })

  it('refuses a closed pull request', () => {
    const reason = reasonOf(planPullTarget({ ...facts, state: 'closed' }))
    expect(reason).toBe('pull request #12 is closed; I only add commits to open pull requests.')
  })

  it('checks the state first', () => {
    expect(reasonOf(planPullTarget({ ...facts, state: 'closed', headRepo: 'Fork/Repo' }))).toMatch(/is closed/)
  })

  it('refuses a pull request from a fork, naming the fork', () => {
    const reason = reasonOf(planPullTarget({ ...facts, headRepo: 'someone/Repo' }))
    expect(reason).toContain('comes from the fork someone/Repo')
    expect(reason).toContain('I can only push to branches of Owner/Repo')
  })

  it('refuses a pull request from a repository with a similar name', () => {
    expect(reasonOf(planPullTarget({ ...facts, headRepo: 'Owner/Repo2' }))).toContain('the fork Owner/Repo2')
  })

  it('refuses a pull request whose fork was deleted', () => {
    const reason = reasonOf(planPullTarget({ ...facts, headRepo: null }))
    expect(reason).toContain('comes from a deleted fork')
    expect(reason).not.toContain('null')
  })

  it('refuses a pull request whose head is the default branch', () => {
    expect(reasonOf(planPullTarget({ ...facts, headRef: 'main' }))).toBe(
      "this pull request's branch is the default branch (main), and I never push to it."
    )
  })

  it('accepts a head branch that only resembles the default branch', () => {
    expect(planPullTarget({ ...facts, headRef: 'main-fix' })).toMatchObject({
      ok: true,
      target: { branch: 'main-fix' }
    })
  })
})
