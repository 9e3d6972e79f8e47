// "help", and the answer to any verb git-bob does not know.
import { chooseMediaModel } from '../llm/media.ts'
import { parseModelSpec } from '../llm/providers.ts'
import { HOMEPAGE } from '../version.ts'
import type { BasicContext, CommandSpec, Outcome } from './types.ts'

/**
 * Why a command cannot work with this configuration and what to set, or null. Only what the inputs tell:
 * a malformed setting is reported by the command itself, where it is read.
 */
function notSetUp(name: string, ctx: Pick<BasicContext, 'modelId' | 'imageModel' | 'deployWorkflow'>): string | null {
  if (name === 'paint') {
    try {
      const chat = parseModelSpec(ctx.modelId.split(',')[0]!.trim())
      const choice = chooseMediaModel('image', ctx.imageModel, chat)
      return choice.ok ? null : choice.reason
    } catch {
      return null
    }
  }
  if (name === 'deploy' && !ctx.deployWorkflow)
    return "no release workflow is named: set the `deploy-workflow` input to its file name (e.g. `deploy-workflow: release.yml`) and grant `actions: write` in the workflow's `permissions:`"
  return null
}

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
    const missing = notSetUp(c.name, ctx)
    return `- \`${ctx.botName} ${c.example}\`${aliases}: ${c.summary}${missing ? `. **Not set up here:** ${missing}.` : ''}`
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
