// What a command receives and returns. Commands decide what to say; run.ts and the Outbox post it.
import type { TriggerEvent } from '../event.ts'
import type { LanguageModel } from '../llm/types.ts'
import type { RepoContext } from '../repo-context.ts'
import type { Thread } from '../thread.ts'
import type { Command, Verb } from '../trigger.ts'

export interface BasicContext {
  event: TriggerEvent
  command: Command
  botName: string
  /** The `model` input as configured. */
  modelId: string
  /** The `allowed-models` entries as written, for "ask <model> to ..." (empty: no switching). */
  allowedModels: readonly string[]
  commands: readonly CommandSpec[]
}

export interface ConversationContext extends BasicContext {
  thread: Thread
  repo: RepoContext
  /** The repository's own instructions file, if it has one. */
  instructions: string | null
  maintainers: readonly string[]
  model: LanguageModel
}

/**
 * What a command wants done; effects.ts carries it out through the Outbox, which stamps it with the
 * credit (model, tokens) from the run's transcript. New kinds of work are new members here.
 */
export type Outcome = { kind: 'reply'; body: string }

interface CommandBase extends Verb {
  /** One line for the help text. */
  summary: string
  /** How to write it, e.g. "think about this". */
  example: string
}

export type CommandSpec =
  | (CommandBase & { needs: 'nothing'; run(ctx: BasicContext): Outcome })
  | (CommandBase & { needs: 'conversation'; run(ctx: ConversationContext): Promise<Outcome> })
