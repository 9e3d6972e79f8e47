// A conversation with tools (tool-loop.ts) on this model, its final answer continued while cut off; a model
// that cannot call tools answers from the fixed context, and the notes say so.
import { continueToolAnswer } from './continuation.ts'
import { callOnce } from './model-call.ts'
import { outputLimit, type ModelState } from './model-state.ts'
import { estimateCost } from './prices.ts'
import { generateText } from './text-answer.ts'
import { runToolLoop, toolDeclaration, type ModelTurn } from './tool-loop.ts'
import type { Message, ProviderResponse, ToolDeclaration, ToolReply, ToolRequest } from './types.ts'
import { withoutUnreadableImages } from './unreadable-images.ts'

export async function generateWithTools(state: ModelState, request: ToolRequest): Promise<ToolReply> {
  const { spec, options } = state
  if (!state.toolsSupported || !request.tools.length) {
    if (request.tools.length)
      options.transcript.notes.tell(
        `Tools were not available: ${spec.id} cannot call tools, so it read the fixed context only.`
      )
    const answer = await generateText(state, request)
    return { ...answer, steps: 0, toolCalls: 0, cutShort: null, readings: '' }
  }
  const declarations = request.tools.map(toolDeclaration)
  const limit = outputLimit(state, request)
  const result = await runToolLoop({
    purpose: request.purpose,
    messages: withoutUnreadableImages(spec, request.messages, options.transcript),
    tools: request.tools,
    limits: request.limits,
    modelId: spec.id,
    ask: asker(state, declarations, limit),
    recordTools: (runs) => options.transcript.addToolRuns(runs),
    tell: (note) => options.transcript.notes.tell(note),
    remark: (note) => options.transcript.remark(note)
  })
  const { text, finishReason } = await continueToolAnswer(
    state,
    request.purpose,
    result,
    result.usage,
    limit,
    declarations
  )
  return {
    text,
    servedModel: result.servedModel ?? spec.model,
    provider: spec.provider.name,
    usage: result.usage,
    finishReason,
    steps: result.steps,
    toolCalls: result.toolCalls,
    cutShort: result.cutShort,
    readings: result.readings
  }
}

/** One turn of the conversation: the tools declared, their calls taken only when the model may call them. */
function asker(
  state: ModelState,
  declarations: ToolDeclaration[],
  limit: number
): (messages: Message[], choice: 'auto' | 'none', purpose: string) => Promise<ModelTurn> {
  const { spec } = state
  const price = (response: ProviderResponse): number | null =>
    estimateCost(spec.provider.name, response.servedModel ?? spec.model, response.usage) ??
    estimateCost(spec.provider.name, spec.model, response.usage)
  return async (messages, choice, purpose) => {
    const response = await callOnce(state, {
      purpose,
      messages: [...messages],
      maxOutputTokens: limit,
      tools: { declarations, choice }
    })
    return {
      text: response.text,
      toolCalls: choice === 'auto' ? (response.toolCalls ?? []) : [],
      usage: response.usage,
      servedModel: response.servedModel,
      finishReason: response.finishReason,
      costUsd: price(response)
    }
  }
}
