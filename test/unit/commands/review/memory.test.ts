import { describe, expect, it } from 'vitest'
import { memorySection } from '../../../../src/commands/review/memory.ts'
import { estimateTokens } from '../../../../src/conversation/tokens.ts'

describe('memorySection', () => {
  it('is empty without rules', () => {
    expect(memorySection([], 10_000)).toEqual({ text: '', leftOut: null })
  })

  it('lists every rule as decided by the maintainers, not to be raised', () => {
    const { text, leftOut } = memorySection(['we keep tabs', 'long lines in data/'], 10_000)
    expect(text).toContain('Decided by the maintainers: do not raise')
    expect(text).toContain('.github/git-bob/review-memory.md')
    expect(text).toContain('- we keep tabs\n- long lines in data/')
    expect(leftOut).toBeNull()
  })

  it('keeps within a tenth of the budget: the last rules go, with a note for the model and for people', () => {
    const rules = Array.from({ length: 100 }, (_, i) => `rule number ${i} ${'x'.repeat(60)}`)
    const { text, leftOut } = memorySection(rules, 4_000)
    expect(estimateTokens(text)).toBeLessThanOrEqual(400)
    expect(text).toContain('- rule number 0 ')
    expect(text).not.toContain('rule number 99')
    expect(text).toMatch(/\d+ more rules left out to fit the budget/)
    expect(leftOut).toMatch(/^the last \d+ rules of the review memory/)
  })
})
