import { describe, expect, it } from 'vitest'
import { existingLabels, TriageSchema } from '../../../src/commands/triage.ts'

describe('existingLabels', () => {
  it("keeps only the repository's labels, spelt its way, once each, at most three", () => {
    const available = ['bug', 'Question', 'documentation', 'good first issue']
    expect(existingLabels(['Bug', 'question ', 'made-up', 'bug'], available)).toEqual(['bug', 'Question'])
    expect(existingLabels(['bug', 'question', 'documentation', 'good first issue'], available)).toHaveLength(3)
    expect(existingLabels(['anything'], [])).toEqual([])
  })
})

describe('TriageSchema', () => {
  it('accepts a label or an answer, and nothing else', () => {
    expect(TriageSchema.safeParse({ action: 'label', labels: ['bug'], reason: 'r', answer: '' }).success).toBe(true)
    expect(TriageSchema.safeParse({ action: 'close', labels: [], reason: 'r', answer: '' }).success).toBe(false)
  })
})
