// The checkout as the reading tools see it: only what git tracks is listed and read.
import { execFileSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, readFileSync, utimesSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { checkoutFiles } from '../../../../src/adapters/git/checkout-files.ts'
import { Git } from '../../../../src/adapters/git/git.ts'
import { git } from '../../../fakes/git-remote.ts'

function checkout(): string {
  const dir = mkdtempSync(join(tmpdir(), 'checkout-files-'))
  writeFileSync(join(dir, 'README.md'), '# r\n')
  writeFileSync(join(dir, '.gitignore'), 'build/\n')
  execFileSync('sh', ['-c', 'git init -q && git add -A && git -c user.name=t -c user.email=t@t commit -qm init'], {
    cwd: dir
  })
  // What an earlier step of the job left: untracked, ignored, owner-only.
  writeFileSync(join(dir, '.env'), 'TOKEN=sk-untracked-0123456789\n', { mode: 0o600 })
  mkdirSync(join(dir, 'build'))
  writeFileSync(join(dir, 'build/creds.json'), '{"key": "sk-ignored-0123456789"}')
  return dir
}

describe('checkoutFiles', () => {
  it('lists and reads what git tracks, and never an untracked or ignored file', async () => {
    const files = checkoutFiles(checkout())!
    expect((await files.list()).paths.sort()).toEqual(['.gitignore', 'README.md'])
    expect(await files.read('README.md', 1000)).toBe('# r\n')
    expect(await files.read('.env', 1000)).toBeNull()
    expect(await files.read('build/creds.json', 1000)).toBeNull()
    expect(await files.readBytes?.('.env', 1000)).toBeNull()
  })

  afterEach(() => vi.restoreAllMocks())

  /** How many `git ls-files` the adapter has run since the spy was set. */
  function countListings(): () => number {
    const run = vi.spyOn(Git.prototype, 'run')
    return () => run.mock.calls.filter(([args]) => args[0] === 'ls-files').length
  }

  it('asks git for the list again only when the index changed, and always answers as git would', async () => {
    const dir = checkout()
    const listings = countListings()
    const files = checkoutFiles(dir)!
    expect((await files.list()).paths.sort()).toEqual(['.gitignore', 'README.md'])
    expect((await files.list()).paths.sort()).toEqual(['.gitignore', 'README.md'])
    expect(await files.read('README.md', 1000)).toBe('# r\n')
    expect(await files.read('.env', 1000)).toBeNull()
    expect(listings()).toBe(1)
    // A file's content changes (the model's edits, a box's copy back): the index, and so the list, do not.
    writeFileSync(join(dir, 'README.md'), '# changed\n')
    expect(await files.read('README.md', 1000)).toBe('# changed\n')
    expect(listings()).toBe(1)
    // Anything that changes the index (a checkout, a commit, git run by anyone) is seen at once.
    git(dir, 'add', '-f', '.env')
    expect((await files.list()).paths.sort()).toEqual(['.env', '.gitignore', 'README.md'])
    expect(await files.read('.env', 1000)).toBe('TOKEN=sk-untracked-0123456789\n')
    expect(listings()).toBe(2)
    git(dir, 'rm', '-q', '--cached', '.env')
    expect(await files.read('.env', 1000)).toBeNull()
    expect((await files.list()).paths.sort()).toEqual(['.gitignore', 'README.md'])
    expect(listings()).toBe(3)
    // Another branch checked out: its files, not the first branch's.
    git(dir, 'checkout', '-q', '-b', 'other')
    writeFileSync(join(dir, 'other.txt'), 'o\n')
    git(dir, 'add', 'other.txt')
    git(dir, '-c', 'user.name=t', '-c', 'user.email=t@t', 'commit', '-qm', 'other')
    expect(await files.read('other.txt', 1000)).toBe('o\n')
    git(dir, 'checkout', '-q', '-')
    expect(await files.read('other.txt', 1000)).toBeNull()
    expect((await files.list()).paths.sort()).toEqual(['.gitignore', 'README.md'])
  })

  it('finds the index of a worktree (.git is a file there) and asks git again only when it changed', async () => {
    const main = checkout()
    const dir = `${main}-worktree`
    git(main, 'worktree', 'add', '-q', dir)
    const listings = countListings()
    const files = checkoutFiles(dir)!
    expect((await files.list()).paths.sort()).toEqual(['.gitignore', 'README.md'])
    expect((await files.list()).paths.sort()).toEqual(['.gitignore', 'README.md'])
    expect(listings()).toBe(1)
    writeFileSync(join(dir, '.env'), 'TOKEN=sk-untracked-0123456789\n')
    git(dir, 'add', '-f', '.env')
    expect((await files.list()).paths.sort()).toEqual(['.env', '.gitignore', 'README.md'])
    git(dir, 'rm', '-q', '--cached', '.env')
    expect(await files.read('.env', 1000)).toBeNull()
    expect(listings()).toBe(3)
  })

  it('tells an index written without its checksum (index.skipHash) by its file once it is old enough, and sees every change', async () => {
    const dir = checkout()
    const index = join(dir, '.git', 'index')
    // What git 2.40+ writes with index.skipHash: the index without its checksum, zeros in its place; `age` s ago.
    const skipHash = (age: number): void => {
      const bytes = readFileSync(index)
      bytes.fill(0, bytes.length - 20)
      writeFileSync(index, bytes)
      const then = Date.now() / 1000 - age
      utimesSync(index, then, then)
    }
    skipHash(0)
    const listings = countListings()
    const files = checkoutFiles(dir)!
    // Written just now: it could be written again in the same tick, unseen; git is asked each time.
    expect((await files.list()).paths.sort()).toEqual(['.gitignore', 'README.md'])
    expect(await files.read('README.md', 1000)).toBe('# r\n')
    expect(listings()).toBe(2)
    skipHash(10)
    expect((await files.list()).paths.sort()).toEqual(['.gitignore', 'README.md'])
    expect(await files.read('README.md', 1000)).toBe('# r\n')
    expect(listings()).toBe(3)
    git(dir, 'add', '-f', '.env')
    skipHash(10)
    expect((await files.list()).paths.sort()).toEqual(['.env', '.gitignore', 'README.md'])
    git(dir, 'rm', '-q', '--cached', '.env')
    skipHash(10)
    expect(await files.read('.env', 1000)).toBeNull()
    expect(listings()).toBe(5)
  })
})
