import { describe, expect, it } from 'vitest'
import { dismissalIn } from '../../../../src/commands/review/dismissal-words.ts'

describe('dismissalIn', () => {
  it.each([
    ['Not an issue, we keep it.', 'not an issue'],
    ["This isn't a problem here: the list is never empty.", 'not an issue'],
    ['False positive.', 'a false positive'],
    ["Won't fix: too costly for now.", "won't fix"],
    ['wontfix', "won't fix"],
    ['That is intended.', 'intended'],
    ['The loop is deliberate, see #12.', 'intended'],
    ['This is by design.', 'intended'],
    ['We keep it this way.', 'keep it'],
    ['Leave it as is, please.', 'keep it'],
    ['Please ignore this one.', 'ignore it'],
    ['It’s intentional (curly apostrophe).', 'intended'],
    // Prose after a closed block counts, also when a longer fence closes it.
    ['```\ncode\n```\nNot an issue.', 'not an issue'],
    ['~~~\ncode\n~~~~\nWe keep it.', 'keep it']
  ])('%j dismisses: %s', (reply, says) => {
    expect(dismissalIn(reply)).toBe(says)
  })

  it.each([
    'Good catch, will fix.',
    'You are right; fixed it in the next commit.',
    "You're right, this is a bug.",
    'This was not intended, thanks!',
    'Unintended, fixing it.',
    'Why would this be a problem?',
    'Can you explain?',
    '',
    // Only the reply's own prose counts: not what it quotes, not code.
    '> not an issue\n\nHmm, I think it is.',
    "See `# intended` in the code and the block:\n\n```\nwon't fix\n```\n\nI will look at it.",
    // A negated phrase says the opposite.
    'Never intended, to be honest.',
    "Don't ignore this one.",
    'Is this intended?',
    'Not an issue?',
    // A longer fence holds a shorter one: all of it is code.
    '````\n```\nnot an issue\n```\n````\nI will look.',
    // A fence that is never closed runs to the end, as GitHub shows it; indented fences count too.
    'I will look.\n```\nnot an issue',
    'I will look.\n   ~~~python\nwontfix\n   ~~~'
  ])('%j does not dismiss', (reply) => {
    expect(dismissalIn(reply)).toBeNull()
  })
})
