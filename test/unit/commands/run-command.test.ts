import { describe, expect, it } from 'vitest'
import { commandFor, runCommand } from '../../../src/commands/run-command.ts'
import type { BasicContext } from '../../../src/commands/types.ts'
import { helpCommand } from '../../../src/commands/help.ts'
import type { TriggerEvent } from '../../../src/trigger/event.ts'

const EVENT: TriggerEvent = {
  eventName: 'issue_comment',
  repo: { owner: 'octo', name: 'repo', defaultBranch: 'main', htmlUrl: 'https://github.com/octo/repo' },
  target: {
    kind: 'issue',
    number: 7,
    title: 'A bug',
    body: 'It breaks.',
    author: { login: 'carol', id: 3, isBot: false },
    association: 'NONE',
    createdAt: '2025-01-01T00:00:00Z',
    url: 'https://github.com/octo/repo/issues/7'
  },
  request: {
    source: 'issue_comment',
    id: 99,
    body: 'git-bob frobnicate',
    author: { login: 'alice', id: 1, isBot: false },
    association: 'OWNER',
    createdAt: '2025-01-01T00:01:00Z',
    url: 'https://github.com/octo/repo/issues/7#issuecomment-99'
  }
}

describe('commandFor', () => {
  it('names the command by its verb, and the help for a verb git-bob does not know', () => {
    expect(commandFor({ kind: 'known', verb: 'review', word: 'review', args: '' }).name).toBe('review')
    expect(commandFor({ kind: 'unknown', word: 'frobnicate', args: '' }).name).toBe('help')
  })
})

describe('runCommand', () => {
  it('runs a command that needs nothing with the basic context', async () => {
    const context: BasicContext = {
      event: EVENT,
      command: { kind: 'unknown', word: 'frobnicate', args: '' },
      botName: 'git-bob',
      modelId: 'openai:gpt-4.1',
      allowedModels: [],
      commands: [helpCommand]
    }
    if (helpCommand.needs !== 'nothing') throw new Error('help needs nothing')
    const outcome = await runCommand({ needs: 'nothing', spec: helpCommand, context })
    expect(outcome.kind === 'reply' && outcome.body).toContain('I don\'t know the command "frobnicate"')
  })
})
