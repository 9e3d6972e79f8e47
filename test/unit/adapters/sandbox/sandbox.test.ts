// The box with plain commands: namespaces, a user id of its own per run, only what git tracks, limits, nothing left
// running, what the run wrote copied back and nothing else. These tests run as root (here and in CI); elsewhere,
// without root or passwordless sudo, only the "no box" test runs.
import { execFileSync } from 'node:child_process'
import {
  chmodSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync
} from 'node:fs'
import { createServer, type AddressInfo, type Server } from 'node:net'
import { tmpdir } from 'node:os'
import { join, relative } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import {
  openSandbox,
  sandboxEnvironment,
  type Sandbox,
  type SandboxRequest
} from '../../../../src/adapters/sandbox/sandbox.ts'
import { DEFAULT_LIMITS, type SandboxLimits } from '../../../../src/ports/sandbox.ts'

const root = process.getuid?.() === 0
// CI runs as root (and sets GIT_BOB_REQUIRE_JUPYTER): there these tests must run, never be skipped.
if (!root && process.env.GIT_BOB_REQUIRE_JUPYTER) throw new Error('the sandbox tests need root here (CI)')
const SECRET = 'sk-proj-sandboxsecret0123456789'

const opened = new Map<string, Promise<Sandbox>>()
/** A box opener per set of options, made once per file (opening makes a box to see that boxes can be made). */
// Tests that need other options share a set where they can: the network off with a disk large enough for the
// copy-back test, every small limit at once for the limit tests.
const OFFLINE = { network: false, limits: { diskMb: 4096 } }
const SMALL = { limits: { memoryMb: 128, processes: 40, cpuSeconds: 1, diskMb: 16 } }
function sandbox(
  options: { network?: boolean; limits?: Partial<SandboxLimits>; visiblePaths?: string[] } = {}
): Promise<Sandbox> {
  const key = JSON.stringify(options)
  let opening = opened.get(key)
  if (!opening) {
    opening = openSandbox({
      env: { ...process.env, OPENAI_API_KEY: SECRET },
      network: options.network,
      visiblePaths: options.visiblePaths,
      limits: { ...DEFAULT_LIMITS, ...options.limits }
    }).then((result) => {
      if (!result.ok) throw new Error(result.reason)
      return result.sandbox
    })
    opened.set(key, opening)
  }
  return opening
}

const git = (dir: string, ...args: string[]): string =>
  execFileSync('git', ['-C', dir, '-c', 'user.name=t', '-c', 'user.email=t@t', ...args], { encoding: 'utf8' })

/** A git checkout with these files committed. */
function checkout(files: Record<string, string> = { 'README.md': '# r\n' }): string {
  const dir = mkdtempSync(join(tmpdir(), 'box-checkout-'))
  git(dir, 'init', '-q')
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(join(dir, path, '..'), { recursive: true })
    writeFileSync(join(dir, path), text)
  }
  git(dir, 'add', '-A')
  git(dir, 'commit', '-q', '-m', 'init')
  return dir
}

let readOnly: string | undefined
/** One checkout for every run that only reads it (no copy back, no file of its own): a box never writes to it. */
const shared = (): string => (readOnly ??= checkout())

type Options = Partial<Omit<SandboxRequest, 'source' | 'args' | 'command'>> & { written?: string[] }

async function sh(script: string, dir = shared(), options: Options & { box?: Sandbox } = {}) {
  const { written = [], box, ...rest } = options
  return (box ?? (await sandbox())).run({
    source: { dir, written: () => written, wrote: () => {} },
    cwd: '.',
    command: 'sh',
    args: ['-c', script],
    timeoutMs: 20_000,
    copyBack: null,
    ...rest
  })
}

/** The processes of a user id still alive (zombies waiting for their parent are dead). */
const aliveOf = (uid: string): string =>
  execFileSync('sh', ['-c', `ps -o stat= -u ${uid} | grep -v '^ *Z' || true`], { encoding: 'utf8' }).trim()

const servers: Server[] = []
afterAll(() => servers.forEach((server) => server.close()))

describe('sandboxEnvironment', () => {
  it('passes on only the allow-list, with the home and temporary folder of the box', () => {
    const env = sandboxEnvironment(
      { PATH: '/usr/bin', LANG: 'C.UTF-8', HOME: '/root', DATABASE_URL: 'postgres://u:p@h', ZENODO_PAT: 'z' },
      { PYDEVD_DISABLE_FILE_VALIDATION: '1' }
    )
    expect(env).toEqual({
      PATH: '/usr/bin',
      LANG: 'C.UTF-8',
      PYDEVD_DISABLE_FILE_VALIDATION: '1',
      HOME: '/box/home',
      TMPDIR: '/tmp',
      USER: 'git-bob-box',
      LOGNAME: 'git-bob-box'
    })
  })
})

