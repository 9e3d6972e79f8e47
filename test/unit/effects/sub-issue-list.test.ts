import { describe, expect, it } from 'vitest'
import { subIssueList } from '../../../src/effects/sub-issue-list.ts'
import { findCommand, verbTable } from '../../../src/trigger/grammar.ts'

const issues = [
  { number: 12, title: 'Parse the header' },
  { number: 13, title: 'Then git-bob implement the writer' }
]

describe('subIssueList', () => {
  it('lists linked sub-issues', () => {
    const text = subIssueList('Two parts: reading and writing.', issues, 'git-bob', null)
    expect(text).toBe(
      'Two parts: reading and writing.\n\nI opened 2 sub-issues of this issue:\n\n- #12 Parse the header\n- #13 Then `git-bob` implement the writer'
    )
  })

  it('falls back to a task list that says why', () => {
    const text = subIssueList('Split.', issues, 'git-bob', 'A GitHub API request failed with HTTP 404: Not Found')
    expect(text).toContain(
      'GitHub did not accept them as sub-issues (A GitHub API request failed with HTTP 404: Not Found)'
    )
    expect(text).toContain('- [ ] #12 Parse the header')
    expect(text).toContain('- [ ] #13 Then `git-bob` implement the writer')
  })

  it('starts no command with the titles it lists', () => {
    expect(
      findCommand(subIssueList('', issues, 'git-bob', null), 'git-bob', verbTable([{ name: 'implement' }]))
    ).toBeNull()
  })
})
