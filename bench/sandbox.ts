// The sandbox's own cost per run (copying the checkout in and back, killing the user's processes, cleaning
// up), measured around a command that does nothing, on a checkout of small files.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { openSandbox } from '../src/adapters/sandbox/sandbox.ts'

const median = (values: number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!

/** Median overhead in ms of `runs` sandboxed runs of `true` on a checkout of `files` files, or why none ran. */
export async function measureSandbox(files: number, runs = 7): Promise<{ ms: number } | { problem: string }> {
  const opened = await openSandbox({ env: process.env, user: 'git-bob-sbx-bench' })
  if (!opened.ok) return { problem: opened.reason }
  const checkout = mkdtempSync(join(tmpdir(), 'git-bob-bench-sandbox-'))
  mkdirSync(join(checkout, 'data'))
  for (let i = 0; i < files; i++) writeFileSync(join(checkout, 'data', `${i}.csv`), `a,b\n${i},${i * 2}\n`)
  const overheads: number[] = []
  for (let i = 0; i < runs; i++) {
    const run = await opened.sandbox.run({
      from: checkout,
      cwd: '.',
      command: 'true',
      args: [],
      timeoutMs: 30_000,
      copyBack: true
    })
    if (run.code !== 0) return { problem: run.output }
    overheads.push(run.overheadMs)
  }
  return { ms: median(overheads) }
}
