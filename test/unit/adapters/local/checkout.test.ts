import { execFileSync } from 'node:child_process'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { accountAuthor } from '../../../../src/adapters/git/branch.ts'
import { namesRepository, prepareCheckout, TerminalWorkspace } from '../../../../src/adapters/local/checkout.ts'
import { GitRemote } from '../../../fakes/git-remote.ts'

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
    expect(own).toMatchObject({ dir: repo.workspace, temporary: false })

    writeFileSync(join(repo.workspace, 'README.md'), 'changed')
    const clone = await prepareCheckout(options)
    expect(clone.temporary).toBe(true)
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
})
