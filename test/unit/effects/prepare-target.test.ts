import { describe, expect, it } from 'vitest'
import type { PullInfo } from '../../../src/ports/github.ts'
import { prepareTarget, type PullLookup } from '../../../src/effects/prepare-target.ts'
import type { TriggerEvent } from '../../../src/trigger/event.ts'
import { EVENT } from '../../fakes/conversation-context.ts'
import { MemoryWorkspace } from '../../fakes/memory-workspace.ts'

const ON_PULL: TriggerEvent = {
  ...EVENT,
  target: { ...EVENT.target, kind: 'pull_request', number: 12, url: 'https://github.com/owner/repo/pull/12' }
}

/** GitHub as far as prepare-target asks it: pull request 12, and git-bob's open pull requests by branch. */
function github(pull: Partial<PullInfo> = {}, open: Record<string, number> = {}): PullLookup & { asked: string[] } {
  const asked: string[] = []
  return {
    asked,
    pull: async (number) => {
      asked.push(`pull ${number}`)
      return {
        number,
        url: `https://github.com/owner/repo/pull/${number}`,
        state: 'open',
        headRef: 'feature',
        headRepo: 'owner/repo',
        baseRef: 'main',
        ...pull
      }
    },
    openPullFor: async (branch) => {
      asked.push(`open pull for ${branch}`)
      const number = open[branch]
      return number ? { number, url: `https://github.com/owner/repo/pull/${number}` } : null
    }
  }
}

function workspace(branches: string[] = []): MemoryWorkspace {
  const ws = new MemoryWorkspace({ 'README.md': 'main\n' })
  for (const b of branches) ws.remote.set(b, new Map([['README.md', `on ${b}\n`]]))
  return ws
}

describe('prepareTarget on an issue', () => {
  it('starts git-bob/issue-<n> from the default branch and checks it out', async () => {
    const ws = workspace()
    const decision = await prepareTarget('pull-request', EVENT, github(), ws, '555')
    expect(decision).toEqual({
      ok: true,
      target: { mode: 'new-pr', branch: 'git-bob/issue-7', base: 'main', issue: 7 }
    })
    expect(ws.checkouts).toEqual(['git-bob/issue-7 <- main'])
  })

  it("adds to the newest branch whose pull request is still open, checked out at origin's tip", async () => {
    const ws = workspace(['git-bob/issue-7', 'git-bob/issue-7-2', 'git-bob/issue-70'])
    const api = github({}, { 'git-bob/issue-7-2': 31 })
    const decision = await prepareTarget('pull-request', EVENT, api, ws, '555')
    expect(decision).toEqual({
      ok: true,
      target: {
        mode: 'update-pr',
        branch: 'git-bob/issue-7-2',
        pull: { number: 31, url: 'https://github.com/owner/repo/pull/31', branch: 'git-bob/issue-7-2' },
        issue: 7
      }
    })
    expect(api.asked).toEqual(['open pull for git-bob/issue-7-2'])
    expect(ws.checkouts).toEqual(['git-bob/issue-7-2 <- git-bob/issue-7-2'])
    expect(ws.text('README.md')).toBe('on git-bob/issue-7-2\n')
  })

  it('starts the next branch when the earlier pull requests were closed', async () => {
    const ws = workspace(['git-bob/issue-7', 'git-bob/issue-7-2'])
    const api = github()
    const decision = await prepareTarget('pull-request', EVENT, api, ws, '555')
    expect(decision.ok && decision.target.branch).toBe('git-bob/issue-7-3')
    expect(api.asked).toEqual(['open pull for git-bob/issue-7-2', 'open pull for git-bob/issue-7'])
    expect(ws.checkouts).toEqual(['git-bob/issue-7-3 <- main'])
  })

  it('"try" works on a branch named for the run, from the default branch, without asking GitHub', async () => {
    const ws = workspace()
    const api = github()
    const decision = await prepareTarget('try', EVENT, api, ws, '555')
    expect(decision).toEqual({ ok: true, target: { mode: 'try', branch: 'git-bob/try-7-555', base: 'main' } })
    expect(api.asked).toEqual([])
    expect(ws.checkouts).toEqual(['git-bob/try-7-555 <- main'])
  })

  it('never pushes to the default branch, whatever it is called', async () => {
    const ws = new MemoryWorkspace({}, 'git-bob/issue-7')
    const event = { ...EVENT, repo: { ...EVENT.repo, defaultBranch: 'git-bob/issue-7' } }
    const decision = await prepareTarget('pull-request', event, github({}, { 'git-bob/issue-7': 3 }), ws, '1')
    expect(decision).toEqual({
      ok: false,
      reason: 'git-bob never pushes to the default branch (git-bob/issue-7).'
    })
    expect(ws.checkouts).toEqual([])
  })
})

