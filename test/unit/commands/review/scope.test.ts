import { describe, expect, it } from 'vitest'
import {
  COMPARE_FILE_LIMIT,
  firstScope,
  scopeAfterCompare,
  wantsFullReview
} from '../../../../src/commands/review/scope.ts'

const A = 'a'.repeat(40)
const B = 'b'.repeat(40)

describe('wantsFullReview', () => {
  it.each([
    'fully',
    'full',
    'this fully please',
    'everything',
    'all of it',
    'the whole PR',
    'again from scratch',
    '(full review please)',
    'FULLY'
  ])('%j asks for a full review', (args) => {
    expect(wantsFullReview(args)).toBe(true)
  })
  it.each(['', 'please', 'the new commits', 'carefully', 'fuller-bodied', 'install.py'])('%j does not', (args) => {
    expect(wantsFullReview(args)).toBe(false)
  })
})

describe('firstScope', () => {
  it('reviews everything the first time, or when asked', () => {
    expect(firstScope('', null, B)).toEqual({ kind: 'full', why: 'this is the first review' })
    expect(firstScope('fully', A, B)).toEqual({ kind: 'full', why: 'a full review was asked for' })
    expect(firstScope('fully', B, B)).toMatchObject({ kind: 'full' })
  })
  it('has nothing new when the head is the commit last reviewed', () => {
    expect(firstScope('', B, B)).toEqual({ kind: 'unchanged', since: B })
  })
  it('asks for a comparison when the head moved on', () => {
    expect(firstScope('', A, B)).toBeNull()
  })
})

describe('scopeAfterCompare', () => {
  it('reviews the new commits when the head is ahead of the last review', () => {
    expect(scopeAfterCompare(A, { status: 'ahead', fileCount: 3 })).toEqual({ kind: 'since', since: A })
  })
  it('reviews everything after a force-push, a lost commit, or too many files to list', () => {
    expect(scopeAfterCompare(A, { status: 'diverged', fileCount: 3 })).toMatchObject({
      kind: 'full',
      why: expect.stringContaining('rewritten')
    })
    expect(scopeAfterCompare(A, { status: 'behind', fileCount: 3 })).toMatchObject({ kind: 'full' })
    expect(scopeAfterCompare(A, null)).toMatchObject({
      kind: 'full',
      why: expect.stringContaining('no longer on GitHub')
    })
    expect(scopeAfterCompare(A, { status: 'ahead', fileCount: COMPARE_FILE_LIMIT })).toMatchObject({
      kind: 'full',
      why: expect.stringContaining('300')
    })
  })
  it("names GitLab when it is GitLab's comparison", () => {
    expect(scopeAfterCompare(A, null, 'GitLab')).toMatchObject({
      why: expect.stringContaining('is no longer on GitLab')
    })
    expect(scopeAfterCompare(A, { status: 'ahead', fileCount: COMPARE_FILE_LIMIT }, 'GitLab')).toMatchObject({
      why: expect.stringMatching(/^GitLab lists at most 300 files/)
    })
  })
  it('has nothing new when the commits are identical', () => {
    expect(scopeAfterCompare(A, { status: 'identical', fileCount: 0 })).toEqual({ kind: 'unchanged', since: A })
  })
})
