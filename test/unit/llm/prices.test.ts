import { describe, expect, it } from 'vitest'
import { estimateCost, formatCost, priceOf } from '../../../src/llm/prices.ts'
import { callCost, Transcript, type CallRecord } from '../../../src/record/transcript.ts'

describe('priceOf', () => {
  it.each<[string, string, number, number]>([
    ['openai', 'gpt-4.1', 2, 8],
    ['openai', 'gpt-4.1-2025-04-14', 2, 8],
    ['openai', 'gpt-4.1-mini', 0.4, 1.6],
    ['openai', 'gpt-4.1-mini-2025-04-14', 0.4, 1.6],
    ['openai', 'o3-mini', 1.1, 4.4],
    ['anthropic', 'claude-sonnet-4-5-20250929', 3, 15],
    ['anthropic', 'claude-opus-4-5', 5, 25],
    ['anthropic', 'claude-opus-4-1-20250805', 15, 75],
    ['google', 'gemini-2.5-flash', 0.3, 2.5],
    ['google', 'gemini-2.5-flash-lite', 0.1, 0.4],
    ['google', 'models/gemini-2.5-pro', 1.25, 10],
    ['deepseek', 'deepseek-chat', 0.28, 0.42],
    ['mistral', 'mistral-large-latest', 2, 6]
  ])('%s %s costs $%s in / $%s out per million tokens (longest name prefix wins)', (provider, model, input, output) => {
    expect(priceOf(provider, model)).toEqual({ input, output })
  })

  it.each<[string, string]>([
    ['github_models', 'openai/gpt-4.1'],
    ['ollama', 'llama3.2'],
    ['custom', 'gpt-4.1'],
    ['openai', 'gpt-4.10'],
    ['openai', 'gpt-4'],
    ['anthropic', 'claude-next']
  ])('%s %s has no price', (provider, model) => {
    expect(priceOf(provider, model)).toBeNull()
  })
})

describe('estimateCost and formatCost', () => {
  it('prices input and output tokens separately', () => {
    expect(estimateCost('openai', 'gpt-4.1', { inputTokens: 1_000_000, outputTokens: 500_000 })).toBeCloseTo(2 + 4)
    expect(estimateCost('openai', 'gpt-4.1', { inputTokens: 1200, outputTokens: 300 })).toBeCloseTo(0.0048)
    expect(estimateCost('ollama', 'llama3.2', { inputTokens: 1, outputTokens: 1 })).toBeNull()
  })

  it.each<[number, string]>([
    [0, '$0.00'],
    [0.00004, '<$0.0001'],
    [0.0048, '$0.0048'],
    [0.12345, '$0.1235'],
    [1.5, '$1.50'],
    [12.345, '$12.35']
  ])('%s -> %s', (usd, text) => {
    expect(formatCost(usd)).toBe(text)
  })
})

function call(
  provider: string,
  model: string,
  inputTokens: number,
  outputTokens: number,
  servedModel: string | null = null
): CallRecord {
  return {
    purpose: 'answer',
    provider,
    requestedModel: model,
    servedModel,
    messages: [],
    answer: '',
    usage: { inputTokens, outputTokens },
    durationMs: 1,
    attempts: 1,
    error: null
  }
}

describe('Transcript cost', () => {
  it('sums the calls of a run, priced by the served model', () => {
    const t = new Transcript()
    t.add(call('openai', 'gpt-4.1', 1200, 300, 'gpt-4.1-2025-04-14'))
    t.add(call('anthropic', 'claude-sonnet-4-5', 1000, 100, 'claude-sonnet-4-5-20250929'))
    expect(t.totalCost).toBeCloseTo(0.0048 + 0.003 + 0.0015)
  })

  it('falls back to the requested model when the served name is not listed', () => {
    expect(callCost(call('openai', 'gpt-4.1', 1_000_000, 0, 'some-deployment-name'))).toBeCloseTo(2)
  })

  it('is unknown when a call that used tokens has no price, and ignores failed calls without tokens', () => {
    const t = new Transcript()
    t.add(call('openai', 'gpt-4.1', 0, 0))
    t.add(call('github_models', 'openai/gpt-4.1', 10, 10))
    expect(t.totalCost).toBeNull()
    const u = new Transcript()
    u.add(call('github_models', 'openai/gpt-4.1', 0, 0))
    u.add(call('openai', 'gpt-4.1', 1_000_000, 0))
    expect(u.totalCost).toBeCloseTo(2)
  })
})
