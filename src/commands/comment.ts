// "comment", "respond", "answer", "think": read the conversation, answer in one comment. The model says
// whether it is sure; when it is not, git-bob says so and asks the maintainers instead of guessing.
import { z } from 'zod'
import { fill, PROMPTS } from '../prompts.ts'
import { renderRepoContext } from '../repo-context.ts'
import { renderThread } from '../thread.ts'
import { handOff } from './hand-off.ts'
import type { CommandSpec, ConversationContext, Outcome } from './types.ts'
import type { Message } from '../llm/types.ts'

/** The system prompt every conversation command shares. */
export function systemPrompt(ctx: ConversationContext): string {
  // Names without "@": the model should not mention them; git-bob does, when it hands a question over.
  const unsure = ctx.maintainers.length
    ? `If you are not sure of an answer, say so plainly instead of guessing; the repository's maintainers (${ctx.maintainers.join(', ')}) will then be asked to help.`
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

/** The structured answer (prompts/comment.md describes the fields to the model). */
export const AnswerSchema = z.object({
  answer: z.string(),
  sure: z.boolean(),
  doubt: z.string().nullable()
})

export async function answerInComment(ctx: ConversationContext): Promise<Outcome> {
  const reply = await ctx.model.generateObject({ purpose: 'answer', schemaName: 'answer', schema: AnswerSchema, messages: conversationMessages(ctx, PROMPTS.comment) })
  const { answer, sure, doubt } = reply.value
  if (!sure) {
    const handed = handOff(answer, doubt, ctx.maintainers)
    return { kind: 'reply', body: handed.body, mentions: handed.mentions }
  }
  return { kind: 'reply', body: answer.trim() || '*The model returned an empty answer.*' }
}

export const commentCommand: CommandSpec = {
  name: 'comment',
  aliases: ['respond', 'answer', 'think'],
  summary: 'reads the whole conversation and answers in a comment; when unsure, says so and asks the maintainers',
  example: 'think about this',
  needs: 'conversation',
  run: answerInComment
}
