// Runs the built action (dist/index.js) the way the GitHub runner does: an event file, INPUT_*
// variables, GITHUB_* variables, a step summary and an output file.
import { spawn } from 'node:child_process'
import { readFile } from 'node:fs/promises'
import { fileURLToPath } from 'node:url'
import { stepEnvironment, type StepOptions } from './step-environment.ts'

export const DIST = fileURLToPath(new URL('../../dist/index.js', import.meta.url))

export interface ActionRun {
  code: number | null
  stdout: string
  stderr: string
  summary: string
  outputs: Record<string, string>
  durationMs: number
}

export interface ActionOptions extends StepOptions {
  /** The script to run instead of dist/index.js (the bench runs other builds too). */
  entry?: string
  /** Extra node arguments (e.g. --import for measurements). */
  nodeArgs?: string[]
  timeoutMs?: number
}

/** Parses the GITHUB_OUTPUT file format (name<<delimiter ... delimiter). */
export function parseOutputs(text: string): Record<string, string> {
  const outputs: Record<string, string> = {}
  const lines = text.split('\n')
  for (let i = 0; i < lines.length; i++) {
    const m = /^([^<]+)<<(.+)$/.exec(lines[i]!)
    if (!m) continue
    const value: string[] = []
    for (i++; i < lines.length && lines[i] !== m[2]; i++) value.push(lines[i]!)
    outputs[m[1]!] = value.join('\n')
  }
  return outputs
}

export async function runAction(options: ActionOptions): Promise<ActionRun> {
  const { env, summaryPath, outputPath } = await stepEnvironment(options, 'git-bob-run-')
  const started = Date.now()
  const child = spawn(process.execPath, [...(options.nodeArgs ?? []), options.entry ?? DIST], {
    env,
    stdio: ['ignore', 'pipe', 'pipe']
  })
  let stdout = ''
  let stderr = ''
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()))
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()))
  const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 60_000)
  const code = await new Promise<number | null>((resolve) => child.on('close', (c) => resolve(c)))
  clearTimeout(timer)
  return {
    code,
    stdout,
    stderr,
    summary: await readFile(summaryPath, 'utf8'),
    outputs: parseOutputs(await readFile(outputPath, 'utf8')),
    durationMs: Date.now() - started
  }
}
