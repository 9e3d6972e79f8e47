import { beforeEach, describe, expect, it } from 'vitest'
import type { Permission } from '../../../src/ports/github.ts'
import type { GateConfig } from '../../../src/config.ts'
import { admit, refusalMessage } from '../../../src/trigger/admit.ts'
import { triggerEvent } from '../../fakes/trigger-event.ts'
import type { Command } from '../../../src/trigger/grammar.ts'
import type { Incoming } from '../../../src/trigger/read-request.ts'

const GATE: GateConfig = {
  githubToken: 't',
  botName: 'git-bob',
  allowedBots: [],
  botLogin: null,
  labelPrefix: 'git-bob:',
  assignCommand: 'comment'
}
const COMMAND: Command = { kind: 'known', verb: 'comment', word: 'comment', args: '' }

/** What the gate saw, and the order things happened in: the permission asked, the command read. */
const order: string[] = []

function incoming(
  association = 'CONTRIBUTOR',
  command: Command | null = COMMAND,
  isBot = false,
  addressed = true
): Incoming {
  const event = triggerEvent({ request: { author: { login: 'alice', id: 1, isBot }, association } })
  const read = (): Command | null => {
    order.push('command read')
    return command
  }
  return { kind: 'incoming', event, gate: GATE, addressed, command: read }
}

function lookup(permission: Permission | Error): {
  permissionOf: (login: string) => Promise<Permission>
  asked: string[]
} {
  const asked: string[] = []
  return {
    asked,
    permissionOf: async (login) => {
      asked.push(login)
      order.push('permission asked')
      if (permission instanceof Error) throw permission
      return permission
    }
  }
}

describe('admit', () => {
  beforeEach(() => {
    order.length = 0
  })

  it('ignores a text that does not name git-bob, and a bot, without asking GitHub or reading the text', async () => {
    const { permissionOf, asked } = lookup('admin')
    expect(await admit(incoming('CONTRIBUTOR', null, false, false), permissionOf)).toMatchObject({ kind: 'ignore' })
    expect(await admit(incoming('CONTRIBUTOR', COMMAND, true), permissionOf)).toMatchObject({ kind: 'ignore' })
    expect(asked).toEqual([])
    expect(order).toEqual([])
  })

  it('reads the command only once the permission is known', async () => {
    await admit(incoming(), lookup('write').permissionOf)
    expect(order).toEqual(['permission asked', 'command read'])
  })

  it('ignores a text that names git-bob without a command, whoever wrote it, posting nothing', async () => {
    for (const permission of ['write', 'read', new Error('GitHub is down')] as const) {
      const admission = await admit(incoming('CONTRIBUTOR', null), lookup(permission).permissionOf)
      expect(admission).toEqual({ kind: 'ignore', why: 'the text does not address git-bob' })
    }
  })

  it('allows a writer, with the command and why', async () => {
    const { permissionOf, asked } = lookup('write')
    expect(await admit(incoming(), permissionOf)).toEqual({
      kind: 'allow',
      why: 'alice has write permission',
      command: COMMAND
    })
    expect(asked).toEqual(['alice'])
  })

  it('refuses a reader, with the polite message to post', async () => {
    const admission = await admit(incoming(), lookup('read').permissionOf)
    expect(admission).toMatchObject({ kind: 'refuse', command: COMMAND, message: refusalMessage('alice', 'git-bob') })
    expect(refusalMessage('alice', 'bob')).toContain('Hi @alice, thanks for reaching out!')
    expect(refusalMessage('alice', 'bob')).toContain('"bob comment"')
  })

  it('hands on a permission that could not be checked, rather than throwing', async () => {
    const error = new Error('GitHub is down')
    expect(await admit(incoming(), lookup(error).permissionOf)).toEqual({ kind: 'unchecked', error })
  })
})

describe('admit: a label and an assignment', () => {
  const labelled = (login: string, isBot = false, addressed = true, gate: GateConfig = GATE): Incoming => ({
    kind: 'incoming',
    event: triggerEvent({
      eventName: 'issues',
      request: { source: 'label', label: 'git-bob:think', author: { login, id: 2, isBot }, association: 'NONE' }
    }),
    gate,
    addressed,
    command: () => (addressed ? COMMAND : null)
  })

  it('runs the command for someone with write access, asked of GitHub', async () => {
    const { permissionOf, asked } = lookup('write')
    expect(await admit(labelled('alice'), permissionOf)).toMatchObject({ kind: 'allow', command: COMMAND })
    expect(asked).toEqual(['alice'])
  })

  it("ignores an outsider's label without a reply, and says the label is to be taken off", async () => {
    const { permissionOf } = lookup('triage')
    expect(await admit(labelled('mallory'), permissionOf)).toEqual({
      kind: 'ignore',
      why: 'mallory has triage permission; write, maintain or admin is needed',
      taken: true
    })
  })

  it("ignores a bot's label and one git-bob's own account added, without asking GitHub", async () => {
    const { permissionOf, asked } = lookup('admin')
    expect(await admit(labelled('renovate[bot]', true), permissionOf)).toMatchObject({ kind: 'ignore' })
    const own = await admit(labelled('bob-user', false, true, { ...GATE, botLogin: 'bob-user' }), permissionOf)
    expect(own).toEqual({ kind: 'ignore', why: "git-bob's own account @bob-user did this" })
    expect(asked).toEqual([])
  })

  it('ignores any other label by its name, without asking GitHub', async () => {
    const { permissionOf, asked } = lookup('admin')
    expect(await admit(labelled('alice', false, false), permissionOf)).toEqual({
      kind: 'ignore',
      why: 'the label "git-bob:think" is not one of git-bob\'s'
    })
    expect(asked).toEqual([])
  })

  it("ignores an outsider's assignment without a reply, and leaves nothing to take off", async () => {
    const { permissionOf } = lookup('read')
    const event = triggerEvent({
      eventName: 'issues',
      request: {
        source: 'assignment',
        assignee: 'bob[bot]',
        author: { login: 'eve', id: 3, isBot: false },
        association: 'NONE'
      }
    })
    const result = await admit(
      { kind: 'incoming', event, gate: GATE, addressed: true, command: () => COMMAND },
      permissionOf
    )
    expect(result).toEqual({ kind: 'ignore', why: 'eve has read permission; write, maintain or admin is needed' })
  })
})
