// e2e tests run the bundle, so they never run a stale one: dist/ is rebuilt before them (the build is
// deterministic; .ci/run then checks that the committed dist/ is what it built). The rebuild is skipped when
// .tmp/dist-stamp.json says that dist/, byte for byte, is what an earlier build made of the same inputs: a clean
// clone has no stamp and always builds. Two suites at once build one after the other (a lock), not into each other.
// The build leaves esbuild's metafile in .tmp/dist-meta.json, from which bundle.test.ts reads what each chunk holds.
import { execFileSync } from 'node:child_process'
import { createHash } from 'node:crypto'
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'

const ROOT = fileURLToPath(new URL('../..', import.meta.url))
/** Everything the bundle is made of: the sources, the build script and its settings, the installed packages. */
const INPUTS = [
  'src',
  'prompts',
  'scripts/build.ts',
  'package.json',
  'package-lock.json',
  'tsconfig.json',
  'node_modules/.package-lock.json'
]
const STAMP = join(ROOT, '.tmp/dist-stamp.json')
const LOCK = join(ROOT, '.tmp/dist-build.lock')
/** What the build that made dist/ says of it (esbuild's metafile). */
export const METAFILE = join(ROOT, '.tmp/dist-meta.json')

function files(path: string): string[] {
  const full = join(ROOT, path)
  if (!existsSync(full)) return []
  if (!statSync(full).isDirectory()) return [path]
  return readdirSync(full)
    .sort()
    .flatMap((name) => files(join(path, name)))
}

/** One hash of the paths and bytes of these files and folders. */
function hashOf(paths: readonly string[]): string {
  const hash = createHash('sha256')
  for (const file of paths.flatMap(files))
    hash
      .update(`${file}\0`)
      .update(readFileSync(join(ROOT, file)))
      .update('\0')
  return hash.digest('hex')
}

function stamp(): string {
  return JSON.stringify({ inputs: hashOf(INPUTS), dist: hashOf(['dist']) })
}

function fresh(): boolean {
  return existsSync(STAMP) && existsSync(METAFILE) && readFileSync(STAMP, 'utf8') === stamp()
}

function sleep(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms)
}

/** Holds the build lock while `work` runs; a lock older than two minutes is left over from a killed build. */
function locked(work: () => void): void {
  mkdirSync(join(ROOT, '.tmp'), { recursive: true })
  for (;;) {
    try {
      mkdirSync(LOCK)
      break
    } catch {
      const since = statSync(LOCK, { throwIfNoEntry: false })?.mtimeMs ?? Date.now()
      if (Date.now() - since > 120_000) rmSync(LOCK, { recursive: true, force: true })
      else sleep(200)
    }
  }
  try {
    work()
  } finally {
    rmSync(LOCK, { recursive: true, force: true })
  }
}

export default function setup(): void {
  locked(() => {
    if (fresh()) return
    rmSync(STAMP, { force: true })
    execFileSync(process.execPath, ['scripts/build.ts'], {
      cwd: ROOT,
      stdio: 'inherit',
      env: { ...process.env, GIT_BOB_METAFILE: METAFILE }
    })
    writeFileSync(STAMP, stamp())
  })
}
