import { describe, expect, it } from 'vitest'
import { closest, editDistance } from '../../../src/cli/closest.ts'

describe('closest', () => {
  const known = ['model', 'max-files', 'max-steps', 'post', 'request', 'base-url', 'bot-login']

  it('finds the flag a typo meant, a swap of two letters counting as one edit', () => {
    expect(closest('modle', known)).toBe('model')
    expect(closest('Model', known)).toBe('model')
    expect(closest('max-step', known)).toBe('max-steps')
    expect(closest('base_url', known)).toBe('base-url')
    expect(closest('psot', known)).toBe('post')
  })

  it('suggests nothing for a word far from every flag', () => {
    expect(closest('github-token', known)).toBeNull()
    expect(closest('x', known)).toBeNull()
  })

  it('measures insertions, deletions, substitutions and neighbour swaps', () => {
    expect(editDistance('model', 'model')).toBe(0)
    expect(editDistance('modle', 'model')).toBe(1)
    expect(editDistance('mode', 'model')).toBe(1)
    expect(editDistance('kitten', 'sitting')).toBe(3)
    expect(editDistance('', 'post')).toBe(4)
  })
})
