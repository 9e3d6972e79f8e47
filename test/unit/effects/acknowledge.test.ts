import { describe, expect, it } from 'vitest'
import type { ReactionTarget } from '../../../src/ports/github.ts'
import { acknowledge, reactionTarget } from '../../../src/effects/acknowledge.ts'
import type { TriggerEvent } from '../../../src/trigger/event.ts'
import { triggerEvent } from '../../fakes/trigger-event.ts'

function event(source: TriggerEvent['request']['source']): TriggerEvent {
  return triggerEvent({ request: { source } })
}

describe('reactionTarget', () => {
  it('reacts to the comment, the review comment or the issue that asked; not to reviews or review requests', () => {
    expect(reactionTarget(event('issue_comment'))).toEqual({ kind: 'issue_comment', id: 99 })
    expect(reactionTarget(event('review_comment'))).toEqual({ kind: 'review_comment', id: 99 })
    expect(reactionTarget(event('issue_body'))).toEqual({ kind: 'issue', number: 7 })
    expect(reactionTarget(event('review'))).toBeNull()
    expect(reactionTarget(event('review_request'))).toBeNull()
  })
})

describe('acknowledge', () => {
  it('adds eyes, and only warns when GitHub refuses', async () => {
    const reacted: [ReactionTarget, string][] = []
    const warnings: string[] = []
    const log = { info: () => {}, warning: (m: string) => warnings.push(m), error: () => {} }
    await acknowledge(event('issue_comment'), { react: async (t, c) => void reacted.push([t, c]) }, log)
    expect(reacted).toEqual([[{ kind: 'issue_comment', id: 99 }, 'eyes']])
    await acknowledge(event('issue_body'), { react: () => Promise.reject(new Error('forbidden')) }, log)
    expect(warnings[0]).toContain('Could not add the eyes reaction')
  })
})
