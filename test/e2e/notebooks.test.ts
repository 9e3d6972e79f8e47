// Smoke test of notebooks in the built action: the runner's real Jupyter runs what git-bob wrote, and the
// executed notebook and the figure it saved are pushed to origin and shown in the pull request.
import { execFileSync } from 'node:child_process'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { GitRemote } from '../fakes/git-remote.ts'
import { jupyter, JUPYTER_TIMEOUT } from '../fakes/jupyter.ts'
import type { ChatRequest } from '../fakes/openai.ts'
import { useStage } from './scenario.ts'

const stage = useStage()

describe.skipIf(!jupyter)('the built action, with Jupyter', () => {
  it(
    'runs a new notebook, commits it with its outputs and the PNG it wrote, and shows the figure',
    JUPYTER_TIMEOUT,
    async () => {
      const repo = new GitRemote({ 'README.md': '# data\n' })
      stage.model.fallback = (request: ChatRequest) =>
        request.response_format?.json_schema?.name === 'change_plan'
          ? JSON.stringify({
              title: 'Plot records per year',
              summary: 'A notebook that plots the records.',
              actions: [{ action: 'create', path: 'analysis/plot.ipynb', source: null, reason: 'the plot asked for' }]
            })
          : JSON.stringify({
              cells: [
                { kind: 'markdown', source: '# Records per year' },
                {
                  kind: 'code',
                  source: 'import matplotlib\nmatplotlib.use("Agg")\nimport matplotlib.pyplot as plt'
                },
                { kind: 'markdown', source: 'Plot and save.' },
                { kind: 'code', source: 'plt.bar([2023, 2024], [12, 40])\nplt.savefig("counts.png")\nprint("saved")' }
              ],
              note: 'plots the records per year'
            })
      const run = await stage.comment(
        { body: 'git-bob implement a plot' },
        { workspace: repo.workspace, timeoutMs: JUPYTER_TIMEOUT.timeout }
      )
      expect(run.code).toBe(0)
      expect(repo.files('git-bob/issue-1')).toEqual(
        expect.arrayContaining(['analysis/plot.ipynb', 'analysis/counts.png'])
      )
      const text = repo.show('git-bob/issue-1', 'analysis/plot.ipynb')
      // Valid by the official nbformat package, the schema Jupyter itself uses.
      const dir = mkdtempSync(join(tmpdir(), 'nb-'))
      writeFileSync(join(dir, 'n.ipynb'), text)
      execFileSync('/usr/bin/python3', [
        '-c',
        'import sys, nbformat; nbformat.validate(nbformat.read(sys.argv[1], as_version=4))',
        join(dir, 'n.ipynb')
      ])
      const notebook = JSON.parse(text) as {
        cells: { cell_type: string; execution_count: number | null; outputs?: unknown[] }[]
      }
      expect(notebook.cells.filter((c) => c.cell_type === 'code').every((c) => c.execution_count !== null)).toBe(true)
      expect(JSON.stringify(notebook.cells[3]!.outputs)).toContain('saved')
      const body = stage.github.pullRequests[0]!.body
      expect(body).toContain('ran without errors')
      expect(body).toMatch(/!\[analysis\/counts\.png\]\(.*\/blob\/git-bob\/issue-1\/analysis\/counts\.png\?raw=true\)/)
    }
  )
})
