import { describe, expect, it } from 'vitest'
import {
  checkLine,
  notebookProblem,
  notebookSentence,
  recordSentence,
  runMs,
  stateOf,
  stopSentence,
  summaryOf,
  timeRanOut,
  type CheckStatus,
  type NotebookStatus
} from '../../../../src/commands/implement/statuses.ts'
import { exitWords } from '../../../../src/ports/exit.ts'

describe('a notebook status', () => {
  it('is said with emphasis in the description and without it in the checks', () => {
    const status: NotebookStatus = { kind: 'still-fails', rounds: 2, error: 'cell 1: NameError: x\nTraceback ...' }
    expect(notebookSentence(status)).toBe('**still fails after 2 repair rounds** (see below)')
    expect(notebookSentence(status, false)).toBe('still fails after 2 repair rounds (see below)')
    // The error itself, once: under "What could not be done", and in the job summary's record of runs.
    expect(notebookProblem('a.ipynb', status)).toBe(
      '`a.ipynb` still fails after 2 repair rounds; it is committed with the error visible: cell 1: NameError: x. Please look at it.'
    )
    expect(recordSentence({ kind: 'notebook', notebook: status })).toBe(
      'still fails after 2 repair rounds; it is committed with the error visible: cell 1: NameError: x'
    )
  })

  it('says each way a notebook ends', () => {
    expect(notebookSentence({ kind: 'ran', ms: 1234, rounds: 0 })).toBe('ran without errors in 1.2 s')
    expect(notebookSentence({ kind: 'ran', ms: 3000, rounds: 1 })).toBe(
      'ran without errors in 3.0 s after 1 repair round'
    )
    expect(notebookSentence({ kind: 'text-only' })).toBe(
      'only its text changed, so its earlier outputs were kept and it was not run again'
    )
    expect(notebookSentence({ kind: 'stopped', limitMs: 600_000, error: 'cell 2: ValueError' })).toBe(
      '**stopped** before it could be repaired (see below)'
    )
    expect(notebookSentence({ kind: 'out-of-time', limitMs: 600_000 })).toBe('**not run** (see below)')
    expect(recordSentence({ kind: 'notebook', notebook: { kind: 'out-of-time', limitMs: 600_000 } })).toBe(
      'was not run: the 600 s for all notebook runs of this request (the `notebook-timeout-seconds` input) ran out; it is committed without fresh outputs'
    )
    expect(notebookSentence({ kind: 'unavailable', reason: 'no Jupyter' })).toBe('**not run**: no Jupyter')
    // Why is said once, under "What could not be done": not in the file list and the checks as well.
    const failed: NotebookStatus = { kind: 'could-not-run', problem: 'the kernel died', output: null, ms: 5 }
    expect(notebookSentence(failed)).toBe('**could not be run** (see below)')
    expect(notebookSentence(failed, false)).toBe('could not be run (see below)')
  })

  it('names a problem only when the notebook did not run cleanly', () => {
    expect(notebookProblem('a.ipynb', { kind: 'ran', ms: 1, rounds: 0 })).toBeNull()
    expect(notebookProblem('a.ipynb', { kind: 'text-only' })).toBeNull()
    expect(notebookProblem('a.ipynb', { kind: 'unavailable', reason: 'no Jupyter' })).toBeNull()
    expect(notebookProblem('a.ipynb', { kind: 'still-fails', rounds: 1, error: 'E\nrest' })).toBe(
      '`a.ipynb` still fails after 1 repair round; it is committed with the error visible: E. Please look at it.'
    )
    expect(notebookProblem('a.ipynb', { kind: 'could-not-run', problem: 'one', output: null, ms: 5 })).toBe(
      '`a.ipynb` could not be run: one.'
    )
    // Jupyter's last lines follow, fenced inside the list item.
    expect(
      notebookProblem('a.ipynb', {
        kind: 'could-not-run',
        problem: 'Jupyter ended with exit code 1',
        output: 'Traceback\n\nDeadKernelError: Kernel died',
        ms: 5
      })
    ).toBe(
      '`a.ipynb` could not be run: Jupyter ended with exit code 1. The last lines Jupyter printed:\n\n  ```\n  Traceback\n\n  DeadKernelError: Kernel died\n  ```'
    )
  })

  it('decides from the kind, not from words a reason happens to contain', () => {
    // A runner's reason that reads like a failure is still a notebook that did not run.
    const status: CheckStatus = {
      kind: 'notebook',
      notebook: { kind: 'unavailable', reason: 'the kernel stopped; it still fails to start' }
    }
    expect(stateOf(status)).toBe('not-run')
  })
})

