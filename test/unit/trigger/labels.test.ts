import { describe, expect, it } from 'vitest'
import {
  assignmentCommand,
  labelCommand,
  labelNames,
  LABEL_COMMANDS,
  triageLabels
} from '../../../src/trigger/labels.ts'
import { COMMANDS } from '../../../src/commands/registry.ts'

describe('labelCommand', () => {
  it.each([
    ['git-bob:implement', 'implement'],
    ['git-bob:think', 'comment'],
    ['git-bob:review', 'review'],
    ['git-bob:split', 'split'],
    ['Git-Bob:Think', 'comment']
  ])('%s runs %s', (label, verb) => {
    expect(labelCommand(label, 'git-bob:')).toMatchObject({ kind: 'known', verb, args: '' })
  })

  it.each(['bug', 'git-bob:', 'git-bob:deploy', 'git-bob:implementation', 'bob:think', 'git-bob think'])(
    "%j is not one of git-bob's labels",
    (label) => {
      expect(labelCommand(label, 'git-bob:')).toBeNull()
    }
  )

  it('follows the prefix: another prefix, another set of labels', () => {
    expect(labelCommand('ai/implement', 'ai/')).toMatchObject({ verb: 'implement' })
    expect(labelCommand('git-bob:implement', 'ai/')).toBeNull()
    expect(labelNames('ai/')).toEqual(['ai/implement', 'ai/think', 'ai/review', 'ai/split'])
  })

  it('names only registered commands', () => {
    for (const verb of Object.values(LABEL_COMMANDS)) expect(COMMANDS.map((c) => c.name)).toContain(verb)
  })
})

describe('triageLabels', () => {
  it("never offers a label under git-bob's prefix, whatever its case or spaces", () => {
    const names = ['bug', 'git-bob:implement', ' Git-Bob:Think', 'git-bob:other', 'question', 'needs git-bob:']
    expect(triageLabels(names, 'git-bob:')).toEqual(['bug', 'question', 'needs git-bob:'])
    expect(triageLabels(names, 'bob/')).toEqual(names)
  })
})

describe('assignmentCommand', () => {
  it("runs the command when the issue was assigned to git-bob's account, in any case", () => {
    expect(assignmentCommand('Bob-App[bot]', 'bob-app[bot]', 'comment')).toEqual({
      kind: 'known',
      verb: 'comment',
      word: 'comment',
      args: ''
    })
  })

  it('is null for anyone else, and for everyone when bot-login is not set', () => {
    expect(assignmentCommand('alice', 'bob-app[bot]', 'comment')).toBeNull()
    expect(assignmentCommand('alice', null, 'comment')).toBeNull()
  })
})
