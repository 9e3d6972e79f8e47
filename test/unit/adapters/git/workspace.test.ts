// The git workspace against real git: a bare origin and a shallow clone in a temporary directory.
import { mkdirSync, readFileSync, rmSync, symlinkSync, writeFileSync, appendFileSync, existsSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { BOT_AUTHOR, GitWorkspace } from '../../../../src/adapters/git/workspace.ts'
import { NotebookTamperError, PathEscapeError, StepError } from '../../../../src/errors.ts'
import { git, GitRemote } from '../../../fakes/git-remote.ts'

const remotes: GitRemote[] = []
function remote(files: Record<string, string | Uint8Array>, links: Record<string, string> = {}): GitRemote {
  const r = new GitRemote(files, 'main', links)
  remotes.push(r)
  return r
}
afterAll(() => {
  for (const r of remotes) rmSync(r.root, { recursive: true, force: true })
})

function open(r: GitRemote): GitWorkspace {
  const ws = GitWorkspace.open(r.workspace, null)
  if (!ws) throw new Error('no workspace')
  return ws
}

describe('GitWorkspace files', () => {
  const r = remote(
    { 'README.md': '# Repo\n', 'src/a.py': 'a = 1\n', 'logo.png': new Uint8Array([137, 80, 0, 71]) },
    { data: '/etc', 'link.txt': 'README.md' }
  )
  const ws = open(r)

  it('opens only a directory with a git repository', () => {
    expect(GitWorkspace.open('', null)).toBeNull()
    expect(GitWorkspace.open(r.root, null)).toBeNull()
    expect(ws.dir).toBe(r.workspace)
  })

  it('reads text, binary and missing files; a folder or a link reads as missing', async () => {
    expect(await ws.read('README.md')).toEqual({ kind: 'text', text: '# Repo\n' })
    expect(await ws.read('logo.png')).toMatchObject({ kind: 'binary', size: 4 })
    expect(await ws.read('nothing.txt')).toEqual({ kind: 'missing' })
    expect(await ws.read('src')).toEqual({ kind: 'missing' })
    expect(await ws.read('link.txt')).toEqual({ kind: 'missing' })
    expect(await ws.read('data/passwd')).toEqual({ kind: 'missing' })
  })

  it('writes (making folders), copies, moves and removes files', async () => {
    await ws.write('deep/new/file.txt', 'hello\n')
    await ws.write('bytes.bin', new Uint8Array([0, 1, 2]))
    await ws.copy('src/a.py', 'src/b.py')
    await ws.move('deep/new/file.txt', 'moved/file.txt')
    await ws.remove('bytes.bin')
    await ws.remove('never-there.txt')
    expect(readFileSync(join(r.workspace, 'moved/file.txt'), 'utf8')).toBe('hello\n')
    expect(await ws.read('deep/new/file.txt')).toEqual({ kind: 'missing' })
    expect(await ws.read('src/b.py')).toEqual({ kind: 'text', text: 'a = 1\n' })
    expect(await ws.read('bytes.bin')).toEqual({ kind: 'missing' })
    expect(await ws.changedPaths()).toEqual(['moved/file.txt', 'src/b.py'])
  })

  it('never writes through a symbolic link or outside the working tree', async () => {
    await expect(ws.write('data/evil', 'x')).rejects.toThrow(PathEscapeError)
    await expect(ws.write('data/evil', 'x')).rejects.toThrow(
      'data is a symbolic link, and git-bob does not write through links'
    )
    await expect(ws.write('link.txt', 'x')).rejects.toThrow(PathEscapeError)
    await expect(ws.remove('link.txt')).rejects.toThrow(PathEscapeError)
    await expect(ws.copy('README.md', 'data/copy')).rejects.toThrow(PathEscapeError)
    await expect(ws.write('../outside.txt', 'x')).rejects.toThrow('../outside.txt is outside the repository')
    expect(readFileSync(join(r.workspace, 'README.md'), 'utf8')).toBe('# Repo\n')
  })

  it.each<[string, string]>([
    ['src', 'the path names a directory, not a file'],
    ['README.md/x.txt', 'a part of the path is a file, not a directory'],
    [`${'n'.repeat(300)}.txt`, 'the path or a name in it is too long for the file system']
  ])('turns what the file system refuses for %j into a skipped step: %s', async (path, reason) => {
    await expect(ws.write(path, 'x')).rejects.toThrow(StepError)
    await expect(ws.write(path, 'x')).rejects.toThrow(reason)
    await expect(ws.copy('README.md', path)).rejects.toThrow(reason)
  })

  it("fingerprints .git's config and hooks, and nothing else there", async () => {
    const before = await ws.gitFingerprint()
    await ws.write('README.md', 'changed\n')
    await ws.changedPaths()
    expect(await ws.gitFingerprint()).toBe(before)
    appendFileSync(join(r.workspace, '.git', 'config'), '[core]\n\thooksPath = /tmp\n')
    const afterConfig = await ws.gitFingerprint()
    expect(afterConfig).not.toBe(before)
    writeFileSync(join(r.workspace, '.git', 'hooks', 'pre-commit'), '#!/bin/sh\n')
    const afterHook = await ws.gitFingerprint()
    expect(afterHook).not.toBe(afterConfig)
    mkdirSync(join(r.workspace, '.git', 'info'), { recursive: true })
    symlinkSync('/etc/passwd', join(r.workspace, '.git', 'info', 'link'))
    expect(await ws.gitFingerprint()).not.toBe(afterHook)
  })
})

describe('GitWorkspace changes, branches, commit and push', () => {
  // One origin for these tests; each starts on a branch of its own, checked out clean from main.
  const r = remote({ 'a.txt': 'a\n', 'b.txt': 'b\n', 'c.txt': 'c\n' })
  const ws = open(r)

  it('lists new, changed and deleted paths, and restores paths as committed or gone, with the folders new files made', async () => {
    await ws.checkout('changes', 'main')
    expect(await ws.changedPaths()).toEqual([])
    await ws.write('a.txt', 'changed\n')
    await ws.remove('b.txt')
    await ws.write('new/d.txt', 'd\n')
    expect(await ws.changedPaths()).toEqual(['a.txt', 'b.txt', 'new/d.txt'])
    await ws.write('new/deeper/e.txt', 'e\n')
    await ws.restore(['a.txt', 'b.txt', 'new/d.txt', 'new/deeper/e.txt'])
    expect(await ws.changedPaths()).toEqual([])
    // The folders the new files made are gone too.
    expect(existsSync(join(ws.dir, 'new'))).toBe(false)
    expect(await ws.read('a.txt')).toEqual({ kind: 'text', text: 'a\n' })
    expect(await ws.read('b.txt')).toEqual({ kind: 'text', text: 'b\n' })
  })

  it("lists origin's branches by prefix and checks one out at origin's tip, clean", async () => {
    r.humanPush('git-bob/issue-1', { 'a.txt': 'on the branch\n' })
    r.humanPush('git-bob/issue-1-2', { 'b.txt': 'b2\n' })
    expect((await ws.remoteBranches('git-bob/issue-1')).sort()).toEqual(['git-bob/issue-1', 'git-bob/issue-1-2'])
    await ws.write('stray.txt', 'left from before\n')
    await ws.checkout('git-bob/issue-1', 'git-bob/issue-1')
    expect(await ws.read('a.txt')).toEqual({ kind: 'text', text: 'on the branch\n' })
    expect(await ws.read('stray.txt')).toEqual({ kind: 'missing' })
    await ws.checkout('git-bob/issue-2', 'main')
    expect(git(r.workspace, 'rev-parse', '--abbrev-ref', 'HEAD')).toBe('git-bob/issue-2')
    expect(await ws.read('a.txt')).toEqual({ kind: 'text', text: 'a\n' })
  })

  it('commits nothing when nothing changed, else one commit by the bot with the requester as co-author', async () => {
    await ws.checkout('commit', 'main')
    expect(await ws.commit(['a.txt'], () => 'Nothing', null)).toEqual({ sha: null, files: [], leftOut: [] })
    await ws.write('a.txt', 'b\n')
    const { sha } = await ws.commit(['a.txt'], () => '  Change a\n\nBecause.  ', { login: 'alice', id: 42 })
    expect(sha).toMatch(/^[0-9a-f]{40}$/)
    expect(git(r.workspace, 'log', '-1', '--format=%an <%ae>%n%B')).toBe(
      `${BOT_AUTHOR.name} <${BOT_AUTHOR.email}>\nChange a\n\nBecause.\n\nCo-authored-by: alice <42+alice@users.noreply.github.com>`
    )
  })

  it('commits exactly the checked paths that changed, by name, and returns the rest as left out', async () => {
    await ws.checkout('explicit', 'main')
    await ws.write('a.txt', 'checked\n')
    await ws.remove('b.txt')
    await ws.write('new/checked.txt', 'n\n')
    await ws.write('c.txt', 'not checked\n')
    await ws.write('stray/file.txt', 'not checked\n')
    // Something staged behind git-bob's back (a notebook can run git) is not committed either.
    git(r.workspace, 'add', 'stray/file.txt')
    let staged: readonly string[] = []
    const result = await ws.commit(
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
    await ws.checkout('tamper', 'main')
    await ws.write('a.txt', 'x\n')
    const config = join(r.workspace, '.git', 'config')
    const original = readFileSync(config, 'utf8')
    appendFileSync(config, '[core]\n\thooksPath = /tmp\n')
    await expect(ws.commit(['a.txt'], () => 'X', null)).rejects.toThrow(NotebookTamperError)
    writeFileSync(config, original)
    const { sha } = await ws.commit(['a.txt'], () => 'X', null)
    expect(sha).toMatch(/^[0-9a-f]{40}$/)
    appendFileSync(config, '[url "http://127.0.0.1:9/"]\n\tinsteadOf = https://\n')
    await expect(ws.push('tamper', { rebuild: false })).rejects.toThrow('nothing was pushed')
    expect(r.branches()).not.toContain('tamper')
    writeFileSync(config, original)
    const pushed = await ws.push('tamper', { rebuild: false })
    if (pushed.kind !== 'pushed') throw new Error('not pushed')
    // Nor is a branch deleted (a push with the token) once .git changed.
    appendFileSync(config, '[url "http://127.0.0.1:9/"]\n\tinsteadOf = https://\n')
    expect(await ws.deleteRemoteBranch('tamper', pushed.sha)).toBe(false)
    expect(r.branches()).toContain('tamper')
    writeFileSync(config, original)
  })

  it('pushes a new branch; refuses to build on one someone created meanwhile', async () => {
    await ws.checkout('new-1', 'main')
    await ws.write('a.txt', 'mine\n')
    const sha = (await ws.commit(['a.txt'], () => 'Mine', null)).sha!
    r.humanPush('new-1', { 'h.txt': 'theirs\n' })
    expect(await ws.push('new-1', { rebuild: false })).toEqual({
      kind: 'conflict',
      detail: 'the branch was created by someone else meanwhile'
    })
    expect(r.show('new-1', 'h.txt')).toBe('theirs')
    expect(await ws.push('new-2', { rebuild: false })).toEqual({ kind: 'pushed', sha, rebuilt: false })
    expect(r.show('new-2', 'a.txt')).toBe('mine')
  })

  it('rebuilds its commit on a commit pushed meanwhile, keeping it; and pushes nothing on a conflict', async () => {
    r.humanPush('feature', { 'f.txt': 'f\n' }, 'start')
    await ws.checkout('feature', 'feature')
    await ws.write('a.txt', 'mine\n')
    await ws.commit(['a.txt'], () => 'Mine', null)
    r.humanPush('feature', { 'b.txt': 'theirs\n' }, 'theirs')
    const pushed = await ws.push('feature')
    expect(pushed).toMatchObject({ kind: 'pushed', rebuilt: true })
    expect(r.log('feature').slice(0, 3)).toEqual(['Mine', 'theirs', 'start'])
    expect(r.show('feature', 'b.txt')).toBe('theirs')

    await ws.write('a.txt', 'mine again\n')
    await ws.commit(['a.txt'], () => 'Mine again', null)
    r.humanPush('feature', { 'a.txt': 'their a\n' }, 'conflicting')
    const conflict = await ws.push('feature')
    expect(conflict.kind).toBe('conflict')
    expect(r.log('feature')[0]).toBe('conflicting')
    expect(r.show('feature', 'a.txt')).toBe('their a')
  })

  it('deletes a branch it pushed, but not once someone else pushed to it', async () => {
    await ws.checkout('gone-1', 'main')
    await ws.write('c.txt', 'mine\n')
    await ws.commit(['c.txt'], () => 'Mine', null)
    const pushed = await ws.push('gone-1', { rebuild: false })
    if (pushed.kind !== 'pushed') throw new Error('not pushed')
    await ws.push('gone-2', { rebuild: false })
    r.humanPush('gone-2', { 'h.txt': 'h\n' })
    expect(await ws.deleteRemoteBranch('gone-2', pushed.sha)).toBe(false)
    expect(await ws.deleteRemoteBranch('gone-1', pushed.sha)).toBe(true)
    expect(r.branches().filter((b) => b.startsWith('gone-'))).toEqual(['gone-2'])
    expect(ws.gitMs).toBeGreaterThan(0)
  })
})

describe('GitWorkspace for the box', () => {
  it('knows what git-bob wrote, moved, removed and took back from a box', async () => {
    const ws = open(remote({ 'a.txt': 'a\n', 'b.txt': 'b\n' }))
    await ws.write('new.txt', 'n\n')
    await ws.move('a.txt', 'moved.txt')
    await ws.remove('b.txt')
    ws.wrote(['figure.png'])
    expect([...ws.written()].sort()).toEqual(['a.txt', 'b.txt', 'figure.png', 'moved.txt', 'new.txt'])
  })

  it('names the credentials the checkout keeps in its git configuration, never their values', async () => {
    const r = remote({ 'a.txt': 'a\n' })
    const ws = open(r)
    expect(await ws.persistedCredentials()).toEqual([])
    // As actions/checkout v6 keeps it: a file of its own, included from .git/config.
    const kept = join(r.root, 'credentials.config')
    writeFileSync(kept, '[http "https://github.com/"]\n\textraheader = AUTHORIZATION: basic c2VjcmV0\n')
    git(r.workspace, 'config', `includeIf.gitdir:${r.workspace}/.git.path`, kept)
    git(r.workspace, 'config', 'credential.helper', 'store')
    const found = await ws.persistedCredentials()
    expect(found).toEqual(['http.https://github.com/.extraheader', 'credential.helper'])
    expect(found.join(' ')).not.toContain('c2VjcmV0')
  })
})
