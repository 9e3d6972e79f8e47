import { describe, expect, it } from 'vitest'
import { ConfigError, DownloadError, StepError } from '../../../../src/errors.ts'
import { implement as implementIn } from '../../../../src/commands/implement/implement.ts'
import type { Plan } from '../../../../src/commands/implement/plan.ts'
import { EDIT_THRESHOLD } from '../../../../src/commands/implement/write-file.ts'
import type { ChangePorts, Outcome } from '../../../../src/commands/types.ts'
import { changePorts, conversationContext, LIMITS } from '../../../fakes/conversation-context.ts'
import { MemoryWorkspace } from '../../../fakes/memory-workspace.ts'
import { FakeNotebookRunner } from '../../../fakes/notebook-runner.ts'
import { ScriptedModel, type Answer } from '../../../fakes/scripted-model.ts'
import { buildNotebook } from '../../../../src/ports/notebook.ts'

type Action = Plan['actions'][number]

function plan(...actions: Partial<Action>[]): Plan {
  return {
    title: 'Add a plot',
    summary: 'Plots the counts.',
    actions: actions.map((a) => ({ action: 'create', path: 'x', source: null, reason: 'asked for', ...a }))
  }
}

const file = (content: string, note = 'the file'): Answer => ({ content, note })

async function implement(
  workspace: MemoryWorkspace,
  script: Answer[],
  overrides: Partial<ChangePorts> = {}
): Promise<{ outcome: Outcome; model: ScriptedModel }> {
  const model = new ScriptedModel(...script)
  const outcome = await implementIn(conversationContext(model, changePorts(workspace, overrides)), 'pull-request')
  expect(model.left).toBe(0)
  return { outcome, model }
}

function changes(outcome: Outcome): Extract<Outcome, { kind: 'changes' }> {
  if (outcome.kind !== 'changes') throw new Error(`expected changes, got ${JSON.stringify(outcome)}`)
  return outcome
}

function reply(outcome: Outcome): string {
  if (outcome.kind !== 'reply') throw new Error(`expected a reply, got ${JSON.stringify(outcome)}`)
  return outcome.body
}

