import { describe, expect, it } from 'vitest'
import { commandFor, runCommand } from '../../../src/commands/run-command.ts'
import type { BasicContext } from '../../../src/commands/types.ts'
import { helpCommand } from '../../../src/commands/help.ts'
import { triggerEvent } from '../../fakes/trigger-event.ts'

const EVENT = triggerEvent({ request: { body: 'git-bob frobnicate' } })

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
      imageModel: '',
      deployWorkflow: '',
      commands: [helpCommand]
    }
    if (helpCommand.needs !== 'nothing') throw new Error('help needs nothing')
    const outcome = await runCommand({ needs: 'nothing', spec: helpCommand, context })
    expect(outcome.kind === 'reply' && outcome.body).toContain('I don\'t know the command "frobnicate"')
  })
})
