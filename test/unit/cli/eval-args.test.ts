import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { DEFAULT_OUT, parseEvalArgs } from '../../../src/cli/eval-args.ts'
import { findClone, NOT_A_CLONE, runEvalCommand } from '../../../src/cli/eval.ts'

describe('git-bob eval arguments', () => {
  it('reads tasks, kinds and models as lists, and the rest as given', () => {
    expect(
      parseEvalArgs([
        '--tasks',
        'a,b',
        '--kinds',
        'review',
        '--model',
        'openai:gpt-4.1',
        '--model',
        'anthropic:claude-haiku-4-5',
        '--author-model',
        'openai:gpt-4.1-mini',
        '--max-cost-usd',
        '2.5',
        '--record',
        'cassettes'
      ])
    ).toEqual({
      kind: 'run',
      options: {
        tasks: ['a', 'b'],
        kinds: ['review'],
        models: ['openai:gpt-4.1', 'anthropic:claude-haiku-4-5'],
        authorModel: 'openai:gpt-4.1-mini',
        maxCostUsd: 2.5,
        record: 'cassettes',
        replay: null,
        out: DEFAULT_OUT,
        standIns: false
      }
    })
  })

  it('says what is wrong with a line, and names the nearest flag', () => {
    expect(parseEvalArgs(['--taks', 'a'])).toMatchObject({
      kind: 'usage-error',
      message: expect.stringContaining('did you mean --tasks?')
    })
    expect(parseEvalArgs(['--max-cost-usd', 'lots'])).toMatchObject({ kind: 'usage-error' })
    expect(parseEvalArgs(['--record', 'a', '--replay', 'b'])).toMatchObject({ kind: 'usage-error' })
    expect(parseEvalArgs(['--model', 'gpt-4.1'])).toMatchObject({ kind: 'usage-error' })
  })

  it('finds the clone it runs from, and outside one says how to get it', async () => {
    expect(findClone(fileURLToPath(new URL('.', import.meta.url)))).toBe(
      fileURLToPath(new URL('../../../', import.meta.url)).replace(/\/$/, '')
    )
    const errors: string[] = []
    const code = await runEvalCommand([], {
      out: () => undefined,
      err: (t) => errors.push(t),
      cwd: mkdtempSync(`${tmpdir()}/x-`)
    })
    expect(code).toBe(1)
    expect(errors).toEqual([NOT_A_CLONE])
  })
})
