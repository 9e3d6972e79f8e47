// The run's one box: opened at most once, on first need, for the checks and the notebooks alike; both see the
// same isolation, and the same reason when no box can be had. The opening is a fake here (counted); the real one
// is sandbox.test.ts's.
import { chmodSync, mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { jupyterRunner } from '../../../../src/adapters/jupyter/execute.ts'
import { sandboxChecks } from '../../../../src/adapters/sandbox/checks.ts'
import { lazyBox, lazySandbox } from '../../../../src/adapters/sandbox/lazy-box.ts'
import type { SandboxAvailability, SandboxRun } from '../../../../src/adapters/sandbox/sandbox.ts'

const ISOLATION = 'a box of its own (the test’s)'

/** A PATH with a `jupyter-nbconvert` on it, so that the notebook runner asks for the box (nothing is started). */
function withJupyter(): Record<string, string> {
  const bin = mkdtempSync(join(tmpdir(), 'lazy-box-bin-'))
  writeFileSync(join(bin, 'jupyter-nbconvert'), '#!/bin/sh\nexit 1\n')
  chmodSync(join(bin, 'jupyter-nbconvert'), 0o755)
  return { PATH: bin }
}

const RAN: SandboxRun = {
  code: 0,
  output: 'checked\n',
  timedOut: false,
  limit: null,
  copiedBack: [],
  refused: [],
  overheadMs: 0
}

/** A box opener that counts its openings and answers `answer` (after a turn, as a real probe would). */
function counted(answer: SandboxAvailability): { open: () => Promise<SandboxAvailability>; opens: () => number } {
  let opens = 0
  return {
    open: async () => {
      opens++
      await new Promise((resolve) => setTimeout(resolve, 5))
      return answer
    },
    opens: () => opens
  }
}

const source = { dir: tmpdir(), written: () => [], wrote: () => {} }

describe('lazyBox', () => {
  it('opens nothing until asked, then once for the checks and the notebooks together, also when asked at once', async () => {
    const runs: string[] = []
    const opener = counted({
      ok: true,
      sandbox: {
        isolation: ISOLATION,
        run: (request) => {
          runs.push(request.command)
          return Promise.resolve(RAN)
        }
      }
    })
    const box = lazyBox(opener.open)
    const checks = sandboxChecks(box)
    const notebooks = jupyterRunner(withJupyter(), box)
    expect(opener.opens()).toBe(0)
    const [forChecks, forNotebooks] = await Promise.all([checks.available(), notebooks.available()])
    expect(forChecks).toEqual({ ok: true })
    expect(forNotebooks).toEqual({ ok: true })
    const run = await checks.run(source, 'true', { setup: null, timeoutMs: 1_000 })
    expect(run).toMatchObject({ code: 0, output: 'checked\n', setupFailed: false })
    await checks.run(source, 'true', { setup: null, timeoutMs: 1_000 })
    expect(opener.opens()).toBe(1)
    // The probe was the opening's; the runs are the checks' own.
    expect(runs).toEqual(['sh', 'sh'])
  })

  it('makes its isolation known to both, whichever opened it', async () => {
    const box = lazyBox(counted({ ok: true, sandbox: { isolation: ISOLATION, run: () => Promise.resolve(RAN) } }).open)
    const checks = sandboxChecks(box)
    const notebooks = jupyterRunner(withJupyter(), box)
    expect(box.isolation).toBeNull()
    expect(checks.isolation).toBeNull()
    expect(notebooks.isolation).toBeNull()
    await checks.available()
    expect(box.isolation).toBe(ISOLATION)
    expect(checks.isolation).toBe(ISOLATION)
    expect(notebooks.isolation).toBe(ISOLATION)
  })

  it('reports a failed opening to both, each in its own words, and does not try again', async () => {
    const opener = counted({ ok: false, reason: 'no root here' })
    const box = lazyBox(opener.open)
    const checks = sandboxChecks(box)
    const notebooks = jupyterRunner(withJupyter(), box)
    const reason =
      'no sandbox could be had (no root here); git-bob never runs code the model wrote outside one (see [the security model]('
    const [forNotebooks, forChecks] = await Promise.all([notebooks.available(), checks.available()])
    expect(forNotebooks.ok ? '' : forNotebooks.reason).toContain(reason)
    expect(forChecks.ok ? '' : forChecks.reason).toContain(reason)
    expect(forChecks).toEqual(forNotebooks)
    expect(await checks.run(source, 'true', { setup: null, timeoutMs: 1_000 })).toEqual({
      code: null,
      output: 'no root here',
      timedOut: false,
      setupFailed: false,
      ms: 0,
      limit: null
    })
    const limits = { cellTimeoutSeconds: 1, totalTimeoutMs: 1_000, maxFileBytes: 1_000 }
    expect(await notebooks.run(source, 'a.ipynb', limits)).toEqual({
      kind: 'failed',
      problem: 'no sandbox could be had: no root here',
      ms: 0
    })
    expect(opener.opens()).toBe(1)
    expect(box.isolation).toBeNull()
    expect(notebooks.isolation).toBeNull()
  })

  it('opens the real sandbox with the settings given (here: without root or sudo, none)', async () => {
    const box = lazySandbox({ env: process.env, privilege: () => Promise.resolve(null) })
    const opening = await box.opened()
    expect(opening.ok ? '' : opening.reason).toContain('neither as root nor with passwordless `sudo`')
    expect(await box.opened()).toBe(opening)
  })
})
