// Continuation of answers cut off by the output limit: the model is asked to go on where it stopped, a
// bounded number of times (`maxContinuations`), and the pieces are joined.
import { callOnce } from './model-call.ts'
import { addUsage, type ModelState } from './model-state.ts'
import type { FinishReason, Message, ProviderResponse, ToolDeclaration, Usage } from './types.ts'

const CONTINUE =
  'Your answer was cut off by the output limit. Continue exactly where it stopped, without repeating anything.'

/**
 * A text answer continued while cut off. An empty cut answer has nothing to continue from (and some APIs
 * reject an empty assistant turn). `last` is the last call's response: still cut off if its reason says so.
 */
export async function continueText(
  state: ModelState,
  purpose: string,
  messages: readonly Message[],
  first: ProviderResponse,
  maxOutputTokens: number
): Promise<{ last: ProviderResponse; text: string; usage: Usage }> {
  const conversation = [...messages]
  let last = first
  let text = first.text
  const usage = { ...first.usage }
  for (let round = 0; last.finishReason === 'length' && last.text && round < state.options.maxContinuations; round++) {
    conversation.push({ role: 'assistant', content: last.text }, { role: 'user', content: CONTINUE })
    last = await callOnce(state, { purpose: `${purpose} (continued)`, messages: [...conversation], maxOutputTokens })
    text += last.text
    addUsage(usage, last.usage)
  }
  return { last, text, usage }
}

/**
 * The final answer of a conversation with tools, continued while cut off, without tools (they stay declared:
 * the conversation holds calls and results). `usage` gets the continuations' tokens.
 */
export async function continueToolAnswer(
  state: ModelState,
  purpose: string,
  answer: { text: string; finishReason: FinishReason; messages: Message[] },
  usage: Usage,
  maxOutputTokens: number,
  declarations: ToolDeclaration[]
): Promise<{ text: string; finishReason: FinishReason }> {
  let { text, finishReason } = answer
  let messages = answer.messages
  for (let round = 0; finishReason === 'length' && text && round < state.options.maxContinuations; round++) {
    messages = [...messages, { role: 'user', content: CONTINUE }]
    const more = await callOnce(state, {
      purpose: `${purpose} (continued)`,
      messages,
      maxOutputTokens,
      tools: { declarations, choice: 'none' }
    })
    messages = [...messages, { role: 'assistant', content: more.text }]
    text += more.text
    finishReason = more.finishReason
    addUsage(usage, more.usage)
  }
  return { text, finishReason }
}
