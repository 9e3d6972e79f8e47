import { describe, expect, it } from 'vitest'
import { z } from 'zod'
import { askUntilValid, untilValid, type Validation } from '../../../src/llm/ask-until-valid.ts'
import { ScriptedModel } from '../../fakes/scripted-model.ts'

const even = (n: number): Validation<string> =>
  n % 2 === 0 ? { ok: true, value: `even ${n}` } : { ok: false, problem: `${n} is odd` }

describe('untilValid', () => {
  it('accepts a good first answer without asking again', async () => {
    const asked: string[] = []
    const settled = await untilValid<number, string>(2, even, async (p) => (asked.push(p), 4), 3)
    expect(settled).toEqual({ ok: true, value: 'even 2', rounds: 0 })
    expect(asked).toEqual([])
  })

  it('asks again with the problem and the rejected answer, and counts the rounds', async () => {
    const asked: string[] = []
    const answers = [3, 4]
    const settled = await untilValid<number, string>(
      1,
      even,
      async (problem, last) => {
        asked.push(`${problem} (was ${last})`)
        return answers.shift()!
      },
      3
    )
    expect(settled).toEqual({ ok: true, value: 'even 4', rounds: 2 })
    expect(asked).toEqual(['1 is odd (was 1)', '3 is odd (was 3)'])
  })

  it('gives up after the last round with the last problem', async () => {
    let asked = 0
    const settled = await untilValid<number, string>(1, even, async () => (asked++, 5), 2)
    expect(settled).toEqual({ ok: false, problem: '5 is odd', rounds: 2 })
    expect(asked).toBe(2)
  })

  it('with no rounds, only checks', async () => {
    expect(await untilValid<number, string>(1, even, async () => 2, 0)).toEqual({
      ok: false,
      problem: '1 is odd',
      rounds: 0
    })
  })
})

describe('askUntilValid', () => {
  const schema = z.object({ n: z.number() })
  const request = {
    purpose: 'count',
    messages: [{ role: 'user' as const, content: 'an even number, please' }],
    schema,
    schemaName: 'number'
  }

  it('continues the conversation: each rejected answer, then the feedback, under "(again)"', async () => {
    const model = new ScriptedModel({ n: 1 }, { n: 3 }, { n: 6 })
    const settled = await askUntilValid(model, request, (v) => even(v.n), {
      rounds: 2,
      feedback: (p) => `No: ${p}.`
    })
    expect(settled).toMatchObject({ ok: true, value: 'even 6', rounds: 2, reply: { value: { n: 6 } } })
    expect(model.purposes).toEqual(['count', 'count (again)', 'count (again)'])
    expect(model.requests[2]!.messages).toEqual([
      { role: 'user', content: 'an even number, please' },
      { role: 'assistant', content: '{"n":1}' },
      { role: 'user', content: 'No: 1 is odd.' },
      { role: 'assistant', content: '{"n":3}' },
      { role: 'user', content: 'No: 3 is odd.' }
    ])
  })

  it('returns the last reply with the problem when no round is left', async () => {
    const model = new ScriptedModel({ n: 1 }, { n: 3 })
    const settled = await askUntilValid(model, request, (v) => even(v.n), { rounds: 1, feedback: (p) => p })
    expect(settled).toMatchObject({ ok: false, problem: '3 is odd', rounds: 1, reply: { value: { n: 3 } } })
  })
})
