// git-bob's notebook runner (run-notebook.py) against its oracle, `jupyter nbconvert --to notebook --execute
// --inplace --allow-errors`: the same notebook run by each is written the same, but for the times nbclient records.
import { execFileSync, spawnSync } from 'node:child_process'
import { cpSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { jupyter, JUPYTER_TIMEOUT, NEEDS_JUPYTER } from '../../../fakes/jupyter.ts'
import RUN_NOTEBOOK from '../../../../src/adapters/jupyter/run-notebook.py'

let ids = 0
const code = (source: string): object => ({
  id: `cell-${++ids}`,
  cell_type: 'code',
  metadata: {},
  source,
  outputs: [],
  execution_count: null
})
const NOTEBOOK = {
  nbformat: 4,
  nbformat_minor: 5,
  metadata: { kernelspec: { name: 'python3', display_name: 'Python 3', language: 'python' } },
  cells: [
    { id: 'title', cell_type: 'markdown', metadata: {}, source: '# Counts' },
    // Two prints and a flush in between: stream outputs to merge; a progress line a carriage return overwrites.
    code("import sys\nprint('one', flush=True)\nprint('two')\nsys.stderr.write('warn\\n')\nprint('a\\rb')"),
    code("from IPython.display import display, HTML\ndisplay(HTML('<b>x</b>'))\nprint('after')\n41 + 1"),
    code("raise ValueError('on purpose')"),
    code("print('still runs')"),
    // A module of the notebook's folder, which the notebook imports as always.
    code('import helpers\nprint(helpers.ANSWER)'),
    // The kernel as ipykernel's launcher starts it: its folder where sys.path has it, its argv; the debugger and the
    // completer's engine, which git-bob's runner keeps from loading at the start, still there for the notebook.
    code(
      'import os, sys\nprint(sys.path[0] == os.getcwd(), os.path.basename(sys.argv[0]))\n' +
        "import debugpy, jedi\nprint('debugpy', 'jedi')"
    ),
    // The kernel installed under the notebook's kernel name, which both runners find first (its kernel.json's env).
    code("print(os.environ.get('GIT_BOB_KERNEL', 'not the installed kernel'))")
  ]
}

/** A folder for JUPYTER_PATH with a "python3" kernel installed: ipykernel on this Python, with an env of its own. */
function installedKernel(dir: string): string {
  const folder = join(dir, 'jupyter')
  mkdirSync(join(folder, 'kernels', 'python3'), { recursive: true })
  const spec = {
    argv: ['/usr/bin/python3', '-m', 'ipykernel_launcher', '-f', '{connection_file}'],
    display_name: 'Python 3 (installed)',
    language: 'python',
    env: { GIT_BOB_KERNEL: 'the installed kernel' }
  }
  writeFileSync(join(folder, 'kernels', 'python3', 'kernel.json'), JSON.stringify(spec))
  return folder
}

/** The notebook as written, without the times and ids that differ from run to run. */
function comparable(path: string): unknown {
  const notebook = JSON.parse(readFileSync(path, 'utf8')) as { cells: { metadata: Record<string, unknown> }[] }
  for (const cell of notebook.cells) delete cell.metadata.execution
  return notebook
}

describe.skipIf(!jupyter)(`run-notebook.py${NEEDS_JUPYTER}`, () => {
  it(
    'writes what jupyter nbconvert writes: outputs, merged streams, the error and what ran after it; beside a ' +
      "repository's own nbformat.py and nbclient.py, which python -c would have imported; in the kernel installed " +
      'under its name',
    JUPYTER_TIMEOUT,
    () => {
      const dir = mkdtempSync(join(tmpdir(), 'git-bob-run-notebook-'))
      const ours = join(dir, 'ours')
      const theirs = join(dir, 'theirs')
      writeFileSync(join(dir, 'n.ipynb'), JSON.stringify(NOTEBOOK))
      writeFileSync(join(dir, 'helpers.py'), 'ANSWER = 42\n')
      for (const folder of [ours, theirs])
        for (const file of ['n.ipynb', 'helpers.py']) cpSync(join(dir, file), join(folder, file))
      for (const name of ['nbformat.py', 'nbclient.py'])
        writeFileSync(join(ours, name), "raise SystemExit('shadowed')\n")
      const env = { ...process.env, JUPYTER_PATH: installedKernel(dir) }
      const run = spawnSync('/usr/bin/python3', ['-c', RUN_NOTEBOOK, 'n.ipynb', '30'], {
        cwd: ours,
        encoding: 'utf8',
        env
      })
      expect(run.status, run.stderr).toBe(0)
      // No word of the debugger it did not load (nbconvert's kernel warns about frozen modules).
      expect(run.stderr).not.toMatch(/debug/i)
      execFileSync(
        'jupyter',
        ['nbconvert', '--to', 'notebook', '--execute', '--inplace', '--allow-errors', 'n.ipynb'],
        { cwd: theirs, stdio: 'pipe', env }
      )
      const written = readFileSync(join(ours, 'n.ipynb'), 'utf8')
      expect(written).toContain('"one\\n",\n')
      expect(written).toContain('"b\\n"')
      expect(written).toContain('ValueError')
      expect(written).toContain('still runs')
      expect(written).toContain('"42\\n"')
      // (Whether the folder is first on sys.path depends on ipykernel's version: the comparison below says it is
      // the same as under nbconvert's kernel.)
      expect(written).toMatch(/"(True|False) ipykernel_launcher\.py\\n"/)
      expect(written).toContain('"debugpy jedi\\n"')
      expect(written).toContain('"the installed kernel\\n"')
      expect(comparable(join(ours, 'n.ipynb'))).toEqual(comparable(join(theirs, 'n.ipynb')))
      expect(written.endsWith('}\n')).toBe(true)
    }
  )

  it(
    'stops at the time limit per cell and writes nothing, as nbconvert does; finds the kernel without IPython',
    JUPYTER_TIMEOUT,
    () => {
      const dir = mkdtempSync(join(tmpdir(), 'git-bob-run-notebook-'))
      const before = JSON.stringify({ ...NOTEBOOK, cells: [code('import time\ntime.sleep(30)')] })
      writeFileSync(join(dir, 'n.ipynb'), before)
      // -X importtime lists what the runner's process imports (the kernel, a process of its own, imports IPython).
      // With a kernel installed under the name; where none is, jupyter_client imports ipykernel to find its own.
      const run = spawnSync('/usr/bin/python3', ['-X', 'importtime', '-c', RUN_NOTEBOOK, 'n.ipynb', '1'], {
        cwd: dir,
        encoding: 'utf8',
        env: { ...process.env, JUPYTER_PATH: installedKernel(dir) }
      })
      expect(run.status).not.toBe(0)
      expect(run.stderr).toMatch(/CellTimeoutError|TimeoutError/)
      expect(readFileSync(join(dir, 'n.ipynb'), 'utf8')).toBe(before)
      expect(run.stderr).toMatch(/\| +nbclient$/m)
      expect(run.stderr).not.toMatch(/\| +(IPython|ipykernel)$/m)
    }
  )
})
