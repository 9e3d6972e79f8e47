// Carries out what a command decided, through the Outbox (so everything posted is stamped).
import type { Outcome } from './commands/types.ts'
import type { TriggerEvent } from './event.ts'
import type { Outbox, Posted } from './github/outbox.ts'
import type { ModelCredit } from './stamp.ts'

export interface EffectPorts {
  outbox: Outbox
}

export async function applyOutcome(outcome: Outcome, event: TriggerEvent, credit: ModelCredit | null, ports: EffectPorts): Promise<Posted[]> {
  switch (outcome.kind) {
    case 'reply':
      return ports.outbox.reply(event, outcome.body, credit)
  }
}
