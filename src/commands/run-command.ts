// Running the command, as one stage: which command a request names (an unknown verb gets the help), and
// the call with the context gathered for it.
import type { Command } from '../trigger/grammar.ts'
import { commandNamed } from './registry.ts'
import type { ActionsContext, BasicContext, CommandSpec, ConversationContext, Outcome } from './types.ts'

type NeedsNothing = Extract<CommandSpec, { needs: 'nothing' }>
type NeedsConversation = Extract<CommandSpec, { needs: 'conversation' }>
type NeedsActions = Extract<CommandSpec, { needs: 'actions' }>

/** A command with what it needs: nothing beyond the request, the whole conversation, or GitHub Actions. */
export type Ready =
  | { needs: 'nothing'; spec: NeedsNothing; context: BasicContext }
  | { needs: 'conversation'; spec: NeedsConversation; context: ConversationContext }
  | { needs: 'actions'; spec: NeedsActions; context: ActionsContext }

export function commandFor(command: Command): CommandSpec {
  const spec = commandNamed(command.kind === 'known' ? command.verb : 'help')
  if (!spec) throw new Error(`no command is registered as ${command.kind === 'known' ? command.verb : 'help'}`)
  return spec
}

export async function runCommand(ready: Ready): Promise<Outcome> {
  switch (ready.needs) {
    case 'nothing':
      return ready.spec.run(ready.context)
    case 'conversation':
      return ready.spec.run(ready.context)
    case 'actions':
      return ready.spec.run(ready.context)
  }
}
