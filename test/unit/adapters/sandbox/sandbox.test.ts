// The sandbox with plain commands: another user, an allow-listed environment, no reach into git-bob's process
// or files, nothing left running, and what the run wrote copied back. These tests run as root (here and in CI);
// elsewhere, without root or passwordless sudo, only the "no sandbox" test runs.
import { execFileSync } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync, mkdirSync } from 'node:fs'
import { createServer, type AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { openSandbox, sandboxEnvironment, type Sandbox } from '../../../../src/adapters/sandbox/sandbox.ts'

const root = process.getuid?.() === 0
// CI runs as root (and sets GIT_BOB_REQUIRE_JUPYTER): there these tests must run, never be skipped.
if (!root && process.env.GIT_BOB_REQUIRE_JUPYTER) throw new Error('the sandbox tests need root here (CI)')
const SECRET = 'sk-proj-sandboxsecret0123456789'
// Its own user: test files of other layers run in parallel, and the end of a run kills every process of its user.
const USER = 'git-bob-sbx-unit'

let opening: Promise<Sandbox> | null = null
/** Opened once for the file (finding the user, its ids): a sandbox keeps nothing from one run to the next. */
function sandbox(): Promise<Sandbox> {
  opening ??= openSandbox({ env: { ...process.env, OPENAI_API_KEY: SECRET }, user: USER }).then((opened) => {
    if (!opened.ok) throw new Error(opened.reason)
    return opened.sandbox
  })
  return opening
}

function checkout(files: Record<string, string> = {}): string {
  const dir = mkdtempSync(join(tmpdir(), 'sbx-checkout-'))
  mkdirSync(join(dir, '.git'))
  writeFileSync(join(dir, '.git/config'), '[core]\n')
  for (const [path, text] of Object.entries(files)) writeFileSync(join(dir, path), text)
  return dir
}

const sh = (script: string, from = checkout(), copyBack = false) =>
  sandbox().then((s) => s.run({ from, cwd: '.', command: 'sh', args: ['-c', script], timeoutMs: 20_000, copyBack }))

describe('sandboxEnvironment', () => {
  it('passes on only the allow-list, with its own home and temporary folder', () => {
    const env = sandboxEnvironment(
      {
        PATH: '/usr/bin',
        LANG: 'C.UTF-8',
        HOME: '/root',
        DATABASE_URL: 'postgres://u:p@h',
        GITHUB_ENV: '/x',
        ZENODO_PAT: 'z'
      },
      'u',
      '/sbx',
      { PYDEVD_DISABLE_FILE_VALIDATION: '1' }
    )
    expect(env).toEqual({
      PATH: '/usr/bin',
      LANG: 'C.UTF-8',
      PYDEVD_DISABLE_FILE_VALIDATION: '1',
      HOME: '/sbx/home',
      TMPDIR: '/sbx/tmp',
      USER: 'u',
      LOGNAME: 'u'
    })
  })
})

describe('openSandbox without root or sudo', () => {
  it('says why there is no sandbox', async () => {
    const opened = await openSandbox({ env: process.env, user: USER, privilege: () => Promise.resolve(null) })
    expect(opened).toEqual({
      ok: false,
      reason: expect.stringContaining('neither as root nor with passwordless `sudo`')
    })
  })
})

describe.skipIf(!root)(`the sandbox, as root${root ? '' : ' [skipped: the tests do not run as root]'}`, () => {
  it('runs as another user, with only the allow-listed environment', async () => {
    const s = await sandbox()
    expect(s.uid).not.toBe(0)
    const run = await sh('id -u; id -G; env')
    expect(run.code).toBe(0)
    const [uid, groups, ...env] = run.output.trim().split('\n')
    expect(Number(uid)).toBe(s.uid)
    expect(groups!.split(' ')).not.toContain('0')
    const names = env.map((line) => line.split('=')[0]).filter((n) => n !== 'PWD' && n !== 'SHLVL' && n !== '_')
    expect(names.sort()).toEqual(
      [
        'HOME',
        'LOGNAME',
        'TMPDIR',
        'USER',
        ...['PATH', 'LANG', 'LANGUAGE', 'LC_ALL', 'LC_CTYPE', 'TZ', 'TERM'].filter(
          (n) => process.env[n] !== undefined || n === 'PATH'
        )
      ].sort()
    )
    expect(run.output).not.toContain(SECRET)
  })

  it("cannot read git-bob's /proc/<pid>/environ nor signal git-bob", async () => {
    expect(readFileSync(`/proc/${process.pid}/environ`, 'utf8')).toContain('PATH=')
    const run = await sh(
      `cat /proc/${process.pid}/environ >/dev/null 2>&1 && echo READ; kill -0 ${process.pid} 2>/dev/null && echo SIGNALLED; echo done`
    )
    expect(run.output.trim()).toBe('done')
  })

  it("cannot write a file of git-bob's user outside its folder, and sees no .git", async () => {
    const from = checkout({ 'data.txt': 'original\n' })
    const outside = join(mkdtempSync(join(tmpdir(), 'sbx-outside-')), 'file.txt')
    writeFileSync(outside, 'mine\n', { mode: 0o644 })
    const run = await sh(
      `echo changed > ${outside} 2>/dev/null && echo WROTE; echo x > ${join(from, 'data.txt')} 2>/dev/null && echo WROTE-CHECKOUT; ls -a; echo done`,
      from
    )
    expect(run.output).not.toContain('WROTE')
    expect(run.output).toContain('data.txt')
    expect(run.output).not.toContain('.git')
    expect(readFileSync(outside, 'utf8')).toBe('mine\n')
    expect(readFileSync(join(from, 'data.txt'), 'utf8')).toBe('original\n')
  })

  it('leaves nothing running: a detached child is dead after the run', async () => {
    const s = await sandbox()
    const run = await sh('setsid sh -c "sleep 300" </dev/null >/dev/null 2>&1 & (sleep 301 &) ; echo started')
    expect(run.output).toContain('started')
    expect(run.timedOut).toBe(false)
    // Zombies (dead, waiting for init to reap them) do not count.
    const left = execFileSync('ps', ['-o', 'stat=', '-u', String(s.uid)], { encoding: 'utf8' })
      .split('\n')
      .filter((stat) => stat.trim() && !stat.trim().startsWith('Z'))
      .join('\n')
    expect(left).toBe('')
  })

  it('ends a run that takes too long, leaves nothing running and copies nothing back', async () => {
    const s = await sandbox()
    const from = checkout()
    const started = Date.now()
    const run = await s.run({
      from,
      cwd: '.',
      command: 'sh',
      args: ['-c', 'echo x > made.txt; setsid sleep 300 & sleep 300'],
      timeoutMs: 500,
      copyBack: true
    })
    expect(run.timedOut).toBe(true)
    expect(Date.now() - started).toBeLessThan(10_000)
    expect(run.copiedBack).toEqual([])
    expect(existsSync(join(from, 'made.txt'))).toBe(false)
    expect(execFileSync('sh', ['-c', `ps -o stat= -u ${s.uid} | grep -v '^ *Z' || true`], { encoding: 'utf8' })).toBe(
      ''
    )
  })

  it('with the network off, cannot open a TCP connection, even to a loopback server; with it on, can', async () => {
    const server = createServer((socket) => socket.end())
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    const port = (server.address() as AddressInfo).port
    try {
      const connect = {
        from: checkout(),
        cwd: '.',
        command: 'bash',
        args: ['-c', `id -u; exec 3<>/dev/tcp/127.0.0.1/${port} && echo connected`],
        timeoutMs: 20_000,
        copyBack: false
      }
      const offline = await openSandbox({ env: process.env, user: USER, network: false })
      if (!offline.ok) throw new Error(offline.reason)
      const cut = await offline.sandbox.run(connect)
      expect(cut.code).not.toBe(0)
      expect(cut.output).not.toContain('connected')
      // Still the sandbox user, not root.
      expect(cut.output.split('\n')[0]).toBe(String(offline.sandbox.uid))
      const online = await (await sandbox()).run(connect)
      expect(online.output).toContain('connected')
      expect(online.code).toBe(0)
    } finally {
      server.close()
    }
  })

  it('copies back what it created or changed, never through a link, never into .git', async () => {
    const from = checkout({ 'keep.txt': 'same\n', 'change.txt': 'old\n' })
    const run = await sh(
      'echo new > change.txt; mkdir -p out && echo made > out/made.txt; mkdir .git && echo evil > .git/config; ln -s /etc/passwd link.txt; ln -s /etc/shadow out/shadow.txt; echo ok',
      from,
      true
    )
    expect(run.code).toBe(0)
    expect(run.copiedBack.sort()).toEqual(['change.txt', 'out/made.txt'])
    expect(readFileSync(join(from, 'change.txt'), 'utf8')).toBe('new\n')
    expect(readFileSync(join(from, 'out/made.txt'), 'utf8')).toBe('made\n')
    expect(readFileSync(join(from, '.git/config'), 'utf8')).toBe('[core]\n')
    expect(existsSync(join(from, 'link.txt'))).toBe(false)
  })

  it('cannot swap its working folder for a link to files of git-bob', async () => {
    const from = checkout()
    const run = await sh('cd .. && mv work moved 2>/dev/null && ln -s /root work; echo done', from, true)
    expect(run.code).toBe(0)
    expect(run.copiedBack).toEqual([])
  })

  it('copies nothing back through a symbolic link of the checkout', async () => {
    const from = checkout()
    const elsewhere = mkdtempSync(join(tmpdir(), 'sbx-elsewhere-'))
    symlinkSync(elsewhere, join(from, 'linked'))
    const run = await sh('rm linked && mkdir linked && echo x > linked/escape.txt; echo ok', from, true)
    expect(run.code).toBe(0)
    expect(run.copiedBack).toEqual([])
    expect(existsSync(join(elsewhere, 'escape.txt'))).toBe(false)
  })
})
