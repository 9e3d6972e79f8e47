// GitBranch against real git: a bare origin, a shallow clone as the checkout, and people pushing to origin
// while git-bob works (test/fakes/git-remote.ts); then the whole story, from the target to origin.
import { execFileSync, spawnSync } from 'node:child_process'
import { appendFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it, vi } from 'vitest'
import { BOT_AUTHOR } from '../../../../src/adapters/git/branch.ts'
import { Git } from '../../../../src/adapters/git/git.ts'
import { GitWorkspace } from '../../../../src/adapters/git/workspace.ts'
import { prepareTarget, type PullLookup } from '../../../../src/effects/prepare-target.ts'
import { NotebookTamperError } from '../../../../src/errors.ts'
import { EVENT } from '../../../fakes/conversation-context.ts'
import { git } from '../../../fakes/git-remote.ts'
import { useGitRemotes } from '../../../fakes/git-workspaces.ts'

const { remote, open } = useGitRemotes()

describe('GitBranch: branches, checkout, commit, push and clean-up', () => {
  // One origin for these tests; each starts on a branch of its own, checked out clean from main.
  const r = remote({ 'a.txt': 'a\n', 'b.txt': 'b\n', 'c.txt': 'c\n' })
  const ws = open(r)

  it("lists origin's branches by prefix and checks one out at origin's tip, clean", async () => {
    r.humanPush('git-bob/issue-1', { 'a.txt': 'on the branch\n' })
    r.humanPush('git-bob/issue-1-2', { 'b.txt': 'b2\n' })
    expect((await ws.branch.remoteBranches('git-bob/issue-1')).sort()).toEqual(['git-bob/issue-1', 'git-bob/issue-1-2'])
    await ws.write('stray.txt', 'left from before\n')
    await ws.branch.checkout('git-bob/issue-1', 'git-bob/issue-1')
    expect(await ws.read('a.txt')).toEqual({ kind: 'text', text: 'on the branch\n' })
    expect(await ws.read('stray.txt')).toEqual({ kind: 'missing' })
    await ws.branch.checkout('git-bob/issue-2', 'main')
    expect(git(r.workspace, 'rev-parse', '--abbrev-ref', 'HEAD')).toBe('git-bob/issue-2')
    expect(await ws.read('a.txt')).toEqual({ kind: 'text', text: 'a\n' })
  })

  it('commits nothing when nothing changed, else one commit by the bot with the requester as co-author', async () => {
    await ws.branch.checkout('commit', 'main')
    expect(await ws.branch.commit(['a.txt'], () => 'Nothing', null)).toEqual({ sha: null, files: [], leftOut: [] })
    await ws.write('a.txt', 'b\n')
    const { sha } = await ws.branch.commit(['a.txt'], () => '  Change a\n\nBecause.  ', { login: 'alice', id: 42 })
    expect(sha).toMatch(/^[0-9a-f]{40}$/)
    expect(git(r.workspace, 'log', '-1', '--format=%an <%ae>%n%B')).toBe(
      `${BOT_AUTHOR.name} <${BOT_AUTHOR.email}>\nChange a\n\nBecause.\n\nCo-authored-by: alice <42+alice@users.noreply.github.com>`
    )
  })

  it('commits exactly the checked paths that changed, by name, and returns the rest as left out', async () => {
    await ws.branch.checkout('explicit', 'main')
    await ws.write('a.txt', 'checked\n')
    await ws.remove('b.txt')
    await ws.write('new/checked.txt', 'n\n')
    await ws.write('c.txt', 'not checked\n')
    await ws.write('stray/file.txt', 'not checked\n')
    // Something staged behind git-bob's back (a notebook can run git) is not committed either.
    git(r.workspace, 'add', 'stray/file.txt')
    let staged: readonly string[] = []
    const result = await ws.branch.commit(
      ['a.txt', 'b.txt', 'new/checked.txt', 'unchanged.txt'],
      (paths) => {
        staged = paths
        return 'Explicit'
      },
      null
    )
    expect(staged).toEqual(['a.txt', 'b.txt', 'new/checked.txt'])
    expect(result.files).toEqual([
      { path: 'a.txt', status: 'modified' },
      { path: 'b.txt', status: 'deleted' },
      { path: 'new/checked.txt', status: 'added' }
    ])
    expect(result.leftOut).toEqual(['c.txt', 'stray/file.txt'])
    expect(git(r.workspace, 'show', '--name-only', '--format=', 'HEAD').split('\n')).toEqual([
      'a.txt',
      'b.txt',
      'new/checked.txt'
    ])
    // What was left out is still there, uncommitted.
    expect(await ws.changedPaths()).toEqual(['c.txt', 'stray/file.txt'])
  })

  it('verifies .git right before the commit and right before the push', async () => {
    await ws.branch.checkout('tamper', 'main')
    await ws.write('a.txt', 'x\n')
    const config = join(r.workspace, '.git', 'config')
    const original = readFileSync(config, 'utf8')
    appendFileSync(config, '[core]\n\thooksPath = /tmp\n')
    await expect(ws.branch.commit(['a.txt'], () => 'X', null)).rejects.toThrow(NotebookTamperError)
    writeFileSync(config, original)
    const { sha } = await ws.branch.commit(['a.txt'], () => 'X', null)
    expect(sha).toMatch(/^[0-9a-f]{40}$/)
    appendFileSync(config, '[url "http://127.0.0.1:9/"]\n\tinsteadOf = https://\n')
    await expect(ws.branch.push('tamper', { rebuild: false })).rejects.toThrow('nothing was pushed')
    expect(r.branches()).not.toContain('tamper')
    writeFileSync(config, original)
    const pushed = await ws.branch.push('tamper', { rebuild: false })
    if (pushed.kind !== 'pushed') throw new Error('not pushed')
    // Nor is a branch deleted (a push with the token) once .git changed.
    appendFileSync(config, '[url "http://127.0.0.1:9/"]\n\tinsteadOf = https://\n')
    expect(await ws.branch.deleteRemoteBranch('tamper', pushed.sha)).toBe(false)
    expect(r.branches()).toContain('tamper')
    writeFileSync(config, original)
  })

  it('pushes a new branch; refuses to build on one someone created meanwhile', async () => {
    await ws.branch.checkout('new-1', 'main')
    await ws.write('a.txt', 'mine\n')
    const sha = (await ws.branch.commit(['a.txt'], () => 'Mine', null)).sha!
    r.humanPush('new-1', { 'h.txt': 'theirs\n' })
    expect(await ws.branch.push('new-1', { rebuild: false })).toEqual({
      kind: 'conflict',
      detail: 'the branch was created by someone else meanwhile'
    })
    expect(r.show('new-1', 'h.txt')).toBe('theirs')
    expect(await ws.branch.push('new-2', { rebuild: false })).toEqual({ kind: 'pushed', sha, rebuilt: false })
    expect(r.show('new-2', 'a.txt')).toBe('mine')
  })

  it('rebuilds its commit on a commit pushed meanwhile, keeping it; and pushes nothing on a conflict', async () => {
    r.humanPush('feature', { 'f.txt': 'f\n' }, 'start')
    await ws.branch.checkout('feature', 'feature')
    await ws.write('a.txt', 'mine\n')
    await ws.branch.commit(['a.txt'], () => 'Mine', null)
    r.humanPush('feature', { 'b.txt': 'theirs\n' }, 'theirs')
    const pushed = await ws.branch.push('feature')
    expect(pushed).toMatchObject({ kind: 'pushed', rebuilt: true })
    expect(r.log('feature').slice(0, 3)).toEqual(['Mine', 'theirs', 'start'])
    expect(r.show('feature', 'b.txt')).toBe('theirs')

    await ws.write('a.txt', 'mine again\n')
    await ws.branch.commit(['a.txt'], () => 'Mine again', null)
    r.humanPush('feature', { 'a.txt': 'their a\n' }, 'conflicting')
    const conflict = await ws.branch.push('feature')
    expect(conflict.kind).toBe('conflict')
    expect(r.log('feature')[0]).toBe('conflicting')
    expect(r.show('feature', 'a.txt')).toBe('their a')
    // The conflict left HEAD at their tip: that is what a push would name now, not git-bob's commit.
    expect(await ws.branch.push('feature', { rebuild: false })).toEqual({
      kind: 'pushed',
      sha: git(r.origin, 'rev-parse', 'feature'),
      rebuilt: false
    })
    expect(r.log('feature')[0]).toBe('conflicting')
  })

  it('takes the sha of its commit from the commit step: one git show, no rev-parse, and that commit is pushed', async () => {
    await ws.branch.checkout('one-show', 'main')
    await ws.write('a.txt', 'one show\n')
    await ws.remove('b.txt')
    await ws.write('n.txt', 'n\n')
    const run = vi.spyOn(Git.prototype, 'run')
    const asked = (command: string): number => run.mock.calls.filter(([args]) => args.includes(command)).length
    try {
      const made = await ws.branch.commit(['a.txt', 'b.txt', 'n.txt'], () => 'One show', null)
      expect(made.sha).toBe(git(r.workspace, 'rev-parse', 'HEAD'))
      expect(made.files).toEqual([
        { path: 'a.txt', status: 'modified' },
        { path: 'b.txt', status: 'deleted' },
        { path: 'n.txt', status: 'added' }
      ])
      expect(await ws.branch.push('one-show', { rebuild: false })).toEqual({
        kind: 'pushed',
        sha: made.sha,
        rebuilt: false
      })
      expect(git(r.origin, 'rev-parse', 'one-show')).toBe(made.sha)
      expect([asked('show'), asked('rev-parse')]).toEqual([1, 0])
      // After a checkout the branch's tip is asked of git again: nothing git-bob made is on it.
      await ws.branch.checkout('one-show-2', 'one-show')
      expect(await ws.branch.push('one-show-3', { rebuild: false })).toEqual({
        kind: 'pushed',
        sha: made.sha,
        rebuilt: false
      })
      await ws.branch.checkout('one-show-4', 'main')
      const main = git(r.workspace, 'rev-parse', 'HEAD')
      expect(await ws.branch.push('one-show-5', { rebuild: false })).toMatchObject({ kind: 'pushed', sha: main })
      expect(git(r.origin, 'rev-parse', 'one-show-5')).toBe(main)
      expect(asked('rev-parse')).toBe(2)
    } finally {
      run.mockRestore()
    }
  })

  // openssh-client (in .ci/run's packages) signs as a person's git would; in CI this test must run, not be skipped.
  const sshKeygen = spawnSync('ssh-keygen', ['-?']).error === undefined
  if (!sshKeygen && process.env.GIT_BOB_REQUIRE_JUPYTER) throw new Error('the signing test needs openssh-client (CI)')
  it.skipIf(!sshKeygen)(
    `takes its commit's sha and files as they are when the person's git signs commits and shows signatures${sshKeygen ? '' : ' (ssh-keygen is not installed: apt-get install openssh-client)'}`,
    async () => {
      // A terminal run in a person's own checkout: their config signs every commit and prints its signature (before
      // the sha) in git show.
      const key = join(mkdtempSync(join(tmpdir(), 'git-bob-signing-')), 'key')
      execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-f', key])
      const signing = { 'gpg.format': 'ssh', 'user.signingkey': `${key}.pub`, 'commit.gpgSign': 'true' }
      const settings = { ...signing, 'log.showSignature': 'true' }
      for (const [name, value] of Object.entries(settings)) git(r.workspace, 'config', name, value)
      try {
        await ws.branch.checkout('signed', 'main')
        await ws.write('a.txt', 'signed\n')
        const made = await ws.branch.commit(['a.txt'], () => 'Signed', null)
        expect(git(r.workspace, 'cat-file', 'commit', 'HEAD')).toContain('gpgsig -----BEGIN SSH SIGNATURE-----')
        expect(made).toEqual({
          sha: git(r.workspace, 'rev-parse', 'HEAD'),
          files: [{ path: 'a.txt', status: 'modified' }],
          leftOut: []
        })
      } finally {
        for (const name of Object.keys(settings)) git(r.workspace, 'config', '--unset', name)
      }
    }
  )

  it('deletes a branch it pushed, but not once someone else pushed to it', async () => {
    await ws.branch.checkout('gone-1', 'main')
    await ws.write('c.txt', 'mine\n')
    await ws.branch.commit(['c.txt'], () => 'Mine', null)
    const pushed = await ws.branch.push('gone-1', { rebuild: false })
    if (pushed.kind !== 'pushed') throw new Error('not pushed')
    await ws.branch.push('gone-2', { rebuild: false })
    r.humanPush('gone-2', { 'h.txt': 'h\n' })
    expect(await ws.branch.deleteRemoteBranch('gone-2', pushed.sha)).toBe(false)
    expect(await ws.branch.deleteRemoteBranch('gone-1', pushed.sha)).toBe(true)
    expect(r.branches().filter((b) => b.startsWith('gone-'))).toEqual(['gone-2'])
    expect(ws.gitMs).toBeGreaterThan(0)
  })
})

