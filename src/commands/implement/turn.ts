// One implement turn, as the parts of the command see it: what they used to pass each other one by one.
import type { ChangePorts, ConversationContext } from '../types.ts'
import type { PathRules } from '../../ports/paths.ts'
import type { Plan, Written } from './plan.ts'

/** What every part of a turn works with: the conversation, the ports, and which paths may be written. */
export interface Turn {
  ctx: ConversationContext
  ports: ChangePorts
  rules: PathRules
}

/** A turn once planned: the plan, and what the turn has written so far (later files see it). */
export interface PlannedTurn extends Turn {
  plan: Plan
  written: Written[]
}
