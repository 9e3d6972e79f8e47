import { describe, expect, it } from 'vitest'
import { pathRules } from '../../../../src/ports/paths.ts'
import { ChangedFiles, writingTools } from '../../../../src/commands/implement/writing-tools.ts'
import type { AnyTool } from '../../../../src/llm/tools.ts'
import { changePorts, LIMITS } from '../../../fakes/conversation-context.ts'
import { MemoryWorkspace } from '../../../fakes/memory-workspace.ts'

function setup(files: Record<string, string> = {}, maxFiles = LIMITS.maxFiles) {
  const ws = new MemoryWorkspace({ 'src/ops.py': 'def add(a, b):\n    return a - b\n', ...files })
  const changed = new ChangedFiles([{ path: 'src/new.py', action: 'create', source: null, note: 'new helper' }])
  const ports = changePorts(ws, { limits: { ...LIMITS, maxFiles } })
  const tools = new Map(
    writingTools(ports, pathRules('private/\n'), changed, async () => 'all passed').map((t) => [t.name, t])
  )
  const call = (name: string, input: unknown) => {
    const tool = tools.get(name) as AnyTool
    return tool.run(tool.input.parse(input), new AbortController().signal)
  }
  return { ws, changed, call, tools }
}

describe('the writing tools', () => {
  it('are write_file, edit_file, delete_file, rename_file and run_checks, each with a description', () => {
    const { tools } = setup()
    expect([...tools.keys()]).toEqual(['write_file', 'edit_file', 'delete_file', 'rename_file', 'run_checks'])
    for (const tool of tools.values()) expect(tool.description.length).toBeGreaterThan(10)
  })

  it('write a file with secrets masked and record it for the pull request', async () => {
    const { ws, changed, call } = setup()
    expect(await call('write_file', { path: './src/ops.py', content: 'KEY = "sk-secret-123"\n' })).toEqual({
      text: 'wrote `src/ops.py`'
    })
    expect(ws.text('src/ops.py')).toBe('KEY = "***"\n')
    expect(changed.byPath.get('src/ops.py')).toMatchObject({ action: 'modify' })
  })

  it('refuse paths the rules refuse, and say why', async () => {
    const { ws, call } = setup()
    for (const path of ['../x.py', '.git/config', '.github/workflows/ci.yml', 'private/key.txt', '.gitbobignore']) {
      const result = await call('write_file', { path, content: 'x' })
      expect(result.isError).toBe(true)
      expect(result.text).toContain('may not be changed')
    }
    expect(ws.files.has('private/key.txt')).toBe(false)
  })

  it('edit all or nothing: one search that does not match changes nothing', async () => {
    const { ws, call } = setup()
    const result = await call('edit_file', {
      path: 'src/ops.py',
      edits: [
        { search: 'a - b', replace: 'a + b' },
        { search: 'not there', replace: 'x' }
      ]
    })
    expect(result.isError).toBe(true)
    expect(ws.text('src/ops.py')).toBe('def add(a, b):\n    return a - b\n')
    expect((await call('edit_file', { path: 'src/ops.py', edits: [{ search: 'a - b', replace: 'a + b' }] })).text).toBe(
      'edited `src/ops.py` (1 edit)'
    )
    expect(ws.text('src/ops.py')).toContain('a + b')
  })

  it('refuse a JSON file that does not parse, and notebooks as JSON', async () => {
    const { ws, call } = setup()
    expect((await call('write_file', { path: 'data.json', content: '{"a": ' })).text).toContain('invalid JSON')
    expect(ws.files.has('data.json')).toBe(false)
    expect((await call('write_file', { path: 'a.ipynb', content: '{}' })).isError).toBe(true)
  })

  it('delete a file (one this change created leaves no trace) and rename one', async () => {
    const { ws, changed, call } = setup({ 'src/new.py': 'x = 1\n', 'old.txt': 'o' })
    const version = changed.version
    await call('delete_file', { path: 'src/new.py' })
    expect(changed.byPath.has('src/new.py')).toBe(false)
    // Still a change the checks have not seen.
    expect(changed.version).toBeGreaterThan(version)
    expect(await call('rename_file', { from: 'old.txt', to: 'docs/new.txt' })).toEqual({
      text: 'renamed `old.txt` to `docs/new.txt`'
    })
    expect(ws.text('docs/new.txt')).toBe('o')
    expect(changed.byPath.get('docs/new.txt')).toMatchObject({ action: 'rename', source: 'old.txt' })
    expect((await call('delete_file', { path: 'nothing.txt' })).isError).toBe(true)
  })

  it('keep to max-files: a file beyond the limit is refused, one already changed is not', async () => {
    const { call } = setup({}, 1)
    expect((await call('write_file', { path: 'another.py', content: 'x' })).text).toContain('max-files')
    expect((await call('write_file', { path: 'src/new.py', content: 'x = 2\n' })).isError).toBeUndefined()
  })

  it('run the checks through the function given', async () => {
    const { call } = setup()
    expect(await call('run_checks', {})).toEqual({ text: 'all passed' })
  })
})