/** GitHub as far as preparing the target asks it: git-bob's open pull requests, by branch. */
function github(open: Record<string, number> = {}): PullLookup {
  return {
    pull: async () => {
      throw new Error('not asked on an issue')
    },
    openPullFor: async (branch) => {
      const number = open[branch]
      return number ? { number, url: `https://github.com/owner/repo/pull/${number}` } : null
    }
  }
}

/** The story as apply-outcome tells it for issue 7: prepare the target, change a file, commit, push. */
async function change(
  ws: GitWorkspace,
  open: Record<string, number>,
  path: string,
  text: string,
  meanwhile: () => void = () => {}
): Promise<{ branch: string; mode: string; pushed: Awaited<ReturnType<GitWorkspace['branch']['push']>> }> {
  const decision = await prepareTarget('pull-request', EVENT, github(open), ws.branch, '555')
  if (!decision.ok) throw new Error(decision.reason)
  const target = decision.target
  await ws.write(path, text)
  const made = await ws.branch.commit([path], () => `Change ${path}`, { login: 'bob', id: 2 })
  if (!made.sha) throw new Error('nothing committed')
  meanwhile()
  const pushed = await ws.branch.push(target.branch, { rebuild: target.mode !== 'new-pr' && target.mode !== 'try' })
  return { branch: target.branch, mode: target.mode, pushed }
}

