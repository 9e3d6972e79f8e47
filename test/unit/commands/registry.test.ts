import { describe, expect, it } from 'vitest'
import { helpText } from '../../../src/commands/help.ts'
import { COMMANDS } from '../../../src/commands/registry.ts'
import type { BasicContext } from '../../../src/commands/types.ts'
import type { TriggerEvent } from '../../../src/trigger/event.ts'
import { findCommand, verbTable } from '../../../src/trigger/grammar.ts'

const TABLE = verbTable(COMMANDS)

describe('the registry', () => {
  it('knows comment, implement, try, paint, review, remember, split, triage, deploy, go and help, each with a one-line summary', () => {
    expect(COMMANDS.map((c) => c.name)).toEqual([
      'comment',
      'implement',
      'try',
      'paint',
      'review',
      'remember',
      'split',
      'triage',
      'deploy',
      'go',
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
    ['git-bob draw a cat', 'paint', 'a cat'],
    ['git-bob remember: we keep tabs in `Makefile`', 'remember', ': we keep tabs in'],
    ['Not an issue.\n\n@git-bob, please remember this', 'remember', 'this'],
    // "go" confirms an estimate; "go ahead and <verb>" is that verb.
    ['git-bob go', 'go', ''],
    ['git-bob go ahead', 'go', 'ahead'],
    ['git-bob, go ahead and implement this', 'implement', 'this'],
    ['git-bob go ahead, please review fully', 'review', 'fully'],
    ['git-bob go ahead and go', 'go', 'ahead and go']
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
    imageModel: '',
    deployWorkflow: '',
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

  it('marks what is not set up here and says what to set: paint without an image model, deploy without a workflow', () => {
    const help = (settings: Partial<BasicContext>): string[] =>
      helpText({ ...context({ kind: 'known', verb: 'help', word: 'help', args: '' }), ...settings }).split('\n')
    const row = (rows: string[], verb: string): string => rows.find((r) => r.startsWith(`- \`git-bob ${verb}`))!
    const bare = help({ modelId: 'github_models:openai/gpt-4.1' })
    expect(row(bare, 'paint')).toContain(
      '. **Not set up here:** the configured model github_models:openai/gpt-4.1 comes from github_models, which offers git-bob no model for pictures; set the `image-model` input to e.g. "openai:gpt-image-1"'
    )
    expect(row(bare, 'deploy')).toContain(
      "admins only. **Not set up here:** no release workflow is named: set the `deploy-workflow` input to its file name (e.g. `deploy-workflow: release.yml`) and grant `actions: write` in the workflow's `permissions:`."
    )
    expect(bare.filter((r) => r.includes('Not set up here'))).toHaveLength(2)
    // Set up: an image model (or a chat model whose provider paints), a release workflow.
    const ready = help({
      modelId: 'github_models:openai/gpt-4.1',
      imageModel: 'openai:gpt-image-1',
      deployWorkflow: 'release.yml'
    })
    expect(ready.filter((r) => r.includes('Not set up here'))).toEqual([])
    expect(row(help({ modelId: 'openai:gpt-4.1-mini' }), 'paint')).not.toContain('Not set up here')
    // An image model git-bob cannot paint with is named as such; a malformed one is left to paint to report.
    expect(row(help({ imageModel: 'anthropic:claude-sonnet-4-6' }), 'paint')).toContain(
      'the `image-model` input names anthropic:claude-sonnet-4-6, but git-bob makes pictures only with'
    )
    expect(row(help({ imageModel: 'no colon' }), 'paint')).not.toContain('Not set up here')
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
