// The repository as actions/checkout left it in GITHUB_WORKSPACE: its tracked files listed, read and
// searched with git grep, without any API call. A committed link is never followed out of the checkout.
import { spawn } from 'node:child_process'
import { existsSync } from 'node:fs'
import { lstat, open, readFile } from 'node:fs/promises'
import { join, resolve } from 'node:path'
import { mayRead, pathRules } from '../../ports/paths.ts'
import type { RepositoryFiles, SearchAnswer, SearchMatch, SearchRequest } from '../../ports/repository.ts'
import { Git } from './git.ts'

/** git with no hooks, no fsmonitor and none of the action's environment (no inputs, no secrets). */
const SAFETY = ['-c', 'core.hooksPath=/dev/null', '-c', 'core.fsmonitor=false']
const GIT_ENV: NodeJS.ProcessEnv = {
  PATH: process.env.PATH,
  HOME: process.env.HOME,
  LC_ALL: 'C',
  GIT_TERMINAL_PROMPT: '0'
}

export function looksBinary(text: string): boolean {
  return text.slice(0, 8000).includes('\u0000')
}

/** The paths git tracks in the checkout (its index), in git's order. */
async function trackedPaths(dir: string): Promise<string[]> {
  const { stdout } = await new Git(dir, null).run(['ls-files', '-z'])
  return stdout.split('\0').filter(Boolean)
}

/**
 * Where the checkout's index is: .git/index, or, in a worktree or a submodule (.git is a file there), where git
 * says. Null when git cannot say.
 */
async function indexPath(dir: string): Promise<string | null> {
  if ((await lstat(join(dir, '.git')).catch(() => null))?.isDirectory()) return join(dir, '.git', 'index')
  const answer = await new Git(dir, null).run(['rev-parse', '--git-path', 'index']).catch(() => null)
  const path = answer?.stdout.trim()
  return path ? resolve(dir, path) : null
}

/** How old an index without checksum must be before its file's identity and times tell it apart (git's racy rule). */
const RACY_MS = 2000

/**
 * What tells one index from another: the checksum git ends it with (a SHA-1 or SHA-256 of all that comes before),
 * or, for an index written without one (index.skipHash, which feature.manyFiles turns on: zeros), its file's
 * identity, size and times (git writes a new index and renames it over the old one), once it is old enough. The
 * same key, the same index, so the same `ls-files`. Null when there is no index, or it cannot be told yet.
 */
async function indexKey(path: string): Promise<string | null> {
  const file = await open(path).catch(() => null)
  if (!file) return null
  try {
    const info = await file.stat({ bigint: true })
    if (info.size < 64n) return null
    const tail = Buffer.alloc(32)
    await file.read(tail, 0, 32, Number(info.size) - 32)
    if (!tail.subarray(12).every((byte) => byte === 0)) return tail.toString('hex')
    // Git's own rule for racy files: an index written in the last two seconds could be written again within the
    // same timestamp tick, with the same size and a reused inode; such an index is not told by its file.
    if (Date.now() - Number(info.mtimeMs) < RACY_MS) return null
    return `${info.dev}:${info.ino}:${info.size}:${info.mtimeNs}:${info.ctimeNs}`
  } catch {
    return null
  } finally {
    await file.close()
  }
}

interface Tracked {
  paths: string[]
  set: Set<string>
}

/**
 * What git tracks, asked of git again only when the index changed (a checkout, a commit, a restore, git run by
 * anyone): edits to the files themselves leave the list as it is. The index's key is read before and after git
 * lists it, and the answer kept only when the two agree.
 */
function trackedInIndex(dir: string): () => Promise<Tracked> {
  let index: Promise<string | null> | null = null
  const key = async (): Promise<string | null> => {
    const path = await (index ??= indexPath(dir))
    return path === null ? null : indexKey(path)
  }
  let kept: { key: string; tracked: Promise<Tracked> } | null = null
  return async () => {
    const before = await key()
    if (before !== null && kept?.key === before) return kept.tracked
    const tracked = trackedPaths(dir).then((paths) => ({ paths, set: new Set(paths) }))
    const entry = before === null ? null : { key: before, tracked }
    kept = entry
    try {
      const answer = await tracked
      if (entry && kept === entry && (await key()) !== before) kept = null
      return answer
    } catch (error) {
      if (entry && kept === entry) kept = null
      throw error
    }
  }
}

/**
 * The checkout, or null when there is none (no .git in the directory). Only what git tracks is listed and read:
 * an untracked or ignored file an earlier step left there (`.env`, `build/creds.json`) never reaches the model.
 */
