// "comment" (also "think", "answer", "explain", "summarise", ...): read the conversation, answer in one comment.
// The model says whether it is sure; when it is not, git-bob says so and asks the maintainers instead of guessing.
import { fill, PROMPTS } from '../conversation/prompts.ts'
import { fitPrompt, renderParts } from '../conversation/budget.ts'
import { estimateTokens } from '../conversation/tokens.ts'
import { handOff } from './hand-off.ts'
import { toolLimits, usesTools, withRoomForTools } from './read-with-tools.ts'
import type { ConversationContext, Outcome } from './types.ts'
import type { ContentPart, Message } from '../llm/types.ts'

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

/**
 * The conversation's images and the documents' pictures as labelled image parts; the model adapter
 * leaves them out for models that don't read images.
 */
function imageParts(ctx: ConversationContext): ContentPart[] {
  let n = 0
  return (ctx.thread.images ?? []).flatMap((image): ContentPart[] => [
    {
      type: 'text',
      text: image.label
        ? `The ${image.label} (marked "[${/^picture \d+/.exec(image.label)?.[0] ?? 'picture'}]" in its text):`
        : `Image ${++n}, from the ${image.where}${image.alt ? ` ("${image.alt}")` : ''}, ${image.url}:`
    },
    { type: 'image', mediaType: image.mediaType, data: image.data }
  ])
}

function imagesHeading(ctx: ConversationContext): string {
  const images = ctx.thread.images ?? []
  const pictures = images.filter((i) => i.label).length
  if (!pictures) return 'Images from the conversation'
  return pictures === images.length
    ? 'Pictures from the documents'
    : 'Images from the conversation and pictures from the documents'
}

/** System prompt, then one user message: the conversation, the repository, the task, and the images. */
export function conversationMessages(ctx: ConversationContext, task: string): Message[] {
  const system = systemPrompt(ctx)
  // Images cost input tokens too: about a thousand each at the detail models use by default.
  const fixed = estimateTokens(system) + estimateTokens(task) + 1000 * (ctx.thread.images?.length ?? 0) + 100
  const fitted = fitPrompt(
    { thread: ctx.thread, repo: ctx.repo, leftOut: ctx.notes.forModel },
    ctx.promptTokenBudget,
    fixed,
    (note) => ctx.notes.tell(`Left out: ${note}.`)
  )
  const text = [...renderParts(fitted), `# Your task\n\n${task}`].join('\n\n')
  const images = imageParts(ctx)
  return [
    { role: 'system', content: system },
    {
      role: 'user',
      content: images.length ? [{ type: 'text', text: `${text}\n\n# ${imagesHeading(ctx)}` }, ...images] : text
    }
  ]
}

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
  const reply = usesTools(ctx)
    ? await ctx.model.generateWithTools({
        purpose: 'answer',
        messages: conversationMessages(withRoomForTools(ctx), PROMPTS.comment),
        tools: ctx.tools,
        limits: toolLimits(ctx)
      })
    : await ctx.model.generateText({ purpose: 'answer', messages: conversationMessages(ctx, PROMPTS.comment) })
  const { answer, sure, doubt } = readAnswer(reply.text)
  if (!sure) {
    const handed = handOff(answer, doubt, ctx.maintainers)
    return { kind: 'reply', body: handed.body, mentions: handed.mentions }
  }
  return { kind: 'reply', body: answer || '*The model returned an empty answer.*' }
}
