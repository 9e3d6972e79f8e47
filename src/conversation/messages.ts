// The prompt every conversation command starts from: the system prompt (with the repository's instructions),
// then one user message with the conversation, the repository, the task and the images, fitted to the budget.
import { fill, forgePlaceholders, PROMPTS } from './prompts.ts'
import { fitPrompt, renderParts } from './budget.ts'
import { estimateTokens } from './tokens.ts'
import { renderInstructions } from './instructions.ts'
import type { ConversationData } from './context.ts'
import type { ContentPart, Message } from '../llm/types.ts'

/** What the prompt is made of. */
export type PromptData = Pick<
  ConversationData,
  'botName' | 'forge' | 'maintainers' | 'instructions' | 'thread' | 'repo' | 'notes' | 'promptTokenBudget'
>

/** The system prompt every conversation command shares; a review's carries the instructions' review sections too. */
export function systemPrompt(ctx: PromptData, forReview = false): string {
  // Names without "@": the model should not mention them; git-bob does, when it hands a question over.
  const unsure = ctx.maintainers.length
    ? `If you are not sure of an answer, say so plainly instead of guessing; the repository's maintainers (${ctx.maintainers.join(', ')}) will then be asked to help.`
    : 'If you are not sure of an answer, say so plainly instead of guessing.'
  const base = fill(PROMPTS.system, {
    ...forgePlaceholders(ctx.forge),
    bot_name: ctx.botName,
    repository: ctx.thread.repo,
    unsure
  })
  const instructions = renderInstructions(ctx.instructions, forReview)
  return instructions ? `${base}\n\n${instructions}` : base
}

/**
 * The conversation's images and the documents' pictures as labelled image parts; the model adapter
 * leaves them out for models that don't read images.
 */
function imageParts(ctx: PromptData): ContentPart[] {
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

function imagesHeading(ctx: PromptData): string {
  const images = ctx.thread.images ?? []
  const pictures = images.filter((i) => i.label).length
  if (!pictures) return 'Images from the conversation'
  return pictures === images.length
    ? 'Pictures from the documents'
    : 'Images from the conversation and pictures from the documents'
}

/** System prompt, then one user message: the conversation, the repository, the task, and the images. */
export function conversationMessages(ctx: PromptData, task: string): Message[] {
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
