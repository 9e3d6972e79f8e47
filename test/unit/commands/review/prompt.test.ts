import { describe, expect, it } from 'vitest'
import type { CoverageEntry } from '../../../../src/commands/review/budget.ts'
import { clipMiddle, layout, leftOutList, userMessage } from '../../../../src/commands/review/prompt.ts'
import { estimateTokens } from '../../../../src/conversation/tokens.ts'

describe('clipMiddle', () => {
  it('keeps a short text', () => {
    expect(clipMiddle('abc', 10)).toBe('abc')
  })
  it('keeps the beginning and the end, within the limit, and says what was cut', () => {
    const text = `START ${'m'.repeat(10_000)} END`
    const clipped = clipMiddle(text, 1000)
    expect(clipped.length).toBeLessThanOrEqual(1000)
    expect(clipped.startsWith('START')).toBe(true)
    expect(clipped.endsWith('END')).toBe(true)
    expect(clipped).toContain('characters of the conversation left out here')
  })
})

describe('layout', () => {
  it('leaves the changes what the fixed parts do not take, and the whole stays within the budget', () => {
    const system = 's'.repeat(4000)
    const task = 't'.repeat(2000)
    for (const budget of [2000, 10_000, 50_000]) {
      const shape = layout(system, 'c'.repeat(1_000_000), task, budget)
      expect(estimateTokens(shape.conversation)).toBeLessThanOrEqual(budget * 0.25)
      const changes = 'x'.repeat(shape.changesTokens * 4)
      const leftOut = 'y'.repeat(shape.leftOutChars)
      expect(
        estimateTokens(system) + estimateTokens(userMessage(shape.conversation, changes, leftOut, task))
      ).toBeLessThanOrEqual(budget)
    }
  })
  it('gives the changes nothing when the fixed parts alone exceed the budget', () => {
    expect(layout('s'.repeat(100_000), '', '', 2000).changesTokens).toBe(0)
  })
})

describe('leftOutList', () => {
  const entries: CoverageEntry[] = [
    { path: 'a.py', coverage: 'full', detail: 'x' },
    { path: 'b.py', coverage: 'partial', detail: 'the whole diff, not the rest of the file (…)' },
    { path: 'c.py', coverage: 'none', detail: 'did not fit the token budget' }
  ]
  it('names what the model was not shown', () => {
    const list = leftOutList(entries, 10_000)
    expect(list).toContain('(2 files)')
    expect(list).toContain('- c.py: did not fit the token budget')
    expect(list).not.toContain('a.py')
  })
  it('says when everything was shown', () => {
    expect(leftOutList([entries[0]!], 1000)).toContain('Nothing: you see every changed file in full.')
  })
  it('fits its limit, counting the rest', () => {
    const many = Array.from({ length: 500 }, (_, i): CoverageEntry => ({
      path: `f${i}.py`,
      coverage: 'none',
      detail: 'did not fit the token budget'
    }))
    const list = leftOutList(many, 1000)
    expect(list.length).toBeLessThanOrEqual(1000)
    expect(list).toMatch(/… and \d+ more files/)
  })
})

describe('leftOutList with almost no room', () => {
  it('never exceeds its limit', () => {
    const entries: CoverageEntry[] = [{ path: 'c.py', coverage: 'none', detail: 'did not fit the token budget' }]
    for (const max of [0, 10, 50, 100]) expect(leftOutList(entries, max).length).toBeLessThanOrEqual(max)
  })
})
