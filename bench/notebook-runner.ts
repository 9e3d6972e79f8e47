// git-bob's notebook runner (run-notebook.py) and its kernel on a one-cell notebook, started again and again outside
// the box: the median and the slowest wall time. A kernel that does not end when asked to shut down shows as a
// slowest run seconds above the median (jupyter_client waits 2.5 s, then sends SIGTERM).
import { spawnSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { interpreterOf } from '../src/adapters/jupyter/interpreter.ts'
import RUN_NOTEBOOK from '../src/adapters/jupyter/run-notebook.py'

const median = (values: number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!

const NOTEBOOK = JSON.stringify({
  nbformat: 4,
  nbformat_minor: 5,
  metadata: { kernelspec: { name: 'python3', display_name: 'Python 3', language: 'python' } },
  cells: [{ id: 'c', cell_type: 'code', metadata: {}, source: 'print(1 + 1)', outputs: [], execution_count: null }]
})

/** The Python that the `jupyter-nbconvert` on the PATH names, as the notebook adapter finds it; null without one. */
function jupyterPython(): string[] | null {
  for (const dir of (process.env.PATH ?? '').split(':').filter(Boolean)) {
    const opening = (() => {
      try {
        return readFileSync(join(dir, 'jupyter-nbconvert'), 'utf8').slice(0, 2_048)
      } catch {
        return null
      }
    })()
    if (opening !== null) return interpreterOf(opening)
  }
  return null
}

/** Median and slowest wall time in ms of `runs` runs, or why none ran. */
export function measureNotebookRunner(runs = 12): { median: number; slowest: number } | { problem: string } {
  const python = jupyterPython()
  if (!python) return { problem: 'No jupyter-nbconvert on the PATH names a Python to run git-bob’s runner with.' }
  const dir = mkdtempSync(join(tmpdir(), 'git-bob-bench-runner-'))
  try {
    const times: number[] = []
    for (let i = 0; i < runs; i++) {
      writeFileSync(join(dir, 'n.ipynb'), NOTEBOOK)
      const started = performance.now()
      const run = spawnSync(python[0]!, [...python.slice(1), '-c', RUN_NOTEBOOK, 'n.ipynb', '30'], {
        cwd: dir,
        encoding: 'utf8'
      })
      if (run.status !== 0) return { problem: `The runner failed: ${run.stderr.trim().split('\n').at(-1) ?? ''}` }
      times.push(performance.now() - started)
    }
    return { median: Math.round(median(times)), slowest: Math.round(Math.max(...times)) }
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}
