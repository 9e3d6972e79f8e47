import { describe, expect, it } from 'vitest'
import { addedPeople, isGitBobAccount, peopleAdded } from '../../../src/trigger/gitlab-people.ts'

const u = (username: string, reRequested = false): { username: string; reRequested: boolean } => ({
  username,
  reRequested
})
const user = (username: string, id = 7): object => ({ id, username, name: username })

describe("GitLab's assignee and reviewer changes", () => {
  it('lists the people an event added, case aside, and a reviewer asked again', () => {
    expect(addedPeople([u('ada')], [u('Ada'), u('bob'), u('cy')])).toEqual(['bob', 'cy'])
    expect(addedPeople([u('ada')], [u('ada', true)])).toEqual(['ada'])
    expect(addedPeople([u('ada', true)], [u('ada', true)])).toEqual([])
    expect(addedPeople([u('ada')], [])).toEqual([])
  })

  it("knows git-bob's account: bot-login when set, else this project's access token bot only", () => {
    expect(isGitBobAccount('project_42_bot_0a1b2c', null, 42)).toBe(true)
    expect(isGitBobAccount('PROJECT_42_BOT1', null, 42)).toBe(true)
    expect(isGitBobAccount('project_43_bot_0a1b2c', null, 42)).toBe(false)
    expect(isGitBobAccount('project_4_bot_0a1b2c', null, 42)).toBe(false)
    expect(isGitBobAccount('group_42_bot_0a1b2c', null, 42)).toBe(false)
    expect(isGitBobAccount('project_42_bot_0a1b2c', null, null)).toBe(false)
    expect(isGitBobAccount('Git-Bob-Lab', 'git-bob-lab', 42)).toBe(true)
    expect(isGitBobAccount('project_42_bot_0a1b2c', 'git-bob-lab', 42)).toBe(false)
  })

  it('reads the documented shape (arrays of users with id, username, name) and finds git-bob among those added', () => {
    const raw = {
      project: { id: 42 },
      changes: {
        assignees: { previous: [user('ada')], current: [user('ada'), user('project_42_bot_0a1b2c', 900)] },
        reviewers: { previous: [], current: [user('bob')] }
      }
    }
    expect(peopleAdded(raw, null)).toEqual({
      assignees: ['project_42_bot_0a1b2c'],
      reviewers: ['bob'],
      assignedBot: 'project_42_bot_0a1b2c',
      reviewRequestedBot: null
    })
    expect(peopleAdded(raw, 'bob')).toMatchObject({ assignedBot: null, reviewRequestedBot: 'bob' })
  })

  it('reads a malformed change as nobody, never throwing', () => {
    for (const raw of [
      null,
      'x',
      { changes: 'none' },
      { project: 'p', changes: { assignees: { previous: 3, current: [null, { id: 1 }, 'ada'] } } },
      { changes: { reviewers: [user('project_42_bot')] } }
    ]) {
      expect(peopleAdded(raw, null)).toEqual({
        assignees: [],
        reviewers: [],
        assignedBot: null,
        reviewRequestedBot: null
      })
    }
    // A drifted project id: the token's bot cannot be told, bot-login still can.
    const drifted = { project: { id: 'x' }, changes: { assignees: { current: [user('project_42_bot')] } } }
    expect(peopleAdded(drifted, null).assignedBot).toBeNull()
    expect(peopleAdded(drifted, 'project_42_bot').assignedBot).toBe('project_42_bot')
  })
})
