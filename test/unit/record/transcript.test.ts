import { describe, expect, it } from 'vitest'
import { Notes } from '../../../src/record/notes.ts'
import { Transcript, type CallRecord } from '../../../src/record/transcript.ts'

function call(provider: string, model: string, error: string | null, servedModel: string | null = null): CallRecord {
  return {
    purpose: 'answer',
    provider,
    requestedModel: model,
    servedModel,
    messages: [],
    answer: error ? null : 'ok',
    usage: error ? { inputTokens: 0, outputTokens: 0 } : { inputTokens: 1000, outputTokens: 100 },
    durationMs: 1,
    attempts: error ? 3 : 1,
    error
  }
}

describe('Transcript.credit', () => {
  it('credits nothing when no model was asked', () => {
    expect(new Transcript().credit()).toBeNull()
  })

  it('names every model tried, once each, when none answered', () => {
    const t = new Transcript()
    t.add(call('github_models', 'openai/gpt-4.1', 'server error'))
    t.add(call('github_models', 'openai/gpt-4.1', 'server error'))
    t.add(call('anthropic', 'claude-sonnet-4-5', 'overloaded'))
    expect(t.credit()).toEqual({
      tried: [
        { model: 'openai/gpt-4.1', provider: 'github_models' },
        { model: 'claude-sonnet-4-5', provider: 'anthropic' }
      ]
    })
  })

  it('credits the last model that answered, with the tokens of every call', () => {
    const t = new Transcript()
    t.add(call('openai', 'gpt-4.1', 'server error'))
    t.add(call('openai', 'gpt-4.1', null, 'gpt-4.1-2025-04-14'))
    t.add(call('openai', 'gpt-4.1', null, 'gpt-4.1-2025-04-14'))
    expect(t.credit()).toMatchObject({
      model: 'gpt-4.1-2025-04-14',
      provider: 'openai',
      inputTokens: 2000,
      outputTokens: 200
    })
  })

  it('tells people through the run notes it was given', () => {
    const notes = new Notes()
    new Transcript(notes).notes.tell('claude answered because gpt-4.1 failed.')
    expect(notes.forPeople).toEqual(['claude answered because gpt-4.1 failed.'])
  })
})
