import { describe, expect, it } from 'vitest'
import { defuseTriggers } from '../../../src/outbox/defuse-triggers.ts'
import { findCommand, verbTable } from '../../../src/trigger/grammar.ts'

const VERBS = verbTable([
  { name: 'comment', aliases: ['think'] },
  { name: 'implement' },
  { name: 'review' },
  { name: 'split' },
  { name: 'help' }
])
const found = (text: string, bot = 'git-bob'): unknown => findCommand(text, bot, VERBS)

describe('defuseTriggers', () => {
  it.each([
    'git-bob implement this',
    'Then: git-bob, please implement the parser.',
    '@git-bob review',
    'GIT-BOB split this',
    'first line\n\ngit-bob think about it\nand git-bob help',
    '- [ ] git-bob implement step 1',
    'git-bob\timplement',
    'Ask git-bob,implement'
  ])('makes %j start nothing, and keeps the words readable', (text) => {
    expect(found(text)).not.toBeNull()
    const defused = defuseTriggers(text, 'git-bob')
    expect(found(defused)).toBeNull()
    expect(defused.replace(/`/g, '').toLowerCase()).toBe(text.toLowerCase())
  })

  it('wraps the name in inline code', () => {
    expect(defuseTriggers('Later, git-bob implement it.', 'git-bob')).toBe('Later, `git-bob` implement it.')
  })

  it('leaves code, URLs, paths and longer names alone', () => {
    const text = [
      '```',
      'git-bob implement',
      '```',
      'see `git-bob implement`, https://github.com/haesleinhuepf/git-bob and docs/git-bob.md',
      'the git-bob-ts package'
    ].join('\n')
    expect(defuseTriggers(text, 'git-bob')).toBe(text)
  })

  it.each([
    'x ` git-bob a git-bob implement',
    'git-bob`x` implement',
    'git<!-- -->-bob implement',
    '``git-bob implement',
    'a ` b `` c git-bob implement `',
    'git-bob <!-- unclosed\ngit-bob implement'
  ])('defuses odd markdown %j too, proven by the trigger parser', (text) => {
    expect(found(defuseTriggers(text, 'git-bob'))).toBeNull()
  })

  it('works for a custom bot name with regular-expression characters', () => {
    const text = 'bio.bob implement it, then Bio.Bob review'
    expect(found(text, 'bio.bob')).not.toBeNull()
    expect(found(defuseTriggers(text, 'bio.bob'), 'bio.bob')).toBeNull()
  })

  it('never lets a command through, for many generated texts', () => {
    const pieces = [
      'git-bob',
      '@git-bob',
      'implement',
      ',',
      ' ',
      '\n',
      '`',
      '``',
      '<!--',
      '-->',
      '> ',
      '```',
      'please',
      'x',
      'git-',
      '-bob',
      '~~~'
    ]
    let seed = 42
    const random = (): number => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31
    for (let i = 0; i < 1000; i++) {
      const text = Array.from(
        { length: 3 + Math.floor(random() * 14) },
        () => pieces[Math.floor(random() * pieces.length)]
      ).join('')
      expect(found(defuseTriggers(text, 'git-bob')), text).toBeNull()
    }
  })
})

describe('defuseTriggers on model text too complex to read (markdown/limits.ts)', () => {
  it('breaks the name at its first letter everywhere, however it is written', () => {
    const deep = '> '.repeat(15_000)
    const out = defuseTriggers(`${deep}git-bob implement\n\ngit*-bob* comment \`git-bob review\``, 'git-bob')
    expect(out).not.toMatch(/g(?!\u200b)/)
    expect(out.replace(/\u200b/g, '')).toBe(`${deep}git-bob implement\n\ngit*-bob* comment \`git-bob review\``)
    expect(findCommand(out, 'git-bob', VERBS)).toBeNull()
  })
})