describe('implement', () => {
  it('plans, writes each file into the workspace and proposes the change on the prepared target', async () => {
    const ws = new MemoryWorkspace({ 'README.md': '# Repo\n' })
    const { outcome, model } = await implement(ws, [
      plan({ path: './plot.py', reason: 'plots the counts' }, { action: 'modify', path: 'README.md' }),
      file('import matplotlib\n', 'plots the counts'),
      file('# Repo\n\nRun plot.py.\n', 'says how to plot')
    ])
    expect(model.purposes).toEqual(['plan', 'write plot.py', 'write README.md'])
    expect(ws.text('plot.py')).toBe('import matplotlib\n')
    expect(ws.text('README.md')).toBe('# Repo\n\nRun plot.py.\n')
    expect(changes(outcome)).toEqual({
      kind: 'changes',
      target: { mode: 'new-pr', branch: 'git-bob/issue-7', base: 'main', issue: 7 },
      title: 'Add a plot',
      summary: 'Plots the counts.',
      files: [
        { path: 'plot.py', action: 'create', source: null, note: 'plots the counts' },
        { path: 'README.md', action: 'modify', source: null, note: 'says how to plot' }
      ],
      problems: [],
      // No sandbox in this test: the syntax check of plot.py is reported as not run, never skipped silently.
      checks: {
        isolation: null,
        lines: [
          {
            kind: 'syntax',
            name: 'python3 -m py_compile plot.py',
            status: 'not-run',
            summary: 'not run: no sandbox is available for checks here',
            tail: null,
            ended: { kind: 'unavailable', reason: 'no sandbox is available for checks here' }
          }
        ],
        rounds: 0,
        source: null,
        stopped: null
      }
    })
  })

  it('shows each later file the plan, the files written before it and its current content', async () => {
    const ws = new MemoryWorkspace({ 'README.md': '# Repo\n' })
    const { model } = await implement(ws, [
      plan({ path: 'plot.py' }, { action: 'modify', path: 'README.md' }),
      file('PLOT_CODE = 1\n'),
      file('# Repo, changed\n')
    ])
    const prompt = model.lastMessage(2)
    expect(prompt).toContain('# The plan of this change')
    expect(prompt).toContain('# Files already written in this change')
    expect(prompt).toContain('PLOT_CODE = 1')
    expect(prompt).toContain('# Current content of README.md')
    expect(model.lastMessage(1)).not.toContain('# Files already written')
  })

  it('reads the repository again after checking out the target branch', async () => {
    const ws = new MemoryWorkspace({ 'on-the-branch.txt': 'x\n' })
    const { model } = await implement(ws, [plan()], {
      repoContext: async () => ({ paths: ['on-the-branch.txt'], files: [] })
    })
    expect(model.lastMessage(0)).toContain('on-the-branch.txt')
  })

  it('refuses by code what may not be written, says why, and never asks the model for it', async () => {
    const ws = new MemoryWorkspace({ '.gitbobignore': 'secret/\n' })
    const { outcome, model } = await implement(ws, [
      plan(
        { path: '../outside.txt' },
        { path: '.git/config' },
        { path: '.github/workflows/ci.yml' },
        { path: 'secret/key.txt' },
        { path: '.gitbobignore' },
        { path: 'ok.txt' }
      ),
      file('fine\n')
    ])
    expect(model.purposes).toEqual(['plan', 'write ok.txt'])
    const { files, problems } = changes(outcome)
    expect(files.map((f) => f.path)).toEqual(['ok.txt'])
    expect(problems).toEqual([
      '`../outside.txt` (create) was not changed: the path leads outside the repository.',
      '`.git/config` (create) was not changed: git-bob never touches .git/.',
      expect.stringMatching(
        /^`\.github\/workflows\/ci\.yml` \(create\) was not changed: workflow files cannot be changed/
      ),
      '`secret/key.txt` (create) was not changed: the path matches a pattern in .gitbobignore.',
      '`.gitbobignore` (create) was not changed: .gitbobignore is for maintainers to edit.'
    ])
  })

  it('skips each protected or odd path with its reason, shown safely, and writes the rest', async () => {
    const ws = new MemoryWorkspace({})
    const long = `${'d'.repeat(300)}/x.txt`
    const { outcome, model } = await implement(ws, [
      plan(
        { path: '.github/git-bob.md' },
        { path: 'CODEOWNERS' },
        { path: 'evil\nname.md' },
        { path: long },
        { path: 'notes/sk-secret-123.txt' },
        { path: 'ok.txt' }
      ),
      file('fine\n')
    ])
    expect(model.purposes).toEqual(['plan', 'write ok.txt'])
    const { files, problems } = changes(outcome)
    expect(files.map((f) => f.path)).toEqual(['ok.txt'])
    expect(problems).toEqual([
      expect.stringMatching(/^`\.github\/git-bob\.md` \(create\) was not changed: it is git-bob's own instructions/),
      expect.stringMatching(/^`CODEOWNERS` \(create\) was not changed: CODEOWNERS decides who must approve changes/),
      expect.stringMatching(/^`evil\\nname\.md` \(create\) was not changed: the path contains a control/),
      expect.stringMatching(/^`d{119}…` \(create\) was not changed: a name in the path is longer than 255 bytes/),
      '`***` (create) was not changed: the path holds a secret.'
    ])
    expect(problems.join('\n')).not.toContain('\n' + 'name.md')
  })

  it('writes a protected path the request names when the workflow allows it', async () => {
    const ws = new MemoryWorkspace({})
    const model = new ScriptedModel(plan({ path: '.github/git-bob.md' }, { path: 'CODEOWNERS' }), file('Be brief.\n'))
    const paths = { allowProtected: true, instructionsFile: '.github/git-bob.md', holdsSecret: () => false }
    const base = conversationContext(model, changePorts(ws, { paths }))
    const ctx = {
      ...base,
      event: { ...base.event, request: { ...base.event.request, body: 'git-bob implement: edit .github/git-bob.md' } }
    }
    const outcome = changes(await implementIn(ctx, 'pull-request'))
    expect(ws.text('.github/git-bob.md')).toBe('Be brief.\n')
    expect(outcome.files.map((f) => f.path)).toEqual(['.github/git-bob.md'])
    expect(outcome.problems).toEqual([
      expect.stringMatching(/^`CODEOWNERS` .*the request has to name this exact path\.$/)
    ])
  })

  it('skips a file the file system refuses (a directory name) and goes on', async () => {
    const ws = new MemoryWorkspace({})
    const write = ws.write.bind(ws)
    ws.write = async (path, content) => {
      if (path === 'src') throw new StepError('the path names a directory, not a file')
      return write(path, content)
    }
    const { outcome } = await implement(ws, [plan({ path: 'src' }, { path: 'b.txt' }), file('a\n'), file('b\n')])
    expect(changes(outcome).files.map((f) => f.path)).toEqual(['b.txt'])
    expect(changes(outcome).problems).toEqual([
      '`src` (create) was not changed: the path names a directory, not a file.'
    ])
  })

  it('never writes through a symbolic link, and goes on with the other files', async () => {
    const ws = new MemoryWorkspace({})
    ws.links.add('data')
    const { outcome } = await implement(ws, [plan({ path: 'data/x.txt' }, { path: 'y.txt' }), file('x\n'), file('y\n')])
    expect(ws.files.has('data/x.txt')).toBe(false)
    expect(changes(outcome).problems).toEqual([
      '`data/x.txt` (create) was not changed: data is a symbolic link, and git-bob does not write through links.'
    ])
    expect(ws.text('y.txt')).toBe('y\n')
  })

  it('changes at most max-files files and says which were left out', async () => {
    const ws = new MemoryWorkspace({})
    const { outcome } = await implement(ws, [plan({ path: 'a' }, { path: 'b' }, { path: 'a' }), file('a\n')], {
      limits: { ...LIMITS, maxFiles: 1 }
    })
    expect(changes(outcome).files.map((f) => f.path)).toEqual(['a'])
    expect(changes(outcome).problems).toEqual([
      '`b` (create) was left out: at most 1 files are changed per request (the `max-files` input).'
    ])
  })

  it('replies instead of proposing when nothing could be changed, with the reasons', async () => {
    const ws = new MemoryWorkspace({ 'a.txt': 'same\n' })
    const { outcome } = await implement(ws, [plan({ action: 'modify', path: 'a.txt' }), file('same\n')])
    expect(reply(outcome)).toBe(
      [
        'I made no changes: none of the planned changes could be made. Nothing was committed, and no branch or pull request was created.',
        '',
        'Plots the counts.',
        '',
        '**What could not be done:**',
        '- `a.txt` (modify) was not changed: the model returned it unchanged.'
      ].join('\n')
    )
  })

  it('says so when the model planned no changes', async () => {
    const { outcome } = await implement(new MemoryWorkspace({}), [plan()])
    expect(reply(outcome)).toMatch(/^I made no changes: the model planned no changes\./)
  })

  it('replies with the reason when the change cannot go anywhere, before asking the model', async () => {
    const { outcome, model } = await implement(new MemoryWorkspace({}), [], {
      prepare: async () => ({ ok: false, reason: 'this pull request comes from a fork.' })
    })
    expect(reply(outcome)).toBe("I can't implement this here: this pull request comes from a fork.")
    expect(model.requests).toEqual([])
  })

  it('needs a checkout, and says how to add one', async () => {
    const model = new ScriptedModel()
    await expect(implementIn(conversationContext(model, null), 'pull-request')).rejects.toThrow(ConfigError)
    await expect(implementIn(conversationContext(model, null), 'pull-request')).rejects.toThrow(/actions\/checkout/)
  })

  it('"try" asks for a try target', async () => {
    const modes: string[] = []
    const model = new ScriptedModel(plan())
    await implementIn(
      conversationContext(
        model,
        changePorts(new MemoryWorkspace({}), {
          prepare: async (mode) => {
            modes.push(mode)
            return { ok: true, target: { mode: 'try', branch: 'git-bob/try-7-1', base: 'main' } }
          }
        })
      ),
      'try'
    )
    expect(modes).toEqual(['try'])
  })

  it('sends a file that does not parse back once with the parser complaint', async () => {
    const ws = new MemoryWorkspace({})
    const { model, outcome } = await implement(ws, [
      plan({ path: 'data.json' }),
      file('{"a": 1,}'),
      file('{"a": 1}\n', 'the data')
    ])
    expect(model.purposes).toEqual(['plan', 'write data.json', 'write data.json (again)'])
    expect(model.lastMessage(2)).toMatch(/^The content is invalid JSON: .*\. Return the corrected complete file\.$/)
    expect(model.requests[2]!.messages.at(-2)).toEqual({
      role: 'assistant',
      content: '{"content":"{\\"a\\": 1,}","note":"the file"}'
    })
    expect(ws.text('data.json')).toBe('{"a": 1}\n')
    expect(changes(outcome).files[0]!.note).toBe('the data')
  })

  it('never writes a file that is invalid twice', async () => {
    const ws = new MemoryWorkspace({})
    const { outcome } = await implement(ws, [
      plan({ path: 'c.yml' }, { path: 'ok.txt' }),
      file('a: [\n'),
      file('a: [\n'),
      file('ok\n')
    ])
    expect(ws.files.has('c.yml')).toBe(false)
    expect(changes(outcome).problems[0]).toMatch(
      /^`c\.yml` \(create\) was not changed: the model wrote invalid YAML: .* twice\.$/
    )
  })

  it('changes a long file through edits, sending edits that do not apply back once', async () => {
    const long = `${'# filler line\n'.repeat(Math.ceil(EDIT_THRESHOLD / 14))}def answer():\n    return 41\n`
    const ws = new MemoryWorkspace({ 'long.py': long })
    const { model, outcome } = await implement(ws, [
      plan({ action: 'modify', path: 'long.py' }),
      { edits: [{ search: 'return 40', replace: 'return 42' }], note: 'first try' },
      { edits: [{ search: 'return 41', replace: 'return 42' }], note: 'fixes the answer' }
    ])
    expect(model.purposes).toEqual(['plan', 'edit long.py', 'edit long.py (again)'])
    expect(model.lastMessage(2)).toMatch(/^These edits cannot be applied: edit 1: the search text does not occur/)
    expect(model.lastMessage(2)).toMatch(/Return the complete, corrected list of edits\.$/)
    expect(ws.text('long.py')).toBe(long.replace('return 41', 'return 42'))
    expect(changes(outcome).files[0]!.note).toBe('fixes the answer')
  })

  it('leaves a long file alone when the edits miss twice', async () => {
    const long = 'x = 1\n'.repeat(EDIT_THRESHOLD)
    const ws = new MemoryWorkspace({ 'long.py': long })
    const miss = { edits: [{ search: 'nowhere', replace: 'y' }], note: 'n' }
    const { outcome } = await implement(ws, [plan({ action: 'modify', path: 'long.py' }), miss, miss])
    expect(ws.text('long.py')).toBe(long)
    expect(reply(outcome)).toContain(
      "`long.py` (modify) was not changed: the model's edits did not match the file twice (edit 1: the search text does not occur in the file (it must match exactly, including white space):)."
    )
  })

  it('does not retry edits that apply but leave an invalid file', async () => {
    const long = `{"items": [${'1, '.repeat(EDIT_THRESHOLD)}2]}`
    const ws = new MemoryWorkspace({ 'big.json': long })
    const { outcome } = await implement(ws, [
      plan({ action: 'modify', path: 'big.json' }),
      { edits: [{ search: '2]}', replace: '2]' }], note: 'n' }
    ])
    expect(ws.text('big.json')).toBe(long)
    expect(reply(outcome)).toMatch(/was not changed: after the model's edits, the file would be invalid JSON/)
  })

  it('keeps secrets the model writes out of the files', async () => {
    const ws = new MemoryWorkspace({})
    await implement(ws, [plan({ path: 'config.py' }), file('KEY = "sk-secret-123"\n')])
    expect(ws.text('config.py')).toBe('KEY = "***"\n')
  })

  it('refuses files over max-file-bytes, binary files, and modifying what does not exist', async () => {
    const ws = new MemoryWorkspace({ 'logo.bin': new Uint8Array([0, 1, 2]) })
    const { outcome } = await implement(
      ws,
      [
        plan(
          { path: 'big.txt' },
          { path: 'image.png' },
          { action: 'modify', path: 'logo.bin' },
          { action: 'modify', path: 'missing.txt' }
        ),
        file('x'.repeat(101))
      ],
      { limits: { ...LIMITS, maxFileBytes: 100 } }
    )
    expect(
      reply(outcome)
        .split('\n')
        .filter((l) => l.startsWith('- '))
    ).toEqual([
      '- `big.txt` (create) was not changed: the written file would have 101 bytes, more than the limit of 100 (the `max-file-bytes` input).',
      '- `image.png` (create) was not changed: no image model: none is configured.',
      '- `logo.bin` (modify) was not changed: it is a binary file, and binary files are not rewritten as text.',
      '- `missing.txt` (modify) was not changed: it does not exist, so it cannot be modified.'
    ])
  })

  it('deletes, renames and copies files, and says which sources do not exist', async () => {
    const ws = new MemoryWorkspace({ 'old.py': 'old\n', 'tmp.txt': 't\n', 'template.md': 'T\n' })
    const { outcome, model } = await implement(ws, [
      plan(
        { action: 'delete', path: 'tmp.txt', reason: 'unused' },
        { action: 'rename', path: 'new.py', source: 'old.py', reason: 'clearer name' },
        { action: 'copy', path: 'docs/page.md', source: 'template.md', reason: 'a start' },
        { action: 'delete', path: 'gone.txt' },
        { action: 'rename', path: 'b.py', source: 'nothing.py' },
        { action: 'copy', path: 'c.py', source: null }
      )
    ])
    expect(model.purposes).toEqual(['plan'])
    expect([...ws.files.keys()].sort()).toEqual(['docs/page.md', 'new.py', 'template.md'])
    expect(ws.text('docs/page.md')).toBe('T\n')
    const result = changes(outcome)
    expect(result.files).toEqual([
      { path: 'tmp.txt', action: 'delete', source: null, note: 'unused' },
      { path: 'new.py', action: 'rename', source: 'old.py', note: 'clearer name' },
      { path: 'docs/page.md', action: 'copy', source: 'template.md', note: 'a start' }
    ])
    expect(result.problems).toEqual([
      '`gone.txt` (delete) was not changed: it does not exist.',
      '`b.py` (rename) was not changed: its source `nothing.py` does not exist.',
      '`c.py` (copy) was not changed: its source `(none)` does not exist.'
    ])
  })

  it('refuses a rename whose source may not be touched', async () => {
    const ws = new MemoryWorkspace({ 'a.txt': 'a\n' })
    const { outcome } = await implement(ws, [plan({ action: 'rename', path: 'b.txt', source: '.git/HEAD' })])
    expect(reply(outcome)).toContain('- `.git/HEAD` was not renamed: git-bob never touches .git/.')
  })

  it('downloads first, so later files can use what they fetch, and reports refused downloads', async () => {
    const ws = new MemoryWorkspace({})
    const fetched: string[] = []
    const { outcome } = await implement(
      ws,
      [
        plan(
          { path: 'use.py' },
          { action: 'download', path: 'data/a.png', source: 'https://github.com/user-attachments/assets/a' },
          { action: 'download', path: 'data/b.png', source: 'https://example.com/b.png' },
          { action: 'download', path: 'data/c.png', source: null },
          { action: 'download', path: 'data/d.bin', source: 'https://github.com/user-attachments/assets/d' }
        ),
        file('open("data/a.png")\n')
      ],
      {
        download: async (url) => {
          fetched.push(url)
          if (url.includes('example.com')) throw new DownloadError('files are only downloaded from github.com')
          return url.endsWith('/d') ? new Uint8Array(LIMITS.maxFileBytes * 50 + 1) : new Uint8Array([137, 80, 78, 71])
        }
      }
    )
    expect(fetched).toEqual([
      'https://github.com/user-attachments/assets/a',
      'https://example.com/b.png',
      'https://github.com/user-attachments/assets/d'
    ])
    expect(ws.files.get('data/a.png')).toEqual(new Uint8Array([137, 80, 78, 71]))
    expect(ws.files.has('data/d.bin')).toBe(false)
    const result = changes(outcome)
    expect(result.files.map((f) => `${f.action} ${f.path}`)).toEqual(['download data/a.png', 'create use.py'])
    expect(result.problems).toEqual([
      '`data/b.png` (download) was not changed: files are only downloaded from github.com.',
      '`data/c.png` (download) was not changed: no URL was given.',
      '`data/d.bin` (download) was not changed: the download is too large.'
    ])
  })

  it('writes notebooks, runs them after every file is written, and adds how they ran to their line', async () => {
    const ws = new MemoryWorkspace({})
    const order: string[] = []
    const runner = new FakeNotebookRunner([
      (path) => {
        order.push(`run ${path} (helper.py ${ws.files.has('helper.py') ? 'written' : 'missing'})`)
        return { kind: 'ran', notebook: buildNotebook([{ kind: 'code', source: 'print(1)' }]), ms: 1500, refused: [] }
      }
    ])
    const { outcome } = await implement(
      ws,
      [
        plan({ path: 'analysis.ipynb' }, { path: 'helper.py' }),
        { cells: [{ kind: 'code', source: 'import helper' }], note: 'Analyses the counts.' },
        file('X = 1\n', 'a helper')
      ],
      { notebooks: runner }
    )
    expect(order).toEqual(['run analysis.ipynb (helper.py written)'])
    expect(changes(outcome).files).toEqual([
      {
        path: 'analysis.ipynb',
        action: 'create',
        source: null,
        note: 'Analyses the counts; ran without errors in 1.5 s'
      },
      { path: 'helper.py', action: 'create', source: null, note: 'a helper' }
    ])
  })

  it('reports a notebook that cannot be written like any other file', async () => {
    const ws = new MemoryWorkspace({ 'old.ipynb': 'not json' })
    const { outcome } = await implement(ws, [plan({ action: 'modify', path: 'old.ipynb' })])
    expect(reply(outcome)).toMatch(
      /- `old\.ipynb` \(modify\) was not changed: the existing notebook cannot be read \(not JSON: .*\)\.$/
    )
  })

  it('lets an unexpected error through', async () => {
    const model = new ScriptedModel(plan({ path: 'a.txt' }), file('a\n'))
    const ws = new MemoryWorkspace({})
    ws.write = async () => {
      throw new Error('disk full')
    }
    await expect(implementIn(conversationContext(model, changePorts(ws)), 'pull-request')).rejects.toThrow('disk full')
  })
})
