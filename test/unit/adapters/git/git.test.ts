// The git wrapper: what every git command git-bob starts is told, whatever the repository's configuration says.
import { execFileSync } from 'node:child_process'
import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { Git } from '../../../../src/adapters/git/git.ts'

const git = (dir: string, ...args: string[]): string =>
  execFileSync('git', ['-C', dir, '-c', 'user.name=t', '-c', 'user.email=t@t', ...args], { encoding: 'utf8' })

const packs = (dir: string): string[] => readdirSync(join(dir, '.git/objects/pack')).filter((f) => f.endsWith('.pack'))

describe('Git', () => {
  it('commits without the housekeeping the repository asks for after a commit (no `git maintenance run --auto`)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'git-bob-git-'))
    git(dir, 'init', '-q')
    // Two packs where the repository wants at most one: git's automatic housekeeping would merge them.
    git(dir, 'config', 'gc.autoPackLimit', '1')
    git(dir, 'config', 'gc.autoDetach', 'false')
    for (const name of ['a', 'b']) {
      writeFileSync(join(dir, name), name)
      git(dir, 'add', name)
      git(dir, 'commit', '-qm', name)
      git(dir, 'repack', '-q', '-d')
    }
    expect(packs(dir)).toHaveLength(2)
    // As plain git does it, the housekeeping would run (the check that the setting above would make it run).
    const control = mkdtempSync(join(tmpdir(), 'git-bob-git-'))
    execFileSync('cp', ['-a', `${dir}/.`, control])
    writeFileSync(join(control, 'c'), 'c')
    git(control, 'add', 'c')
    git(control, 'commit', '-qm', 'c')
    expect(packs(control)).toHaveLength(1)

    writeFileSync(join(dir, 'c'), 'c')
    const ours = new Git(dir, null)
    await ours.run(['add', 'c'])
    await ours.run(['-c', 'user.name=t', '-c', 'user.email=t@t', 'commit', '-qm', 'c'])
    expect(git(dir, 'log', '--format=%s').split('\n').filter(Boolean)).toEqual(['c', 'b', 'a'])
    expect(packs(dir)).toHaveLength(2)
  })
})
