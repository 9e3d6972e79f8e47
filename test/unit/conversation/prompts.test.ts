import { describe, expect, it } from 'vitest'
import { fill, forgePlaceholders, PROMPTS } from '../../../src/conversation/prompts.ts'
import { systemPrompt } from '../../../src/conversation/messages.ts'
import { conversationContext } from '../../fakes/conversation-context.ts'
import { ScriptedModel } from '../../fakes/scripted-model.ts'

/** Every template filled: the forge's words, and any other placeholder with its own name. */
function filled(template: string, dialect: 'github' | 'gitlab'): string {
  const names = [...template.matchAll(/\{\{\s*([a-z_]+)\s*\}\}/g)].map((m) => m[1]!)
  return fill(template, { ...Object.fromEntries(names.map((n) => [n, `<${n}>`])), ...forgePlaceholders(dialect) })
}

describe('the prompts on each forge', () => {
  it('say GitLab, GitLab Flavored Markdown and merge request on GitLab, and never GitHub', () => {
    for (const [name, template] of Object.entries(PROMPTS)) {
      expect(filled(template, 'gitlab'), name).not.toMatch(/GitHub|pull request/)
    }
    expect(filled(PROMPTS.comment, 'gitlab')).toContain('as a single GitLab comment')
    expect(filled(PROMPTS.review, 'gitlab')).toContain('in GitLab Flavored Markdown')
    expect(filled(PROMPTS.review, 'gitlab')).toContain('it becomes a GitLab suggestion')
    expect(filled(PROMPTS.review, 'gitlab')).toMatch(/^Review this merge request's changes/)
    expect(filled(PROMPTS.split, 'gitlab')).toContain('a `body` in GitLab Flavored Markdown')
  })

  it('say what they said before on GitHub', () => {
    expect(filled(PROMPTS.comment, 'github')).toContain('as a single GitHub comment')
    expect(filled(PROMPTS.review, 'github')).toContain('in GitHub-flavoured markdown')
    expect(filled(PROMPTS.review, 'github')).toContain('it becomes a GitHub suggestion')
    expect(filled(PROMPTS.triage, 'github')).toContain('(GitHub-flavoured markdown)')
  })

  it('the system prompt names the forge the request came from; GitHub when none is named', () => {
    const ctx = conversationContext(new ScriptedModel(), null)
    const github = systemPrompt(ctx)
    expect(github).toContain('the people of the GitHub repository')
    expect(github).toContain('Write GitHub-flavoured markdown.')
    const gitlab = systemPrompt({ ...ctx, forge: 'gitlab' })
    expect(gitlab).toContain('the people of the GitLab repository')
    expect(gitlab).toContain('in an issue or a merge request')
    expect(gitlab).toContain('Write GitLab Flavored Markdown.')
    expect(gitlab).not.toContain('GitHub')
  })
})
