import { describe, expect, it } from 'vitest'
import {
  checkWritePath,
  mayRead,
  pathRules,
  type PathRules,
  type PathVerdict
} from '../../../../src/commands/implement/paths.ts'

const NONE = pathRules(null)
const IGNORE_FILE = ['# secrets stay out', 'secrets/', '*.key', '!keep.key', '**/private/**', ''].join('\n')
const RULES = pathRules(IGNORE_FILE)

function reasonOf(verdict: PathVerdict): string {
  if (verdict.ok) throw new Error(`expected a refusal, got ok for ${verdict.path}`)
  return verdict.reason
}

function accepted(raw: string, rules: PathRules = NONE): string {
  const verdict = checkWritePath(raw, rules)
  if (!verdict.ok) throw new Error(`expected ${JSON.stringify(raw)} to be accepted, refused: ${verdict.reason}`)
  return verdict.path
}

describe('checkWritePath: normalisation', () => {
  it.each([
    ['a/b.txt', 'a/b.txt'],
    ['./a/b', 'a/b'],
    ['a//b', 'a/b'],
    ['a/./b', 'a/b'],
    ['a\\b\\c.txt', 'a/b/c.txt'],
    ['a/b/', 'a/b'],
    ['a/b//', 'a/b'],
    ['  a/b  ', 'a/b'],
    ['a/x/../b', 'a/b'],
    ['.\\src\\main.ts', 'src/main.ts'],
    ['README.md', 'README.md']
  ])('%j becomes %j', (raw, path) => {
    expect(checkWritePath(raw, NONE)).toEqual({ ok: true, path })
  })

  it('keeps the case of the path', () => {
    expect(accepted('Src/Main.TS')).toBe('Src/Main.TS')
  })

  it('accepts dotfiles and names that merely start with dots', () => {
    expect(accepted('.gitignore')).toBe('.gitignore')
    expect(accepted('.gitattributes')).toBe('.gitattributes')
    expect(accepted('..foo')).toBe('..foo')
    expect(accepted('a/.env.example')).toBe('a/.env.example')
  })
})

describe('checkWritePath: refusals', () => {
  it.each(['', '   ', '\t\n'])('refuses the empty path %j', (raw) => {
    const verdict = checkWritePath(raw, NONE)
    expect(verdict.ok).toBe(false)
    expect(reasonOf(verdict)).toBe('the path is empty')
    expect(verdict.path).toBe(raw)
  })

  it.each(['/etc/passwd', '/', 'C:/x', 'c:\\Windows\\x', 'C:x', '\\\\server\\share\\x', '\\x'])(
    'refuses the absolute path %j',
    (raw) => {
      expect(reasonOf(checkWritePath(raw, NONE))).toBe('absolute paths are outside the repository')
    }
  )

  it('reports the absolute path with forward slashes', () => {
    expect(checkWritePath('C:\\x\\y', NONE)).toMatchObject({ ok: false, path: 'C:/x/y' })
  })

  it.each(['a\0b', 'a/b\0', '\0'])('refuses a path with a NUL character (%#)', (raw) => {
    expect(reasonOf(checkWritePath(raw, NONE))).toBe('the path contains a NUL character')
  })

  it.each(['.', './', './.', 'a/..', 'a/b/../..', './a/../'])('refuses the repository root %j', (raw) => {
    const verdict = checkWritePath(raw, NONE)
    expect(reasonOf(verdict)).toBe('the path names the repository root, not a file')
  })

  it.each(['..', '../x', '../', 'a/../../x', './../x', '..\\x', 'a/b/../../../etc/passwd'])(
    'refuses the escape %j',
    (raw) => {
      expect(reasonOf(checkWritePath(raw, NONE))).toBe('the path leads outside the repository')
    }
  )

  it('reports an escape in its normalised form', () => {
    expect(checkWritePath('a/../../x', NONE)).toMatchObject({ ok: false, path: '../x' })
  })

  it.each([
    '.git',
    '.git/config',
    '.git/hooks/pre-commit',
    'sub/.GIT/x',
    '.Git/HEAD',
    'a/b/.git',
    'a\\.git\\config',
    './.git/',
    'a/x/../.git/config'
  ])('refuses a .git segment in %j', (raw) => {
    expect(reasonOf(checkWritePath(raw, NONE))).toBe('git-bob never touches .git/')
  })

  it('allows names that only contain .git', () => {
    expect(accepted('.github/ISSUE_TEMPLATE/x.md')).toBe('.github/ISSUE_TEMPLATE/x.md')
    expect(accepted('a.git')).toBe('a.git')
    expect(accepted('.gitx/y')).toBe('.gitx/y')
    expect(accepted('docs/.git-blame-ignore-revs')).toBe('docs/.git-blame-ignore-revs')
  })

  it.each([
    '.github/workflows/ci.yml',
    '.GitHub/Workflows/ci.yml',
    '.GITHUB/WORKFLOWS/x',
    './.github/workflows/a/b.yml',
    '.github\\workflows\\ci.yml',
    '.github//workflows/ci.yml'
  ])('refuses the workflow file %j', (raw) => {
    const reason = reasonOf(checkWritePath(raw, NONE))
    expect(reason).toMatch(/^workflow files cannot be changed/)
    expect(reason).toContain('`workflows` permission')
  })

  it('allows other files under .github', () => {
    expect(accepted('.github/ISSUE_TEMPLATE/x.md')).toBe('.github/ISSUE_TEMPLATE/x.md')
    expect(accepted('.github/dependabot.yml')).toBe('.github/dependabot.yml')
    expect(accepted('.github/workflows-docs.md')).toBe('.github/workflows-docs.md')
    expect(accepted('docs/.github/workflows/x.yml')).toBe('docs/.github/workflows/x.yml')
  })

  it.each(['.gitbobignore', './.gitbobignore', '.gitbobignore/'])('refuses .gitbobignore itself (%j)', (raw) => {
    expect(checkWritePath(raw, RULES)).toEqual({
      ok: false,
      path: '.gitbobignore',
      reason: '.gitbobignore is for maintainers to edit'
    })
  })

  it('checks in order: absolute before .git, .git before workflows', () => {
    expect(reasonOf(checkWritePath('.github/workflows/.git/x', NONE))).toBe('git-bob never touches .git/')
    expect(reasonOf(checkWritePath('/.git/config', NONE))).toBe('absolute paths are outside the repository')
  })
})

