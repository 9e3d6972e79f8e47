// The checkout as the reading tools see it: only what git tracks is listed and read.
import { execFileSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { checkoutFiles } from '../../../../src/adapters/git/checkout-files.ts'

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
})
