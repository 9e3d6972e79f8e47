// What the conversation stage hands on: data, no ports. The wiring (wiring/session.ts) adds what the command
// works through (the model, the tools, the checkout) to make the command's context (commands/types.ts).
import type { TriggerEvent } from '../trigger/event.ts'
import type { Command } from '../trigger/grammar.ts'
import type { Notes } from '../record/notes.ts'
import type { RepoContext } from './repo-context.ts'
import type { Thread } from './thread.ts'
import type { InstructionText } from './instructions.ts'
import type { ForgeDialect } from '../ports/forge.ts'

/** What every command knows: the request, who git-bob is, the models configured. */
export interface Basics {
  event: TriggerEvent
  command: Command
  botName: string
  /** The forge the request came from, which the prompts name (absent: GitHub). */
  forge?: ForgeDialect
  /** The `model` input as configured. */
  modelId: string
  /** The `allowed-models` entries as written, for "ask <model> to ..." (empty: no switching). */
  allowedModels: readonly string[]
  /** The `image-model` and `deploy-workflow` inputs as written ('' when not set), for help. */
  imageModel: string
  deployWorkflow: string
}

/** What a command that reads the conversation knows, besides the ports it is given. */
export interface ConversationData extends Basics {
  thread: Thread
  repo: RepoContext
  /** The run's notes: what the model is told was left out; what people are told under the answer. */
  notes: Notes
  /** The repository's instruction files that apply (from the default branch), fitted to their share of the budget. */
  instructions: readonly InstructionText[]
  /** A review's: the rules of the review memory on the default branch (review-memory.ts); absent: none. */
  reviewMemory?: readonly string[]
  maintainers: readonly string[]
  /** Estimated tokens a review's prompt may take (the review-token-budget input, within the prompt budget). */
  reviewTokenBudget: number
  /** Estimated tokens any prompt may take (prompt-budget.ts): the conversation is fitted into it. */
  promptTokenBudget: number
  /** The max-steps, max-tool-calls-per-step and max-cost-usd inputs. */
  toolLimits: { maxSteps: number; maxCallsPerStep: number; maxCostUsd: number | null }
}
