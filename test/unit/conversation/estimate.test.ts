import { describe, expect, it } from 'vitest'
import { estimateWork, EXPECTED_CALLS, OUTPUT_TOKENS } from '../../../src/conversation/estimate.ts'
import { parseModelSpec } from '../../../src/llm/providers.ts'

describe('estimateWork', () => {
  const gpt41 = parseModelSpec('openai:gpt-4.1')

  it('calls × (prompt tokens × input price + the expected output × output price)', () => {
    // 40,000 characters: 10,000 tokens; gpt-4.1: $2 in, $8 out per million.
    const estimate = estimateWork({
      texts: ['a'.repeat(30_000), 'b'.repeat(10_000)],
      budgetTokens: 100_000,
      calls: 10,
      spec: gpt41
    })
    expect(estimate).toEqual({
      usd: (10 * (10_000 * 2 + OUTPUT_TOKENS * 8)) / 1_000_000,
      promptTokens: 10_000,
      calls: 10
    })
  })

  it('the prompt is capped by its budget: what is left out is not sent', () => {
    const estimate = estimateWork({
      texts: ['a'.repeat(400_000)],
      budgetTokens: 50_000,
      calls: EXPECTED_CALLS.review!,
      spec: gpt41
    })
    expect(estimate!.promptTokens).toBe(50_000)
    expect(estimate!.usd).toBeCloseTo((2 * (50_000 * 2 + 4000 * 8)) / 1e6, 10)
  })

  it('null for a model without a known price', () => {
    expect(
      estimateWork({
        texts: ['x'],
        budgetTokens: 1000,
        calls: 10,
        spec: parseModelSpec('github_models:openai/gpt-4.1')
      })
    ).toBeNull()
  })

  it('implement and try expect more calls than a review', () => {
    expect(EXPECTED_CALLS.implement).toBeGreaterThan(EXPECTED_CALLS.review!)
    expect(EXPECTED_CALLS.try).toBe(EXPECTED_CALLS.implement)
  })
})
