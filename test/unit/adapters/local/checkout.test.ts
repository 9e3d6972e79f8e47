import { execFileSync } from 'node:child_process'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it, vi } from 'vitest'
import { accountAuthor } from '../../../../src/adapters/git/branch.ts'
import { Git } from '../../../../src/adapters/git/git.ts'
import { namesRepository, prepareCheckout, TerminalWorkspace } from '../../../../src/adapters/local/checkout.ts'
import { git, GitRemote } from '../../../fakes/git-remote.ts'

describe('namesRepository', () => {
  it.each([
    'https://github.com/o/r.git',
    'https://github.com/O/R',
    'git@github.com:o/r.git',
    'ssh://git@github.com/o/r.git/'
  ])('knows %s as o/r', (url) => {
    expect(namesRepository(url, 'o', 'r')).toBe(true)
  })

  it.each(['https://github.com/o/r2.git', 'https://github.com/xo/r', 'git@github.com:o/other.git'])(
    'knows %s is not o/r',
    (url) => {
      expect(namesRepository(url, 'o', 'r')).toBe(false)
    }
  )
})

describe('prepareCheckout', () => {
  const credentials = { token: 't', serverUrl: 'https://github.com' }

  it("works in the person's checkout of that repository when it is clean, in a clone when it is not", async () => {
    const repo = new GitRemote({ 'README.md': '# r\n' })
    execFileSync('git', ['-C', repo.workspace, 'remote', 'set-url', 'origin', 'https://github.com/o/r.git'])
    const options = {
      cwd: repo.workspace,
      owner: 'o',
      repo: 'r',
      cloneUrl: `file://${repo.origin}`,
      defaultBranch: 'master',
      credentials
    }

    const own = await prepareCheckout(options)
    expect(own).toMatchObject({ dir: repo.workspace, temporary: false, clonedFrom: null })

    writeFileSync(join(repo.workspace, 'README.md'), 'changed')
    const clone = await prepareCheckout(options)
    expect(clone).toMatchObject({ temporary: true, clonedFrom: 'master' })
    expect(clone.note).toContain('uncommitted changes')
    expect(execFileSync('git', ['-C', clone.dir, 'log', '--format=%s'], { encoding: 'utf8' }).trim()).toBe('initial')
    await clone.remove()
  })

  it('clones when the current folder is not a checkout', async () => {
    const repo = new GitRemote({ 'a.txt': 'a\n' })
    const cwd = mkdtempSync(join(tmpdir(), 'git-bob-not-a-checkout-'))
    const clone = await prepareCheckout({
      cwd,
      owner: 'o',
      repo: 'r',
      cloneUrl: `file://${repo.origin}`,
      defaultBranch: 'master',
      credentials
    })
    expect(clone.note).toContain('not a git checkout')
    await clone.remove()
  })
})

describe('TerminalWorkspace', () => {
  it('commits as the person whose token it is, and names a co-author only when it is someone else', async () => {
    const repo = new GitRemote({ 'README.md': '# r\n' })
    const alice = { login: 'alice', id: 42 }
    const ws = new TerminalWorkspace(
      repo.workspace,
      { token: 't', serverUrl: 'https://github.com' },
      false,
      accountAuthor(alice)
    )
    const log = (): string =>
      execFileSync('git', ['-C', repo.workspace, 'log', '-1', '--format=%an <%ae>%n%B'], { encoding: 'utf8' }).trim()
    await ws.branch.checkout('git-bob/issue-1', 'master')
    await ws.write('a.txt', 'a\n')
    await ws.branch.commit(['a.txt'], () => 'Add a', alice)
    expect(log()).toBe('alice <42+alice@users.noreply.github.com>\nAdd a')
    await ws.write('b.txt', 'b\n')
    await ws.branch.commit(['b.txt'], () => 'Add b', { login: 'bob', id: 7 })
    expect(log()).toBe(
      'alice <42+alice@users.noreply.github.com>\nAdd b\n\nCo-authored-by: bob <7+bob@users.noreply.github.com>'
    )
  })

  it('starts the first branch from the default branch at its temporary clone, without fetching it again', async () => {
    const repo = new GitRemote({ 'README.md': '# r\n' })
    const clone = await prepareCheckout({
      cwd: mkdtempSync(join(tmpdir(), 'git-bob-not-a-checkout-')),
      owner: 'o',
      repo: 'r',
      cloneUrl: `file://${repo.origin}`,
      defaultBranch: 'master',
      credentials: { token: 't', serverUrl: 'https://github.com' }
    })
    repo.humanPush('feature', { 'f.txt': 'f\n' })
    const alice = accountAuthor({ login: 'alice', id: 42 })
    const ws = new TerminalWorkspace(clone.dir, { token: 't', serverUrl: 'https://github.com' }, true, alice, 'master')
    const run = vi.spyOn(Git.prototype, 'run')
    const fetches = (): number => run.mock.calls.filter(([args]) => args[0] === 'fetch').length
    try {
      writeFileSync(join(clone.dir, 'stray.txt'), 'left over\n')
      await ws.branch.checkout('git-bob/issue-1', 'master')
      expect(fetches()).toBe(0)
      expect(git(clone.dir, 'rev-parse', '--abbrev-ref', 'HEAD')).toBe('git-bob/issue-1')
      expect(git(clone.dir, 'rev-parse', 'HEAD')).toBe(git(repo.origin, 'rev-parse', 'master'))
      expect(await ws.read('stray.txt')).toEqual({ kind: 'missing' })
      // Any other branch, and the default branch once more, come from origin.
      await ws.branch.checkout('git-bob/issue-2', 'feature')
      expect(await ws.read('f.txt')).toEqual({ kind: 'text', text: 'f\n' })
      await ws.branch.checkout('git-bob/issue-3', 'master')
      expect(await ws.read('f.txt')).toEqual({ kind: 'missing' })
      expect(fetches()).toBe(2)
    } finally {
      run.mockRestore()
      await clone.remove()
    }
  })

  it("fetches the branch it starts from in the person's own checkout", async () => {
    const repo = new GitRemote({ 'README.md': '# r\n' })
    const ws = new TerminalWorkspace(
      repo.workspace,
      { token: 't', serverUrl: 'https://github.com' },
      false,
      accountAuthor({ login: 'alice', id: 42 })
    )
    repo.humanPush('master', { 'new.txt': 'pushed since\n' })
    await ws.branch.checkout('git-bob/issue-1', 'master')
    expect(await ws.read('new.txt')).toEqual({ kind: 'text', text: 'pushed since\n' })
  })
})
