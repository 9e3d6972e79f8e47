import { describe, expect, it } from 'vitest'
import { addUsage, modelState, outputLimit } from '../../../src/llm/model-state.ts'
import { parseModelSpec } from '../../../src/llm/providers.ts'
import type { Message } from '../../../src/llm/types.ts'
import { Transcript } from '../../../src/record/transcript.ts'

const ASK: Message[] = [{ role: 'user', content: 'Say something.' }]

const state = modelState(
  parseModelSpec('openai:gpt-4.1'),
  { call: () => Promise.reject(new Error('no call expected')) },
  {
    timeoutMs: 5000,
    retry: { retries: 0, baseDelayMs: 1, maxDelayMs: 1 },
    maxOutputTokens: 1000,
    maxContinuations: 3,
    transcript: new Transcript()
  }
)

describe('outputLimit', () => {
  it("takes the request's limit, else the configured one, never above the model's cap", () => {
    expect(outputLimit(state, { purpose: 'p', messages: ASK })).toBe(1000)
    expect(outputLimit(state, { purpose: 'p', messages: ASK, maxOutputTokens: 50 })).toBe(50)
    const capped = { ...state, cap: 20 }
    expect(outputLimit(capped, { purpose: 'p', messages: ASK, maxOutputTokens: 50 })).toBe(20)
  })
})

describe('addUsage', () => {
  it("adds one call's tokens to the sum", () => {
    const sum = { inputTokens: 1, outputTokens: 2 }
    addUsage(sum, { inputTokens: 10, outputTokens: 20 })
    expect(sum).toEqual({ inputTokens: 11, outputTokens: 22 })
  })
})
