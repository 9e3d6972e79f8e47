// Continuation on one model's state with a scripted provider (no HTTP): what is asked again, and when it stops.
import { describe, expect, it } from 'vitest'
import { continueText } from '../../../src/llm/continuation.ts'
import { modelState } from '../../../src/llm/model-state.ts'
import { parseModelSpec } from '../../../src/llm/providers.ts'
import type { Message, ProviderRequest, ProviderResponse } from '../../../src/llm/types.ts'
import { Transcript } from '../../../src/record/transcript.ts'

const ASK: Message[] = [{ role: 'user', content: 'Say something.' }]

function scripted(answers: ProviderResponse[]): { sent: ProviderRequest[]; state: ReturnType<typeof modelState> } {
  const sent: ProviderRequest[] = []
  const state = modelState(
    parseModelSpec('openai:gpt-4.1'),
    {
      call: async (request) => {
        sent.push(request)
        const answer = answers.shift()
        if (!answer) throw new Error('no answer scripted')
        return answer
      }
    },
    {
      timeoutMs: 5000,
      retry: { retries: 0, baseDelayMs: 1, maxDelayMs: 1 },
      maxOutputTokens: 1000,
      maxContinuations: 3,
      transcript: new Transcript()
    }
  )
  return { sent, state }
}

const cut = (text: string): ProviderResponse => ({
  text,
  servedModel: null,
  usage: { inputTokens: 10, outputTokens: 1000 },
  finishReason: 'length'
})

describe('continueText', () => {
  it('asks again with the cut piece and the request to continue, and adds up every call', async () => {
    const { sent, state } = scripted([
      { text: 'second.', servedModel: null, usage: { inputTokens: 20, outputTokens: 2 }, finishReason: 'stop' }
    ])
    const result = await continueText(state, 'answer', ASK, cut('first, '), 1000)
    expect(result.text).toBe('first, second.')
    expect(result.usage).toEqual({ inputTokens: 30, outputTokens: 1002 })
    expect(result.last.finishReason).toBe('stop')
    expect(sent).toHaveLength(1)
    expect(sent[0]!.messages.at(-2)).toEqual({ role: 'assistant', content: 'first, ' })
    expect(sent[0]!.messages.at(-1)).toMatchObject({ role: 'user' })
    expect(ASK).toHaveLength(1)
  })

  it('does not continue an empty cut answer: there is nothing to go on from', async () => {
    const { sent, state } = scripted([])
    const result = await continueText(state, 'answer', ASK, cut(''), 1000)
    expect(sent).toHaveLength(0)
    expect(result.last.finishReason).toBe('length')
  })

  it('stops after maxContinuations, still cut', async () => {
    const { sent, state } = scripted([cut('b'), cut('c'), cut('d'), cut('e')])
    const result = await continueText(state, 'answer', ASK, cut('a'), 1000)
    expect(sent).toHaveLength(3)
    expect(result.text).toBe('abcd')
    expect(result.last.finishReason).toBe('length')
  })
})
