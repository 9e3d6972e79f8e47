import { describe, expect, it } from 'vitest'
import { visible } from '../../../../src/adapters/local/printing-github.ts'
import { stamp } from '../../../../src/outbox/stamp.ts'

describe('visible', () => {
  it('is a stamped message as people read it: the stamp, the body, no hidden marker', () => {
    const body = stamp(
      'The answer.',
      { botName: 'git-bob', runUrl: null, requestKey: 'issue_comment:1', local: true },
      null
    )
    expect(body).toContain('<!-- git-bob-message')
    const shown = visible(body)
    expect(shown).not.toContain('git-bob-message')
    expect(shown).toContain('model: none, run from a terminal)')
    expect(shown.endsWith('The answer.')).toBe(true)
  })
})
