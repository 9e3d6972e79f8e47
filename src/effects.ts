// Carries out what a command decided, through the Outbox (so everything posted is stamped).
import type { Outcome } from './commands/types.ts'
import type { TriggerEvent } from './event.ts'
import { describeFailure } from './failure.ts'
import type { CreatedIssue } from './github/api.ts'
import type { Outbox, Posted } from './github/outbox.ts'
import type { ModelCredit } from './stamp.ts'
import { subIssueList } from './sub-issue-list.ts'

export interface EffectPorts {
  outbox: Outbox
  /** Links an issue (by id) below a parent (by number). Not a message, so not the Outbox's job. */
  addSubIssue(parentNumber: number, childId: number): Promise<void>
  botName: string
}

async function openIssues(outcome: Extract<Outcome, { kind: 'issues' }>, event: TriggerEvent, credit: ModelCredit | null, ports: EffectPorts): Promise<Posted[]> {
  const created: CreatedIssue[] = []
  for (const issue of outcome.issues) created.push(await ports.outbox.createIssue(event, issue, credit))
  let linkFailure: string | null = null
  for (const child of created) {
    try {
      await ports.addSubIssue(outcome.parent, child.id)
    } catch (error) {
      // Sub-issues may be unavailable (GitHub Enterprise Server, a token without the permission): the
      // first refusal decides, and a task list takes over for all of them.
      linkFailure = describeFailure(error).what.replace(/\.$/, '')
      break
    }
  }
  const listed = created.map((c, i) => ({ number: c.number, title: outcome.issues[i]!.title }))
  const posted = await ports.outbox.reply(event, subIssueList(outcome.intro, listed, ports.botName, linkFailure), credit)
  return [...posted, ...created]
}

export async function applyOutcome(outcome: Outcome, event: TriggerEvent, credit: ModelCredit | null, ports: EffectPorts): Promise<Posted[]> {
  switch (outcome.kind) {
    case 'reply':
      return ports.outbox.reply(event, outcome.body, credit, outcome.mentions ?? [])
    case 'review':
      return [await ports.outbox.review(event, outcome, credit)]
    case 'issues':
      return openIssues(outcome, event, credit, ports)
  }
}
