import { describe, expect, it } from 'vitest'
import { fenced, linesOutsideFences } from '../../../src/ports/fenced.ts'

describe('fenced', () => {
  it('fences text with more backticks than any run inside it', () => {
    expect(fenced('a ``` b', 'md')).toBe('````md\na ``` b\n````')
    expect(fenced('plain')).toBe('```\nplain\n```')
  })
})

describe('linesOutsideFences', () => {
  it.each([
    ['before\n```\ncode\n```\nafter', ['before', 'after']],
    // Up to three spaces before a fence; four make an indented line, not a fence.
    ['a\n   ~~~py\ncode\n   ~~~\nb', ['a', 'b']],
    ['a\n    ```\nb', ['a', '    ```', 'b']],
    // A block closes only at its own character, at least as long, with nothing after it.
    ['````\n```\nin\n```\n````\nout', ['out']],
    ['~~~\n```\nin\n~~~~\nout', ['out']],
    ['```\n``` not a closer\nin\n```\nout', ['out']],
    // Never closed: the rest is code, as GitHub shows it.
    ['text\n```\nall of this\nis code', ['text']]
  ])('%j keeps %j', (text, lines) => {
    expect(linesOutsideFences(text)).toEqual(lines)
  })
})
