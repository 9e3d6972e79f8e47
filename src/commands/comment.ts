// "comment", "respond", "answer", "think": read the conversation, answer in one comment.
import { fill, PROMPTS } from '../prompts.ts'
import { renderRepoContext } from '../repo-context.ts'
import { renderThread } from '../thread.ts'
import type { CommandSpec, ConversationContext, Outcome } from './types.ts'
import type { ContentPart, Message } from '../llm/types.ts'

/** The system prompt every conversation command shares. */
export function systemPrompt(ctx: ConversationContext): string {
  const unsure = ctx.maintainers.length
    ? `If you are not sure of an answer, say so plainly and ask ${ctx.maintainers.map((m) => `@${m}`).join(', ')} to help, instead of guessing.`
    : 'If you are not sure of an answer, say so plainly instead of guessing.'
  const base = fill(PROMPTS.system, { bot_name: ctx.botName, repository: ctx.thread.repo, unsure })
  if (!ctx.instructions) return base
  return `${base}\n\n# Instructions from the repository's maintainers\n\n${ctx.instructions.trim()}`
}

/** The conversation's images as labelled image parts; the model adapter leaves them out for models that don't read images. */
function imageParts(ctx: ConversationContext): ContentPart[] {
  return (ctx.thread.images ?? []).flatMap((image, i): ContentPart[] => [
    { type: 'text', text: `Image ${i + 1}, from the ${image.where}${image.alt ? ` ("${image.alt}")` : ''}, ${image.url}:` },
    { type: 'image', mediaType: image.mediaType, data: image.data }
  ])
}

/** System prompt, then one user message: the conversation, the repository, the task, and the images. */
export function conversationMessages(ctx: ConversationContext, task: string): Message[] {
  const text = [renderThread(ctx.thread), renderRepoContext(ctx.repo), `# Your task\n\n${task}`].join('\n\n')
  const images = imageParts(ctx)
  return [
    { role: 'system', content: systemPrompt(ctx) },
    { role: 'user', content: images.length ? [{ type: 'text', text: `${text}\n\n# Images from the conversation` }, ...images] : text }
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
