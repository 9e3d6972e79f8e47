// The box's own cost per run (the copy taken from git's objects, the root laid out and mounted, the user id, the
// limits, the end of every process, the copy back), measured as the whole run of a command that does nothing, on a
// committed checkout of small files.
import { execFileSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { openSandbox } from '../src/adapters/sandbox/sandbox.ts'

const median = (values: number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!

/** Median wall time in ms of `runs` box runs of `true` on a checkout of `files` files, or why none ran. */
export async function measureSandbox(files: number, runs = 7): Promise<{ ms: number } | { problem: string }> {
  const opened = await openSandbox({ env: process.env })
  if (!opened.ok) return { problem: opened.reason }
  const checkout = mkdtempSync(join(tmpdir(), 'git-bob-bench-sandbox-'))
  mkdirSync(join(checkout, 'data'))
  for (let i = 0; i < files; i++) writeFileSync(join(checkout, 'data', `${i}.csv`), `a,b\n${i},${i * 2}\n`)
  execFileSync('sh', ['-c', 'git init -q && git add -A && git -c user.name=b -c user.email=b@b commit -qm data'], {
    cwd: checkout
  })
  const source = { dir: checkout, written: () => [], wrote: () => {} }
  const times: number[] = []
  for (let i = 0; i < runs; i++) {
    const started = performance.now()
    const run = await opened.sandbox.run({
      source,
      cwd: '.',
      command: 'true',
      args: [],
      timeoutMs: 30_000,
      copyBack: { maxFileBytes: 1_000_000 }
    })
    if (run.code !== 0) return { problem: run.output }
    times.push(performance.now() - started)
  }
  return { ms: Math.round(median(times)) }
}
