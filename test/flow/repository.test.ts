// The repository context the model gets: the file list and the files the conversation names.
import { execFileSync } from 'node:child_process'
import { mkdtempSync, mkdirSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { useStage } from './stage.ts'

const stage = useStage()

function workspace(files: Record<string, string | Buffer>): string {
  const dir = mkdtempSync(join(tmpdir(), 'git-bob-ws-'))
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(join(dir, path, '..'), { recursive: true })
    writeFileSync(join(dir, path), content)
  }
  const git = (...args: string[]): void => void execFileSync('git', ['-C', dir, ...args], { stdio: 'ignore' })
  git('init', '-q', '-b', 'master')
  git('add', '-A')
  git('-c', 'user.name=t', '-c', 'user.email=t@example.com', 'commit', '-q', '-m', 'init')
  return dir
}

describe('repository context', () => {
  it('lists the checked-out files and includes the ones the thread names, without API calls for them', async () => {
    const dir = workspace({
      'README.md': '# Hello',
      'src/analysis.py': 'def count_records(df):\n    return len(df)\n',
      'data/image.png': Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0]),
      'notes/other.txt': 'not named'
    })
    await stage.comment(
      { body: 'Why does count_records in src/analysis.py ignore NaN? Compare image.png.\n\ngit-bob comment' },
      { workspace: dir }
    )
    const prompt = String(stage.model.requests[0]!.body.messages[1]!.content)
    expect(prompt).toContain('# Repository files')
    expect(prompt).toContain('notes/other.txt')
    expect(prompt).toContain('## Content of src/analysis.py')
    expect(prompt).toContain('return len(df)')
    expect(prompt).not.toContain('not named')
    expect(prompt).toContain('data/image.png (not a text file)')
    expect(stage.github.requests.some((r) => r.path.includes('/contents/src/analysis.py'))).toBe(false)
    // The only listing through the API is the default branch's, for its instruction files (never a checkout's).
    const trees = stage.github.requests.filter((r) => r.path.includes('/git/trees/'))
    expect(trees.map((r) => r.path)).toEqual([expect.stringMatching(/\/git\/trees\/master$/)])
  })

  it('neither lists nor reads what .gitbobignore hides, and does not follow symbolic links', async () => {
    const outside = mkdtempSync(join(tmpdir(), 'outside-'))
    writeFileSync(join(outside, 'secret.txt'), 'RUNNER CREDENTIALS')
    const dir = workspace({ '.gitbobignore': 'private/\n', 'private/notes.md': 'hidden notes', 'README.md': '# Hello' })
    symlinkSync(join(outside, 'secret.txt'), join(dir, 'cfg.txt'))
    execFileSync('git', ['-C', dir, 'add', 'cfg.txt'])
    await stage.comment({ body: 'Compare cfg.txt and private/notes.md. git-bob comment' }, { workspace: dir })
    const prompt = String(stage.model.requests[0]!.body.messages[1]!.content)
    expect(prompt).not.toContain('RUNNER CREDENTIALS')
    expect(prompt).toContain('cfg.txt (a symbolic link; not followed)')
    expect(prompt).not.toContain('hidden notes')
    expect(prompt).not.toContain('private/notes.md\n')
  })

  it('reads the file list and named files through the API when there is no checkout', async () => {
    stage.github.files.set('README.md', '# Hello')
    stage.github.files.set('src/analysis.py', 'print("from the API")')
    await stage.comment({ body: 'Look at src/analysis.py please. git-bob comment' })
    const prompt = String(stage.model.requests[0]!.body.messages[1]!.content)
    expect(prompt).toContain('print("from the API")')
    expect(stage.github.requests.some((r) => r.path.endsWith('/git/trees/master'))).toBe(true)
  })
})