describe('the branch story, from the target to origin', () => {
  it('starts a new branch from the default branch, pushes it, and keeps it once its pull request is open', async () => {
    const r = remote({ 'a.txt': 'a\n' })
    const ws = open(r)
    const story = await change(ws, {}, 'a.txt', 'mine\n')
    expect(story).toMatchObject({
      branch: 'git-bob/issue-7',
      mode: 'new-pr',
      pushed: { kind: 'pushed', rebuilt: false }
    })
    if (story.pushed.kind !== 'pushed') throw new Error('not pushed')
    expect(await ws.branch.usedOrDeleted(story.branch, story.pushed.sha, async () => 'opened')).toBe('opened')
    expect(r.branches().sort()).toEqual(['git-bob/issue-7', 'main'])
    expect(r.show('git-bob/issue-7', 'a.txt')).toBe('mine')
    expect(r.log('git-bob/issue-7')).toEqual(['Change a.txt', 'initial'])
  })

  it("adds a commit to the branch of git-bob's open pull request, at origin's tip", async () => {
    const r = remote({ 'a.txt': 'a\n' })
    r.humanPush('git-bob/issue-7', { 'b.txt': 'theirs\n' }, 'theirs')
    const ws = open(r)
    const story = await change(ws, { 'git-bob/issue-7': 31 }, 'a.txt', 'mine\n')
    expect(story).toMatchObject({
      branch: 'git-bob/issue-7',
      mode: 'update-pr',
      pushed: { kind: 'pushed', rebuilt: false }
    })
    expect(r.log('git-bob/issue-7')).toEqual(['Change a.txt', 'theirs', 'initial'])
    expect(r.show('git-bob/issue-7', 'b.txt')).toBe('theirs')
  })

  it('rebuilds its commit on top of one pushed to the pull request meanwhile', async () => {
    const r = remote({ 'a.txt': 'a\n' })
    r.humanPush('git-bob/issue-7', { 'b.txt': 'theirs\n' }, 'theirs')
    const ws = open(r)
    const story = await change(ws, { 'git-bob/issue-7': 31 }, 'a.txt', 'mine\n', () =>
      r.humanPush('git-bob/issue-7', { 'c.txt': 'meanwhile\n' }, 'meanwhile')
    )
    expect(story.pushed).toMatchObject({ kind: 'pushed', rebuilt: true })
    expect(r.log('git-bob/issue-7')).toEqual(['Change a.txt', 'meanwhile', 'theirs', 'initial'])
    if (story.pushed.kind !== 'pushed') throw new Error('not pushed')
    expect(git(r.origin, 'rev-parse', 'git-bob/issue-7')).toBe(story.pushed.sha)
    // Rebuilt by the bot, the requester still named as co-author.
    expect(r.message('git-bob/issue-7')).toBe(
      `${BOT_AUTHOR.name} <${BOT_AUTHOR.email}>\nChange a.txt\n\nCo-authored-by: bob <2+bob@users.noreply.github.com>`
    )
  })

  it('pushes nothing when what was pushed meanwhile conflicts with its change', async () => {
    const r = remote({ 'a.txt': 'a\n' })
    r.humanPush('git-bob/issue-7', { 'b.txt': 'theirs\n' }, 'theirs')
    const ws = open(r)
    const story = await change(ws, { 'git-bob/issue-7': 31 }, 'a.txt', 'mine\n', () =>
      r.humanPush('git-bob/issue-7', { 'a.txt': 'their a\n' }, 'conflicting')
    )
    expect(story.pushed.kind).toBe('conflict')
    expect(r.log('git-bob/issue-7')).toEqual(['conflicting', 'theirs', 'initial'])
    expect(r.show('git-bob/issue-7', 'a.txt')).toBe('their a')
  })

  it('deletes the new branch again when its pull request cannot be opened', async () => {
    const r = remote({ 'a.txt': 'a\n' })
    const ws = open(r)
    const story = await change(ws, {}, 'a.txt', 'mine\n')
    if (story.pushed.kind !== 'pushed') throw new Error('not pushed')
    expect(r.branches()).toContain('git-bob/issue-7')
    const refused = new Error('Validation Failed')
    await expect(
      ws.branch.usedOrDeleted(story.branch, story.pushed.sha, async () => {
        throw refused
      })
    ).rejects.toBe(refused)
    expect(r.branches()).toEqual(['main'])
  })

  it('leaves a branch someone created meanwhile under the same name alone, and pushes nothing', async () => {
    const r = remote({ 'a.txt': 'a\n' })
    const ws = open(r)
    const story = await change(ws, {}, 'a.txt', 'mine\n', () =>
      r.humanPush('git-bob/issue-7', { 'h.txt': 'theirs\n' }, 'theirs')
    )
    expect(story).toMatchObject({
      mode: 'new-pr',
      pushed: { kind: 'conflict', detail: 'the branch was created by someone else meanwhile' }
    })
    expect(r.log('git-bob/issue-7')).toEqual(['theirs', 'initial'])
    expect(r.files('git-bob/issue-7')).toEqual(['a.txt', 'h.txt'])
    expect(r.show('git-bob/issue-7', 'a.txt')).toBe('a')
  })
})