export function checkoutFiles(dir: string): RepositoryFiles | null {
  if (!dir || !existsSync(join(dir, '.git'))) return null
  const tracked = trackedInIndex(dir)
  const isTracked = async (path: string): Promise<boolean> => (await tracked()).set.has(path)
  return {
    origin: 'the checked-out workspace',
    async list() {
      const ignore = await readFile(join(dir, '.gitbobignore'), 'utf8').catch(() => null)
      const rules = pathRules(ignore)
      return { paths: (await tracked()).paths.filter((p) => mayRead(p, rules)), truncated: false }
    },
    async read(path, maxBytes) {
      const full = join(dir, path)
      if (!(await isTracked(path))) return null
      try {
        // A committed link (data -> /etc/...) must not carry a file from outside the repository to the model.
        const parts = path.split('/')
        for (let i = 1; i <= parts.length; i++)
          if ((await lstat(join(dir, ...parts.slice(0, i)))).isSymbolicLink()) return 'link'
        const info = await lstat(full)
        if (!info.isFile()) return null
        if (info.size > maxBytes) return 'too large'
        const text = await readFile(full, 'utf8')
        return looksBinary(text) ? 'binary' : text
      } catch {
        return null
      }
    },
    async readBytes(path, maxBytes) {
      if (!(await isTracked(path))) return null
      try {
        const parts = path.split('/')
        for (let i = 1; i <= parts.length; i++)
          if ((await lstat(join(dir, ...parts.slice(0, i)))).isSymbolicLink()) return 'link'
        const info = await lstat(join(dir, path))
        if (!info.isFile()) return null
        if (info.size > maxBytes) return 'too large'
        return new Uint8Array(await readFile(join(dir, path)))
      } catch {
        return null
      }
    },
    search: (request, signal) => gitGrep(dir, request, signal)
  }
}

/**
 * git grep over the tracked files, Perl-compatible expressions where git has them (else extended POSIX);
 * binary files skipped. Reading stops once `limit` matches are in.
 */
async function gitGrep(dir: string, request: SearchRequest, signal: AbortSignal): Promise<SearchAnswer> {
  const first = await grep(dir, '-P', request, signal)
  if (first.kind === 'answer') return first.answer
  // git built without PCRE: the same expression as an extended POSIX one.
  const second = await grep(dir, '-E', request, signal)
  if (second.kind === 'answer') return second.answer
  throw new Error(
    `git grep could not search for this expression: ${second.stderr.trim().split('\n').slice(-2).join(' ')}`
  )
}

const GREP_TIMEOUT_MS = 30_000

type GrepOutcome = { kind: 'answer'; answer: SearchAnswer } | { kind: 'failed'; stderr: string }

function grep(dir: string, flavour: '-P' | '-E', request: SearchRequest, signal: AbortSignal): Promise<GrepOutcome> {
  const how = `git grep in the checkout${flavour === '-E' ? ', extended POSIX expressions' : ''}`
  const args = ['-C', dir, ...SAFETY, 'grep', '-n', '-I', '-z', '--no-color', '--full-name', flavour]
  if (request.ignoreCase) args.push('-i')
  args.push('-e', request.pattern)
  return new Promise((resolve, reject) => {
    const child = spawn('git', args, { env: GIT_ENV, signal, stdio: ['ignore', 'pipe', 'pipe'] })
    const matches: SearchMatch[] = []
    let truncated = false
    let pending = ''
    let stderr = ''
    child.stdout.setEncoding('utf8')
    child.stderr.setEncoding('utf8')
    child.stderr.on('data', (chunk: string) => (stderr += chunk))
    child.stdout.on('data', (chunk: string) => {
      if (truncated) return
      pending += chunk
      const lines = pending.split('\n')
      pending = lines.pop() ?? ''
      for (const line of lines) {
        const [path, number, ...text] = line.split('\0')
        if (!path || !number) continue
        if (matches.length >= request.limit) {
          truncated = true
          child.kill()
          return
        }
        matches.push({ path, line: Number(number), text: text.join('\0') })
      }
    })
    // A slow expression over a large repository: what was found by then is the answer.
    let slow = false
    const timer = setTimeout(() => {
      slow = truncated = true
      child.kill()
    }, GREP_TIMEOUT_MS)
    child.on('error', (error) => (truncated ? undefined : reject(error)))
    child.on('close', (code) => {
      clearTimeout(timer)
      const stopped = slow ? `, stopped after ${GREP_TIMEOUT_MS / 1000} s` : ''
      // 0: matches, 1: none; killed after the limit: what was read is the answer.
      if (truncated || code === 0 || code === 1)
        resolve({ kind: 'answer', answer: { matches, truncated, how: `${how}${stopped}` } })
      else resolve({ kind: 'failed', stderr })
    })
  })
}
