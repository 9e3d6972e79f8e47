// Runs code the model wrote as a dedicated unprivileged user, in a fresh copy of the repository's files (no
// .git), with an environment built from an allow-list, and kills every process of that user at the end. That
// user cannot read git-bob's /proc/<pid>/environ, signal git-bob or write the runner's files. What the run
// created or changed is copied back into the checkout, where the implement command's rules decide what is
// committed. With the network off, each command runs in a network namespace of its own. Where no such user (or
// namespace) can be had, nothing runs.
import { spawn } from 'node:child_process'
import { chmod, lstat, mkdir, mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'

export const SANDBOX_USER = 'git-bob-sandbox'

/** The only variables of git-bob's environment a sandboxed command sees (besides its own HOME, TMPDIR, USER). */
export const ALLOWED_VARIABLES = ['PATH', 'LANG', 'LANGUAGE', 'LC_ALL', 'LC_CTYPE', 'TZ', 'TERM'] as const

/** How git-bob may act as another user: it is root, or it has passwordless sudo, or neither. */
export type Privilege = 'root' | 'sudo' | null

export interface SandboxOptions {
  /** git-bob's environment, from which only ALLOWED_VARIABLES are passed on. */
  env: Readonly<Record<string, string | undefined>>
  /** The user to run as (created when missing); tests use their own so parallel runs do not kill each other. */
  user?: string
  /** Which privilege git-bob has; tests pass `() => null` to play a runner without root or sudo. */
  privilege?: () => Promise<Privilege>
  /** False: every command runs in a new network namespace of its own (`unshare --net`), with no way out; where
   * none can be made, there is no sandbox (nothing runs). Default true. */
  network?: boolean
}

export interface SandboxRequest {
  /** The checkout: copied (without .git) into the sandbox, and what the run created or changed copied back. */
  from: string
  /** The working folder, relative to `from`. */
  cwd: string
  command: string
  args: string[]
  /** Extra variables for this command (no secrets: they are passed as they are). */
  env?: Record<string, string>
  timeoutMs: number
  /** Whether to copy back what the run created or changed (only when it ends with code 0). */
  copyBack: boolean
}

export interface SandboxRun {
  code: number | null
  output: string
  timedOut: boolean
  /** Paths (relative to `from`) copied back into the checkout. */
  copiedBack: string[]
  /** Milliseconds spent around the command: copying in and back, killing, cleaning up. */
  overheadMs: number
}

export interface Sandbox {
  readonly user: string
  readonly uid: number
  run(request: SandboxRequest): Promise<SandboxRun>
}

export type SandboxAvailability = { ok: true; sandbox: Sandbox } | { ok: false; reason: string }

interface Exec {
  code: number | null
  output: string
  timedOut: boolean
}

function exec(
  command: string,
  args: string[],
  options: {
    cwd?: string
    env: Record<string, string>
    timeoutMs: number
    uid?: number
    gid?: number
    /** Ends every process of the sandbox user: called when the command exits (a child it left could hold the
     * output open) and when the time is up (through sudo, git-bob may not signal the command itself). */
    endAll?: () => Promise<unknown>
  }
): Promise<Exec> {
  return new Promise((resolve) => {
    const child = spawn(command, args, {
      cwd: options.cwd,
      env: options.env,
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
      ...(options.uid === undefined ? {} : { uid: options.uid, gid: options.gid })
    })
    let output = ''
    let timedOut = false
    // The end is kept: a test runner's summary and a traceback's cause come last.
    const collect = (d: Buffer): void => {
      output += d.toString()
      if (output.length > 400_000) output = output.slice(-200_000)
    }
    child.stdout.on('data', collect)
    child.stderr.on('data', collect)
    const timer = setTimeout(() => {
      timedOut = true
      try {
        process.kill(-child.pid!, 'SIGKILL')
      } catch {
        child.kill('SIGKILL')
      }
      void options.endAll?.()
    }, options.timeoutMs)
    child.on('error', (error) => {
      clearTimeout(timer)
      resolve({ code: null, output: error.message, timedOut })
    })
    child.on('exit', () => void options.endAll?.())
    child.on('close', (code) => {
      clearTimeout(timer)
      resolve({ code, output, timedOut })
    })
  })
}

async function detectPrivilege(env: Record<string, string>): Promise<Privilege> {
  if (process.getuid?.() === 0) return 'root'
  const sudo = await exec('sudo', ['-n', 'true'], { env, timeoutMs: 10_000 })
  return sudo.code === 0 ? 'sudo' : null
}

/** The environment a sandboxed command gets: the allow-list, its own home and temporary folder, and `extra`. */
export function sandboxEnvironment(
  env: Readonly<Record<string, string | undefined>>,
  user: string,
  dir: string,
  extra: Record<string, string> = {}
): Record<string, string> {
  const allowed: Record<string, string> = {}
  for (const name of ALLOWED_VARIABLES) {
    const value = env[name]
    if (value !== undefined) allowed[name] = value
  }
  allowed.PATH ??= '/usr/local/bin:/usr/bin:/bin'
  return { ...allowed, ...extra, HOME: join(dir, 'home'), TMPDIR: join(dir, 'tmp'), USER: user, LOGNAME: user }
}

/** Regular files under `root` (relative paths), never through a symbolic link, never into a `.git` folder. */
async function regularFiles(root: string, rel = ''): Promise<string[]> {
  const found: string[] = []
  let entries
  try {
    entries = await readdir(join(root, rel), { withFileTypes: true })
  } catch {
    return found
  }
  for (const entry of entries) {
    if (entry.name === '.git') continue
    const path = rel ? `${rel}/${entry.name}` : entry.name
    if (entry.isDirectory()) found.push(...(await regularFiles(root, path)))
    else if (entry.isFile()) found.push(path)
  }
  return found
}

/** Whether writing `rel` under `root` stays inside it: no existing part of the way is a symbolic link. */
async function staysInside(root: string, rel: string): Promise<boolean> {
  let at = root
  for (const part of rel.split('/')) {
    at = join(at, part)
    try {
      if ((await lstat(at)).isSymbolicLink()) return false
    } catch {
      return true
    }
  }
  return true
}

/**
 * Copies what the run created or changed back into the checkout. Runs after every process of the sandbox user
 * is dead, so nothing changes while it reads. A file with more than one link could be another file's content
 * (a hard link) and is left out, as are symbolic links and anything in a `.git` folder.
 */
async function copyBack(work: string, checkout: string): Promise<string[]> {
  const copied: string[] = []
  if (!(await lstat(work)).isDirectory()) return copied
  for (const path of await regularFiles(work)) {
    const source = join(work, path)
    const stat = await lstat(source)
    if (!stat.isFile() || stat.nlink !== 1) continue
    const target = join(checkout, path)
    const was = await lstat(target).catch(() => null)
    // Copied in with its time kept and not touched since: the same file.
    if (was && was.isFile() && was.size === stat.size && was.mtimeMs === stat.mtimeMs) continue
    if (!(await staysInside(checkout, path))) continue
    const content = await readFile(source)
    const before = await readFile(target).catch(() => null)
    if (before && before.equals(content)) continue
    await mkdir(dirname(target), { recursive: true })
    await writeFile(target, content)
    copied.push(path)
  }
  return copied
}

/** Finds or creates the sandbox user, or says why it cannot be had. */
export async function openSandbox(options: SandboxOptions): Promise<SandboxAvailability> {
  const user = options.user ?? SANDBOX_USER
  const toolEnv: Record<string, string> = { PATH: options.env.PATH ?? '/usr/local/bin:/usr/bin:/bin:/usr/sbin:/sbin' }
  if (!toolEnv.PATH!.split(':').includes('/usr/sbin')) toolEnv.PATH += ':/usr/sbin:/sbin'
  const privilege = await (options.privilege ?? (() => detectPrivilege(toolEnv)))()
  if (!privilege)
    return {
      ok: false,
      reason: 'git-bob runs neither as root nor with passwordless `sudo`, so it cannot run code as a separate user'
    }
  /** Runs a command with the privilege git-bob has. */
  const privileged = (command: string, args: string[], timeoutMs = 60_000): Promise<Exec> =>
    privilege === 'root'
      ? exec(command, args, { env: toolEnv, timeoutMs })
      : exec('sudo', ['-n', '--', command, ...args], { env: toolEnv, timeoutMs })
  const idOf = async (flag: '-u' | '-g'): Promise<number | null> => {
    const r = await exec('id', [flag, user], { env: toolEnv, timeoutMs: 10_000 })
    return r.code === 0 ? Number(r.output.trim()) : null
  }
  if ((await idOf('-u')) === null) {
    const added = await privileged('useradd', ['--system', '--no-create-home', '--shell', '/usr/sbin/nologin', user])
    // Another run may have created it at the same moment: only a user that is still missing is a failure.
    if (added.code !== 0 && (await idOf('-u')) === null)
      return { ok: false, reason: `the sandbox user \`${user}\` could not be created: ${added.output.trim()}` }
  }
  const uid = (await idOf('-u'))!
  const gid = (await idOf('-g'))!
  if (uid === 0 || uid === process.getuid?.())
    return { ok: false, reason: `the sandbox user \`${user}\` is git-bob's own user or root` }
  const isolated = options.network === false
  // Without network: a new network namespace (only a loopback, down), entered as root, then the sandbox user.
  const offline = ['unshare', '--net', '--', 'setpriv', `--reuid=${uid}`, `--regid=${gid}`, '--clear-groups', '--']
  if (isolated) {
    const probe = await privileged(offline[0]!, [...offline.slice(1), 'true'], 30_000)
    if (probe.code !== 0)
      return {
        ok: false,
        reason: `\`sandbox-network\` is \`false\`, but no network namespace could be made (\`unshare --net\`: ${probe.output.trim() || `exit code ${probe.code}`})`
      }
  }

  // Again until none is left alive (zombies waiting for init are dead): a process may fork while being killed.
  const killAll = async (): Promise<void> => {
    for (let round = 0; round < 20; round++) {
      await privileged('pkill', ['-KILL', '-u', String(uid)], 30_000)
      const left = await exec('ps', ['-o', 'stat=', '-u', String(uid)], { env: toolEnv, timeoutMs: 10_000 })
      if (!left.output.split('\n').some((stat) => stat.trim() && !stat.trim().startsWith('Z'))) return
      await new Promise((resolve) => setTimeout(resolve, 50))
    }
  }

  return {
    ok: true,
    sandbox: {
      user,
      uid,
      async run(request) {
        const started = Date.now()
        const dir = await mkdtemp(join(tmpdir(), 'git-bob-sandbox-'))
        const work = join(dir, 'work')
        await mkdir(work)
        await mkdir(join(dir, 'home'))
        await mkdir(join(dir, 'tmp'))
        // cp -a: links stay links, times are kept (copy-back skips what kept its size and time); ten times
        // faster than Node's fs.cp on a thousand files.
        const entries = (await readdir(request.from)).filter((name) => name !== '.git')
        const copy = entries.length
          ? await exec('cp', ['-a', '--', ...entries.map((name) => join(request.from, name)), work], {
              env: toolEnv,
              timeoutMs: 300_000
            })
          : { code: 0, output: '', timedOut: false }
        // Our own fresh copy: nothing in it links elsewhere yet, so handing it over is safe. The folder around it
        // stays git-bob's, so the user cannot swap its working folder for a link to git-bob's files.
        await chmod(dir, 0o755)
        const chown =
          copy.code === 0
            ? await privileged('chown', ['-R', `${uid}:${gid}`, work, join(dir, 'home'), join(dir, 'tmp')])
            : copy
        if (chown.code !== 0) {
          await privileged('rm', ['-rf', dir])
          return {
            code: null,
            output: `the sandbox folder could not be prepared for \`${user}\`: ${chown.output}`,
            timedOut: false,
            copiedBack: [],
            overheadMs: Date.now() - started
          }
        }
        const env = sandboxEnvironment(options.env, user, dir, request.env)
        const cwd = join(work, request.cwd)
        const commandStarted = Date.now()
        const result =
          privilege === 'root'
            ? isolated
              ? await exec(offline[0]!, [...offline.slice(1), request.command, ...request.args], {
                  cwd,
                  env,
                  timeoutMs: request.timeoutMs,
                  endAll: killAll
                })
              : await exec(request.command, request.args, {
                  cwd,
                  env,
                  timeoutMs: request.timeoutMs,
                  uid,
                  gid,
                  endAll: killAll
                })
            : await exec(
                'sudo',
                [
                  '-n',
                  ...(isolated ? ['--', ...offline] : ['-u', user, '--']),
                  'env',
                  '-i',
                  ...Object.entries(env).map(([k, v]) => `${k}=${v}`),
                  'sh',
                  '-c',
                  'cd "$1" && shift && exec "$@"',
                  'sh',
                  cwd,
                  request.command,
                  ...request.args
                ],
                { env: toolEnv, timeoutMs: request.timeoutMs, endAll: killAll }
              )
        const commandMs = Date.now() - commandStarted
        // Nothing outlives the run: detached and double-forked processes of the user included.
        await killAll()
        let copiedBack: string[] = []
        try {
          if (request.copyBack && result.code === 0 && !result.timedOut) {
            // Through sudo git-bob is not root: the user makes what it wrote readable (its own files only).
            if (privilege === 'sudo')
              await exec('sudo', ['-n', '-u', user, '--', 'chmod', '-R', 'a+rX', work], {
                env: toolEnv,
                timeoutMs: 60_000
              })
            copiedBack = await copyBack(work, request.from)
          }
        } finally {
          if (privilege === 'sudo') await killAll()
          await privileged('rm', ['-rf', dir])
        }
        return { ...result, copiedBack, overheadMs: Date.now() - started - commandMs }
      }
    }
  }
}
