import { describe, expect, it } from 'vitest'
import type { Permission } from '../../../src/adapters/github/api.ts'
import type { GateConfig } from '../../../src/config.ts'
import { admit, refusalMessage } from '../../../src/trigger/admit.ts'
import { triggerEvent } from '../../fakes/trigger-event.ts'
import type { Command } from '../../../src/trigger/grammar.ts'
import type { Incoming } from '../../../src/trigger/read-request.ts'

const GATE: GateConfig = { githubToken: 't', botName: 'git-bob', allowedBots: [], botLogin: null }
const COMMAND: Command = { kind: 'known', verb: 'comment', word: 'comment', args: '' }

function incoming(association = 'CONTRIBUTOR', command: Command | null = COMMAND, isBot = false): Incoming {
  const event = triggerEvent({ request: { author: { login: 'alice', id: 1, isBot }, association } })
  return { kind: 'incoming', event, command, gate: GATE }
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
      if (permission instanceof Error) throw permission
      return permission
    }
  }
}

describe('admit', () => {
  it('ignores a text without a command, and a bot, without asking GitHub', async () => {
    const { permissionOf, asked } = lookup('admin')
    expect(await admit(incoming('CONTRIBUTOR', null), permissionOf)).toMatchObject({ kind: 'ignore' })
    expect(await admit(incoming('CONTRIBUTOR', COMMAND, true), permissionOf)).toMatchObject({ kind: 'ignore' })
    expect(asked).toEqual([])
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
