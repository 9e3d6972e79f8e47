// "help", and the answer to any verb git-bob does not know.
import { HOMEPAGE } from '../version.ts'
import type { BasicContext, CommandSpec, Outcome } from './types.ts'

export function helpText(ctx: BasicContext): string {
  const command = ctx.command
  const intro =
    command.kind !== 'unknown'
      ? 'Here is what I can do:'
      : command.unreadable !== undefined
        ? `I took no command from your comment: ${command.unreadable}, more than I read as markdown, so I cannot tell whether the command is quoted, in code or hidden. Please write it in a comment of its own. Here is what I can do:`
        : `I don't know the command "${command.word}". Here is what I can do:`
  const rows = ctx.commands.map((c) => {
    // The other words for the same command: the canonical name too, when the example uses an alias.
    const used = c.example.split(' ')[0]
    const others = [c.name, ...(c.aliases ?? [])].filter((w) => w !== used)
    const aliases = others.length ? ` (also: ${others.map((a) => `\`${a}\``).join(', ')})` : ''
    return `- \`${ctx.botName} ${c.example}\`${aliases}: ${c.summary}`
  })
  return [
    intro,
    '',
    ...rows,
    '',
    `Write the command anywhere in a comment, e.g. "${ctx.botName}, please ${ctx.commands[0]?.example ?? 'help'}". Only people with write access to this repository can ask me to act. I'm configured to use the model \`${ctx.modelId}\`.`,
    '',
    ctx.allowedModels.length
      ? `To use another model for one command, write "${ctx.botName} ask <model> to ${ctx.commands[0]?.example ?? 'help'}" with one of: ${ctx.allowedModels.map((m) => `\`${m}\``).join(', ')}.`
      : 'Switching to another model per comment ("ask <model> to ...") is not enabled in this repository (`allowed-models`).',
    '',
    `More in the [README](${HOMEPAGE}#readme).`
  ].join('\n')
}

export const helpCommand: CommandSpec = {
  name: 'help',
  summary: 'lists these commands',
  example: 'help',
  needs: 'nothing',
  run(ctx: BasicContext): Outcome {
    return { kind: 'reply', body: helpText(ctx) }
  }
}
