// A JupyterRunner without Jupyter, for flow tests about what git-bob does with a run (repair rounds, a
// notebook that tampers with .git), not about Jupyter itself: each code cell's "run" is scripted by the test
// and written back into the notebook file the way nbconvert --execute --allow-errors writes it.
import { readFileSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { parseNotebook, serializeNotebook, sourceText } from '../../src/ports/notebook.ts'
import type { JupyterRunner } from '../../src/adapters/jupyter/execute.ts'
import type { Availability, Execution, ExecutionLimits, NotebookRunner } from '../../src/ports/workspace.ts'
import { NO_JUPYTER } from '../../src/ports/workspace.ts'

export interface CellRun {
  /** What the cell prints to stdout. */
  print?: string
  /** The exception it raises. */
  error?: { ename: string; evalue: string }
}

/** `cell` is called for every code cell with its source and the notebook's folder (it may write files there). */
export function scriptedNotebooks(cell: (source: string, dir: string) => CellRun): JupyterRunner & { runs: string[] } {
  const runs: string[] = []
  return {
    runs,
    elapsedMs: 0,
    sandboxMs: 0,
    isolation: null,
    available: () => Promise.resolve({ ok: true }),
    run(workspace, path) {
      runs.push(path)
      const full = join(workspace.dir, path)
      const parsed = parseNotebook(readFileSync(full, 'utf8'))
      if (!parsed.ok) return Promise.resolve({ kind: 'failed', problem: parsed.problem, ms: 1 })
      let count = 0
      for (const c of parsed.notebook.cells) {
        if (c.cell_type !== 'code') continue
        const result = cell(sourceText(c.source), dirname(full))
        c.execution_count = ++count
        c.outputs = [
          ...(result.print ? [{ output_type: 'stream', name: 'stdout', text: [result.print] }] : []),
          ...(result.error
            ? [
                {
                  output_type: 'error',
                  ...result.error,
                  traceback: [
                    '\u001b[0;31m---------------------------------------------------------------------------\u001b[0m',
                    `\u001b[0;31m${result.error.ename}\u001b[0m: ${result.error.evalue}`
                  ]
                }
              ]
            : [])
        ]
      }
      writeFileSync(full, serializeNotebook(parsed.notebook))
      return Promise.resolve({ kind: 'ran', notebook: parsed.notebook, ms: 1, refused: [] })
    }
  }
}

export type Run = (path: string, limits: ExecutionLimits) => Execution | Promise<Execution>

/**
 * The implement command's NotebookRunner port without Jupyter or files, for unit tests: each run is
 * answered by the test (what the notebook "computed"), in order, and recorded.
 */
export class FakeNotebookRunner implements NotebookRunner {
  readonly runs: { path: string; limits: ExecutionLimits }[] = []
  private readonly script: Run[]
  private readonly jupyter: boolean

  /** `jupyter: false` plays a runner without Jupyter installed. */
  constructor(script: Run[], jupyter = true) {
    this.script = [...script]
    this.jupyter = jupyter
  }

  async available(): Promise<Availability> {
    return this.jupyter ? { ok: true } : { ok: false, reason: NO_JUPYTER }
  }

  async run(path: string, limits: ExecutionLimits): Promise<Execution> {
    this.runs.push({ path, limits })
    const next = this.script.shift()
    if (!next) throw new Error(`no scripted run left for ${path}`)
    return next(path, limits)
  }
}
