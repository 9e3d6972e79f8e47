// Runs a notebook with Jupyter in the sandbox (adapters/sandbox): in a box of its own, on a copy of what git
// tracks and git-bob wrote, with an allow-listed environment, limits, a time limit per cell and in total. What the
// run wrote comes back into the checkout; without a sandbox, nothing runs.
import { constants } from 'node:fs'
import { access, open, readFile } from 'node:fs/promises'
import { basename, delimiter, dirname, join } from 'node:path'
import { parseNotebook } from '../../ports/notebook.ts'
import { NO_JUPYTER, type Availability, type Execution, type ExecutionLimits } from '../../ports/workspace.ts'
import { exitWords } from '../../ports/exit.ts'
import type { BoxSource } from '../git/tracked-copy.ts'
import type { LazyBox } from '../sandbox/lazy-box.ts'
import { sandboxEnvironment, type Sandbox, type SandboxRun } from '../sandbox/sandbox.ts'
import { interpreterOf } from './interpreter.ts'
import RUN_NOTEBOOK from './run-notebook.py'

/**
 * Jupyter's nbconvert, when installed: its `jupyter-nbconvert` entry point (what `jupyter nbconvert` runs), an
 * executable on the sandbox's PATH, and the Python it names. Looked up, not started: starting it costs a Python
 * start, 1 to 2 s. Null when there is none.
 */
async function findJupyter(
  env: Readonly<Record<string, string | undefined>>
): Promise<{ interpreter: string[] | null } | null> {
  const { PATH: path = '' } = sandboxEnvironment(env)
  for (const dir of path.split(delimiter).filter(Boolean)) {
    const entry = join(dir, 'jupyter-nbconvert')
    const found = await access(entry, constants.X_OK).then(
      () => true,
      () => false
    )
    if (found) return { interpreter: await interpreterNamedBy(entry) }
  }
  return null
}

/** The Python an entry point names (interpreter.ts), when it is there to run; null: run `jupyter nbconvert`. */
async function interpreterNamedBy(entry: string): Promise<string[] | null> {
  const opening = Buffer.alloc(2_048)
  const file = await open(entry, 'r').catch(() => null)
  if (!file) return null
  const { bytesRead } = await file.read(opening, 0, opening.length, 0).finally(() => file.close())
  const interpreter = interpreterOf(opening.subarray(0, bytesRead).toString('utf8'))
  if (!interpreter) return null
  const runs = await access(interpreter[0]!, constants.X_OK).then(
    () => true,
    () => false
  )
  return runs ? interpreter : null
}

/** Jupyter on the runner; effects/change-ports.ts binds it to the workspace as the command's NotebookRunner. */
export interface JupyterRunner {
  /** Milliseconds spent running notebooks so far. */
  readonly elapsedMs: number
  /** Milliseconds of that spent on the sandbox itself (copying, killing, cleaning up). */
  readonly sandboxMs: number
  /** Which isolation the notebooks run in, once the run's box was opened (by them or the checks); null before. */
  readonly isolation: string | null
  /** Whether notebooks can run here: Jupyter is installed and a sandbox can be had (asked once). */
  available(): Promise<Availability>
  run(workspace: BoxSource, path: string, limits: ExecutionLimits): Promise<Execution>
}

const WITHOUT_JUPYTER: Availability = {
  ok: false,
  reason: NO_JUPYTER
}

/** Runs the set-up (when given) at the repository root, then Jupyter ($2 on) in the notebook's folder ($1). */
const WITH_SETUP =
  'if [ -n "$GIT_BOB_SETUP" ]; then sh -c "$GIT_BOB_SETUP" || exit $?; fi; cd "$1" && shift && exec "$@"'

/**
 * The command line that runs a notebook in place with its outputs, errors and all: git-bob's own runner
 * (run-notebook.py) on the Python that has nbclient, or else `jupyter nbconvert` itself, which writes the same.
 */
function notebookCommand(interpreter: string[] | null, file: string, cellTimeoutSeconds: number): string[] {
  if (interpreter) return [...interpreter, '-c', RUN_NOTEBOOK, file, String(cellTimeoutSeconds)]
  return [
    'jupyter',
    'nbconvert',
    '--to',
    'notebook',
    '--execute',
    '--inplace',
    '--allow-errors',
    `--ExecutePreprocessor.timeout=${cellTimeoutSeconds}`,
    file
  ]
}

