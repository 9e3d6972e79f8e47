import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { globMatches, numbered } from '../../../../src/conversation/tools/files.ts'
import { readingStage, TOKEN, type ReadingStage } from '../../../fakes/reading-stage.ts'

const notebook = JSON.stringify({
  nbformat: 4,
  nbformat_minor: 5,
  metadata: {},
  cells: [
    { cell_type: 'markdown', metadata: {}, source: ['# Analysis'] },
    {
      cell_type: 'code',
      metadata: {},
      execution_count: 1,
      source: ['import pandas as pd\n', 'df = pd.read_csv("data.csv")'],
      outputs: [{ output_type: 'stream', name: 'stdout', text: ['OUTPUT-THAT-MUST-NOT-SHOW'] }]
    }
  ]
})

const FILES = {
  'README.md': '# Demo\n',
  'src/parser.py': Array.from({ length: 30 }, (_, i) => `line ${i + 1}`).join('\n') + '\n',
  'src/util/strings.py': 'def strip(s):\n    return s.strip()\n',
  'secrets/prod.env': 'PASSWORD=hunter2hunter2\n',
  'config/settings.py': `GITHUB = "${TOKEN}"\nAPI_KEY = "abcdefgh12345678"\nOPENAI = "sk-proj-abcdefghijklmnopqrstuvwxyz0123"\n`,
  'config/app.env': 'DEBUG=1\nDB_PASSWORD=unquoted-value-123\n',
  'analysis.ipynb': notebook,
  'logo.png': '\u0089PNG\r\n\u001a\n\u0000\u0000\u0000\rIHDR',
  'big.txt': 'x'.repeat(20_000) + '\n' + 'y'.repeat(20_000) + '\n',
  '.gitbobignore': 'secrets/\n*.key\n'
}

let stage: ReadingStage
beforeAll(async () => {
  stage = await readingStage(FILES)
})
afterAll(() => stage.close())

describe.each(['checkout', 'api'] as const)('list_files and read_file over the %s', (where) => {
  it('lists paths by glob and never the ones .gitbobignore hides', async () => {
    const tools = stage.tools(where)
    const all = await tools.call('list_files', {})
    expect(all.isError).toBeUndefined()
    expect(all.text).toContain('src/parser.py')
    expect(all.text).not.toContain('secrets/prod.env')
    const python = await tools.call('list_files', { pattern: '*.py' })
    expect(python.text.split('\n').slice(1)).toEqual(['config/settings.py', 'src/parser.py', 'src/util/strings.py'])
    const under = await tools.call('list_files', { pattern: 'src/util' })
    expect(under.text).toContain('src/util/strings.py')
    expect(under.text).not.toContain('src/parser.py')
  })

  it('caps the list and says how many more match', async () => {
    const result = await stage.tools(where).call('list_files', { pattern: '**', limit: 2 })
    expect(result.text.split('\n')).toHaveLength(4)
    expect(result.text).toMatch(/\(\d+ more not listed; narrow the pattern\)/)
  })

  it('reads a line range with line numbers', async () => {
    const result = await stage.tools(where).call('read_file', { path: './src/parser.py', start_line: 10, end_line: 12 })
    expect(result.text).toBe(
      `src/parser.py (lines 10-12 of 30, from ${where === 'checkout' ? 'the checked-out workspace' : 'the master branch (GitHub API)'}; line numbers added):\n10: line 10\n11: line 11\n12: line 12`
    )
  })

  it('refuses a file .gitbobignore hides, without its content', async () => {
    const result = await stage.tools(where).call('read_file', { path: 'secrets/prod.env' })
    expect(result.isError).toBe(true)
    expect(result.text).toContain('.gitbobignore hides it')
    expect(result.text).not.toContain('hunter2')
  })

  it('masks secrets in a file: known values, key shapes and secret assignments', async () => {
    const result = await stage.tools(where).call('read_file', { path: 'config/settings.py' })
    expect(result.isError).toBeUndefined()
    expect(result.text).not.toContain(TOKEN)
    expect(result.text).not.toContain('abcdefgh12345678')
    expect(result.text).not.toContain('sk-proj-')
    expect(result.text).toContain('GITHUB = "***"')
  })

  it('masks an unquoted .env value on its numbered line', async () => {
    const result = await stage.tools(where).call('read_file', { path: 'config/app.env' })
    expect(result.text).toContain('2: DB_PASSWORD=***')
    expect(result.text).not.toContain('unquoted-value')
  })

  it('shows a notebook as its cells without outputs', async () => {
    const result = await stage.tools(where).call('read_file', { path: 'analysis.ipynb' })
    expect(result.text).toContain('--- cell 2 (code) ---')
    expect(result.text).toContain('df = pd.read_csv("data.csv")')
    expect(result.text).not.toContain('OUTPUT-THAT-MUST-NOT-SHOW')
  })

  it('refuses a binary file with a clear result', async () => {
    const result = await stage.tools(where).call('read_file', { path: 'logo.png' })
    expect(result).toEqual({ text: 'logo.png is a binary file; git-bob reads text files only.', isError: true })
  })

  it('cuts a long file at the token cap and says where to read on', async () => {
    const result = await stage.tools(where, { maxResultTokens: 6000 }).call('read_file', { path: 'big.txt' })
    expect(result.text).toContain('lines 1-1 of 2')
    expect(result.text).toContain('[cut at line 1 to fit; read on with start_line 2]')
    expect(result.text.length).toBeLessThanOrEqual(6000 * 4)
  })

  it('answers a path that does not exist with similar names', async () => {
    const result = await stage.tools(where).call('read_file', { path: 'parser.py' })
    expect(result).toEqual({
      text: `There is no file parser.py in ${where === 'checkout' ? 'the checked-out workspace' : 'the master branch (GitHub API)'}. Files with that name: src/parser.py.`,
      isError: true
    })
  })

  it('refuses paths outside the repository and arguments that do not fit the schema', async () => {
    const tools = stage.tools(where)
    expect(await tools.call('read_file', { path: '../../etc/passwd' })).toMatchObject({ isError: true })
    expect(await tools.call('read_file', { path: '.git/config' })).toMatchObject({ isError: true })
    const bad = await tools.call('read_file', { path: 'README.md', start_line: 0 })
    expect(bad.isError).toBe(true)
    expect(bad.text).toMatch(/^Invalid arguments for read_file: start_line: /)
  })
})

describe('the API without a checkout', () => {
  it('reads a file through the contents API', async () => {
    stage.github.requests.length = 0
    const result = await stage.tools('api').call('read_file', { path: 'README.md' })
    expect(result.text).toContain('1: # Demo')
    expect(stage.github.requests.map((r) => r.path)).toContain(
      `/repos/${stage.github.owner}/${stage.github.repo}/contents/README.md`
    )
  })
})

describe('globMatches', () => {
  it('matches names at any depth without a slash, paths with one', () => {
    expect(globMatches('a/b/c.ts', '*.ts')).toBe(true)
    expect(globMatches('a/b/c.ts', 'a/**/*.ts')).toBe(true)
    expect(globMatches('a/b/c.ts', 'b/*.ts')).toBe(false)
    expect(globMatches('.github/workflows/ci.yml', undefined)).toBe(true)
  })
})

describe('numbered', () => {
  it('says when the first line asked for is past the end', () => {
    expect(numbered('a.txt', 'one\ntwo\n', 5, undefined, 1000, 'x')).toBe('a.txt has 2 lines; there is no line 5.')
  })
})
