// A text answer: images the model cannot read left out, one call, continued while cut off.
import { continueText } from './continuation.ts'
import { callOnce } from './model-call.ts'
import { outputLimit, reply, type ModelState } from './model-state.ts'
import type { ModelReply, TextRequest } from './types.ts'
import { withoutUnreadableImages } from './unreadable-images.ts'
import { counted } from './plural.ts'

export async function generateText(state: ModelState, request: TextRequest): Promise<ModelReply> {
  const { options } = state
  const messages = withoutUnreadableImages(state.spec, request.messages, options.transcript)
  const limit = outputLimit(state, request)
  const first = await callOnce(state, { purpose: request.purpose, messages: [...messages], maxOutputTokens: limit })
  const { last, text, usage } = await continueText(state, request.purpose, messages, first, limit)
  if (last.finishReason === 'length') {
    options.transcript.notes.tell(
      `The answer reached the output limit (${limit.toLocaleString('en-US')} tokens per call) and was continued ${counted(options.maxContinuations, 'time')}; it may end early.`
    )
  }
  return reply(state, last, text, usage)
}
