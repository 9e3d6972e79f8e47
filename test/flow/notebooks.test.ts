// Notebooks in the flow: written from cells, executed, repaired from tracebacks, their outputs committed,
// secrets kept out. Most tests run them with a scripted runner: one Jupyter start costs seconds, and those
// tests are about what git-bob does with a run. Where Jupyter itself matters (the kernel's environment) the
// runner's real Jupyter runs them: Debian's jupyter-nbconvert, python3-nbclient, python3-ipykernel and
// python3-matplotlib (installed by .ci/run), and the box around it: a real plot, a kernel killed. The attacks on
// the runner are in notebook-attacks.test.ts; one runs through dist/ in test/e2e/box.test.ts.
import { execFileSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, symlinkSync, watch, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { git, GitRemote } from '../fakes/git-remote.ts'
import { lastMessageText, type ChatRequest } from '../fakes/openai.ts'
import { jupyter, JUPYTER_TIMEOUT, NEEDS_JUPYTER } from '../fakes/jupyter.ts'
import { scriptedNotebooks } from '../fakes/notebook-runner.ts'
import { jupyterRunner } from '../../src/adapters/jupyter/execute.ts'
import { lazySandbox } from '../../src/adapters/sandbox/lazy-box.ts'
import { OPENAI_KEY, useStage } from './stage.ts'
import { HOMEPAGE } from '../../src/version.ts'

const stage = useStage()

type Cells = { kind: 'markdown' | 'code'; source: string }[]

/** Validates a notebook with the official nbformat package (the schema Jupyter itself uses; it comes with
 * Jupyter's packages, so without them only the tests that need no Jupyter run, without this check). */
function assertValidNbformat(text: string): void {
  if (!jupyter) return
  const dir = mkdtempSync(join(tmpdir(), 'nb-'))
  writeFileSync(join(dir, 'n.ipynb'), text)
  execFileSync('/usr/bin/python3', [
    '-c',
    'import sys, nbformat; nbformat.validate(nbformat.read(sys.argv[1], as_version=4))',
    join(dir, 'n.ipynb')
  ])
}

/** Plan one notebook; answer its cells, then each repair from `repairs` in turn. */
function scriptNotebook(path: string, first: Cells, repairs: Cells[] = []): { repairPrompts: string[] } {
  return scriptNotebooks({ [path]: { first, repairs } })[path]!
}

/** Plan these notebooks, in this order; answer each one's cells, then each of its repairs in turn. */
function scriptNotebooks(
  notebooks: Record<string, { first: Cells; repairs: Cells[] }>
): Record<string, { repairPrompts: string[] }> {
  const seen = Object.fromEntries(Object.keys(notebooks).map((path) => [path, { repairPrompts: [] as string[] }]))
  stage.model.fallback = (request: ChatRequest) => {
    const schema = request.response_format?.json_schema?.name
    if (schema === 'change_plan')
      return JSON.stringify({
        title: 'Plot records per year',
        summary: 'A notebook that plots the records.',
        actions: Object.keys(notebooks).map((path) => ({ action: 'create', path, source: null, reason: 'asked for' }))
      })
    const prompt = lastMessageText(request)
    // Both prompts name their notebook first (prompts/implement-notebook.md, notebook-repair.md).
    const path = /^(?:Write the Jupyter notebook|The notebook) `([^`]+)`/m.exec(prompt)?.[1] ?? ''
    const script = notebooks[path]
    if (!script) throw new Error(`no notebook scripted for this prompt:\n${prompt}`)
    if (prompt.includes('failed when it was run')) {
      seen[path]!.repairPrompts.push(prompt)
      return JSON.stringify({ cells: script.repairs.shift() ?? script.first, note: 'repaired' })
    }
    return JSON.stringify({ cells: script.first, note: 'plots the records per year' })
  }
  return seen
}

const PLOT: Cells = [
  { kind: 'markdown', source: '# Records per year' },
  { kind: 'code', source: 'import matplotlib\nmatplotlib.use("Agg")\nimport matplotlib.pyplot as plt' },
  { kind: 'markdown', source: 'Plot and save.' },
  { kind: 'code', source: 'plt.bar([2023, 2024], [12, 40])\nplt.savefig("counts.png")\nprint("saved")' }
]

const BROKEN: Cells = [
  { kind: 'markdown', source: '# Broken' },
  { kind: 'code', source: 'import pandas as pd\ndf = pd.read_csv("missing.csv")' }
]

/** What BROKEN and PLOT do when they run, without Python. */
const python = (): ReturnType<typeof scriptedNotebooks> =>
  scriptedNotebooks((source, dir) => {
    if (source.includes('pd.read_csv("missing.csv")'))
      return { error: { ename: 'FileNotFoundError', evalue: "[Errno 2] No such file or directory: 'missing.csv'" } }
    if (source.includes('plt.savefig("counts.png")')) {
      writeFileSync(join(dir, 'counts.png'), Buffer.from('89504e470d0a1a0a', 'hex'))
      return { print: 'saved\n' }
    }
    if (source.includes('write_everything()')) {
      // The notebook's folder is the repository root here.
      const write = (path: string, content: string | Buffer): void => {
        mkdirSync(dirname(join(dir, path)), { recursive: true })
        writeFileSync(join(dir, path), content)
      }
      write('data/summary.csv', `year,count\n2024,40\nkey,${OPENAI_KEY}\n`)
      write('.github/workflows/evil.yml', 'on: push\n')
      write('private/notes.txt', 'ignored by .gitbobignore\n')
      write('.gitbobignore', '')
      for (let i = 0; i < 6; i++) write(`many/${i}.txt`, `${i}\n`)
      write('big.bin', Buffer.alloc(100_001, 1))
      return { print: 'done\n' }
    }
    if (source.includes('open(".git/config", "a")'))
      writeFileSync(join(dir, '.git/config'), '[url "x"]\n', { flag: 'a' })
    return {}
  })

describe('notebooks, scripted runs', () => {
  // Two notebooks of one request, each repaired on its own: one run shows both ends of the repair rounds.
  it(
    'sends a failing notebook back with its traceback, commits the repaired one and shows its figure at the ' +
      'commit; commits a notebook that never works with its error visible, and says so plainly',
    async () => {
      const repo = new GitRemote({ 'README.md': '# data\n' })
      const seen = scriptNotebooks({
        'plot.ipynb': { first: BROKEN, repairs: [PLOT] },
        'broken.ipynb': { first: BROKEN, repairs: [BROKEN, BROKEN] }
      })
      const notebooks = python()
      const run = await stage.comment(
        { body: 'git-bob implement a plot' },
        { workspace: repo.workspace, inputs: { 'notebook-repair-rounds': '2' }, notebooks }
      )
      expect(run.code, stage.said(run)).toBe(0)
      // The repaired one is not run again once it works; the other runs out of its two rounds.
      expect(notebooks.runs).toEqual(['plot.ipynb', 'plot.ipynb', 'broken.ipynb', 'broken.ipynb', 'broken.ipynb'])
      const body = stage.github.pullRequests[0]!.body

      // The repaired one.
      expect(seen['plot.ipynb']!.repairPrompts).toHaveLength(1)
      expect(seen['plot.ipynb']!.repairPrompts[0]).toContain('FileNotFoundError')
      expect(repo.show('git-bob/issue-1', 'plot.ipynb')).not.toContain('"output_type": "error"')
      expect(repo.files('git-bob/issue-1')).toContain('counts.png')
      expect(body, stage.said(run)).toMatch(/^- `plot\.ipynb` \(created\): .*after 1 repair round$/m)
      // The figure linked at the commit that was pushed (the sha git-bob reports is the one on origin).
      const commit = git(repo.origin, 'rev-parse', 'git-bob/issue-1').trim()
      expect(body).toContain(
        `![counts.png](https://github.com/Codertocat/Hello-World/blob/${commit}/counts.png?raw=true)`
      )

      // The one that never works.
      expect(seen['broken.ipynb']!.repairPrompts).toHaveLength(2)
      const notebook = repo.show('git-bob/issue-1', 'broken.ipynb')
      expect(notebook).toContain('"output_type": "error"')
      assertValidNbformat(notebook)
      expect(body).toContain('still fails after 2 repair rounds**')
      // The error once, under "What could not be done"; the file list, the checks and the warning point there.
      expect(body.split('FileNotFoundError')).toHaveLength(2)
      expect(body).toMatch(
        /^\*\*What could not be done:\*\*\n- `broken\.ipynb` still fails after 2 repair rounds; .*FileNotFoundError/m
      )
    }
  )

  it('pushes nothing when a notebook tampers with .git', async () => {
    const repo = new GitRemote({ 'README.md': '# data\n' })
    scriptNotebook('evil.ipynb', [
      { kind: 'markdown', source: '# Innocent' },
      {
        kind: 'code',
        source:
          'open(".git/config", "a").write("[url \\"http://127.0.0.1:9/\\"]\\n\\tinsteadOf = https://github.com/\\n")'
      }
    ])
    const run = await stage.comment(
      { body: 'git-bob implement this' },
      { workspace: repo.workspace, notebooks: python() }
    )
    expect(run.code).toBe(1)
    expect(repo.branches()).toEqual(['master'])
    expect(stage.github.pullRequests).toHaveLength(0)
    expect(stage.github.postedComments(1)[0]!.body).toContain("a notebook changed the repository's .git folder")
  })
})

