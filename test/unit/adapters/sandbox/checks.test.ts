// Checks in the sandbox: the set-up, then the check, in a box with no secret in reach; the check's own output only
// when the set-up passed; a hanging check killed at its time limit; nothing copied back.
import { execFileSync } from 'node:child_process'
import { mkdtempSync, writeFileSync, existsSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { sandboxChecks } from '../../../../src/adapters/sandbox/checks.ts'
import { lazySandbox } from '../../../../src/adapters/sandbox/lazy-box.ts'

const root = process.getuid?.() === 0
if (!root && process.env.GIT_BOB_REQUIRE_JUPYTER) throw new Error('the sandbox tests need root here (CI)')
const SECRET = 'sk-proj-checksecret0123456789'
/** A committed checkout with one Python file, as the box takes it from git. */
function checkout(): { dir: string; written: () => string[]; wrote: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'sbx-checks-'))
  writeFileSync(join(dir, 'ok.py'), 'print("fine")\n')
  execFileSync('sh', ['-c', 'git init -q && git add -A && git -c user.name=t -c user.email=t@t commit -qm init'], {
    cwd: dir
  })
  return { dir, written: () => [], wrote: () => {} }
}

// One box for the file, as one for a run: opened (probed) once, by the first check.
const box = lazySandbox({ env: { ...process.env, OPENAI_API_KEY: SECRET, INPUT_GITHUB_TOKEN: SECRET } })
const runner = () => sandboxChecks(box)

describe.skipIf(!root)(`sandboxChecks, as root${root ? '' : ' [skipped: the tests do not run as root]'}`, () => {
  it('runs the set-up, then the check, as the box user without any secret; the output is the check’s', async () => {
    const source = checkout()
    const run = await runner().run(source, 'env; whoami; python3 ok.py; touch made.txt; exit 4', {
      setup: 'echo installing',
      timeoutMs: 20_000
    })
    expect(run).toMatchObject({ code: 4, timedOut: false, setupFailed: false })
    expect(run.output).toContain('git-bob-box')
    expect(run.output).toContain('fine')
    expect(run.output).not.toContain('installing')
    expect(run.output).not.toContain(SECRET)
    expect(run.output).not.toContain('OPENAI_API_KEY')
    expect(run.output).not.toContain('GIT_BOB_SETUP=echo')
    // Nothing a check writes comes back into the checkout.
    expect(existsSync(join(source.dir, 'made.txt'))).toBe(false)
  })

  it('does not run the check when the set-up fails, and says so', async () => {
    const run = await runner().run(checkout(), 'echo checked', { setup: 'echo broken >&2; exit 7', timeoutMs: 20_000 })
    expect(run).toMatchObject({ code: 7, setupFailed: true })
    expect(run.output).toContain('broken')
    expect(run.output).not.toContain('checked')
  })

  it('kills a check that hangs, with what it started, at the time limit', async () => {
    const run = await runner().run(checkout(), 'sleep 300 & sleep 300', { setup: null, timeoutMs: 1500 })
    expect(run).toMatchObject({ code: null, timedOut: true })
    expect(run.ms).toBeLessThan(60_000)
  })
})

describe('sandboxChecks without a sandbox', () => {
  it('says why nothing can run', async () => {
    const checks = sandboxChecks(lazySandbox({ env: process.env, privilege: () => Promise.resolve(null) }))
    const availability = await checks.available()
    expect(availability.ok).toBe(false)
    expect(availability.ok ? '' : availability.reason).toContain('never runs code the model wrote outside one')
  })
})