describe('a check status', () => {
  it('is said in the words the pull request shows', () => {
    const cases: [CheckStatus, string, string][] = [
      [{ kind: 'passed', ms: 300 }, 'passed', 'passed in 0.3 s'],
      [{ kind: 'failed', code: 2, ms: 10 }, 'failed', 'failed with exit code 2'],
      [
        { kind: 'failed', code: 137, ms: 10 },
        'failed',
        'failed with exit code 137: killed (SIGKILL), out of memory or stopped'
      ],
      [{ kind: 'could-not-run' }, 'failed', 'could not be run'],
      [
        { kind: 'limit', limit: 'stopped: used more than 4 GB of memory' },
        'failed',
        'was stopped: used more than 4 GB of memory'
      ],
      [
        { kind: 'timed-out', ms: 5000 },
        'failed',
        'was stopped after 5.0 s: the time for notebook runs and checks ran out (the `notebook-timeout-seconds` input)'
      ],
      [
        { kind: 'setup-failed', setup: 'pip install -e .', code: 1 },
        'failed',
        'did not run: the set-up command `pip install -e .` failed (exit code 1)'
      ],
      [
        { kind: 'setup-failed', setup: 'pip install -e .', code: null },
        'failed',
        'did not run: the set-up command `pip install -e .` failed'
      ],
      [{ kind: 'unavailable', reason: 'no sandbox' }, 'not-run', 'not run: no sandbox'],
      [
        { kind: 'out-of-time' },
        'not-run',
        'not run: the time for notebook runs and checks ran out (the `notebook-timeout-seconds` input)'
      ],
      [{ kind: 'after-failure' }, 'not-run', 'not run: an earlier check failed']
    ]
    for (const [status, state, words] of cases) {
      expect(stateOf(status)).toBe(state)
      expect(summaryOf(status)).toBe(words)
    }
  })

  it('knows when the time ran out', () => {
    expect(timeRanOut({ kind: 'timed-out', ms: 1 })).toBe(true)
    expect(timeRanOut({ kind: 'out-of-time' })).toBe(true)
    // The sandbox's own limit is not the request's time, whatever its words.
    expect(timeRanOut({ kind: 'limit', limit: 'the time for notebook runs and checks ran out' })).toBe(false)
  })

  it('makes a line whose mark and words come from its status', () => {
    expect(checkLine('check', 'npm test', { kind: 'failed', code: 1, ms: 10 }, 'boom')).toEqual({
      kind: 'check',
      name: 'npm test',
      status: 'failed',
      summary: 'failed with exit code 1',
      tail: 'boom',
      ended: { kind: 'failed', code: 1, ms: 10 }
    })
  })

  it('says an exit code, and the signal behind one above 128', () => {
    expect(exitWords(1)).toBe('exit code 1')
    expect(exitWords(137)).toBe('exit code 137: killed (SIGKILL), out of memory or stopped')
    expect(exitWords(143)).toBe('exit code 143: ended by SIGTERM')
    expect(exitWords(255)).toBe('exit code 255')
  })

  it("gives the job summary the reason a notebook could not be run, and each run's time where known", () => {
    const notebook: CheckStatus = {
      kind: 'notebook',
      notebook: { kind: 'could-not-run', problem: 'Jupyter ended with exit code 1', output: 'x', ms: 2500 }
    }
    expect(recordSentence(notebook)).toBe('could not be run: Jupyter ended with exit code 1')
    expect(runMs(notebook)).toBe(2500)
    expect(recordSentence({ kind: 'failed', code: 2, ms: 700 })).toBe('failed with exit code 2')
    expect(runMs({ kind: 'failed', code: 2, ms: 700 })).toBe(700)
    expect(runMs({ kind: 'notebook', notebook: { kind: 'ran', ms: 900, rounds: 0 } })).toBe(900)
    expect(runMs({ kind: 'after-failure' })).toBeNull()
  })
})

describe('why a repair stopped', () => {
  it('is said in the words of the warning', () => {
    expect(stopSentence({ kind: 'rounds-used', rounds: 3, allowed: 3 })).toBe(
      'the checks still fail after 3 repair rounds (the `check-repair-rounds` input allows 3)'
    )
    expect(stopSentence({ kind: 'time-up', limitMs: 600_000 })).toBe(
      'the 600 s for notebook runs and checks ran out (the `notebook-timeout-seconds` input)'
    )
    expect(stopSentence({ kind: 'cut-short', why: 'max-steps (20) was reached' })).toBe(
      "the model's repair was cut short: max-steps (20) was reached"
    )
    expect(stopSentence({ kind: 'model-ended' })).toBe('the model ended its repair before the checks passed')
  })
})
