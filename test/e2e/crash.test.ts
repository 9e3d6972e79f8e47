// A crash in a user's log must point at a src/ file and line: dist/index.js enables the source maps
// that dist/ ships, and the crash handler prints the mapped frames.
import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { annotations, useStage } from './scenario.ts'

const stage = useStage()
const root = fileURLToPath(new URL('../../', import.meta.url))

describe('a crash', () => {
  it('names the src/ file and line it came from, through the source maps', async () => {
    // An output file that is not there: setting the status output, the run's last step, throws out of run().
    const run = await stage.comment({ body: 'git-bob help' }, { env: { GITHUB_OUTPUT: '/nonexistent/git-bob/output' } })
    expect(run.code, stage.said(run)).toBe(1)
    expect(annotations(run).at(-1)).toContain('Missing file at path')
    const frames = run.stdout.slice(run.stdout.indexOf('Where it failed:')).split('\n')
    const ours = frames.flatMap((l) => {
      const m = /\((.+\.ts):(\d+):\d+\)$|at (.+\.ts):(\d+):\d+$/.exec(l)
      const [file, line] = m ? [m[1] ?? m[3]!, Number(m[2] ?? m[4])] : ['', 0]
      return file.startsWith(`${root}src/`) ? [readFileSync(file, 'utf8').split('\n')[line - 1] ?? ''] : []
    })
    expect(ours.length, run.stdout).toBeGreaterThan(0)
    // One of the lines named is the one that sets the output: the mapping is exact, not just a file name.
    expect(
      ours.some((l) => l.includes('core.setOutput')),
      run.stdout
    ).toBe(true)
    // Nothing in the frames points into the minified chunks.
    expect(frames.filter((l) => l.includes('dist/chunks/'))).toEqual([])
  })
})
