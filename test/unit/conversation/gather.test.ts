import { describe, expect, it } from 'vitest'
import { readRunConfig } from '../../../src/config.ts'
import { chooseModels } from '../../../src/conversation/gather.ts'

const config = (inputs: Record<string, string>) => readRunConfig((name) => inputs[name] ?? '')

describe('chooseModels', () => {
  it('takes the configured chain when no model is asked for, with no note', () => {
    const choice = chooseModels(undefined, 'comment', config({ model: 'openai:gpt-4.1, anthropic:claude' }), 'git-bob')
    expect(choice.kind === 'chosen' && choice.specs.map((s) => s.id)).toEqual(['openai:gpt-4.1', 'anthropic:claude'])
    expect(choice.kind === 'chosen' && choice.note).toBeNull()
  })

  it('switches to an allowed model, with a note for people', () => {
    const choice = chooseModels(
      'claude',
      'comment',
      config({ model: 'openai:gpt-4.1', 'allowed-models': 'claude=anthropic:claude-sonnet-4-5' }),
      'git-bob'
    )
    expect(choice).toEqual({
      kind: 'chosen',
      specs: [expect.objectContaining({ id: 'anthropic:claude-sonnet-4-5' })],
      note: 'Asked for anthropic:claude-sonnet-4-5 in the comment instead of the configured `openai:gpt-4.1`.'
    })
  })

  it('refuses a model the repository does not allow, with the message to post', () => {
    const choice = chooseModels('claude', 'comment', config({}), 'git-bob')
    expect(choice).toMatchObject({ kind: 'refused', reason: 'model claude not allowed' })
    expect(choice.kind === 'refused' && choice.message).toContain('does not allow switching models')
  })
})
