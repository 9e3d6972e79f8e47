import { describe, expect, it } from 'vitest'
import { BROKEN_AT, defuseMentions, defuseMentionsPlain, outsiderMentions } from '../../../src/outbox/mentions.ts'

const allowed = ['alice', 'Bob']
// What a broken mention looks like in the expectations: "@" then a zero-width space.
const b = (login: string): string => `${BROKEN_AT}${login}`

describe('defuseMentions', () => {
  it('breaks mentions of people outside the thread, and leaves people in it', () => {
    expect(defuseMentions('Ask @carol or @alice, maybe @bob.', allowed)).toBe(
      `Ask ${b('carol')} or @alice, maybe @bob.`
    )
  })

  it('compares logins case-insensitively, accepting an "@" in the allowed list', () => {
    expect(defuseMentions('@ALICE and @dave', ['@alice'])).toBe(`@ALICE and ${b('dave')}`)
  })

  it('always defuses team mentions', () => {
    expect(defuseMentions('cc @octo-org/core', allowed)).toBe(`cc ${b('octo-org/core')}`)
    expect(defuseMentions('cc @alice/core', allowed)).toBe(`cc ${b('alice/core')}`)
  })

  it('leaves e-mail addresses, URLs, links, decorators in code, and text already in code', () => {
    const text = [
      'mail carol@example.com',
      'see https://github.com/@carol and https://x.org/a@carol',
      'inline `@carol` here, [@frank](https://github.com/frank)',
      '```python',
      '@carol.decorator',
      '```',
      '~~~',
      '@dave',
      '~~~',
      '',
      '    @indented'
    ].join('\n')
    expect(defuseMentions(text, allowed)).toBe(text)
  })

  it('breaks mentions in HTML code elements too, whose end GitHub may place elsewhere', () => {
    expect(defuseMentions('<pre>@pre</pre> and <code>@code', allowed)).toBe(
      `<pre>${b('pre')}</pre> and <code>${b('code')}`
    )
    expect(defuseMentions('use <code> here\n\n@carol', allowed)).toBe(`use <code> here\n\n${b('carol')}`)
  })

  it('defuses mentions at the start of a line, in lists, quotes and parentheses', () => {
    expect(defuseMentions('@carol hi\n- @dave\n> @erin\n\n(@gina)', allowed)).toBe(
      `${b('carol')} hi\n- ${b('dave')}\n> ${b('erin')}\n\n(${b('gina')})`
    )
  })

  it('defuses prose after a fenced block closes, and between inline code spans', () => {
    expect(defuseMentions('```\n@x\n```\n@carol `a` @dave `b`', allowed)).toBe(
      `\`\`\`\n@x\n\`\`\`\n${b('carol')} \`a\` ${b('dave')} \`b\``
    )
  })

  it.each([
    ['a lone backtick before it', '` @victim', `\` ${b('victim')}`],
    ['a lone backtick before a team', '` @org/team', `\` ${b('org/team')}`],
    ['emphasis', '_@x_', `_${b('x')}_`],
    ['a hyphen', '-@x', `-${b('x')}`],
    ['a dot', '.@x', `.${b('x')}`],
    ['a plus', '+@x', `+${b('x')}`],
    ['a slash', 'a/@x', `a/${b('x')}`],
    ['an HTML entity', '&#64;x', b('x')],
    ['a hexadecimal entity', 'hi &#x40;x', `hi ${b('x')}`],
    ['a named entity', 'hi &commat;x', `hi ${b('x')}`],
    ['an escaped "@"', 'hi \\@x', `hi ${b('x')}`],
    ['raw HTML text', '<div>@x</div>', `<div>${b('x')}</div>`],
    ['after emphasis', '*a*@x', `*a*${b('x')}`]
  ])('breaks a mention after %s', (_, text, expected) => {
    expect(defuseMentions(text, allowed)).toBe(expected)
    expect(outsiderMentions(defuseMentions(text, allowed), allowed)).toEqual([])
  })

  it('leaves a text without mentions unchanged', () => {
    expect(defuseMentions('Nothing to see here. 100% @ noon', allowed)).toBe('Nothing to see here. 100% @ noon')
  })

  it('defuses a login with hyphens and digits, and a bot name', () => {
    expect(defuseMentions('@some-user42 and @dependabot', allowed)).toBe(`${b('some-user42')} and ${b('dependabot')}`)
  })
})

describe('defuseMentionsPlain', () => {
  it('breaks every mention of an outsider in plain text, code or not', () => {
    expect(defuseMentionsPlain('Fix `@carol` plot for @alice (a/@dave), mail x@y.org', allowed)).toBe(
      `Fix \`${b('carol')}\` plot for @alice (a/${b('dave')}), mail x@y.org`
    )
  })
})

describe('defuseMentions on model text too complex to read (markdown/limits.ts)', () => {
  it('breaks every "@" that could start a mention, however written, in code too', () => {
    const deep = '> '.repeat(15_000)
    const out = defuseMentions(`${deep}@victim &#64;x \`@y\` @alice`, ['alice'])
    expect(out).toBe(`${deep}${BROKEN_AT}victim ${BROKEN_AT}x \`${BROKEN_AT}y\` ${BROKEN_AT}alice`)
  })
})
