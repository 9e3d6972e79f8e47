// `git-bob eval`: runs the evals harness (eval/run.ts, `npm run eval`) when started from a clone of git-bob, which has
// eval/ and the stand-ins in test/fakes; the published CLI bundles neither, so elsewhere it says how to get them.
import { spawn } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { EVAL_USAGE, parseEvalArgs } from './eval-args.ts'

export interface EvalIo {
  out(text: string): void
  err(text: string): void
  cwd: string
}

export const NOT_A_CLONE =
  'git-bob eval runs from a clone of git-bob: it needs eval/ and the stand-ins in test/fakes, which the published command line does not bundle. Run `git clone https://github.com/haesleinhuepf/git-bob-ts && cd git-bob-ts && npm ci && npm run eval` (or git-bob eval inside that clone).'

/** The clone of git-bob the folder is in (its package.json names git-bob, and it has eval/run.ts); null: none. */
export function findClone(from: string): string | null {
  for (let dir = from; ; dir = dirname(dir)) {
    const pkg = join(dir, 'package.json')
    if (existsSync(pkg) && existsSync(join(dir, 'eval', 'run.ts'))) {
      try {
        if ((JSON.parse(readFileSync(pkg, 'utf8')) as { name?: unknown }).name === 'git-bob') return dir
      } catch {
        // not a package.json git-bob wrote; look further up
      }
    }
    if (dirname(dir) === dir) return null
  }
}

/** The exit code: the harness's, 2 for a wrong command line, 1 outside a clone. */
export async function runEvalCommand(argv: readonly string[], io: EvalIo): Promise<number> {
  const parsed = parseEvalArgs(argv)
  if (parsed.kind === 'help') return (io.out(EVAL_USAGE), 0)
  if (parsed.kind === 'usage-error')
    return (io.err(`git-bob eval: ${parsed.message}\nRun git-bob eval --help for usage.`), 2)
  const clone = findClone(io.cwd)
  if (!clone) return (io.err(NOT_A_CLONE), 1)
  // The same start as `npm run eval`: the clone's own Node (npm ci installs the one the scripts run on, which runs
  // TypeScript), the sources' prompts and scripts loaded as text.
  const own = join(clone, 'node_modules', '.bin', 'node')
  const child = spawn(
    existsSync(own) ? own : process.execPath,
    ['--import', join(clone, 'bench', 'text-imports.ts'), join(clone, 'eval', 'run.ts'), ...argv],
    { cwd: io.cwd, stdio: 'inherit' }
  )
  return new Promise((resolve) => child.on('close', (code) => resolve(code ?? 1)))
}