describe('checkWritePath: .gitbobignore patterns', () => {
  it('refuses files in an ignored directory, at any depth', () => {
    for (const raw of ['secrets/a.txt', 'secrets/deep/b.json', 'x/secrets/a', './secrets//c']) {
      expect(reasonOf(checkWritePath(raw, RULES))).toBe('the path matches a pattern in .gitbobignore')
    }
  })

  it('does not treat a file named like an ignored directory as the directory', () => {
    expect(accepted('secrets', RULES)).toBe('secrets')
    expect(accepted('secrets.md', RULES)).toBe('secrets.md')
  })

  it('refuses glob matches anywhere, case-insensitively', () => {
    for (const raw of ['id.key', 'a/b/server.key', 'A.KEY']) {
      expect(reasonOf(checkWritePath(raw, RULES))).toBe('the path matches a pattern in .gitbobignore')
    }
    expect(accepted('id.keys', RULES)).toBe('id.keys')
    expect(accepted('keyring.txt', RULES)).toBe('keyring.txt')
  })

  it('honours negation', () => {
    expect(accepted('keep.key', RULES)).toBe('keep.key')
    expect(accepted('sub/keep.key', RULES)).toBe('sub/keep.key')
  })

  it('honours nested ** patterns', () => {
    for (const raw of ['private/x', 'a/private/b', 'a/b/private/c/d.txt']) {
      expect(reasonOf(checkWritePath(raw, RULES))).toBe('the path matches a pattern in .gitbobignore')
    }
    expect(accepted('a/private', RULES)).toBe('a/private')
    expect(accepted('a/privateer/b', RULES)).toBe('a/privateer/b')
  })

  it('matches the normalised path, not the raw one', () => {
    expect(checkWritePath('.\\secrets\\a.txt', RULES)).toMatchObject({ ok: false, path: 'secrets/a.txt' })
    expect(checkWritePath('x/../id.key', RULES)).toMatchObject({ ok: false, path: 'id.key' })
  })

  it('ignores comments and blank lines in the ignore file', () => {
    expect(accepted('# secrets stay out', RULES)).toBe('# secrets stay out')
    expect(accepted('src/index.ts', RULES)).toBe('src/index.ts')
  })

  it('with no ignore file or an empty one, nothing is ignored', () => {
    expect(accepted('secrets/a.txt', pathRules(null))).toBe('secrets/a.txt')
    expect(accepted('id.key', pathRules(''))).toBe('id.key')
  })

  it('anchored patterns only match at the root', () => {
    const rules = pathRules('/build\n')
    expect(reasonOf(checkWritePath('build/out.js', rules))).toBe('the path matches a pattern in .gitbobignore')
    expect(accepted('src/build/out.js', rules)).toBe('src/build/out.js')
  })
})

describe('pathRules', () => {
  it('builds independent rule sets', () => {
    const a = pathRules('*.log')
    const b = pathRules('*.txt')
    expect(a.ignored.ignores('x.log')).toBe(true)
    expect(a.ignored.ignores('x.txt')).toBe(false)
    expect(b.ignored.ignores('x.log')).toBe(false)
    expect(b.ignored.ignores('x.txt')).toBe(true)
  })

  it('accepts Windows line endings', () => {
    const rules = pathRules('*.log\r\nsecrets/\r\n')
    expect(rules.ignored.ignores('a.log')).toBe(true)
    expect(rules.ignored.ignores('secrets/x')).toBe(true)
  })
})

describe('mayRead', () => {
  it('allows ordinary files', () => {
    expect(mayRead('src/index.ts', RULES)).toBe(true)
    expect(mayRead('README.md', NONE)).toBe(true)
    expect(mayRead('.github/workflows/ci.yml', RULES)).toBe(true)
    expect(mayRead('.gitbobignore', RULES)).toBe(true)
  })

  it('hides .git', () => {
    expect(mayRead('.git/config', NONE)).toBe(false)
    expect(mayRead('sub/.git/HEAD', NONE)).toBe(false)
    expect(mayRead('.git', NONE)).toBe(false)
    expect(mayRead('.gitignore', NONE)).toBe(true)
  })

  it('hides what .gitbobignore lists', () => {
    expect(mayRead('secrets/a.txt', RULES)).toBe(false)
    expect(mayRead('a/id.key', RULES)).toBe(false)
    expect(mayRead('a/private/b', RULES)).toBe(false)
    expect(mayRead('keep.key', RULES)).toBe(true)
    expect(mayRead('secrets', RULES)).toBe(true)
  })
})
