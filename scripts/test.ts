// npm test: the type check and the tests side by side. Most test files wait on git, Jupyter or a started action
// for part of their time, and the type check fills those gaps instead of running first. Vitest prints as it goes;
// tsc's output is held and printed once both are done. Fails when either fails. Arguments go to vitest
// (`npm test -- test/unit/config.test.ts`).
import { spawn } from 'node:child_process'

// The type check remembers what it checked (unchanged files are not checked again); a clean clone starts empty.
const TSC = ['tsc', '--noEmit', '--incremental', '--tsBuildInfoFile', 'node_modules/.cache/tsc/tsbuildinfo']

function run(args: string[], hold: boolean): Promise<{ code: number; output: string; ms: number }> {
  const started = Date.now()
  return new Promise((resolve) => {
    const [command, ...rest] = args
    // Started through npm, whose PATH holds node_modules/.bin.
    const child = spawn(command!, rest, { stdio: hold ? ['ignore', 'pipe', 'pipe'] : 'inherit' })
    let output = ''
    child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()))
    child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()))
    child.on('error', (error) => resolve({ code: 1, output: String(error), ms: Date.now() - started }))
    child.on('close', (code) => resolve({ code: code ?? 1, output, ms: Date.now() - started }))
  })
}

const [types, tests] = await Promise.all([run(TSC, true), run(['vitest', 'run', ...process.argv.slice(2)], false)])
const verdict = types.code === 0 ? 'ok' : `failed (exit ${types.code})`
console.log(`── ${TSC.join(' ')}: ${verdict} in ${(types.ms / 1000).toFixed(1)} s`)
if (types.output.trim()) console.log(types.output.trimEnd())
process.exitCode = types.code !== 0 || tests.code !== 0 ? 1 : 0
