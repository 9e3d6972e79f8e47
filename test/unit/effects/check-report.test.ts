import { describe, expect, it } from 'vitest'
import { checkLine } from '../../../src/commands/implement/statuses.ts'
import type { CheckReport } from '../../../src/commands/types.ts'
import { checksFail, checksSection, failureHeadline } from '../../../src/effects/check-report.ts'

const PASSED: CheckReport = {
  lines: [
    checkLine('syntax', 'python3 -m py_compile a.py', { kind: 'passed', ms: 300 }, null),
    checkLine('check', 'python3 -m pytest -q', { kind: 'passed', ms: 1200 }, null),
    checkLine('notebook', 'plot.ipynb', { kind: 'notebook', notebook: { kind: 'ran', ms: 2000, rounds: 0 } }, null)
  ],
  rounds: 1,
  source: 'the pytest configuration in `pyproject.toml`',
  stopped: null
}

const FAILED: CheckReport = {
  lines: [
    checkLine(
      'check',
      'npm test',
      { kind: 'failed', code: 1, ms: 10 },
      `${Array.from({ length: 40 }, (_, i) => `line ${i}`).join('\n')}`
    )
  ],
  rounds: 3,
  source: 'the `check-command` input',
  stopped: 'the checks still fail after 3 repair rounds (the `check-repair-rounds` input allows 3)'
}

describe('the check report', () => {
  it('lists every command that ran, how it ended, the rounds, and where the command came from', () => {
    const text = checksSection(PASSED)
    expect(text).toContain('**Checks (after 1 repair round):**')
    expect(text).toContain('- ✅ `python3 -m py_compile a.py` passed in 0.3 s')
    expect(text).toContain('- ✅ notebook `plot.ipynb` ran without errors in 2.0 s')
    expect(text).toContain(
      'The check command `python3 -m pytest -q` was taken from the pytest configuration in `pyproject.toml`'
    )
    expect(checksFail(PASSED)).toBe(false)
    expect(failureHeadline(PASSED)).toBe('')
  })

  it('says a failure first, why it stopped, and shows the last 20 lines of its output', () => {
    expect(checksFail(FAILED)).toBe(true)
    expect(failureHeadline(FAILED)).toBe(
      '> [!WARNING]\n> **The checks fail after 3 repair rounds:** `npm test` failed with exit code 1. I stopped: the checks still fail after 3 repair rounds (the `check-repair-rounds` input allows 3). Please look at the output below before building on this.\n\n'
    )
    const text = checksSection(FAILED)
    expect(text).toContain('- ❌ `npm test` failed with exit code 1')
    expect(text).toContain('line 39')
    expect(text).toContain('line 20')
    expect(text).not.toContain('line 19\n')
  })

  it('says plainly when no check ran at all', () => {
    const none = { lines: [], rounds: 0, source: null, stopped: null }
    expect(checksSection(none)).toContain('**Checks:** none ran: no `check-command` is set and none was found')
    expect(checksFail(none)).toBe(false)
  })

  it('has no checks section for a command that runs no checks (paint)', () => {
    expect(checksSection(null)).toBe('')
    expect(checksFail(null)).toBe(false)
  })

  it('does not count checks that could not run as failing', () => {
    const notRun: CheckReport = {
      ...PASSED,
      lines: [checkLine('check', 'make test', { kind: 'unavailable', reason: 'no sandbox' }, null)]
    }
    expect(checksFail(notRun)).toBe(false)
    expect(checksSection(notRun)).toContain('⏭️ `make test` not run: no sandbox')
  })
})
