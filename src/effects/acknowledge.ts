// Before the work starts, the request gets an "eyes" reaction, so people see git-bob is on it.
// A reaction that fails is a warning, never a failure of the run.
import type { Forge } from '../ports/forge.ts'
import type { ReactionTarget } from '../ports/github.ts'
import { describeFailure } from '../outbox/failure.ts'
import type { Logger } from '../ports/run.ts'
import type { TriggerEvent } from '../trigger/event.ts'

export function reactionTarget(event: TriggerEvent): ReactionTarget | null {
  switch (event.request.source) {
    case 'issue_comment':
      return { kind: 'issue_comment', id: event.request.id }
    case 'review_comment':
      return { kind: 'review_comment', id: event.request.id }
    case 'issue_body':
    case 'label':
    case 'assignment':
      // The issue (or pull request) itself: a label or an assignment has no text of its own to react to.
      return { kind: 'issue', number: event.target.number }
    case 'review':
    case 'review_request':
    case 'triage':
    case 'check_fix':
      return null // GitHub has no reactions on reviews; a review request and a triage have nobody waiting
  }
}

export async function acknowledge(event: TriggerEvent, api: Pick<Forge, 'react'>, log: Logger): Promise<void> {
  const target = reactionTarget(event)
  if (!target) return
  await api
    .react(target, 'eyes')
    .catch((error: unknown) => log.warning(`Could not add the eyes reaction: ${describeFailure(error).what}`))
}
