// Runs a notebook with Jupyter on the runner, in its own folder, with a time limit per cell and in
// total, and with no secret in the kernel's environment (no API keys, no GitHub token).
import { spawn } from 'node:child_process'
import { readFile } from 'node:fs/promises'
import { basename, dirname, join } from 'node:path'
import { SECRET_NAME } from '../../outbox/secrets.ts'
import { parseNotebook } from '../../commands/implement/notebook.ts'
import type { Execution, ExecutionLimits } from '../../commands/implement/ports.ts'

// Files through which a step talks to the runner: a notebook must not set variables or paths for later steps.
const RUNNER_FILES = new Set([
  'GITHUB_TOKEN',
  'GITHUB_ENV',
  'GITHUB_PATH',
  'GITHUB_OUTPUT',
  'GITHUB_STATE',
  'GITHUB_STEP_SUMMARY'
])

/** The environment a notebook runs in: the runner's, minus every secret and every action input. */
export function kernelEnvironment(env: Readonly<Record<string, string | undefined>>): Record<string, string> {
  const clean: Record<string, string> = {}
  for (const [name, value] of Object.entries(env)) {
    if (value === undefined) continue
    if (SECRET_NAME.test(name) || name.startsWith('INPUT_') || name.startsWith('ACTIONS_') || RUNNER_FILES.has(name))
      continue
    clean[name] = value
  }
  clean.PYDEVD_DISABLE_FILE_VALIDATION = '1'
  return clean
}

function exec(
  command: string,
  args: string[],
  options: { cwd: string; env: Record<string, string>; timeoutMs: number }
): Promise<{ code: number | null; output: string; timedOut: boolean }> {
  return new Promise((resolve) => {
    const child = spawn(command, args, {
      cwd: options.cwd,
      env: options.env,
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true
    })
    let output = ''
    let timedOut = false
    const collect = (d: Buffer): void => {
      if (output.length < 200_000) output += d.toString()
    }
    child.stdout.on('data', collect)
    child.stderr.on('data', collect)
    const timer = setTimeout(() => {
      timedOut = true
      // The kernel is a grandchild: end the whole process group.
      try {
        process.kill(-child.pid!, 'SIGKILL')
      } catch {
        child.kill('SIGKILL')
      }
    }, options.timeoutMs)
    child.on('error', (error) => {
      clearTimeout(timer)
      resolve({ code: null, output: error.message, timedOut })
    })
    child.on('close', (code) => {
      clearTimeout(timer)
      resolve({ code, output, timedOut })
    })
  })
}

/** Jupyter on the runner; effects/change-ports.ts binds it to the workspace as the command's NotebookRunner. */
export interface JupyterRunner {
  /** Milliseconds spent running notebooks so far. */
  readonly elapsedMs: number
  /** Whether Jupyter can run notebooks here (asked once). */
  available(): Promise<boolean>
  run(workspaceDir: string, path: string, limits: ExecutionLimits): Promise<Execution>
}

export function jupyterRunner(env: Readonly<Record<string, string | undefined>>): JupyterRunner {
  const kernelEnv = kernelEnvironment(env)
  let availability: Promise<boolean> | null = null
  let elapsedMs = 0
  return {
    get elapsedMs() {
      return elapsedMs
    },
    available() {
      availability ??= exec('jupyter', ['nbconvert', '--version'], {
        cwd: process.cwd(),
        env: kernelEnv,
        timeoutMs: 30_000
      }).then((r) => r.code === 0)
      return availability
    },
    async run(workspaceDir, path, limits) {
      const started = Date.now()
      const full = join(workspaceDir, path)
      const result = await exec(
        'jupyter',
        [
          'nbconvert',
          '--to',
          'notebook',
          '--execute',
          '--inplace',
          '--allow-errors',
          `--ExecutePreprocessor.timeout=${limits.cellTimeoutSeconds}`,
          basename(full)
        ],
        { cwd: dirname(full), env: kernelEnv, timeoutMs: limits.totalTimeoutMs }
      )
      const ms = Date.now() - started
      elapsedMs += ms
      if (result.timedOut)
        return { kind: 'failed', problem: `it did not finish within ${Math.round(limits.totalTimeoutMs / 1000)} s`, ms }
      if (result.code !== 0) {
        const last = result.output
          .trim()
          .split('\n')
          .filter((l) => !/Debugger warning|frozen modules|PYDEVD/.test(l))
          .slice(-6)
          .join('\n')
        return { kind: 'failed', problem: `Jupyter could not run it:\n${last}`, ms }
      }
      const parsed = parseNotebook(await readFile(full, 'utf8'))
      return parsed.ok
        ? { kind: 'ran', notebook: parsed.notebook, ms }
        : { kind: 'failed', problem: `Jupyter wrote an unreadable notebook (${parsed.problem})`, ms }
    }
  }
}
