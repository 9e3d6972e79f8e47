import { describe, expect, it } from 'vitest'
import { report, refusal, setupHelp } from '../../../../src/commands/deploy/deploy.ts'

const run = { id: 9, url: 'https://github.com/o/r/actions/runs/9', createdAt: '2026-03-01T12:00:00Z' }
const actions = 'https://github.com/o/r/actions/workflows/release.yml'

describe('the deploy answers', () => {
  it('say how the run ended, with its link', () => {
    const done = (conclusion: string) => ({
      kind: 'finished' as const,
      run: { ...run, status: 'completed', conclusion }
    })
    expect(report(done('success'), 'release.yml', 'main', 600_000, actions)).toBe(
      'I started `release.yml` on `main`, and its run succeeded: https://github.com/o/r/actions/runs/9'
    )
    expect(report(done('cancelled'), 'release.yml', 'main', 600_000, actions)).toContain(
      'ended with **cancelled**: https://github.com/o/r/actions/runs/9'
    )
    expect(
      report(
        { kind: 'running', run: { ...run, status: 'queued', conclusion: null } },
        'release.yml',
        'main',
        600_000,
        actions
      )
    ).toContain('still queued when I stopped waiting after 10 minutes')
    expect(report({ kind: 'not-found' }, 'release.yml', 'main', 90_000, actions)).toContain(
      `no run of it appeared within 90 seconds. Look for it at ${actions}.`
    )
  })

  it('tell a writer that write access is not enough, and how to set deploying up', () => {
    expect(refusal('mona', 'maintain', 'bob')).toContain('you have maintain permission: write access is not enough')
    expect(refusal('mona', 'maintain', 'bob')).toContain('"bob deploy"')
    expect(setupHelp('git-bob')).toMatch(/workflow_dispatch[\s\S]*deploy-workflow: release.yml[\s\S]*actions: write/)
  })
})
