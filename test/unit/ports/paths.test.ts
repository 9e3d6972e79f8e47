import { describe, expect, it } from 'vitest'
import {
  checkWritePath,
  mayRead,
  pathLikeWords,
  pathRules,
  shownPath,
  type PathPolicy,
  type PathRules,
  type PathVerdict
} from '../../../src/ports/paths.ts'

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

  it('allows a .github folder that is not at the root', () => {
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

describe('checkWritePath: protected paths', () => {
  const allowing = (request: string, rest: Partial<PathPolicy> = {}): PathRules =>
    pathRules(null, { allowProtected: true, request, ...rest })

  it.each<[string, RegExp]>([
    ['.github/git-bob.md', /git-bob's own instructions file/],
    ['.GitHub/Git-Bob.md', /git-bob's own instructions file/],
    ['.github/actions/setup/action.yml', /configure the repository on GitHub/],
    ['.github/dependabot.yml', /configure the repository on GitHub/],
    ['.github/ISSUE_TEMPLATE/bug.md', /configure the repository on GitHub/],
    ['.github/workflows-docs.md', /configure the repository on GitHub/],
    ['.github/CODEOWNERS', /CODEOWNERS decides who must approve/],
    ['CODEOWNERS', /CODEOWNERS decides who must approve/],
    ['docs/CODEOWNERS', /CODEOWNERS decides who must approve/],
    ['codeowners', /CODEOWNERS decides who must approve/],
    ['.gitattributes', /\.gitattributes decides how git/],
    ['src/.gitattributes', /\.gitattributes decides how git/],
    ['.gitmodules', /\.gitmodules points git at other repositories/],
    ['./.github//git-bob.md', /git-bob's own instructions file/],
    ['.github/git-bob/review-memory.md', /git-bob's review memory, which the `remember` command changes/],
    ['AGENTS.md', /follow it as instructions once it is on the default branch/],
    ['src/io/agents.md', /follow it as instructions/],
    ['CLAUDE.md', /follow it as instructions/],
    ['GEMINI.md', /follow it as instructions/]
  ])('refuses %j by default, saying why and what it takes', (raw, why) => {
    const reason = reasonOf(checkWritePath(raw, NONE))
    expect(reason).toMatch(why)
    expect(reason).toContain('`allow-protected-paths: true`')
    expect(reason).toContain('name this exact path')
  })

  it.each([
    'src/CLAUDE.md',
    'AGENTS.md.bak',
    'src/CODEOWNERS',
    'CODEOWNERS.md',
    'docs/codeowners.txt',
    '.gitattributes.bak',
    'github/git-bob.md'
  ])('does not protect %j', (raw) => {
    expect(accepted(raw)).toBe(raw)
  })

  it.each<[string, string, boolean]>([
    ['.github/git-bob.md', 'git-bob implement: update .github/git-bob.md with the style rules', true],
    ['.github/git-bob.md', 'git-bob implement: update `.github/git-bob.md`.', true],
    ['.github/git-bob.md', 'git-bob implement: update ./.github/git-bob.md!', true],
    ['.github/git-bob.md', 'git-bob implement: update the instructions', false],
    ['.github/git-bob.md', 'git-bob implement: update .github/git-bob.mdx', false],
    ['.github/git-bob.md', 'git-bob implement: update .github/', false],
    ['.github/git-bob.md', 'git-bob implement: update .GITHUB/GIT-BOB.MD', false],
    ['CODEOWNERS', 'git-bob implement: add alice to CODEOWNERS', true],
    ['docs/CODEOWNERS', 'git-bob implement: add alice to CODEOWNERS', false],
    ['.gitattributes', 'git-bob implement: mark *.csv as text in .gitattributes', true]
  ])('with allow-protected-paths, writes %j only when the request names it exactly (%#)', (path, request, ok) => {
    const verdict = checkWritePath(path, allowing(request))
    if (ok) expect(verdict).toEqual({ ok: true, path })
    else expect(reasonOf(verdict)).toMatch(/so it is protected: the request has to name this exact path$/)
  })

  it('without allow-protected-paths, naming the path is not enough', () => {
    const rules = pathRules(null, { allowProtected: false, request: 'git-bob implement: edit .github/git-bob.md' })
    expect(reasonOf(checkWritePath('.github/git-bob.md', rules))).toContain('`allow-protected-paths: true`')
  })

  it('never writes workflow files, even when allowed and named', () => {
    const rules = allowing('git-bob implement: fix .github/workflows/ci.yml')
    expect(reasonOf(checkWritePath('.github/workflows/ci.yml', rules))).toMatch(/^workflow files cannot be changed/)
  })

  it('never writes .gitbobignore, even when allowed and named', () => {
    const rules = allowing('git-bob implement: edit .gitbobignore')
    expect(reasonOf(checkWritePath('.gitbobignore', rules))).toBe('.gitbobignore is for maintainers to edit')
  })

  it('protects a configured instructions file elsewhere', () => {
    const rules = pathRules(null, { instructionsFile: 'docs/bot.md' })
    expect(reasonOf(checkWritePath('docs/bot.md', rules))).toMatch(/git-bob's own instructions file/)
    expect(reasonOf(checkWritePath('.github/git-bob.md', rules))).toMatch(/configure the repository on GitHub/)
  })

  it('an allowed protected path still obeys .gitbobignore', () => {
    const rules = pathRules('.github/\n', { allowProtected: true, request: 'edit .github/dependabot.yml' })
    expect(reasonOf(checkWritePath('.github/dependabot.yml', rules))).toBe(
      'the path matches a pattern in .gitbobignore'
    )
  })
})

describe('checkWritePath: odd names', () => {
  it.each<[string, string]>([
    ['a\nb.txt', 'newline'],
    ['docs/x\r.md', 'carriage return'],
    ['a\tb', 'tab'],
    ['a\u007fb', 'DEL'],
    ['a\u0085b', 'C1 next line'],
    ['a\u009bb', 'C1 CSI'],
    ['a\u001bb', 'escape'],
    ['a\u2028b', 'line separator'],
    ['a\u202eb.txt', 'right-to-left override'],
    ['a\u200bb', 'zero-width space'],
    ['name.md\n', 'a trailing newline'],
    ['\nname.md', 'a leading newline']
  ])('refuses a name with a control or invisible character (%j: %s)', (raw) => {
    expect(reasonOf(checkWritePath(raw, NONE))).toMatch(/^the path contains a control or invisible character/)
  })

  it.each(['-rf', 'a/-x.txt', '--help', 'a/--b/c'])('refuses a name starting with "-" (%j)', (raw) => {
    expect(reasonOf(checkWritePath(raw, NONE))).toMatch(/starts with `-`/)
  })

  it.each(['a/x/../b', 'x/../id.key', 'a/../b/c'])('refuses a `..` segment that stays inside (%j)', (raw) => {
    expect(reasonOf(checkWritePath(raw, NONE))).toMatch(/goes up with `\.\.`/)
  })

  it('refuses a name over 255 bytes, and accepts one of 255', () => {
    expect(reasonOf(checkWritePath(`a/${'x'.repeat(256)}`, NONE))).toMatch(/longer than 255 bytes/)
    expect(reasonOf(checkWritePath(`${'é'.repeat(128)}.md`, NONE))).toMatch(/longer than 255 bytes/)
    expect(accepted(`a/${'x'.repeat(255)}`)).toBe(`a/${'x'.repeat(255)}`)
  })

  it('refuses a path over 1024 bytes, and accepts one of 1024', () => {
    const deep = (n: number): string => Array.from({ length: n }, () => 'abcdefghi').join('/')
    expect(reasonOf(checkWritePath(`${deep(102)}/abcdefghijk`, NONE))).toBe('the path is longer than 1024 bytes')
    const exact = `${deep(102)}/abcd`
    expect(Buffer.byteLength(exact)).toBe(1024)
    expect(accepted(exact)).toBe(exact)
  })

  it('refuses a path holding a secret, without repeating it', () => {
    const rules = pathRules(null, { holdsSecret: (p) => p.includes('s3cr3t') })
    expect(checkWritePath('notes/s3cr3t.txt', rules)).toEqual({
      ok: false,
      path: '***',
      reason: 'the path holds a secret'
    })
    expect(accepted('notes/plain.txt', rules)).toBe('notes/plain.txt')
  })
})

describe('shownPath', () => {
  it.each<[string, string]>([
    ['a/b.txt', 'a/b.txt'],
    ['a\nb', 'a\\nb'],
    ['a\tb\rc', 'a\\tb\\rc'],
    ['a\u0085b\u202e', 'a\\u0085b\\u202e'],
    ['a`b', "a'b"]
  ])('shows %j as %j', (path, shown) => {
    expect(shownPath(path)).toBe(shown)
  })

  it('cuts a long path to the cap, ending in an ellipsis', () => {
    const shown = shownPath('x'.repeat(5000))
    expect(shown).toHaveLength(120)
    expect(shown.endsWith('…')).toBe(true)
  })
})

describe('pathLikeWords', () => {
  it('takes the path-like words of a request, without quotes, ./ or sentence punctuation', () => {
    expect([...pathLikeWords('edit `.github/git-bob.md`, then ./CODEOWNERS. And "docs/a b.md"!')]).toEqual(
      expect.arrayContaining(['.github/git-bob.md', 'CODEOWNERS', 'docs/a', 'b.md', 'edit', 'then'])
    )
  })
})
