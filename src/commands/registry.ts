// Every command git-bob knows. Adding a command is one entry here (its module says what it does).
import { commentCommand } from './comment.ts'
import { helpCommand } from './help.ts'
import { implementCommand, tryCommand } from './implement/implement.ts'
import { reviewCommand } from './review/review.ts'
import { splitCommand } from './split.ts'
import type { CommandSpec } from './types.ts'

export const COMMANDS: readonly CommandSpec[] = [
  commentCommand,
  implementCommand,
  tryCommand,
  reviewCommand,
  splitCommand,
  helpCommand
]

export function commandNamed(name: string): CommandSpec | undefined {
  return COMMANDS.find((c) => c.name === name)
}
