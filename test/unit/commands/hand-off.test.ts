import { describe, expect, it } from 'vitest'
import { readAnswer } from '../../../src/commands/comment.ts'
import { handOff } from '../../../src/commands/hand-off.ts'

describe('handOff', () => {
  it('says openly that it is not sure, why, and mentions the maintainers', () => {
    const result = handOff('The loader may skip the header.', 'Whether version 2 still reads the old format', [
      'alice',
      'bob',
      'carol'
    ])
    expect(result.body).toBe(
      "> [!NOTE]\n> I'm not sure about this: Whether version 2 still reads the old format. Rather than guess, I'm asking @alice, @bob and @carol to take a look.\n\nThe loader may skip the header."
    )
    expect(result.mentions).toEqual(['alice', 'bob', 'carol'])
  })

  it('without maintainers, leaves it to a maintainer without mentioning anyone', () => {
    const result = handOff('What I know.', null, [])
    expect(result.body).toContain(
      "I'm not sure about this. Rather than guess, I leave this to a maintainer of this repository."
    )
    expect(result.body).not.toContain('@')
    expect(result.mentions).toEqual([])
  })

  it('keeps the note on one quoted line, and works without an answer', () => {
    const result = handOff('  ', 'two\nlines!', ['alice'])
    expect(result.body).toBe(
      "> [!NOTE]\n> I'm not sure about this: two lines. Rather than guess, I'm asking @alice to take a look."
    )
  })
})

describe('readAnswer', () => {
  it('reads the UNSURE line and keeps the rest as the answer', () => {
    expect(readAnswer('UNSURE: old files may not load\nThe format changed.')).toEqual({
      answer: 'The format changed.',
      sure: false,
      doubt: 'old files may not load'
    })
    expect(readAnswer('  UNSURE:\nNo idea.')).toEqual({ answer: 'No idea.', sure: false, doubt: null })
  })

  it('takes any other answer as sure, even one that mentions UNSURE later', () => {
    expect(readAnswer('Yes.\nUNSURE: not at the start')).toEqual({
      answer: 'Yes.\nUNSURE: not at the start',
      sure: true,
      doubt: null
    })
  })
})
