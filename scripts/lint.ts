// npm run lint: every check that reads the code without running it, side by side: Prettier, ESLint, knip and the
// type check (ESLint and tsc take most of the time, so the others run next to them), each one's output printed
// whole once it is done; fails when any of them fails. npm test runs the code; CI runs this first.
import { spawn } from 'node:child_process'
import { fileURLToPath } from 'node:url'

// Locally ESLint keeps a cache of files it found clean (unchanged files are not linted again); CI starts clean.
// The cache does not see a type change in another file, so CI's full run is the one that decides.
const ESLINT_CACHE = process.env.CI
  ? []
  : ['--cache', '--cache-strategy', 'content', '--cache-location', 'node_modules/.cache/eslint/']

// The type check remembers what it checked (unchanged files are not checked again); a clean clone starts empty.
const TSC_CACHE = ['--incremental', '--tsBuildInfoFile', 'node_modules/.cache/tsc/tsbuildinfo']

// Prettier, ESLint and tsc turn on Node's compile cache, in os.tmpdir() unless NODE_COMPILE_CACHE names a folder.
// Named here, Node turns it on for every check (knip too), in the project's own folder, which vitest.config.ts uses
// as well: a lint leaves nothing in /tmp and the next one starts warm.
const CHILD_ENV = {
  ...process.env,
  NODE_COMPILE_CACHE:
    process.env.NODE_COMPILE_CACHE ?? fileURLToPath(new URL('../.tmp/node-compile-cache', import.meta.url))
}

const CHECKS: [string, string[]][] = [
  ['prettier', ['--check', '.']],
  ['eslint', [...ESLINT_CACHE, '.']],
  ['knip', []],
  ['tsc', ['--noEmit', ...TSC_CACHE]]
]

function run(command: string, args: string[]): Promise<{ code: number; output: string; ms: number }> {
  const started = Date.now()
  return new Promise((resolve) => {
    const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'], env: CHILD_ENV })
    let output = ''
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()))
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()))
    child.on('error', (error) => resolve({ code: 1, output: String(error), ms: Date.now() - started }))
    child.on('close', (code) => resolve({ code: code ?? 1, output, ms: Date.now() - started }))
  })
}

const results = await Promise.all(CHECKS.map(([command, args]) => run(command, args)))
let failed = false
for (const [i, result] of results.entries()) {
  const [command, args] = CHECKS[i]!
  const verdict = result.code === 0 ? 'ok' : `failed (exit ${result.code})`
  console.log(`── ${[command, ...args].join(' ')}: ${verdict} in ${(result.ms / 1000).toFixed(1)} s`)
  if (result.output.trim()) console.log(result.output.trimEnd())
  failed ||= result.code !== 0
}
process.exitCode = failed ? 1 : 0
