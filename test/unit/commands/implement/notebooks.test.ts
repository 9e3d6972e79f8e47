import { describe, expect, it } from 'vitest'
import {
  buildNotebook,
  parseNotebook,
  serializeNotebook,
  type ModelCell,
  type Notebook
} from '../../../../src/ports/notebook.ts'
import {
  runNotebooks,
  writeNotebook,
  type NotebookRunReport,
  type WrittenNotebook
} from '../../../../src/commands/implement/notebooks.ts'
import { notebookSentence } from '../../../../src/commands/implement/statuses.ts'
import { NotebookTamperError } from '../../../../src/errors.ts'
import { pathRules } from '../../../../src/ports/paths.ts'
import { NO_JUPYTER, type Execution } from '../../../../src/ports/workspace.ts'
import type { ChangePorts } from '../../../../src/commands/types.ts'
import { changePorts, conversationContext, LIMITS } from '../../../fakes/conversation-context.ts'
import { MemoryWorkspace } from '../../../fakes/memory-workspace.ts'
import { FakeNotebookRunner, type Run } from '../../../fakes/notebook-runner.ts'
import { ScriptedModel, type Answer } from '../../../fakes/scripted-model.ts'

/** What the pull request says after a notebook's line. */
function said(report: NotebookRunReport, path: string): string | undefined {
  const status = report.status.get(path)
  return status && notebookSentence(status)
}

const CODE: ModelCell[] = [
  { kind: 'markdown', source: '# Counts' },
  { kind: 'code', source: 'print(1)' }
]

/** The notebook as Jupyter would leave it: each code cell with one output, or an error in the first one. */
function executed(cells: readonly ModelCell[], error: string | null = null): Notebook {
  const notebook = buildNotebook(cells)
  let first = true
  for (const cell of notebook.cells) {
    if (cell.cell_type !== 'code') continue
    cell.outputs =
      error && first
        ? [{ output_type: 'error', ename: 'NameError', evalue: error, traceback: [`\u001b[31m${error}\u001b[0m`] }]
        : [{ output_type: 'stream', name: 'stdout', text: ['1\n'] }]
    first = false
  }
  return notebook
}

const ran = (notebook: Notebook, ms = 2000): Execution => ({ kind: 'ran', notebook, ms, refused: [] })

function written(path: string, cells = CODE, run = true): WrittenNotebook {
  return { path, cells, run, note: 'n' }
}

async function run(
  ws: MemoryWorkspace,
  notebooks: WrittenNotebook[],
  runs: Run[],
  script: Answer[] = [],
  overrides: Partial<ChangePorts> = {},
  clock: () => number = () => 0
): Promise<{ report: Awaited<ReturnType<typeof runNotebooks>>; model: ScriptedModel; runner: FakeNotebookRunner }> {
  const model = new ScriptedModel(...script)
  const runner = new FakeNotebookRunner(runs)
  for (const n of notebooks) await ws.write(n.path, serializeNotebook(buildNotebook(n.cells)))
  const ports = changePorts(ws, { notebooks: runner, ...overrides })
  const report = await runNotebooks(
    { ctx: conversationContext(model, ports), ports, rules: pathRules(null) },
    notebooks,
    clock
  )
  expect(model.left).toBe(0)
  return { report, model, runner }
}