describe('files a notebook run writes', () => {
  it('commits exactly those that pass the rules, lists exactly the commit, and says why the rest were left out', async () => {
    const repo = new GitRemote({ 'README.md': '# data\n', '.gitbobignore': 'private/\n' })
    scriptNotebook('run.ipynb', [{ kind: 'code', source: 'write_everything()' }])
    const run = await stage.comment(
      { body: 'git-bob implement this' },
      {
        workspace: repo.workspace,
        inputs: { 'max-files': '4', 'max-file-bytes': '2000' },
        env: { OPENAI_API_KEY: OPENAI_KEY },
        notebooks: python()
      }
    )
    expect(run.code).toBe(0)
    const pushed = git(repo.origin, 'diff', '--name-only', 'master', 'git-bob/issue-1').split('\n')
    // Four files at most (max-files), in path order: the rest of many/ is left out.
    const allowed = ['data/summary.csv', 'many/0.txt', 'many/1.txt', 'many/2.txt', 'run.ipynb']
    expect(pushed).toEqual(allowed)
    expect(repo.show('git-bob/issue-1', 'data/summary.csv')).not.toContain(OPENAI_KEY)
    expect(repo.show('git-bob/issue-1', 'data/summary.csv')).toContain('key,***')

    const body = stage.github.pullRequests[0]!.body
    const listed = /\*\*Files:\*\*\n((?:- .*\n?)+)/
      .exec(body)![1]!
      .trim()
      .split('\n')
      .map((line) => /`([^`]+)`/.exec(line)![1])
    expect(listed.sort()).toEqual(allowed)
    const leftOut = (path: string): string =>
      body.split('\n').find((line) => line.startsWith(`- \`${path}\`, changed by a notebook, was not committed: `)) ??
      `no line for ${path}`
    expect(leftOut('.github/workflows/evil.yml')).toContain('workflow files cannot be changed')
    expect(leftOut('.gitbobignore')).toContain('.gitbobignore is for maintainers to edit')
    expect(leftOut('private/notes.txt')).toContain('matches a pattern in .gitbobignore')
    expect(leftOut('big.bin')).toContain('100,001 bytes, more than the limit of 100,000')
    expect(body).toContain(
      '- 3 more files changed by notebooks were not committed: notebook runs may produce at most 4 files per request (the `max-files` input): `many/3.txt`, `many/4.txt`, `many/5.txt`.'
    )
    expect(body).toContain('`data/summary.csv` (created): produced by running the notebook; secrets in it were masked')
  })

  it('leaves out what changed in the checkout without passing the checks, and says so', async () => {
    const repo = new GitRemote({ 'README.md': '# data\n' })
    scriptNotebook('run.ipynb', [{ kind: 'code', source: 'print(1)' }])
    // Plays a process that changes the checkout outside any check (here before the run's own snapshot).
    const runner = python()
    const available = runner.available.bind(runner)
    runner.available = () => {
      writeFileSync(join(repo.workspace, 'README.md'), 'rewritten\n')
      mkdirSync(join(repo.workspace, '.github/workflows'), { recursive: true })
      writeFileSync(join(repo.workspace, '.github/workflows/late.yml'), 'on: push\n')
      return available()
    }
    const run = await stage.comment(
      { body: 'git-bob implement this' },
      { workspace: repo.workspace, notebooks: runner }
    )
    expect(run.code).toBe(0)
    expect(git(repo.origin, 'diff', '--name-only', 'master', 'git-bob/issue-1')).toBe('run.ipynb')
    const body = stage.github.pullRequests[0]!.body
    for (const path of ['.github/workflows/late.yml', 'README.md'])
      expect(body).toContain(
        `- \`${path}\` changed in the checkout without passing git-bob's checks (for example through a process a notebook left running), so it was not committed.`
      )
    expect(/\*\*Files:\*\*\n((?:- .*\n?)+)/.exec(body)![1]!.trim()).toMatch(/^- `run\.ipynb` \(created\)[^\n]*$/)
  })
})

