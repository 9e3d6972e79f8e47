import { describe, expect, it } from 'vitest'
import type { TriggerEvent } from '../../../src/trigger/event.ts'
import { authorize, mayTrigger, screen } from '../../../src/trigger/gate.ts'
import type { Permission } from '../../../src/ports/github.ts'
import { stamp } from '../../../src/outbox/stamp.ts'
import { triggerEvent } from '../../fakes/trigger-event.ts'

interface EventOptions {
  login?: string
  isBot?: boolean
  association?: string
  body?: string
}

function event(options: EventOptions = {}): TriggerEvent {
  const author = { login: options.login ?? 'alice', id: 1, isBot: options.isBot ?? false }
  return triggerEvent({
    request: { body: options.body ?? 'git-bob comment', author, association: options.association ?? 'CONTRIBUTOR' }
  })
}

/** A fake permission lookup that records every login it is asked about. */
function permissions(permission: Permission): { lookup: (login: string) => Promise<Permission>; calls: string[] } {
  const calls: string[] = []
  return {
    calls,
    lookup: async (login) => {
      calls.push(login)
      return permission
    }
  }
}

const OWN_MESSAGE = stamp(
  'Here is my answer. git-bob comment',
  { botName: 'git-bob', runUrl: null, requestKey: 'issue_comment:1' },
  null
)

describe('screen', () => {
  it('allows a text that names git-bob (whether it holds a command is read after the gate)', () => {
    expect(screen(event(), true, [])).toEqual({ kind: 'allow', why: 'screened' })
  })

  it('ignores a review requested from someone else, naming them', () => {
    const request = event()
    const review: TriggerEvent = {
      ...request,
      request: { ...request.request, source: 'review_request', body: '', requestedReviewer: 'octocat' }
    }
    const decision = screen(review, false, [])
    expect(decision).toEqual({
      kind: 'ignore',
      why: 'the review was requested from @octocat, not from the account in the bot-login input'
    })
  })

  it('ignores text that does not address git-bob', () => {
    const decision = screen(event({ body: 'just chatting' }), false, [])
    expect(decision.kind).toBe('ignore')
    expect(decision.why).toContain('does not address git-bob')
  })

  it("ignores git-bob's own stamped message, even with a command in it", () => {
    const decision = screen(event({ body: OWN_MESSAGE, login: 'github-actions[bot]', isBot: true }), true, [
      'github-actions[bot]'
    ])
    expect(decision.kind).toBe('ignore')
    expect(decision.why).toContain('git-bob wrote itself')
  })

  it('ignores an own message even when posted with a personal token (not a bot)', () => {
    expect(screen(event({ body: OWN_MESSAGE }), true, []).kind).toBe('ignore')
  })

  it('ignores a bot that is not in allowed-bots', () => {
    const decision = screen(event({ login: 'dependabot[bot]', isBot: true }), true, ['renovate[bot]'])
    expect(decision.kind).toBe('ignore')
    expect(decision.why).toContain('dependabot[bot]')
    expect(decision.why).toContain('allowed-bots')
  })

  it('ignores any bot when no bots are allowed', () => {
    expect(screen(event({ login: 'renovate[bot]', isBot: true }), true, []).kind).toBe('ignore')
  })

  it('allows a bot that is in allowed-bots, comparing logins case-insensitively', () => {
    expect(screen(event({ login: 'Renovate[bot]', isBot: true }), true, ['renovate[bot]']).kind).toBe('allow')
  })

  it('still ignores an allowed bot that did not address git-bob', () => {
    expect(screen(event({ login: 'renovate[bot]', isBot: true }), false, ['renovate[bot]']).kind).toBe('ignore')
  })

  it('does not treat a person as a bot because their login is in allowed-bots', () => {
    expect(screen(event({ login: 'alice' }), true, ['alice']).kind).toBe('allow')
  })
})

describe('authorize', () => {
  it('allows the repository OWNER without asking GitHub', async () => {
    const p = permissions('none')
    const decision = await authorize(event({ association: 'OWNER' }), [], p.lookup)
    expect(decision.kind).toBe('allow')
    expect(decision.why).toContain('owns the repository')
    expect(p.calls).toEqual([])
  })

  it('allows an allowed bot without asking GitHub', async () => {
    const p = permissions('none')
    const decision = await authorize(
      event({ login: 'Renovate[bot]', isBot: true, association: 'NONE' }),
      ['renovate[bot]'],
      p.lookup
    )
    expect(decision.kind).toBe('allow')
    expect(decision.why).toContain('allowed bot')
    expect(p.calls).toEqual([])
  })

  it.each<Permission>(['write', 'maintain', 'admin'])(
    'allows %s permission, asking GitHub once about the author',
    async (permission) => {
      const p = permissions(permission)
      const decision = await authorize(event({ login: 'bob', association: 'MEMBER' }), [], p.lookup)
      expect(decision.kind).toBe('allow')
      expect(decision.why).toContain(permission)
      expect(p.calls).toEqual(['bob'])
    }
  )

  it.each<Permission>(['read', 'triage', 'none'])('refuses %s permission', async (permission) => {
    const p = permissions(permission)
    const decision = await authorize(event({ login: 'mallory', association: 'CONTRIBUTOR' }), [], p.lookup)
    expect(decision.kind).toBe('refuse')
    expect(decision.why).toContain(`mallory has ${permission} permission`)
    expect(decision.why).toContain('write, maintain or admin')
    expect(p.calls).toEqual(['mallory'])
  })

  it.each(['MEMBER', 'COLLABORATOR', 'CONTRIBUTOR', 'FIRST_TIME_CONTRIBUTOR', 'NONE'])(
    'asks GitHub for association %s (only OWNER is a shortcut)',
    async (association) => {
      const p = permissions('read')
      const decision = await authorize(event({ association }), [], p.lookup)
      expect(decision.kind).toBe('refuse')
      expect(p.calls).toEqual(['alice'])
    }
  )

  it('asks GitHub about a bot that is not allowed', async () => {
    const p = permissions('write')
    const decision = await authorize(
      event({ login: 'other[bot]', isBot: true, association: 'NONE' }),
      ['renovate[bot]'],
      p.lookup
    )
    expect(decision.kind).toBe('allow')
    expect(p.calls).toEqual(['other[bot]'])
  })

  it('a person whose login is listed in allowed-bots is still checked', async () => {
    const p = permissions('read')
    const decision = await authorize(event({ login: 'alice', isBot: false }), ['alice'], p.lookup)
    expect(decision.kind).toBe('refuse')
    expect(p.calls).toEqual(['alice'])
  })

  it('passes the lookup failure on', async () => {
    const failure = new Error('API down')
    await expect(
      authorize(event(), [], async () => {
        throw failure
      })
    ).rejects.toBe(failure)
  })
})

describe('mayTrigger', () => {
  it.each<[Permission, boolean]>([
    ['admin', true],
    ['maintain', true],
    ['write', true],
    ['triage', false],
    ['read', false],
    ['none', false]
  ])('%s -> %s', (permission, expected) => {
    expect(mayTrigger(permission)).toBe(expected)
  })
})