describe('prepareTarget on a pull request', () => {
  it("commits onto the pull request's head branch", async () => {
    const ws = workspace(['feature'])
    const decision = await prepareTarget('pull-request', ON_PULL, github(), ws, '555')
    expect(decision).toEqual({
      ok: true,
      target: {
        mode: 'pr-head',
        branch: 'feature',
        pull: { number: 12, url: 'https://github.com/owner/repo/pull/12' }
      }
    })
    expect(ws.checkouts).toEqual(['feature <- feature'])
  })

  it('"try" starts from the head branch', async () => {
    const ws = workspace(['feature'])
    const decision = await prepareTarget('try', ON_PULL, github(), ws, '555')
    expect(decision).toEqual({ ok: true, target: { mode: 'try', branch: 'git-bob/try-12-555', base: 'feature' } })
    expect(ws.checkouts).toEqual(['git-bob/try-12-555 <- feature'])
  })

  it('refuses a fork, a closed pull request and a head on the default branch, without checking anything out', async () => {
    const cases: Partial<PullInfo>[] = [{ headRepo: 'someone/fork' }, { state: 'closed' }, { headRef: 'main' }]
    const reasons: string[] = []
    for (const pull of cases) {
      for (const mode of ['pull-request', 'try'] as const) {
        const ws = workspace(['feature'])
        const decision = await prepareTarget(mode, ON_PULL, github(pull), ws, '555')
        if (decision.ok) throw new Error(`expected a refusal for ${JSON.stringify(pull)}`)
        expect(ws.checkouts).toEqual([])
        reasons.push(decision.reason)
      }
    }
    expect(reasons[0]).toMatch(/^this pull request comes from the fork someone\/fork/)
    expect(reasons[2]).toBe('pull request #12 is closed; I only add commits to open pull requests.')
    expect(reasons[4]).toBe("this pull request's branch is the default branch (main), and I never push to it.")
    expect(reasons[1]).toBe(reasons[0])
  })
})

describe('prepareTarget for the review memory', () => {
  it('starts git-bob/review-memory from the default branch, closing nothing, also when asked on a pull request', async () => {
    const ws = workspace(['feature'])
    const api = github()
    const decision = await prepareTarget('memory', ON_PULL, api, ws, '555')
    expect(decision).toEqual({
      ok: true,
      target: { mode: 'new-pr', branch: 'git-bob/review-memory', base: 'main', issue: null }
    })
    expect(api.asked).toEqual([])
    expect(ws.checkouts).toEqual(['git-bob/review-memory <- main'])
  })

  it('adds to the memory branch whose pull request is still open', async () => {
    const ws = workspace(['git-bob/review-memory', 'git-bob/review-memory-2'])
    const api = github({}, { 'git-bob/review-memory-2': 40 })
    const decision = await prepareTarget('memory', EVENT, api, ws, '555')
    expect(decision).toMatchObject({
      ok: true,
      target: { mode: 'update-pr', branch: 'git-bob/review-memory-2', pull: { number: 40 }, issue: null }
    })
    expect(ws.checkouts).toEqual(['git-bob/review-memory-2 <- git-bob/review-memory-2'])
  })
})
