// Which command checks a change: the `check-command` input, or one found from the repository's own files
// (pytest configuration or tests, a package.json test script, a Makefile test target). Pure.

export interface CheckCommand {
  command: string
  /** Where it was taken from, for the pull request: "the `check-command` input", "the pytest configuration in …". */
  source: string
}

export const PYTEST = 'python3 -m pytest -q'

/** npm's placeholder for a package without tests. */
const NO_TEST_SCRIPT = /no test specified/

/** Test files pytest collects by default. */
const PYTHON_TEST = /(^|\/)(test_[^/]*|[^/]*_test)\.py$/

/**
 * The check command: the configured one, else the first found in the repository. `read` gives a file's text at
 * the root (null when missing); `paths` is the repository's file list.
 */
export function findCheckCommand(
  configured: string | null,
  paths: readonly string[],
  read: (path: string) => string | null
): CheckCommand | null {
  if (configured) return { command: configured, source: 'the `check-command` input' }
  const found = (file: string): CheckCommand => ({ command: PYTEST, source: `the pytest configuration in \`${file}\`` })
  if (paths.includes('pytest.ini')) return found('pytest.ini')
  if (paths.includes('pyproject.toml') && /^\[tool\.pytest/m.test(read('pyproject.toml') ?? ''))
    return found('pyproject.toml')
  if (paths.includes('setup.cfg') && /^\[tool:pytest\]/m.test(read('setup.cfg') ?? '')) return found('setup.cfg')
  if (paths.includes('tox.ini') && /^\[pytest\]/m.test(read('tox.ini') ?? '')) return found('tox.ini')
  const tests = paths.find((p) => /^(tests?)\//.test(p) && PYTHON_TEST.test(p))
  if (tests) return { command: PYTEST, source: `the test files in \`${tests.split('/')[0]}/\`` }
  if (paths.includes('package.json')) {
    const test = testScript(read('package.json'))
    if (test && !NO_TEST_SCRIPT.test(test))
      return { command: 'npm test', source: 'the `test` script of `package.json`' }
  }
  for (const makefile of ['Makefile', 'makefile', 'GNUmakefile'])
    if (paths.includes(makefile) && /^test\s*:/m.test(read(makefile) ?? ''))
      return { command: 'make test', source: `the \`test\` target of \`${makefile}\`` }
  return null
}

function testScript(text: string | null): string | null {
  if (!text) return null
  try {
    const parsed = JSON.parse(text) as { scripts?: { test?: unknown } }
    return typeof parsed.scripts?.test === 'string' ? parsed.scripts.test : null
  } catch {
    return null
  }
}

/** A path written as one shell word. */
export function shellQuote(path: string): string {
  // A leading "-" would read as an option.
  const safe = path.startsWith('-') ? `./${path}` : path
  return /^[A-Za-z0-9_./-]+$/.test(safe) ? safe : `'${safe.replace(/'/g, `'\\''`)}'`
}

/** The syntax check of Python files at hand on any runner with Python: `python3 -m py_compile`. */
export function syntaxCheck(paths: readonly string[]): string | null {
  const python = paths.filter((p) => p.toLowerCase().endsWith('.py'))
  return python.length ? `python3 -m py_compile ${python.map(shellQuote).join(' ')}` : null
}
