import { describe, expect, it } from 'vitest'
import {
  loadReviewMemory,
  memoryHeader,
  parseReviewMemory,
  ruleItem,
  withRule
} from '../../../src/conversation/review-memory.ts'
import { triggerEvent } from '../../fakes/trigger-event.ts'

const RULE = { rule: 'We keep unused imports in `examples/`.', by: 'alice', url: 'https://github.com/o/r/pull/3#r1' }

describe('parseReviewMemory', () => {
  it('reads each list item as a rule, without the provenance remember writes, continuation lines joined', () => {
    const text = [
      '# Memory',
      '',
      'Intro text is not a rule.',
      '',
      ruleItem(RULE),
      '* Tabs in Makefiles are',
      '  on purpose.',
      '+ Long lines in `data/`'
    ].join('\n')
    expect(parseReviewMemory(text)).toEqual([
      'We keep unused imports in `examples/`.',
      'Tabs in Makefiles are on purpose.',
      'Long lines in `data/`'
    ])
  })

  it('skips list items inside code blocks and empty items', () => {
    expect(parseReviewMemory('```\n- not a rule\n```\n-  \n- a rule\r\n')).toEqual(['a rule'])
  })
})

describe('withRule', () => {
  it('creates the file with the header and the rule, who asked and a link', () => {
    const text = withRule(null, RULE, 'git-bob')!
    expect(text.startsWith(memoryHeader('git-bob'))).toBe(true)
    expect(text).toContain('`git-bob remember: <rule>`')
    expect(
      text.endsWith('- We keep unused imports in `examples/`. — asked by @alice in https://github.com/o/r/pull/3#r1\n')
    ).toBe(true)
    expect(parseReviewMemory(text)).toEqual([RULE.rule])
  })

  it('appends to an existing list, and starts a list after a paragraph', () => {
    const listed = withRule('# M\n\n- first\n', RULE, 'git-bob')!
    expect(listed).toBe(`# M\n\n- first\n${ruleItem(RULE)}\n`)
    const paragraph = withRule('# M\n\nSome words.', RULE, 'git-bob')!
    expect(paragraph).toBe(`# M\n\nSome words.\n\n${ruleItem(RULE)}\n`)
    expect(parseReviewMemory(paragraph)).toEqual([RULE.rule])
  })

  it('returns null when the memory holds the rule already (case and spacing aside)', () => {
    expect(withRule('- we keep  unused imports in `examples/`.\n', RULE, 'git-bob')).toBeNull()
  })
})

describe('loadReviewMemory', () => {
  const review = { kind: 'known', verb: 'review', word: 'review', args: '' } as const
  const pull = triggerEvent({ target: { kind: 'pull_request' } })

  it('reads the memory from the default branch for a review of a pull request', async () => {
    const reads: string[] = []
    const rules = await loadReviewMemory(
      async (path, ref) => {
        reads.push(`${path}@${ref}`)
        return '- a rule\n'
      },
      pull,
      review
    )
    expect(rules).toEqual(['a rule'])
    expect(reads).toEqual(['.github/git-bob/review-memory.md@main'])
  })

  it('reads nothing for another command or on an issue, and no file is no rule', async () => {
    const never = async (): Promise<string> => {
      throw new Error('read')
    }
    expect(await loadReviewMemory(never, pull, { ...review, verb: 'comment' })).toEqual([])
    expect(await loadReviewMemory(never, triggerEvent(), review)).toEqual([])
    expect(await loadReviewMemory(async () => null, pull, review)).toEqual([])
  })
})
