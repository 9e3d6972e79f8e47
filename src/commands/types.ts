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

/** A message to post in answer; the credit (model, tokens) comes from the run's transcript. */
export interface Outcome {
  kind: 'reply'
  body: string
}

interface CommandBase extends Verb {
  /** One line for the help text. */
  summary: string
  /** How to write it, e.g. "think about this". */
  example: string
}

export type CommandSpec =
  | (CommandBase & { needs: 'nothing'; run(ctx: BasicContext): Outcome })
  | (CommandBase & { needs: 'conversation'; run(ctx: ConversationContext): Promise<Outcome> })
