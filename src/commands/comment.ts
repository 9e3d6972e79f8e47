// "comment", "respond", "answer", "think": read the conversation, answer in one comment.
import { fill, PROMPTS } from '../prompts.ts'
import { renderRepoContext } from '../repo-context.ts'
import { renderThread } from '../thread.ts'
import type { CommandSpec, ConversationContext, Outcome } from './types.ts'
import type { Message } from '../llm/types.ts'

/** The system prompt every conversation command shares. */
export function systemPrompt(ctx: ConversationContext): string {
  const unsure = ctx.maintainers.length
    ? `If you are not sure of an answer, say so plainly and ask ${ctx.maintainers.map((m) => `@${m}`).join(', ')} to help, instead of guessing.`
    : 'If you are not sure of an answer, say so plainly instead of guessing.'
  const base = fill(PROMPTS.system, { bot_name: ctx.botName, repository: ctx.thread.repo, unsure })
  if (!ctx.instructions) return base
  return `${base}\n\n# Instructions from the repository's maintainers\n\n${ctx.instructions.trim()}`
}

/** System prompt, then one user message: the conversation, the repository, the task. */
export function conversationMessages(ctx: ConversationContext, task: string): Message[] {
  return [
    { role: 'system', content: systemPrompt(ctx) },
    { role: 'user', content: [renderThread(ctx.thread), renderRepoContext(ctx.repo), `# Your task\n\n${task}`].join('\n\n') }
  ]
}

export const commentCommand: CommandSpec = {
  name: 'comment',
  aliases: ['respond', 'answer', 'think'],
  summary: 'reads the whole conversation and answers in a comment',
  example: 'think about this',
  needs: 'conversation',
  async run(ctx: ConversationContext): Promise<Outcome> {
    const reply = await ctx.model.generateText({ purpose: 'answer', messages: conversationMessages(ctx, PROMPTS.comment) })
    const body = reply.text.trim()
    return { kind: 'reply', body: body || '*The model returned an empty answer.*' }
  }
}
