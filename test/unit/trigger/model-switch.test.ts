import { describe, expect, it } from 'vitest'
import { readAllowedModels } from '../../../src/config.ts'
import { decideSwitch, findAllowed } from '../../../src/trigger/model-switch.ts'

const allowed = readAllowedModels(
  () => 'claude=anthropic:claude-sonnet-4-5, openai:gpt-4.1-mini, gemini:gemini-2.5-flash, mistral:gpt-4.1-mini'
)

describe('findAllowed', () => {
  it.each<[string, string]>([
    ['claude', 'anthropic:claude-sonnet-4-5'],
    ['CLAUDE', 'anthropic:claude-sonnet-4-5'],
    ['anthropic:claude-sonnet-4-5', 'anthropic:claude-sonnet-4-5'],
    ['openai:gpt-4.1-mini', 'openai:gpt-4.1-mini'],
    ['google:gemini-2.5-flash', 'google:gemini-2.5-flash'],
    ['gemini:gemini-2.5-flash', 'google:gemini-2.5-flash'],
    ['gemini-2.5-flash', 'google:gemini-2.5-flash'],
    ['claude-sonnet-4-5', 'anthropic:claude-sonnet-4-5']
  ])('%j is %s', (asked, id) => {
    expect(findAllowed(asked, allowed)?.spec.id).toBe(id)
  })

  it.each(['gpt-4.1', 'openai:gpt-4.1', 'anthropic:claude-opus-4-1', 'skynet', 'gpt-4.1-mini'])(
    '%j is not allowed (or not unique)',
    (asked) => {
      expect(findAllowed(asked, allowed)).toBeNull()
    }
  )
})

describe('decideSwitch', () => {
  it('allows a listed model', () => {
    const decision = decideSwitch('claude', 'comment', allowed, 'git-bob')
    expect(decision.kind === 'allowed' && decision.spec.id).toBe('anthropic:claude-sonnet-4-5')
  })

  it('refuses every switch when nothing is allowed, naming the input', () => {
    const decision = decideSwitch('claude', 'comment', [], 'git-bob')
    expect(decision.kind).toBe('refused')
    expect(decision.kind === 'refused' && decision.message).toContain('`allowed-models`')
    expect(decision.kind === 'refused' && decision.message).toContain('does not allow switching models')
  })

  it('refuses a model not on the list, listing the allowed ones with an example', () => {
    const decision = decideSwitch('openai:o3', 'comment', allowed, 'bio-bob')
    expect(decision.kind).toBe('refused')
    const message = decision.kind === 'refused' ? decision.message : ''
    expect(message).toContain('`openai:o3` is not among the models this repository allows')
    expect(message).toContain('`claude` (anthropic:claude-sonnet-4-5), `openai:gpt-4.1-mini`')
    expect(message).toContain('"bio-bob ask claude to comment"')
  })
})