describe('writeNotebook', () => {
  it('builds a valid notebook from the model cells, secrets masked, and writes it', async () => {
    const ws = new MemoryWorkspace({})
    const model = new ScriptedModel({
      cells: [{ kind: 'code', source: 'key = "sk-secret-123"' }],
      note: 'uses the key'
    })
    const result = await writeNotebook(
      conversationContext(model, null),
      changePorts(ws),
      { path: 'n.ipynb', action: 'create', reason: 'asked' },
      'CONTEXT'
    )
    if (!result.ok) throw new Error(result.problem)
    expect(result.notebook).toMatchObject({ path: 'n.ipynb', run: true, note: 'uses the key' })
    expect(result.notebook.cells).toEqual([{ kind: 'code', source: 'key = "***"' }])
    const parsed = parseNotebook(ws.text('n.ipynb')!)
    expect(parsed.ok && parsed.notebook.nbformat_minor).toBe(5)
    expect(model.purposes).toEqual(['write n.ipynb'])
    expect(model.lastMessage(0)).toContain('CONTEXT')
  })

  it('shows the model the current cells without outputs, and keeps outputs when only markdown changed', async () => {
    const before = serializeNotebook(executed(CODE))
    const ws = new MemoryWorkspace({ 'n.ipynb': before })
    const model = new ScriptedModel({
      cells: [{ kind: 'markdown', source: '# Counts per day' }, CODE[1]],
      note: 'a better title'
    })
    const result = await writeNotebook(
      conversationContext(model, null),
      changePorts(ws),
      { path: 'n.ipynb', action: 'modify', reason: 'retitle' },
      ''
    )
    expect(result.ok && result.notebook.run).toBe(false)
    expect(model.lastMessage(0)).toContain('# Current cells of n.ipynb (outputs left out)')
    expect(model.lastMessage(0)).not.toContain('stdout')
    const after = parseNotebook(ws.text('n.ipynb')!)
    expect(after.ok && after.notebook.cells[1]!.outputs).toEqual([
      { output_type: 'stream', name: 'stdout', text: ['1\n'] }
    ])
  })

  it('runs again when the code changed', async () => {
    const ws = new MemoryWorkspace({ 'n.ipynb': serializeNotebook(executed(CODE)) })
    const model = new ScriptedModel({ cells: [{ kind: 'code', source: 'print(2)' }], note: 'n' })
    const result = await writeNotebook(
      conversationContext(model, null),
      changePorts(ws),
      { path: 'n.ipynb', action: 'modify', reason: 'r' },
      ''
    )
    expect(result.ok && result.notebook.run).toBe(true)
  })

  it('says why it cannot modify a missing, binary or unreadable notebook, without asking the model', async () => {
    const ws = new MemoryWorkspace({ 'bin.ipynb': new Uint8Array([0, 1]), 'bad.ipynb': '{"cells": []}' })
    const model = new ScriptedModel()
    const problems = []
    for (const path of ['none.ipynb', 'bin.ipynb', 'bad.ipynb']) {
      const result = await writeNotebook(
        conversationContext(model, null),
        changePorts(ws),
        { path, action: 'modify', reason: 'r' },
        ''
      )
      problems.push(result.ok ? 'written' : result.problem)
    }
    expect(problems[0]).toBe('it does not exist, so it cannot be modified')
    expect(problems[1]).toBe('it is not a text file')
    expect(problems[2]).toMatch(/^the existing notebook cannot be read \(not an nbformat 4 notebook: /)
    expect(model.requests).toEqual([])
  })
})

describe('runNotebooks', () => {
  it('keeps a notebook whose code did not change as it is, without running it', async () => {
    const { report, runner } = await run(new MemoryWorkspace({}), [written('n.ipynb', CODE, false)], [])
    expect(runner.runs).toEqual([])
    expect(said(report, 'n.ipynb')).toBe(
      'only its text changed, so its earlier outputs were kept and it was not run again'
    )
  })

  it('commits notebooks unexecuted when there is no runner or no Jupyter, and says so', async () => {
    const ws = new MemoryWorkspace({})
    const none = await run(ws, [written('a.ipynb')], [], [], { notebooks: null })
    const noJupyter = await run(ws, [written('a.ipynb')], [], [], { notebooks: new FakeNotebookRunner([], false) })
    for (const { report } of [none, noJupyter]) {
      expect(said(report, 'a.ipynb')).toBe(`**not run**: ${NO_JUPYTER}`)
      expect(report.problems).toEqual([])
    }
  })

  it('runs a notebook with the configured limits and writes it back with its outputs, secrets masked', async () => {
    const ws = new MemoryWorkspace({})
    const output = executed([{ kind: 'code', source: 'print(key)' }])
    output.cells[0]!.outputs = [{ output_type: 'stream', name: 'stdout', text: ['sk-secret-123\n'] }]
    const { report, runner } = await run(ws, [written('n.ipynb')], [() => ran(output, 1234)])
    expect(runner.runs).toEqual([
      { path: 'n.ipynb', limits: { maxFileBytes: 5_000_000, cellTimeoutSeconds: 60, totalTimeoutMs: 600_000 } }
    ])
    expect(said(report, 'n.ipynb')).toBe('ran without errors in 1.2 s')
    expect(ws.text('n.ipynb')).toContain('***')
    expect(ws.text('n.ipynb')).not.toContain('sk-secret-123')
    expect(report.problems).toEqual([])
  })

  it('sends a failing notebook back with its traceback and runs the repaired one', async () => {
    const ws = new MemoryWorkspace({})
    const fixed: ModelCell[] = [{ kind: 'code', source: 'x = 1\nprint(x)' }]
    const { report, model, runner } = await run(
      ws,
      [written('n.ipynb')],
      [() => ran(executed(CODE, "name 'x' is not defined")), () => ran(executed(fixed), 3000)],
      [{ cells: fixed, note: 'defines x' }]
    )
    expect(model.purposes).toEqual(['repair n.ipynb'])
    const prompt = model.lastMessage(0)
    expect(prompt).toContain("cell 2: NameError: name 'x' is not defined")
    expect(prompt).not.toContain('\u001b[31m')
    expect(prompt).toContain(
      "# The notebook's cells\n\n--- cell 1 (markdown) ---\n# Counts\n--- cell 2 (code) ---\nprint(1)"
    )
    expect(runner.runs.map((r) => r.path)).toEqual(['n.ipynb', 'n.ipynb'])
    expect(said(report, 'n.ipynb')).toBe('ran without errors in 3.0 s after 1 repair round')
    expect(report.problems).toEqual([])
    expect(ws.text('n.ipynb')).toContain('x = 1')
  })

  it('shows each repair round the cells of the round before', async () => {
    const second: ModelCell[] = [{ kind: 'code', source: 'y = undefined_2' }]
    const { model } = await run(
      new MemoryWorkspace({}),
      [written('n.ipynb')],
      [() => ran(executed(CODE, 'one')), () => ran(executed(second, 'two')), () => ran(executed(CODE))],
      [
        { cells: second, note: 'n' },
        { cells: CODE, note: 'n' }
      ]
    )
    expect(model.lastMessage(1)).toContain('y = undefined_2')
    expect(model.lastMessage(1)).toContain('NameError: two')
  })

  it('commits a notebook that never works with its error visible, after notebook-repair-rounds rounds', async () => {
    const ws = new MemoryWorkspace({})
    const failing = (): Execution => ran(executed(CODE, 'still broken'))
    const { report, model, runner } = await run(
      ws,
      [written('n.ipynb')],
      [failing, failing, failing],
      [
        { cells: CODE, note: 'n' },
        { cells: CODE, note: 'n' }
      ]
    )
    expect(runner.runs).toHaveLength(LIMITS.notebookRepairRounds + 1)
    expect(model.purposes).toEqual(['repair n.ipynb', 'repair n.ipynb'])
    // The error is said once, under "What could not be done"; the file list points there.
    expect(said(report, 'n.ipynb')).toBe('**still fails after 2 repair rounds** (see below)')
    expect(report.problems).toEqual([
      '`n.ipynb` still fails after 2 repair rounds; it is committed with the error visible: cell 2: NameError: still broken. Please look at it.'
    ])
    expect(ws.text('n.ipynb')).toContain('still broken')
  })

  it('gives all runs and repair rounds of a request one time limit, and starts no run after it', async () => {
    let now = 0
    const ws = new MemoryWorkspace({})
    const { report, runner } = await run(
      ws,
      [written('a.ipynb'), written('b.ipynb')],
      [() => ((now += 400_000), ran(executed(CODE, 'broken'))), () => ((now += 199_500), ran(executed(CODE)))],
      [{ cells: CODE, note: 'fixed' }],
      {},
      () => now
    )
    // The repaired run gets what was left of the 600 s, not another 600 s.
    expect(runner.runs.map((r) => [r.path, r.limits.totalTimeoutMs])).toEqual([
      ['a.ipynb', 600_000],
      ['a.ipynb', 200_000]
    ])
    expect(said(report, 'b.ipynb')).toBe('**not run** (see below)')
    expect(report.problems).toEqual([
      '`b.ipynb` was not run: the 600 s for all notebook runs of this request (the `notebook-timeout-seconds` input) ran out; it is committed without fresh outputs. Please look at it.'
    ])
    expect(ws.text('b.ipynb')).not.toContain('outputs": [\n    {')
  })

  it('asks for no repair when no time is left for another run, and says when the limit cut a run short', async () => {
    let now = 0
    const stopped = await run(
      new MemoryWorkspace({}),
      [written('a.ipynb')],
      [() => ((now += 599_500), ran(executed(CODE, 'broken')))],
      [],
      {},
      () => now
    )
    expect(said(stopped.report, 'a.ipynb')).toBe('**stopped** before it could be repaired (see below)')
    expect(stopped.report.problems).toEqual([
      '`a.ipynb` was stopped: the 600 s for all notebook runs of this request (the `notebook-timeout-seconds` input) ran out before it could be repaired; it is committed with the error visible: cell 2: NameError: broken. Please look at it.'
    ])
    now = 0
    const cut = await run(
      new MemoryWorkspace({}),
      [written('a.ipynb')],
      [(_path, limits) => ((now += limits.totalTimeoutMs), { kind: 'failed', problem: 'did not finish', ms: 1 })],
      [],
      {},
      () => now
    )
    expect(said(cut.report, 'a.ipynb')).toBe('**not run** (see below)')
    expect(cut.report.problems).toEqual([
      '`a.ipynb` was not run: the 600 s for all notebook runs of this request (the `notebook-timeout-seconds` input) ran out; it is committed without fresh outputs. Please look at it.'
    ])
  })

  it('masks secrets in a traceback before the repair prompt, the status and the problems (the PR body)', async () => {
    const ws = new MemoryWorkspace({})
    const leaking = (): Execution => ran(executed(CODE, 'bad key sk-secret-123'))
    const { report, model } = await run(
      ws,
      [written('n.ipynb')],
      [leaking, leaking, leaking],
      [
        { cells: CODE, note: 'n' },
        { cells: CODE, note: 'n' }
      ]
    )
    const prompts = [model.lastMessage(0), model.lastMessage(1)]
    for (const prompt of prompts) {
      expect(prompt).toContain('NameError: bad key ***')
      expect(prompt).not.toContain('sk-secret-123')
    }
    expect(report.problems.join('\n')).toContain('NameError: bad key ***')
    const statuses = [...report.status.values()].map((s) => `${JSON.stringify(s)}\n${notebookSentence(s)}`)
    expect([...statuses, ...report.problems].join('\n')).not.toContain('sk-secret-123')
    expect(ws.text('n.ipynb')).not.toContain('sk-secret-123')
  })

  it('masks secrets in what Jupyter said when it could not run the notebook', async () => {
    const { report } = await run(
      new MemoryWorkspace({}),
      [written('n.ipynb')],
      [
        () => ({
          kind: 'failed',
          problem: 'Jupyter ended with exit code 1 (sk-secret-123)',
          output: 'token sk-secret-123 refused',
          ms: 5
        })
      ]
    )
    expect(report.problems).toEqual([
      '`n.ipynb` could not be run: Jupyter ended with exit code 1 (***). The last lines Jupyter printed:\n\n  ```\n  token *** refused\n  ```'
    ])
  })

  it('does not ask for a repair when Jupyter itself could not run the notebook', async () => {
    const ws = new MemoryWorkspace({})
    const { report, model } = await run(
      ws,
      [written('n.ipynb')],
      [() => ({ kind: 'failed', problem: 'it did not finish within 600 s', ms: 600_000 })]
    )
    expect(model.requests).toEqual([])
    expect(said(report, 'n.ipynb')).toBe('**could not be run** (see below)')
    expect(report.problems).toEqual(['`n.ipynb` could not be run: it did not finish within 600 s.'])
  })

  it('stops everything when a notebook changes .git', async () => {
    const ws = new MemoryWorkspace({})
    const tamper = (): Execution => {
      ws.gitConfig += '[core]\n\thooksPath = /tmp/evil\n'
      return ran(executed(CODE))
    }
    await expect(run(ws, [written('n.ipynb')], [tamper])).rejects.toThrow(NotebookTamperError)
  })

  it('keeps what notebooks produce where git-bob may write, and puts the rest back', async () => {
    const ws = new MemoryWorkspace({ 'README.md': 'keep\n', 'old.csv': 'a\n', '.gitbobignore': 'private/\n' })
    await ws.write('mine.txt', 'written earlier in this turn\n')
    const produce = (): Execution => {
      ws.files.set('counts.png', new Uint8Array([137, 80, 78, 71, 0]))
      ws.files.set('README.md', 'overwritten\n')
      ws.files.set('mine.txt', 'changed by the notebook\n')
      ws.files.delete('old.csv')
      ws.files.set('private/x.txt', 'p')
      ws.files.set('.gitbobignore', '')
      ws.files.set('.github/workflows/x.yml', 'on: push')
      ws.files.set('huge.bin', new Uint8Array(LIMITS.maxFileBytes * 50 + 1))
      return ran(executed(CODE))
    }
    const model = new ScriptedModel()
    const runner = new FakeNotebookRunner([produce])
    const notebook = written('n.ipynb')
    await ws.write('n.ipynb', serializeNotebook(buildNotebook(notebook.cells)))
    const ports = changePorts(ws, { notebooks: runner })
    const report = await runNotebooks(
      { ctx: conversationContext(model, ports), ports, rules: pathRules('private/\n') },
      [notebook]
    )
    expect(report.produced).toEqual([
      { path: 'README.md', action: 'create', source: null, note: 'produced by running the notebook' },
      { path: 'counts.png', action: 'create', source: null, note: 'produced by running the notebook' },
      { path: 'old.csv', action: 'delete', source: null, note: 'produced by running the notebook' }
    ])
    expect(report.problems).toEqual([
      '`.gitbobignore`, changed by a notebook, was not committed: .gitbobignore is for maintainers to edit.',
      '`.github/workflows/x.yml`, changed by a notebook, was not committed: workflow files cannot be changed: the workflow token has no `workflows` permission, so GitHub would reject the push. A maintainer has to make this change.',
      '`huge.bin`, changed by a notebook, was not committed: it has 5,000,001 bytes, more than the limit of 5,000,000 for files a notebook produces (50 times the `max-file-bytes` input).',
      '`private/x.txt`, changed by a notebook, was not committed: the path matches a pattern in .gitbobignore.'
    ])
    expect(ws.files.has('.github/workflows/x.yml')).toBe(false)
    expect(ws.files.has('huge.bin')).toBe(false)
    expect(ws.files.has('private/x.txt')).toBe(false)
    // A refused change to a tracked file is undone, not turned into a deletion.
    expect(ws.text('.gitbobignore')).toBe('private/\n')
    // Changed earlier in the turn: already listed, not reported again.
    expect(ws.text('mine.txt')).toBe('changed by the notebook\n')
  })

  it('keeps at most max-files produced files and masks known secrets in the text ones', async () => {
    const ws = new MemoryWorkspace({})
    const produce = (): Execution => {
      for (let i = 0; i < LIMITS.maxFiles + 2; i++) ws.files.set(`out/${String(i).padStart(2, '0')}.txt`, `row ${i}\n`)
      ws.files.set('out/00.txt', 'key sk-secret-123\n')
      return ran(executed(CODE))
    }
    const runner = new FakeNotebookRunner([produce])
    const notebook = written('n.ipynb')
    await ws.write('n.ipynb', serializeNotebook(buildNotebook(notebook.cells)))
    const ports = changePorts(ws, { notebooks: runner })
    const report = await runNotebooks(
      { ctx: conversationContext(new ScriptedModel(), ports), ports, rules: pathRules(null) },
      [notebook]
    )
    expect(report.produced.map((f) => f.path)).toEqual(
      [...Array(LIMITS.maxFiles).keys()].map((i) => `out/${String(i).padStart(2, '0')}.txt`)
    )
    expect(report.produced[0]!.note).toBe('produced by running the notebook; secrets in it were masked')
    expect(report.produced[1]!.note).toBe('produced by running the notebook')
    expect(ws.text('out/00.txt')).toBe('key ***\n')
    // Summed up in one line, however many there are.
    expect(report.problems).toEqual([
      `2 more files changed by notebooks were not committed: notebook runs may produce at most ${LIMITS.maxFiles} files per request (the \`max-files\` input): \`out/10.txt\`, \`out/11.txt\`.`
    ])
    expect(ws.files.has('out/10.txt')).toBe(false)
  })
})
