import { describe, expect, it } from 'vitest'
import { forgeWords, suggestionInfo } from '../../../src/ports/forge.ts'

describe('forgeWords', () => {
  it('names GitHub and its markdown by default, GitLab and GitLab Flavored Markdown on GitLab', () => {
    expect(forgeWords()).toEqual({ name: 'GitHub', markdown: 'GitHub-flavoured markdown', pullRequest: 'pull request' })
    expect(forgeWords('github')).toEqual(forgeWords())
    expect(forgeWords('gitlab')).toEqual({
      name: 'GitLab',
      markdown: 'GitLab Flavored Markdown',
      pullRequest: 'merge request'
    })
  })
})

describe('suggestionInfo', () => {
  it("is GitHub's plain `suggestion`, and GitLab's with the lines above the commented one it replaces", () => {
    expect(suggestionInfo(undefined, 3)).toBe('suggestion')
    expect(suggestionInfo('github', 3)).toBe('suggestion')
    expect(suggestionInfo('gitlab', 0)).toBe('suggestion:-0+0')
    expect(suggestionInfo('gitlab', 3)).toBe('suggestion:-3+0')
    expect(suggestionInfo('gitlab', -1)).toBe('suggestion:-0+0')
  })
})
