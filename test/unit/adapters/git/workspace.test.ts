// The git workspace against real git: a bare origin and a shallow clone in a temporary directory.
import { mkdirSync, readFileSync, symlinkSync, writeFileSync, appendFileSync, existsSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { GitWorkspace } from '../../../../src/adapters/git/workspace.ts'
import { PathEscapeError, StepError } from '../../../../src/errors.ts'
import { git } from '../../../fakes/git-remote.ts'
import { useGitRemotes } from '../../../fakes/git-workspaces.ts'

const { remote, open } = useGitRemotes()

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

describe('GitWorkspace changes', () => {
  const r = remote({ 'a.txt': 'a\n', 'b.txt': 'b\n', 'c.txt': 'c\n' })
  const ws = open(r)

  it('lists new, changed and deleted paths, and restores paths as committed or gone, with the folders new files made', async () => {
    await ws.branch.checkout('changes', 'main')
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