export function jupyterRunner(
  env: Readonly<Record<string, string | undefined>>,
  /** The run's box (adapters/sandbox/lazy-box.ts), shared with the checks. */
  box: LazyBox,
  /** The `setup-command` input, run before each notebook in the same sandboxed run; null: none. */
  setup: string | null = null
): JupyterRunner {
  let availability: Promise<Availability> | null = null
  let jupyter: ReturnType<typeof findJupyter> | null = null
  const found = (): ReturnType<typeof findJupyter> => (jupyter ??= findJupyter(env))
  let elapsedMs = 0
  let sandboxMs = 0
  return {
    get isolation() {
      return box.isolation
    },
    get elapsedMs() {
      return elapsedMs
    },
    get sandboxMs() {
      return sandboxMs
    },
    available() {
      return (availability ??= jupyterAndBox(found, box))
    },
    async run(workspace, path, limits) {
      const started = Date.now()
      const opening = await box.opened()
      if (!opening.ok) return { kind: 'failed', problem: `no sandbox could be had: ${opening.reason}`, ms: 0 }
      const interpreter = (await found())?.interpreter ?? null
      const result = await runInBox(opening.sandbox, workspace, path, limits, interpreter, setup)
      workspace.wrote(result.copiedBack)
      const ms = Date.now() - started
      elapsedMs += ms
      sandboxMs += result.overheadMs
      return await executionOf(result, workspace, path, limits, ms)
    }
  }
}

/** Whether notebooks can run: Jupyter is installed (looked up, not started), then the run's box can be had. */
async function jupyterAndBox(found: () => ReturnType<typeof findJupyter>, box: LazyBox): Promise<Availability> {
  if (!(await found())) return WITHOUT_JUPYTER
  return box.available()
}

/** Runs the notebook in the box, in its folder: after the set-up at the repository root when there is one. */
function runInBox(
  sandbox: Sandbox,
  workspace: BoxSource,
  path: string,
  limits: ExecutionLimits,
  interpreter: string[] | null,
  setup: string | null
): Promise<SandboxRun> {
  const [command, ...args] = notebookCommand(interpreter, basename(path), limits.cellTimeoutSeconds)
  return sandbox.run({
    source: workspace,
    ...(setup
      ? { cwd: '.', command: 'sh', args: ['-c', WITH_SETUP, 'sh', dirname(path), command!, ...args] }
      : { cwd: dirname(path), command: command!, args }),
    env: { PYDEVD_DISABLE_FILE_VALIDATION: '1', GIT_BOB_SETUP: setup ?? '' },
    timeoutMs: limits.totalTimeoutMs,
    copyBack: { maxFileBytes: limits.maxFileBytes }
  })
}

/** What the run in the box came to: a time-out, a limit, Jupyter's failure, or the notebook it wrote. */
async function executionOf(
  result: SandboxRun,
  workspace: BoxSource,
  path: string,
  limits: ExecutionLimits,
  ms: number
): Promise<Execution> {
  if (result.timedOut)
    return { kind: 'failed', problem: `it did not finish within ${Math.round(limits.totalTimeoutMs / 1000)} s`, ms }
  if (result.limit) return { kind: 'failed', problem: result.limit.message, ms }
  if (result.code !== 0) return jupyterFailed(result.output, result.code, ms)
  if (!result.copiedBack.includes(path))
    return { kind: 'failed', problem: 'the executed notebook could not be taken back from the sandbox', ms }
  const parsed = parseNotebook(await readFile(join(workspace.dir, path), 'utf8'))
  return parsed.ok
    ? { kind: 'ran', notebook: parsed.notebook, ms, refused: result.refused }
    : { kind: 'failed', problem: `Jupyter wrote an unreadable notebook (${parsed.problem})`, ms }
}

/** Jupyter ended with another code than 0, or never started: why, and the last lines it printed. */
function jupyterFailed(output: string, code: number | null, ms: number): Execution {
  const last = output
    .trim()
    .split('\n')
    .filter((l) => !/Debugger warning|frozen modules|PYDEVD/.test(l))
    .slice(-6)
    .join('\n')
  // The reason is one line of its own, the exit code or signal: what people read first, and all a one-line
  // account has room for. Without a code, the box did not start Jupyter, and its output says why.
  const problem =
    code === null
      ? `the sandbox could not start Jupyter${last ? `: ${last.split('\n').at(-1)}` : ''}`
      : `Jupyter ended with ${exitWords(code)}`
  return { kind: 'failed', problem, ...(last ? { output: last } : {}), ms }
}