describe.skipIf(!jupyter)(`notebooks${NEEDS_JUPYTER}`, () => {
  // One run, three notebooks: each that runs gets a box and a Jupyter start of its own, so one run shows for all
  // three what three runs would, for one run's start, checkout and probe. Two Jupyter starts: the time of two.
  it(
    'runs new notebooks with real Jupyter: one with matplotlib is committed with its outputs and the PNG it wrote, ' +
      'its figure linked at the commit; for one whose kernel killed Jupyter the pull request and the job summary ' +
      'say once why: its exit code or signal; one whose only markdown changed keeps its outputs and is not run ' +
      'again; the check runs after them, each in a box of its own from the same sandbox, probed once',
    { timeout: 2 * JUPYTER_TIMEOUT.timeout },
    async () => {
      const executed = JSON.stringify({
        cells: [
          { cell_type: 'markdown', id: 'm1', metadata: {}, source: ['# Old title'] },
          {
            cell_type: 'code',
            id: 'c1',
            metadata: {},
            execution_count: 1,
            source: ['print(41 + 1)'],
            outputs: [{ output_type: 'stream', name: 'stdout', text: ['42\n'] }]
          }
        ],
        metadata: { kernelspec: { display_name: 'Python 3', language: 'python', name: 'python3' } },
        nbformat: 4,
        nbformat_minor: 5
      })
      const repo = new GitRemote({ 'README.md': '# data\n', 'answer.ipynb': executed })
      const cells: Record<string, Cells> = {
        'answer.ipynb': [
          { kind: 'markdown', source: '# The answer' },
          { kind: 'code', source: 'print(41 + 1)' }
        ],
        'analysis/plot.ipynb': PLOT,
        // The kernel kills Jupyter itself, as the kernel's memory limit or a stop from outside would.
        'killed.ipynb': [
          { kind: 'markdown', source: '# Killed' },
          { kind: 'code', source: 'import os, signal\nos.kill(os.getppid(), signal.SIGKILL)' }
        ]
      }
      stage.model.fallback = (request: ChatRequest) => {
        if (request.response_format?.json_schema?.name === 'change_plan')
          return JSON.stringify({
            title: 'Plot, retitle',
            summary: 's',
            actions: [
              { action: 'modify', path: 'answer.ipynb', source: null, reason: 'title' },
              { action: 'create', path: 'analysis/plot.ipynb', source: null, reason: 'the plot asked for' },
              { action: 'create', path: 'killed.ipynb', source: null, reason: 'asked' }
            ]
          })
        const prompt = lastMessageText(request)
        const path = /^Write the Jupyter notebook `([^`]+)`/m.exec(prompt)?.[1] ?? 'no notebook named'
        if (path === 'answer.ipynb') {
          expect(prompt).toContain('print(41 + 1)')
          expect(prompt).not.toContain('42\\n')
        }
        return JSON.stringify({ cells: cells[path], note: `writes ${path}` })
      }
      // Every box, the probe too, makes its run folder in TMPDIR: watched, the folders made are the boxes run.
      const temp = mkdtempSync(join(tmpdir(), 'git-bob-temp-'))
      const boxes = new Set<string>()
      const watcher = watch(temp, (_, name) => {
        if (name?.startsWith('git-bob-box-')) boxes.add(name)
      })
      const run = await stage
        .comment(
          { body: 'git-bob implement a plot' },
          {
            workspace: repo.workspace,
            inputs: { 'check-command': 'true', 'check-repair-rounds': '0' },
            env: { TMPDIR: temp }
          }
        )
        // A folder's event comes while its box still runs (the event loop turns while it waits for the box).
        .finally(() => watcher.close())
      expect(run.code, stage.said(run)).toBe(0)
      // One probe for the notebooks and the check together, then one box for each run: the two new notebooks and
      // the check (none for the notebook whose only markdown changed).
      expect(run.summary, stage.said(run)).toMatch(/\| check \| `true` \|/)
      expect(boxes.size, stage.said(run)).toBe(4)
      expect(repo.files('git-bob/issue-1')).toEqual(
        expect.arrayContaining(['analysis/plot.ipynb', 'analysis/counts.png'])
      )
      const text = repo.show('git-bob/issue-1', 'analysis/plot.ipynb')
      assertValidNbformat(text)
      const notebook = JSON.parse(text) as {
        cells: { cell_type: string; execution_count: number | null; outputs?: unknown[] }[]
      }
      expect(notebook.cells.filter((c) => c.cell_type === 'code').every((c) => c.execution_count !== null)).toBe(true)
      expect(JSON.stringify(notebook.cells[3]!.outputs)).toContain('saved')
      const body = stage.github.pullRequests[0]!.body
      expect(body, stage.said(run)).toMatch(/^- `analysis\/plot\.ipynb` \(created\): .*ran without errors/m)
      // Linked to the commit, so the figure still shows after the branch is deleted.
      const commit = git(repo.origin, 'rev-parse', 'git-bob/issue-1').trim()
      expect(body, stage.said(run)).toContain(
        `![analysis/counts.png](https://github.com/Codertocat/Hello-World/blob/${commit}/analysis/counts.png?raw=true)`
      )

      // The killed one: why, once in the pull request, and in the job summary's record of runs.
      const reason = 'Jupyter ended with exit code 137: killed (SIGKILL), out of memory or stopped'
      expect(body, stage.said(run)).toContain(`- \`killed.ipynb\` could not be run: ${reason}.`)
      expect(body.split(reason)).toHaveLength(2)
      expect(body).toMatch(/^- `killed\.ipynb` \(created\): .*\*\*could not be run\*\* \(see below\)$/m)
      expect(body).toContain('- ⏭️ notebook `killed.ipynb` could not be run (see below)')
      expect(run.summary).toContain('### Notebook and check runs')
      expect(run.summary).toMatch(
        new RegExp(
          `\\| notebook \\| \`killed\\.ipynb\` \\| could not be run: ${reason.replace(/[()]/g, '\\$&')} \\| \\d+\\.\\d s \\|`
        )
      )
      // A run with notebooks names their time.
      expect(run.summary).toMatch(/notebooks \d+\.\d s/)

      // The retitled one: its outputs kept, not run (no box of its own above).
      const answer = repo.show('git-bob/issue-1', 'answer.ipynb')
      expect(answer).toContain('# The answer')
      expect(answer).toContain('42\\n')
      expect(body).toMatch(/^- `answer\.ipynb` \(modified\): .*earlier outputs were kept/m)
    }
  )

  it('commits notebooks unexecuted when no sandbox can be had, and says why and how to enable running', async () => {
    const repo = new GitRemote({ 'README.md': '# data\n' })
    scriptNotebook('plot.ipynb', PLOT)
    const run = await stage.comment(
      { body: 'git-bob implement a plot' },
      {
        workspace: repo.workspace,
        notebooks: jupyterRunner(process.env, lazySandbox({ env: process.env, privilege: () => Promise.resolve(null) }))
      }
    )
    expect(run.code).toBe(0)
    const notebook = repo.show('git-bob/issue-1', 'plot.ipynb')
    expect(notebook).toContain('"execution_count": null')
    const body = stage.github.pullRequests[0]!.body
    expect(body).toContain(
      '**not run**: no sandbox could be had (git-bob runs neither as root nor with passwordless `sudo`'
    )
    expect(body).toContain(`see [the security model](${HOMEPAGE}/blob/main/docs/security.md) for how to enable it`)
    expect(git(repo.origin, 'ls-tree', '-r', '--name-only', 'git-bob/issue-1')).not.toContain('counts.png')
  })

  it('commits notebooks unexecuted when the runner has no Jupyter, and says so', async () => {
    const repo = new GitRemote({ 'README.md': '# data\n' })
    scriptNotebook('plot.ipynb', PLOT)
    const bin = mkdtempSync(join(tmpdir(), 'bin-'))
    symlinkSync(execFileSync('which', ['git'], { encoding: 'utf8' }).trim(), join(bin, 'git'))
    const run = await stage.comment(
      { body: 'git-bob implement a plot' },
      { workspace: repo.workspace, env: { PATH: bin } }
    )
    expect(run.code).toBe(0)
    const notebook = repo.show('git-bob/issue-1', 'plot.ipynb')
    assertValidNbformat(notebook)
    expect(notebook).toContain('"execution_count": null')
    expect(stage.github.pullRequests[0]!.body).toContain('not run**: the runner has no Jupyter')
    expect(git(repo.origin, 'ls-tree', '-r', '--name-only', 'git-bob/issue-1')).not.toContain('counts.png')
  })
})
