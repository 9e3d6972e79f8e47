import { describe, expect, it } from 'vitest'
import { agrees, counted } from '../../../src/llm/plural.ts'

describe('counted', () => {
  it('writes the singular for one and the plural for every other count', () => {
    expect(counted(1, 'message')).toBe('1 message')
    expect(counted(0, 'message')).toBe('0 messages')
    expect(counted(2, 'sub-issue')).toBe('2 sub-issues')
    expect(counted(1204, 'file')).toBe('1,204 files')
  })

  it('takes an irregular plural', () => {
    expect(counted(3, 'repair round')).toBe('3 repair rounds')
    expect(counted(2, 'child', 'children')).toBe('2 children')
  })
})

describe('agrees', () => {
  it('picks the verb form that agrees with the count', () => {
    expect(agrees(1, 'was', 'were')).toBe('was')
    expect(agrees(4, 'was', 'were')).toBe('were')
  })
})