describe('openSandbox without root or sudo', () => {
  it('says why there is no box', async () => {
    const result = await openSandbox({ env: process.env, privilege: () => Promise.resolve(null) })
    expect(result).toEqual({
      ok: false,
      reason: expect.stringContaining('neither as root nor with passwordless `sudo`')
    })
  })
})

describe.skipIf(!root)(`the box, as root${root ? '' : ' [skipped: the tests do not run as root]'}`, () => {
  it('runs as a user id of its own per run, with only the allow-listed environment', async () => {
    const [one, two] = await Promise.all([sh('id -u; id -G; env'), sh('id -u')])
    expect(one.code).toBe(0)
    const [uid, groups, ...env] = one.output.trim().split('\n')
    expect(Number(uid)).toBeGreaterThan(65535)
    expect(two.output.trim()).not.toBe(uid)
    expect(groups).toBe(uid)
    const names = env.map((line) => line.split('=')[0]).filter((n) => n !== 'PWD' && n !== 'SHLVL' && n !== '_')
    const passed = ['PATH', 'LANG', 'LANGUAGE', 'LC_ALL', 'LC_CTYPE', 'TZ', 'TERM']
    expect(names.sort()).toEqual(
      [
        'HOME',
        'LOGNAME',
        'TMPDIR',
        'USER',
        ...passed.filter((n) => process.env[n] !== undefined || n === 'PATH')
      ].sort()
    )
    expect(one.output).not.toContain(SECRET)
    expect((await sandbox()).isolation).toMatch(/^a box of its own \(mount, PID, IPC and UTS namespaces/)
  })

  it('sees only its own processes, and cannot signal git-bob', async () => {
    const run = await sh(
      `ls -d /proc/[0-9]* | wc -l; kill -0 ${process.pid} 2>/dev/null && echo SIGNALLED; cat /proc/1/environ 2>/dev/null | tr '\\0' '\\n' | grep -c SECRET; echo done`
    )
    const [count] = run.output.trim().split('\n')
    expect(Number(count)).toBeLessThan(8)
    expect(run.output).not.toContain('SIGNALLED')
    expect(run.output).not.toContain(SECRET)
    expect(run.output.trim().endsWith('done')).toBe(true)
  })

  it('gets only what git tracks and what git-bob wrote: no untracked, ignored or owner-only file, no .git', async () => {
    const dir = checkout({ 'README.md': 'old\n', 'gone.txt': 'x\n', '.gitignore': 'build/\n', 'data/a.csv': '1\n' })
    writeFileSync(join(dir, '.env'), `TOKEN=${SECRET}\n`, { mode: 0o600 })
    mkdirSync(join(dir, 'build'))
    writeFileSync(join(dir, 'build/creds.json'), SECRET)
    writeFileSync(join(dir, 'README.md'), 'new, by git-bob\n')
    writeFileSync(join(dir, 'analysis.py'), 'print(1)\n')
    execFileSync('rm', [join(dir, 'gone.txt')])
    const run = await sh('find . | sort; cat README.md; cat .env build/creds.json 2>&1 | head -2', dir, {
      written: ['README.md', 'analysis.py', 'gone.txt']
    })
    expect(run.code).toBe(0)
    expect(run.output.split('\n').filter((line) => line.startsWith('.'))).toEqual([
      '.',
      './.gitignore',
      './README.md',
      './analysis.py',
      './data',
      './data/a.csv'
    ])
    expect(run.output).toContain('new, by git-bob')
    expect(run.output).not.toContain(SECRET)
  })

  it('sees the system read-only, and not /home, /root, the checkout, other checkouts or their tokens', async () => {
    const other = checkout()
    git(other, 'config', 'http.https://github.com/.extraheader', `AUTHORIZATION: basic ${SECRET}`)
    const dir = checkout()
    git(dir, 'config', 'http.https://github.com/.extraheader', `AUTHORIZATION: basic ${SECRET}`)
    const run = await sh(
      [
        'touch /usr/x /etc/x 2>/dev/null && echo WROTE-SYSTEM',
        `cat ${dir}/.git/config ${other}/.git/config 2>/dev/null`,
        'ls /home /root 2>/dev/null',
        `ls ${tmpdir()} | head -3`,
        'grep git-bob-box /etc/passwd | cut -d: -f1,6',
        'echo done'
      ].join('; '),
      dir
    )
    expect(run.output).not.toContain('WROTE-SYSTEM')
    expect(run.output).not.toContain(SECRET)
    expect(run.output).not.toContain('box-checkout-')
    expect(run.output).toContain('git-bob-box:/box/home')
    expect(run.output.trim().endsWith('done')).toBe(true)
  })

  it('shows the paths the workflow names read-only, a folder (a space in its name, a volume mounted in it) or a file, at their real place and through a link; not a missing one; /dev holds the devices', async () => {
    const tools = mkdtempSync(join(tmpdir(), 'git-bob-box-visible-'))
    const env = join(tools, 'my env')
    const volume = join(env, 'volume')
    const linked = `/run/git-bob-box-visible-${process.pid}-${Date.now()}`
    let mounted = false
    try {
      mkdirSync(join(env, 'bin'), { recursive: true })
      mkdirSync(volume)
      writeFileSync(join(env, 'bin', 'tool'), 'TOOL-OK\n')
      writeFileSync(join(tools, 'notes.txt'), 'NOTES-OK\n')
      // A volume of its own below a shown folder: a read-only bind of the folder leaves it writable.
      execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=1m,mode=1777', 'git-bob-test-volume', volume])
      mounted = true
      writeFileSync(join(volume, 'data'), 'VOLUME-OK\n')
      // Named through a link of the host's: /var/run is /run here, as on every runner.
      mkdirSync(linked)
      writeFileSync(join(linked, 'socket-like'), 'RUN-OK\n')
      // Writable by anyone on the host, so that only the box's read-only mounts keep its user from writing there.
      for (const path of [env, linked]) chmodSync(path, 0o777)
      const viaVarRun = join('/var/run', linked.slice('/run/'.length))
      // A link of the workflow's own, to a shown folder (a conda's "current"), still works at its name.
      symlinkSync(env, join(tools, 'current'))
      const box = await sandbox({
        visiblePaths: [env, join(tools, 'notes.txt'), join(tools, 'missing'), viaVarRun, join(tools, 'current')]
      })
      const run = await sh(
        [
          `cat '${join(env, 'bin', 'tool')}' '${join(tools, 'notes.txt')}' '${join(volume, 'data')}'`,
          `cat ${join(viaVarRun, 'socket-like')} ${join(linked, 'socket-like')} '${join(tools, 'current', 'bin', 'tool')}'`,
          `touch '${join(env, 'x')}' 2>/dev/null && echo WROTE-SHOWN`,
          `touch '${join(volume, 'x')}' 2>/dev/null && echo WROTE-VOLUME`,
          `touch ${join(linked, 'x')} 2>/dev/null && echo WROTE-RUN`,
          `ls '${tools}'`,
          `ls -d '${join(tools, 'missing')}' 2>/dev/null && echo SHOWN-MISSING`,
          'echo gone > /dev/null && head -c 3 /dev/zero | wc -c && head -c 3 /dev/urandom | wc -c',
          'head -c 3 /dev/random | wc -c; [ -c /dev/tty ] && echo TTY',
          'echo x 2>/dev/null > /dev/full || echo FULL',
          'echo done'
        ].join('; '),
        shared(),
        { box }
      )
      expect(run.output).toContain('TOOL-OK\nNOTES-OK\nVOLUME-OK\nRUN-OK\nRUN-OK\nTOOL-OK\n')
      expect(run.output).not.toContain('WROTE-')
      // The folder that holds the shown paths shows only them.
      expect(run.output).toContain('current\nmy env\nnotes.txt\n')
      expect(run.output).not.toContain('SHOWN-MISSING')
      expect(run.output).toContain('3\n3\n3\nTTY\nFULL\n')
      expect(run.output.trim().endsWith('done'), run.output).toBe(true)
    } finally {
      if (mounted) execFileSync('umount', ['-l', volume])
      rmSync(linked, { recursive: true, force: true })
    }
  })

  it('leaves nothing running: detached children and a process that keeps forking a successor', async () => {
    const run = await sh(
      'id -u; setsid sh -c "sleep 300" </dev/null >/dev/null 2>&1 & (sleep 301 &); sh -c \'while :; do sh -c "exit 0" & sleep 0.005; done\' & sleep 0.3; echo started'
    )
    expect(run.output).toContain('started')
    expect(run.timedOut).toBe(false)
    expect(aliveOf(run.output.trim().split('\n')[0]!)).toBe('')
  })

  it('ends a run that takes too long, leaves nothing running and copies nothing back', async () => {
    const dir = checkout()
    const run = await sh('id -u; echo x > made.txt; setsid sleep 300 & sleep 300', dir, {
      timeoutMs: 1000,
      copyBack: { maxFileBytes: 1000 }
    })
    expect(run.timedOut).toBe(true)
    expect(run.copiedBack).toEqual([])
    expect(existsSync(join(dir, 'made.txt'))).toBe(false)
    expect(aliveOf(run.output.trim().split('\n')[0]!)).toBe('')
  })

  it('with the network off: no TCP to the host, no Unix socket of the host, but loopback inside works', async () => {
    const server = createServer((socket) => socket.end())
    servers.push(server)
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    const port = (server.address() as AddressInfo).port
    const socketDir = mkdtempSync(join(tmpdir(), 'box-socket-'))
    const unix = createServer((socket) => socket.end('HOST-SOCKET'))
    servers.push(unix)
    await new Promise<void>((resolve) => unix.listen(join(socketDir, 's.sock'), resolve))
    const script = [
      `python3 -c "import socket; socket.create_connection(('127.0.0.1', ${port}), 2); print('HOST-TCP')" 2>/dev/null`,
      `python3 -c "import socket; s = socket.socket(socket.AF_UNIX); s.connect('${join(socketDir, 's.sock')}'); print(s.recv(20))" 2>/dev/null`,
      `python3 -c "
import socket
a = socket.socket(); a.bind(('127.0.0.1', 0)); a.listen()
socket.create_connection(a.getsockname(), 2); print('LOOPBACK')"`
    ].join('; ')
    const offline = await sh(script, shared(), { box: await sandbox(OFFLINE) })
    expect(offline.output).not.toContain('HOST-TCP')
    expect(offline.output).not.toContain('HOST-SOCKET')
    expect(offline.output).toContain('LOOPBACK')
    expect((await sandbox(OFFLINE)).isolation).toContain('a network namespace with only loopback')
    const online = await sh(script)
    expect(online.output).toContain('HOST-TCP')
  })

  it('copies back what it created or changed: never a link, a hard link, .git, or a file over the size', async () => {
    const dir = checkout({ 'keep.txt': 'same\n', 'change.txt': 'old\n' })
    const run = await sh(
      [
        'echo new > change.txt',
        'mkdir -p out && echo made > out/made.txt',
        'mkdir .git && echo evil > .git/config',
        'ln -s /etc/passwd link.txt',
        'echo a > one.txt && ln one.txt two.txt',
        'head -c 2000 /dev/zero > big.bin',
        'truncate -s 3G sparse.bin',
        'echo ok'
      ].join('; '),
      dir,
      { copyBack: { maxFileBytes: 1000 }, box: await sandbox(OFFLINE) }
    )
    expect(run.code).toBe(0)
    expect(run.copiedBack.sort()).toEqual(['change.txt', 'out/made.txt'])
    expect(readFileSync(join(dir, 'change.txt'), 'utf8')).toBe('new\n')
    expect(readFileSync(join(dir, 'out/made.txt'), 'utf8')).toBe('made\n')
    expect(existsSync(join(dir, 'link.txt'))).toBe(false)
    expect(existsSync(join(dir, 'sparse.bin'))).toBe(false)
    expect(Object.fromEntries(run.refused.map((r) => [r.path, r.reason]))).toEqual({
      '.git/config': 'inside a .git folder',
      'link.txt': 'a symbolic link',
      'one.txt': 'a file with more than one link',
      'two.txt': 'a file with more than one link',
      'big.bin': 'larger than 1000 bytes (2000 bytes)',
      'sparse.bin': 'larger than 1000 bytes (3221225472 bytes)'
    })
  })

  it('copies nothing back through a symbolic link of the checkout, nor a file swapped for a link at the end', async () => {
    const dir = checkout({ 'a.txt': 'a\n' })
    const elsewhere = mkdtempSync(join(tmpdir(), 'box-elsewhere-'))
    symlinkSync(elsewhere, join(dir, 'linked'))
    git(dir, 'add', 'linked')
    git(dir, 'commit', '-q', '-m', 'link')
    const run = await sh(
      'rm linked && mkdir linked && echo x > linked/escape.txt; (while :; do rm -f s.txt; echo x > s.txt; rm -f s.txt; ln -s /etc/shadow s.txt; done &) ; sleep 0.2; echo ok',
      dir,
      { copyBack: { maxFileBytes: 100_000 } }
    )
    expect(run.code).toBe(0)
    expect(run.copiedBack.filter((path) => path !== 's.txt')).toEqual([])
    expect(existsSync(join(elsewhere, 'escape.txt'))).toBe(false)
    const swapped = join(dir, 's.txt')
    // The file the loop wrote (empty when the box ended it between its open and its write), never the link's.
    if (existsSync(swapped)) expect(readFileSync(swapped, 'utf8')).toMatch(/^(x\n)?$/)
  })

  it('two runs at once cannot see, write or signal each other', async () => {
    const box = await sandbox()
    const [a, b] = await Promise.all([
      sh('echo secret-of-a > /tmp/a.txt; echo secret-of-a > mine.txt; sleep 1.5; cat /tmp/a.txt mine.txt', shared(), {
        box
      }),
      sh(
        'sleep 0.5; ls /tmp; cat /proc/*/environ 2>/dev/null | tr "\\0" "\\n" | grep -c secret; kill -KILL -1; echo b',
        shared(),
        {
          box
        }
      )
    ])
    expect(a.code).toBe(0)
    expect(a.output).toBe('secret-of-a\nsecret-of-a\n')
    expect(b.output).not.toContain('a.txt')
  })

  describe('limits', () => {
    it('memory: reported once, in words', async () => {
      const box = await sandbox(SMALL)
      const run = await sh('python3 -c "x = bytearray(400 * 1024 * 1024); print(len(x))"', shared(), { box })
      expect(run.code).not.toBe(0)
      expect(run.limit).toEqual({
        kind: 'memory',
        message: 'stopped: used more than 128 MB of memory (the `sandbox-memory-mb` limit)'
      })
    })

    it('processes, CPU time and disk', async () => {
      const box = await sandbox(SMALL)
      const fork = await sh('for i in $(seq 100); do sleep 5 & done; wait', shared(), { box })
      expect(fork.limit?.kind).toBe('processes')
      const cpu = await sh('while :; do :; done', shared(), { box })
      expect(cpu.limit?.message).toBe(
        'stopped: used more than 1 s of CPU time in one process (the `sandbox-cpu-seconds` limit)'
      )
      const disk = await sh('head -c 40000000 /dev/zero > /tmp/big', shared(), { box })
      expect(disk.limit?.message).toBe('stopped: wrote more than 16 MB of files (the `sandbox-disk-mb` limit)')
      const fine = await sh('echo fine', shared(), { box })
      expect(fine.limit).toBeNull()
    })
  })

  it('leaves nothing of a run on the host: no folder in the temporary directory', async () => {
    // A temporary directory of this run's own (the TMPDIR of the environment the box is given, not this
    // process's): another suite's boxes come and go in the shared one meanwhile.
    const own = mkdtempSync(join(tmpdir(), 'box-temp-'))
    const opening = await openSandbox({ env: { ...process.env, TMPDIR: own } })
    if (!opening.ok) throw new Error(opening.reason)
    let ended = false
    const running = sh('echo x > /tmp/x; echo y > /var/tmp/y; echo z > /dev/shm/z; sleep 1; echo done', shared(), {
      box: opening.sandbox
    }).finally(() => (ended = true))
    // While it runs, its run folder is there, in that temporary directory.
    let during: string[] = []
    while (!ended && during.length === 0) {
      during = readdirSync(own)
      await new Promise((resolve) => setTimeout(resolve, 20))
    }
    const run = await running
    expect(during).toEqual([expect.stringMatching(/^git-bob-box-/)])
    expect(run.output).toContain('done')
    expect(readdirSync(own)).toEqual([])
  })
})

describe.skipIf(!root)('the box, given a relative TMPDIR', () => {
  it('makes its run folder where that names from here, and copies back from it', async () => {
    const own = mkdtempSync(join(tmpdir(), 'box-temp-'))
    const opening = await openSandbox({ env: { ...process.env, TMPDIR: relative(process.cwd(), own) } })
    if (!opening.ok) throw new Error(opening.reason)
    const dir = checkout()
    const run = await sh('echo made > made.txt', dir, { box: opening.sandbox, copyBack: { maxFileBytes: 1000 } })
    expect(run.code, run.output).toBe(0)
    expect(run.copiedBack).toEqual(['made.txt'])
    expect(readFileSync(join(dir, 'made.txt'), 'utf8')).toBe('made\n')
    expect(readdirSync(own)).toEqual([])
  })
})

describe.skipIf(!root)('the box, when its copy cannot be made', () => {
  it('says so as the run, never throws', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'box-no-git-'))
    const run = await sh('echo ran', dir)
    expect(run.code).toBeNull()
    expect(run.output).toMatch(/^the box could not be prepared: /)
    expect(run.output).not.toContain('ran\n')
  })
})
