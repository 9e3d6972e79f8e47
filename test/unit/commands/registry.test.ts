import { describe, expect, it } from 'vitest'
import { helpText } from '../../../src/commands/help.ts'
import { COMMANDS } from '../../../src/commands/registry.ts'
import type { BasicContext } from '../../../src/commands/types.ts'
import type { TriggerEvent } from '../../../src/trigger/event.ts'
import { findCommand, verbTable } from '../../../src/trigger/grammar.ts'

const TABLE = verbTable(COMMANDS)

describe('the registry', () => {
  it('knows comment, implement, try, paint, review, split, deploy and help, each with a one-line summary', () => {
    expect(COMMANDS.map((c) => c.name)).toEqual([
      'comment',
      'implement',
      'try',
      'paint',
      'review',
      'split',
      'deploy',
      'help'
    ])
    for (const c of COMMANDS) {
      expect(c.summary.trim().length).toBeGreaterThan(0)
      expect(c.summary).not.toContain('\n')
    }
  })

  it.each<[string, string, string]>([
    ['git-bob review', 'review', ''],
    ['git-bob, please review fully', 'review', 'fully'],
    ['git-bob split this', 'split', 'this'],
    ['git-bob think about this', 'comment', 'about this'],
    ['git-bob summarise docs/report.pdf', 'comment', 'docs/report.pdf'],
    ['git-bob summarize this', 'comment', 'this'],
    ['git-bob explain the figure', 'comment', 'the figure'],
    ['git-bob draw a cat', 'paint', 'a cat']
  ])('%j is %s', (text, verb, args) => {
    expect(findCommand(text, 'git-bob', TABLE)).toMatchObject({ kind: 'known', verb, args })
  })
})

describe('helpText', () => {
  const context = (command: BasicContext['command']): BasicContext => ({
    event: {} as TriggerEvent,
    command,
    botName: 'git-bob',
    modelId: 'openai:gpt-4.1-mini',
    allowedModels: [],
    commands: COMMANDS
  })

  it('has one line per command, the configured model and a link to the README', () => {
    const text = helpText(context({ kind: 'known', verb: 'help', word: 'help', args: '' }))
    const rows = text.split('\n').filter((l) => l.startsWith('- `git-bob '))
    expect(rows).toHaveLength(COMMANDS.length)
    expect(rows.some((r) => r.startsWith('- `git-bob review`') && r.includes('never approves'))).toBe(true)
    expect(rows.some((r) => r.startsWith('- `git-bob split this`') && r.includes('sub-issues'))).toBe(true)
    expect(text).toContain('`openai:gpt-4.1-mini`')
    expect(text).toMatch(/\[README\]\(https:\/\/.+#readme\)/)
  })

  it('names the unknown verb', () => {
    expect(helpText(context({ kind: 'unknown', word: 'dance', args: '' }))).toContain(
      'I don\'t know the command "dance"'
    )
  })

  it('says why no command was taken from a comment too complex to read', () => {
    const text = helpText(
      context({ kind: 'unknown', word: '', args: '', unreadable: 'it nests quotes or lists more than 100 levels deep' })
    )
    expect(text).toContain('I took no command from your comment: it nests quotes or lists more than 100 levels deep')
    expect(text).toContain('Please write it in a comment of its own.')
    expect(text).not.toContain("I don't know the command")
  })
})
