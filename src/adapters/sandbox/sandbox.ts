// Runs code the model wrote in a box of its own (box.sh): new mount, PID, IPC and UTS namespaces (and a network
// namespace of its own when the network is off), made with util-linux's `unshare` and `setpriv`, which every Linux
// runner has. The box sees the system read-only, a copy of what git tracks (plus what git-bob wrote), its own home
// and size-limited temporary folders, and nothing else: not /home, the workspace, the runner's files, other runs,
// or sockets under /run and /tmp. Its processes run as a user id of their own, with limits (a cgroup where the
// runner has one, rlimits always), and end with the box's first process. What the run created or changed is copied
// back into the checkout, where the implement command's rules decide what is committed. Where no box can be made,
// nothing runs.
import { spawn } from 'node:child_process'
import { constants } from 'node:fs'
import { lstat, mkdir, mkdtemp, open, readdir, readFile, rm, rmdir, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import { randomInt } from 'node:crypto'
import { trackedIndex, type BoxSource } from '../git/tracked-copy.ts'
import BOX_SCRIPT from './box.sh'
import { layOutSkeleton } from './skeleton.ts'
import { boxMounts, fstab } from './fstab.ts'
import { DEFAULT_LIMITS, type SandboxLimits, type SandboxSettings } from '../../ports/sandbox.ts'

/** The only variables of git-bob's environment a sandboxed command sees (besides its own HOME, TMPDIR, USER). */
export const ALLOWED_VARIABLES = ['PATH', 'LANG', 'LANGUAGE', 'LC_ALL', 'LC_CTYPE', 'TZ', 'TERM'] as const

/** How git-bob may start a box: it is root, or it has passwordless sudo, or neither. */
export type Privilege = 'root' | 'sudo' | null

export interface SandboxOptions extends Partial<SandboxSettings> {
  /** git-bob's environment, from which only ALLOWED_VARIABLES are passed on. */
  env: Readonly<Record<string, string | undefined>>
  /** Which privilege git-bob has; tests pass `() => null` to play a runner without root or sudo. */
  privilege?: () => Promise<Privilege>
}

export interface SandboxRequest {
  /** The checkout and what git-bob wrote there: the box's copy, and where what the run wrote comes back to. */
  source: BoxSource
  /** The working folder, relative to the repository root. */
  cwd: string
  command: string
  args: string[]
  /** Extra variables for this command (no secrets: they are passed as they are). */
  env?: Record<string, string>
  timeoutMs: number
  /** Copy back what the run created or changed (only when it ends with code 0), files of at most this size. */
  copyBack: { maxFileBytes: number } | null
}

export type LimitKind = 'memory' | 'processes' | 'cpu' | 'disk'

/** A file the run wrote that was not taken back, and why. */
export interface RefusedFile {
  path: string
  reason: string
}

export interface SandboxRun {
  code: number | null
  output: string
  timedOut: boolean
  /** The limit the run hit, in words for people ("stopped: used more than 4 GB of memory"); null: none. */
  limit: { kind: LimitKind; message: string } | null
  /** Paths (relative to the checkout) copied back into it. */
  copiedBack: string[]
  refused: RefusedFile[]
  /** Milliseconds spent around the command: the copy, the box's set-up and end, the copy back. */
  overheadMs: number
}

export interface Sandbox {
  /** Which isolation runs, in words for the pull request and the job summary. */
  readonly isolation: string
  run(request: SandboxRequest): Promise<SandboxRun>
}

export type SandboxAvailability = { ok: true; sandbox: Sandbox } | { ok: false; reason: string }

interface Exec {
  code: number | null
  output: string
}

function exec(
  command: string,
  args: string[],
  options: { env: Record<string, string>; timeoutMs: number }
): Promise<Exec> {
  return new Promise((resolve) => {
    // Its own process group, so that the backstop below ends the box's outer process and, through unshare's
    // --kill-child, the box.
    const child = spawn(command, args, { env: options.env, stdio: ['ignore', 'pipe', 'pipe'], detached: true })
    let output = ''
    // The end is kept: a test runner's summary and a traceback's cause come last.
    const collect = (d: Buffer): void => {
      output += d.toString()
      if (output.length > 400_000) output = output.slice(-200_000)
    }
    child.stdout.on('data', collect)
    child.stderr.on('data', collect)
    const timer = setTimeout(() => {
      try {
        process.kill(-child.pid!, 'SIGKILL')
      } catch {
        child.kill('SIGKILL')
      }
    }, options.timeoutMs)
    child.on('error', (error) => {
      clearTimeout(timer)
      resolve({ code: null, output: error.message })
    })
    child.on('close', (code) => {
      clearTimeout(timer)
      resolve({ code, output })
    })
  })
}

async function detectPrivilege(env: Record<string, string>): Promise<Privilege> {
  if (process.getuid?.() === 0) return 'root'
  const sudo = await exec('sudo', ['-n', 'true'], { env, timeoutMs: 10_000 })
  return sudo.code === 0 ? 'sudo' : null
}

/** The environment a sandboxed command gets: the allow-list, its home and temporary folder in the box, `extra`. */
export function sandboxEnvironment(
  env: Readonly<Record<string, string | undefined>>,
  extra: Record<string, string> = {}
): Record<string, string> {
  const allowed: Record<string, string> = {}
  for (const name of ALLOWED_VARIABLES) {
    const value = env[name]
    if (value !== undefined) allowed[name] = value
  }
  allowed.PATH ??= '/usr/local/bin:/usr/bin:/bin'
  return { ...allowed, ...extra, HOME: '/box/home', TMPDIR: '/tmp', USER: 'git-bob-box', LOGNAME: 'git-bob-box' }
}

/** The low byte of the next box's user id: this process's boxes take the 256 ids of its block in turn. */
let nextBox = randomInt(256)

/** A user id no other box on this host has while this one lives: a block of 256 from git-bob's process id (unique
 * among the processes of a host or container), and in it the next id in turn (up to 256 boxes of this process at
 * once never share one; a random part drew two of them alike one time in 256). The turns start at a random place:
 * two containers may have the same process ids. */
function boxUid(): number {
  const uid = 2 ** 30 + (process.pid % 2 ** 22) * 256 + nextBox
  nextBox = (nextBox + 1) % 256
  return uid
}

const LIMIT_WORDS: Record<LimitKind, (limits: SandboxLimits) => string> = {
  memory: (l) =>
    `stopped: used more than ${l.memoryMb >= 1024 ? `${+(l.memoryMb / 1024).toFixed(1)} GB` : `${l.memoryMb} MB`} of memory (the \`sandbox-memory-mb\` limit)`,
  processes: (l) =>
    `stopped: tried to run more than ${l.processes} processes at once (the \`sandbox-processes\` limit)`,
  cpu: (l) =>
    `stopped: used more than ${l.cpuSeconds} s of CPU time in one process (the \`sandbox-cpu-seconds\` limit)`,
  disk: (l) => `stopped: wrote more than ${l.diskMb} MB of files (the \`sandbox-disk-mb\` limit)`
}

/** Reads box.sh's `status` file: key=value lines. */
function parseStatus(text: string): Map<string, string> {
  const fields = new Map<string, string>()
  for (const line of text.split('\n')) {
    const at = line.indexOf('=')
    if (at > 0) fields.set(line.slice(0, at), line.slice(at + 1))
  }
  return fields
}

/** box.sh's list of what it did not take back: `type size links path`, NUL-separated (find's %y %s %n %P). */
function parseRefused(text: string, maxFileBytes: number): RefusedFile[] {
  return text
    .split('\0')
    .filter(Boolean)
    .map((entry) => {
      const [type, size, links] = entry.split(' ', 3)
      const path = entry.split(' ').slice(3).join(' ')
      const reason =
        type === 'l'
          ? 'a symbolic link'
          : type !== 'f'
            ? 'not a regular file'
            : Number(links) > 1
              ? 'a file with more than one link'
              : `larger than ${maxFileBytes} bytes (${Number(size)} bytes)`
      return { path, reason }
    })
}

/** Regular files under `root` (relative paths), never through a symbolic link. */
async function regularFiles(root: string, rel = ''): Promise<string[]> {
  const found: string[] = []
  const entries = await readdir(join(root, rel), { withFileTypes: true }).catch(() => [])
  for (const entry of entries) {
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
    const info = await lstat(at).catch(() => null)
    if (!info) return true
    if (info.isSymbolicLink()) return false
  }
  return true
}

/** A file's bytes, opened without following a link and checked as opened: a regular file of at most `max` bytes. */
async function readRegular(path: string, max: number): Promise<Buffer | null> {
  const handle = await open(path, constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK).catch(() => null)
  if (!handle) return null
  try {
    const info = await handle.stat()
    if (!info.isFile() || info.size > max) return null
    return await handle.readFile()
  } finally {
    await handle.close()
  }
}

/**
 * Copies what box.sh took out of the box (every process of it dead by then) into the checkout. A path in the
 * repository's `.git` folder, or one whose way in the checkout goes through a link, is refused.
 */
async function copyBack(
  back: string,
  checkout: string,
  maxFileBytes: number
): Promise<{ copied: string[]; refused: RefusedFile[] }> {
  const copied: string[] = []
  const refused: RefusedFile[] = []
  for (const path of await regularFiles(back)) {
    if (path.split('/').includes('.git')) {
      refused.push({ path, reason: 'inside a .git folder' })
      continue
    }
    const content = await readRegular(join(back, path), maxFileBytes)
    if (!content) continue
    if (!(await staysInside(checkout, path))) {
      refused.push({ path, reason: 'its folder in the checkout is a symbolic link' })
      continue
    }
    const target = join(checkout, path)
    const before = await readRegular(target, Number.MAX_SAFE_INTEGER)
    if (before && before.equals(content)) continue
    await mkdir(dirname(target), { recursive: true })
    await writeFile(target, content)
    copied.push(path)
  }
  return { copied, refused }
}

/** What a box gives back to openSandbox besides the run: which cgroups it had, and whether its command started. */
type BoxResult = SandboxRun & { cgroups: string; started: boolean }

/** A box that did not run its command (it could not be prepared, or box.sh failed before it), and why. */
function notStarted(output: string, began: number, commandMs: number): BoxResult {
  return {
    code: null,
    output,
    timedOut: false,
    limit: null,
    copiedBack: [],
    refused: [],
    overheadMs: Date.now() - began - commandMs,
    cgroups: '',
    started: false
  }
}

/** What every box of one sandbox shares: its privilege, the tools' environment, the limits, what it sees. */
interface BoxHost {
  /** git-bob's environment, from which only ALLOWED_VARIABLES are passed on. */
  env: Readonly<Record<string, string | undefined>>
  privilege: NonNullable<Privilege>
  /** The environment of the tools git-bob starts itself (unshare, sudo, rmdir, rm). */
  toolEnv: Record<string, string>
  limits: SandboxLimits
  network: boolean
  visible: string[]
  /** git-bob's `uid:gid`: box.sh makes the copy as it, and hands back what the run wrote to it. */
  caller: string
  temporary: string
}

/** One box being made: its host, its run folder, when it began, and what it runs on which copy. */
interface BoxCall {
  host: BoxHost
  run: string
  began: number
  request: Omit<SandboxRequest, 'source'>
  source: BoxSource | null
}

/** Finds out whether a box can be made here (by making one), or says why not. */
export async function openSandbox(options: SandboxOptions): Promise<SandboxAvailability> {
  const toolEnv = toolEnvironment(options.env)
  const privilege = await (options.privilege ?? (() => detectPrivilege(toolEnv)))()
  if (!privilege)
    return {
      ok: false,
      reason:
        'git-bob runs neither as root nor with passwordless `sudo`, so it cannot make a box (namespaces and a user id of its own) for the code'
    }
  const host = boxHost(options, privilege, toolEnv)
  const probe = await box(host, { cwd: '.', command: 'true', args: [], timeoutMs: 30_000, copyBack: null }, null)
  if (!probe.started || probe.code !== 0)
    return {
      ok: false,
      reason: `no box could be made here (${probe.output.trim().split('\n').slice(-3).join(' ') || `exit code ${probe.code}`}); a container needs the capabilities to make namespaces and mounts (e.g. \`options: --privileged\`)`
    }
  return { ok: true, sandbox: sandboxOf(host, isolationWords(host, probe.cgroups)) }
}

/** The PATH of the tools git-bob starts itself, with the system folders where rmdir and unshare may lie. */
function toolEnvironment(env: Readonly<Record<string, string | undefined>>): Record<string, string> {
  let path = env.PATH ?? '/usr/local/bin:/usr/bin:/bin:/usr/sbin:/sbin'
  if (!path.split(':').includes('/usr/sbin')) path += ':/usr/sbin:/sbin'
  return { PATH: path }
}

/** What the boxes of this sandbox share, from the options and the privilege found. */
function boxHost(options: SandboxOptions, privilege: NonNullable<Privilege>, toolEnv: Record<string, string>): BoxHost {
  const visible = [...(options.visiblePaths ?? [])]
  // A self-hosted runner's tool cache (setup-python's Python) lies outside the system folders.
  for (const name of ['RUNNER_TOOL_CACHE', 'AGENT_TOOLSDIRECTORY']) {
    const path = options.env[name]
    if (path?.startsWith('/')) visible.push(path)
  }
  return {
    env: options.env,
    privilege,
    toolEnv,
    limits: options.limits ?? DEFAULT_LIMITS,
    network: options.network !== false,
    visible,
    caller: `${process.getuid?.() ?? 0}:${process.getgid?.() ?? 0}`,
    // The temporary folder of the environment git-bob was given (on a runner, process.env's, as tmpdir() reads it),
    // made absolute: box.sh changes folder before it writes to the run folder.
    temporary: resolve(options.env.TMPDIR || tmpdir())
  }
}

/** Runs a command as root: directly, or through sudo. */
function privileged(host: BoxHost, command: string, args: string[], timeoutMs = 60_000): Promise<Exec> {
  return host.privilege === 'root'
    ? exec(command, args, { env: host.toolEnv, timeoutMs })
    : exec('sudo', ['-n', '--', command, ...args], { env: host.toolEnv, timeoutMs })
}

/** The isolation in words, with the memory limit's means the probe found. */
function isolationWords(host: BoxHost, cgroups: string): string {
  const { limits, network } = host
  const memory = cgroups === 'v2' ? 'cgroup v2' : cgroups === 'v1' ? 'cgroup v1' : 'an address-space rlimit'
  return `a box of its own (mount, PID, IPC and UTS namespaces${network ? '' : ', a network namespace with only loopback'}; a user id of its own; a copy of only what git tracks; memory ${limits.memoryMb} MB by ${memory}, ${limits.processes} processes, ${limits.cpuSeconds} s of CPU per process, ${limits.diskMb} MB of disk)`
}

/** The sandbox: each run in a box of its own. */
function sandboxOf(host: BoxHost, isolation: string): Sandbox {
  return {
    isolation,
    async run(request) {
      const { source, ...rest } = request
      const { cgroups: _cgroups, started: _started, ...run } = await box(host, rest, source)
      return run
    }
  }
}

/** One box: made, run, ended, and what it wrote taken out; everything of it gone afterwards. */
async function box(
  host: BoxHost,
  request: Omit<SandboxRequest, 'source'>,
  source: BoxSource | null
): Promise<BoxResult> {
  const began = Date.now()
  const run = await mkdtemp(join(host.temporary, 'git-bob-box-'))
  const call: BoxCall = { host, run, began, request, source }
  let commandMs = 0
  try {
    const { uid, gitDir } = await layOutRun(call)
    const line = boxCommand(call, uid, gitDir)
    const commandStarted = Date.now()
    const result = await exec(line.command, line.args, line.options)
    commandMs = Date.now() - commandStarted
    const statusText = await readFile(join(run, 'status'), 'utf8').catch(() => null)
    await removeCgroups(host, run)
    if (statusText === null)
      return notStarted(result.output.trim() || `the box ended with exit code ${result.code}`, began, commandMs)
    return await boxEnded(call, parseStatus(statusText), result.output)
  } catch (error) {
    // The copy could not be taken from git, or the run folder not laid out: no box, said as such.
    const why = error instanceof Error ? error.message : String(error)
    return notStarted(`the box could not be prepared: ${why}`, began, commandMs)
  } finally {
    // What box.sh left is git-bob's (it hands back what it wrote); through sudo, anything else goes with sudo.
    await rm(run, { recursive: true, force: true }).catch(() => privileged(host, 'rm', ['-rf', run]))
  }
}

/** Lays out the run folder box.sh makes the box from: its root, skeleton and mounts, and the copy's git index. */
async function layOutRun({ host, run, source }: BoxCall): Promise<{ uid: number; gitDir: string }> {
  await mkdir(join(run, 'root'))
  const uid = boxUid()
  const { shown, below } = await layOutSkeleton(join(run, 'skeleton'), uid, host.visible)
  await writeFile(join(run, 'fstab'), fstab(boxMounts(join(run, 'root'), shown, below)))
  const gitDir = source ? await trackedIndex(source, join(run, 'index')) : ''
  return { uid, gitDir }
}

/** The command line that makes the box and runs box.sh in it: as root, or through sudo with only its environment. */
function boxCommand(
  { host, run, request }: BoxCall,
  uid: number,
  gitDir: string
): { command: string; args: string[]; options: { env: Record<string, string>; timeoutMs: number } } {
  const unshare = unshareArgs(host.network, boxArguments(host, run, uid, gitDir, request))
  const env = sandboxEnvironment(host.env, request.env)
  // The box's own watchdog ends the command at its time; this backstop only ends a box that hangs itself.
  const backstop = request.timeoutMs + 60_000
  if (host.privilege === 'root') return { command: 'unshare', args: unshare, options: { env, timeoutMs: backstop } }
  return {
    command: 'sudo',
    args: ['-n', '--', 'env', '-i', ...Object.entries(env).map(([k, v]) => `${k}=${v}`), 'unshare', ...unshare],
    options: { env: host.toolEnv, timeoutMs: backstop }
  }
}

/** box.sh's arguments: the run folder, the box's user, its limits, what it copies back, and the command. */
function boxArguments(
  host: BoxHost,
  run: string,
  uid: number,
  gitDir: string,
  request: Omit<SandboxRequest, 'source'>
): string[] {
  const { limits } = host
  return [
    run,
    String(uid),
    host.caller,
    String(limits.diskMb * 1024),
    String(limits.memoryMb * 1024 * 1024),
    String(limits.processes),
    String(limits.cpuSeconds),
    String(Math.max(1, Math.ceil(request.timeoutMs / 1000))),
    host.network ? '1' : '0',
    String(request.copyBack?.maxFileBytes ?? 0),
    request.cwd,
    gitDir,
    request.command,
    ...request.args
  ]
}

/** unshare's arguments: the box's namespaces, ended with its first process, running box.sh. */
function unshareArgs(network: boolean, boxArgs: string[]): string[] {
  return [
    '--mount',
    '--pid',
    '--ipc',
    '--uts',
    ...(network ? [] : ['--net']),
    '--fork',
    '--kill-child',
    '--propagation',
    'private',
    '--',
    '/bin/sh',
    '-c',
    BOX_SCRIPT,
    'git-bob-box',
    ...boxArgs
  ]
}

/** Removes the cgroups box.sh made for the box, the innermost first. */
async function removeCgroups(host: BoxHost, run: string): Promise<void> {
  const cgroupPaths = (await readFile(join(run, 'cgroups'), 'utf8').catch(() => '')).split('\n').filter(Boolean)
  // Empty now: the box has ended. rmdir only removes an empty cgroup.
  for (const path of cgroupPaths.reverse())
    if (host.privilege === 'root') await rmdir(path).catch(() => undefined)
    else await privileged(host, 'rmdir', [path])
}

/** How a box that ran its command ended: its code, time-out and limit, and what it wrote taken back. */
async function boxEnded(
  { host, run, began, request, source }: BoxCall,
  status: Map<string, string>,
  output: string
): Promise<BoxResult> {
  const code = Number(status.get('code'))
  const timedOut = await lstat(join(run, 'timed-out')).then(
    () => true,
    () => false
  )
  const kind = status.get('limit') as LimitKind | undefined
  const limit = kind && kind in LIMIT_WORDS ? { kind, message: LIMIT_WORDS[kind](host.limits) } : null
  const back =
    request.copyBack && source && code === 0 && !timedOut
      ? await takeBack(run, source.dir, request.copyBack.maxFileBytes)
      : { copied: [], refused: [] }
  return {
    code: timedOut ? null : code,
    output,
    timedOut,
    limit: timedOut ? null : limit,
    copiedBack: back.copied,
    refused: back.refused,
    overheadMs: Date.now() - began - Number(status.get('ran') ?? 0) * 10,
    cgroups: status.get('cgroups') ?? '',
    started: true
  }
}

/** What box.sh took out of the box, copied into the checkout; what it did not take back, and what was refused. */
async function takeBack(
  run: string,
  checkout: string,
  maxFileBytes: number
): Promise<{ copied: string[]; refused: RefusedFile[] }> {
  const refused = parseRefused(await readFile(join(run, 'refused'), 'utf8').catch(() => ''), maxFileBytes)
  const back = await copyBack(join(run, 'back'), checkout, maxFileBytes)
  return { copied: back.copied, refused: [...refused, ...back.refused] }
}
