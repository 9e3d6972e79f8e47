// "comment" (also "think", "answer", "explain", "summarise", ...): read the conversation, answer in one comment.
// The model says whether it is sure; when it is not, git-bob says so and asks the maintainers instead of guessing.
import { fill, forgePlaceholders, PROMPTS } from '../conversation/prompts.ts'
import { conversationMessages } from '../conversation/messages.ts'
import { handOff } from './hand-off.ts'
import { toolLimits, usesTools, withRoomForTools } from './read-with-tools.ts'
import type { ConversationContext, Outcome } from './types.ts'

const UNSURE = /^\s*UNSURE:[ \t]*(.*)(?:\n|$)/

/**
 * The answer is markdown text, so that a long one can be continued past the output limit and so that
 * servers without structured output work too. Its structure is one optional first line, `UNSURE: why`
 * (prompts/comment.md), which code reads; the rest is the comment.
 */
export function readAnswer(text: string): { answer: string; sure: boolean; doubt: string | null } {
  const match = UNSURE.exec(text)
  if (!match) return { answer: text.trim(), sure: true, doubt: null }
  return { answer: text.slice(match[0].length).trim(), sure: false, doubt: match[1]!.trim() || null }
}

export async function answerInComment(ctx: ConversationContext): Promise<Outcome> {
  const task = fill(PROMPTS.comment, forgePlaceholders(ctx.forge))
  const reply = usesTools(ctx)
    ? await ctx.model.generateWithTools({
        purpose: 'answer',
        messages: conversationMessages(withRoomForTools(ctx), task),
        tools: ctx.tools,
        limits: toolLimits(ctx)
      })
    : await ctx.model.generateText({ purpose: 'answer', messages: conversationMessages(ctx, task) })
  const { answer, sure, doubt } = readAnswer(reply.text)
  if (!sure) {
    const handed = handOff(answer, doubt, ctx.maintainers)
    return { kind: 'reply', body: handed.body, mentions: handed.mentions }
  }
  return { kind: 'reply', body: answer || '*The model returned an empty answer.*' }
}
