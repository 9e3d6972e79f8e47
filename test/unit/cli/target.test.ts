import { describe, expect, it } from 'vitest'
import { apiUrlFor, parseTarget } from '../../../src/cli/target.ts'

describe('parseTarget', () => {
  it.each([
    ['https://github.com/o/r/issues/12', { owner: 'o', repo: 'r', number: 12, server: 'https://github.com' }],
    ['https://github.com/o/r.js/pull/3/files', { owner: 'o', repo: 'r.js', number: 3, server: 'https://github.com' }],
    ['https://github.com/o/r/pull/3#discussion_r1', { owner: 'o', repo: 'r', number: 3, server: 'https://github.com' }],
    [
      'https://ghe.example.com/team/tool/issues/7',
      { owner: 'team', repo: 'tool', number: 7, server: 'https://ghe.example.com' }
    ],
    ['my-org/my_repo#42', { owner: 'my-org', repo: 'my_repo', number: 42, server: null }]
  ])('reads %s', (text, expected) => {
    expect(parseTarget(text)).toEqual(expected)
  })

  it.each([
    'https://github.com/o/r',
    'https://github.com/o/r/wiki/Home',
    'https://github.com/o/r/issues/0',
    'o/r',
    'o/r#x',
    '#12',
    'ftp://github.com/o/r/issues/1',
    '../r#1'
  ])('refuses %s', (text) => {
    expect(parseTarget(text)).toBeNull()
  })
})

describe('apiUrlFor', () => {
  it('is api.github.com for github.com and /api/v3 on a GitHub Enterprise Server', () => {
    expect(apiUrlFor('https://github.com')).toBe('https://api.github.com')
    expect(apiUrlFor('https://ghe.example.com')).toBe('https://ghe.example.com/api/v3')
  })
})
