// Asking a human: when the model is not sure, git-bob says so and mentions the maintainers; it never
// notifies people the model names who are not in the thread.
import { describe, expect, it } from 'vitest'
import { useStage } from './stage.ts'

const stage = useStage()
const BEFORE = '2019-05-15T15:00:00Z'

describe('asking a human', () => {
  it('hands an uncertain answer to the maintainers, openly, instead of guessing', async () => {
    stage.model.fallback = () =>
      'UNSURE: Whether version 1.x files are still supported\nThe file format changed in 2.0; whether 1.x files still load is not in this thread.'
    const run = await stage.comment(
      { body: 'Do old files still load?\n\ngit-bob answer' },
      { inputs: { maintainers: 'haesleinhuepf, octocat' } }
    )
    expect(run.code).toBe(0)
    const body = stage.github.postedComments(1)[0]!.body
    expect(body).toContain(
      "> I'm not sure about this: Whether version 1.x files are still supported. Rather than guess, I'm asking @haesleinhuepf and @octocat to take a look."
    )
    expect(body).not.toContain('`@haesleinhuepf`')
    expect(body).toContain('whether 1.x files still load is not in this thread')
    expect(body).not.toContain('UNSURE:')
    expect(String(stage.model.requests[0]!.body.messages[1]!.content)).toContain('UNSURE: <one sentence')
  })

  it('says it is not sure even without maintainers, mentioning nobody', async () => {
    stage.model.fallback = () => 'UNSURE:\nI cannot tell from here.'
    await stage.comment({ body: 'git-bob answer' })
    const body = stage.github.postedComments(1)[0]!.body
    expect(body).toContain(
      "I'm not sure about this. Rather than guess, I leave this to a maintainer of this repository."
    )
  })

  it('mentions people in the thread, but not people the model names from elsewhere', async () => {
    stage.github.addComment(1, { login: 'alice', body: 'Same here.', createdAt: BEFORE, association: 'CONTRIBUTOR' })
    stage.github.permissions.set('alice', 'read')
    stage.model.fallback = () =>
      'As @alice saw, this is #12; @torvalds or @octo-org/team might know. `@inline` and\n```\n@in-code\n```'
    await stage.comment({ body: 'git-bob answer' })
    const body = stage.github.postedComments(1)[0]!.body
    expect(body).toContain(
      'As @alice saw, this is #12; @\u200btorvalds or @\u200bocto-org/team might know. `@inline` and\n```\n@in-code\n```'
    )
  })

  it('a sure answer is posted as it is, without a note', async () => {
    stage.model.fallback = () => 'Yes, they load.'
    await stage.comment({ body: 'git-bob answer' }, { inputs: { maintainers: 'octocat' } })
    const body = stage.github.postedComments(1)[0]!.body
    expect(body).toContain('Yes, they load.')
    expect(body).not.toContain('not sure')
    expect(body).not.toContain('@octocat')
  })
})
