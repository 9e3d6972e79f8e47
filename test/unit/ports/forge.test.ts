import { describe, expect, it } from 'vitest'
import { forgeWords, suggestionInfo, threadRef } from '../../../src/ports/forge.ts'

describe('forgeWords', () => {
  it('names GitHub and its markdown by default, GitLab and GitLab Flavored Markdown on GitLab', () => {
    expect(forgeWords()).toEqual({
      name: 'GitHub',
      markdown: 'GitHub-flavoured markdown',
      pullRequest: 'pull request',
      scheduler: { login: 'github-actions[bot]', id: 41898282 },
      schedule: "the repository's schedule"
    })
    expect(forgeWords('github')).toEqual(forgeWords())
    expect(forgeWords('gitlab')).toEqual({
      name: 'GitLab',
      markdown: 'GitLab Flavored Markdown',
      pullRequest: 'merge request',
      scheduler: { login: 'GitLab pipeline schedule', id: 0 },
      schedule: "the project's pipeline schedule"
    })
  })

  it("names GitLab's scheduler so that no username and no mention can be it", () => {
    const { login } = forgeWords('gitlab').scheduler
    expect(login).toMatch(/\s/)
    expect(login).not.toMatch(/^[\w.-]+$/)
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

describe('threadRef', () => {
  it('writes #n on GitHub, and on GitLab #n for an issue and !n for a merge request', () => {
    expect(threadRef(4, 'pull_request')).toBe('#4')
    expect(threadRef(4, 'pull_request', 'github')).toBe('#4')
    expect(threadRef(4, 'issue', 'gitlab')).toBe('#4')
    expect(threadRef(4, undefined, 'gitlab')).toBe('#4')
    expect(threadRef(4, 'pull_request', 'gitlab')).toBe('!4')
  })
})
