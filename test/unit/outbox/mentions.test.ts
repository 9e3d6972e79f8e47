import { describe, expect, it } from 'vitest'
import { defuseMentions } from '../../../src/outbox/mentions.ts'

const allowed = ['alice', 'Bob']

describe('defuseMentions', () => {
  it('wraps people outside the thread in inline code, and leaves people in it', () => {
    expect(defuseMentions('Ask @carol or @alice, maybe @bob.', allowed)).toBe('Ask `@carol` or @alice, maybe @bob.')
  })

  it('compares logins case-insensitively, accepting an "@" in the allowed list', () => {
    expect(defuseMentions('@ALICE and @dave', ['@alice'])).toBe('@ALICE and `@dave`')
  })

  it('always defuses team mentions', () => {
    expect(defuseMentions('cc @octo-org/core', allowed)).toBe('cc `@octo-org/core`')
  })

  it('leaves e-mail addresses, URLs, decorators in code, and text already in code', () => {
    const text = [
      'mail carol@example.com',
      'see https://github.com/@carol and https://x.org/a@carol',
      'inline `@carol` here',
      '```python',
      '@carol.decorator',
      '```',
      '~~~',
      '@dave',
      '~~~'
    ].join('\n')
    expect(defuseMentions(text, allowed)).toBe(text)
  })

  it('defuses mentions at the start of a line, in lists, quotes, links and parentheses', () => {
    expect(defuseMentions('@carol hi\n- @dave\n> @erin\n[@frank](https://github.com/frank) (@gina)', allowed)).toBe(
      '`@carol` hi\n- `@dave`\n> `@erin`\n[`@frank`](https://github.com/frank) (`@gina`)'
    )
  })

  it('defuses prose after a fenced block closes, and between inline code spans', () => {
    expect(defuseMentions('```\n@x\n```\n@carol `a` @dave `b`', allowed)).toBe('```\n@x\n```\n`@carol` `a` `@dave` `b`')
  })

  it('leaves a text without mentions unchanged', () => {
    expect(defuseMentions('Nothing to see here. 100% @ noon', allowed)).toBe('Nothing to see here. 100% @ noon')
  })

  it('defuses a login with hyphens and digits, and a bot name', () => {
    expect(defuseMentions('@some-user42 and @dependabot', allowed)).toBe('`@some-user42` and `@dependabot`')
  })
})
