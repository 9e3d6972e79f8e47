import { describe, expect, it } from 'vitest'
import { findCheckCommand, PYTEST, shellQuote, syntaxCheck } from '../../../../src/commands/implement/check-command.ts'

function find(files: Record<string, string>, configured: string | null = null): ReturnType<typeof findCheckCommand> {
  return findCheckCommand(configured, Object.keys(files), (path) => files[path] ?? null)
}

describe('findCheckCommand', () => {
  it('takes the check-command input over anything in the repository', () => {
    expect(find({ 'pytest.ini': '[pytest]\n' }, 'npm run check')).toEqual({
      command: 'npm run check',
      source: 'the `check-command` input'
    })
  })

  it('finds pytest from its configuration in each file it may live in', () => {
    expect(find({ 'pytest.ini': '' })).toEqual({ command: PYTEST, source: 'the pytest configuration in `pytest.ini`' })
    expect(find({ 'pyproject.toml': '[project]\nname="x"\n\n[tool.pytest.ini_options]\n' })?.source).toBe(
      'the pytest configuration in `pyproject.toml`'
    )
    expect(find({ 'setup.cfg': '[metadata]\n[tool:pytest]\ntestpaths = tests\n' })?.source).toBe(
      'the pytest configuration in `setup.cfg`'
    )
    expect(find({ 'tox.ini': '[tox]\n[pytest]\n' })?.source).toBe('the pytest configuration in `tox.ini`')
  })

  it('finds pytest from test files in tests/ or test/, not from a pyproject.toml without pytest', () => {
    expect(find({ 'pyproject.toml': '[project]\n', 'tests/test_ops.py': '' })).toEqual({
      command: PYTEST,
      source: 'the test files in `tests/`'
    })
    expect(find({ 'test/ops_test.py': '' })?.command).toBe(PYTEST)
    expect(find({ 'pyproject.toml': '[project]\n', 'src/ops.py': '' })).toBeNull()
  })

  it("finds a package.json test script, but not npm's placeholder", () => {
    expect(find({ 'package.json': JSON.stringify({ scripts: { test: 'vitest run' } }) })).toEqual({
      command: 'npm test',
      source: 'the `test` script of `package.json`'
    })
    expect(
      find({ 'package.json': JSON.stringify({ scripts: { test: 'echo "Error: no test specified" && exit 1' } }) })
    ).toBeNull()
    expect(find({ 'package.json': '{ not json' })).toBeNull()
  })

  it('finds a Makefile test target', () => {
    expect(find({ Makefile: 'all:\n\tcc x.c\n\ntest: all\n\t./run-tests\n' })).toEqual({
      command: 'make test',
      source: 'the `test` target of `Makefile`'
    })
    expect(find({ Makefile: 'all:\n\tcc x.c\n' })).toBeNull()
  })
})

describe('syntaxCheck', () => {
  it('compiles every Python file written, each path one shell word', () => {
    expect(syntaxCheck(['a.py', 'README.md', 'my dir/b.py', "it's.py", '-x.py'])).toBe(
      `python3 -m py_compile a.py 'my dir/b.py' 'it'\\''s.py' ./-x.py`
    )
    expect(syntaxCheck(['README.md'])).toBeNull()
  })

  it('quotes what the shell would read otherwise', () => {
    expect(shellQuote('$(rm -rf ~).py')).toBe("'$(rm -rf ~).py'")
  })
})
