// Wraps a provider into a LanguageModel, one implementation for every provider. The parts, each in a module
// of its own around one typed state (model-state.ts): one call with timeouts, retries and its record
// (model-call.ts), continuation of cut answers (continuation.ts), images a model cannot read
// (unreadable-images.ts), structured output with a repair round (structured-output.ts), tools (tool-answer.ts).
import { modelState, type ModelOptions } from './model-state.ts'
import type { ModelSpec } from './providers.ts'
import { generateObject } from './structured-output.ts'
import { generateText } from './text-answer.ts'
import { generateWithTools } from './tool-answer.ts'
import type { LanguageModel, ProviderClient } from './types.ts'

export function createLanguageModel(spec: ModelSpec, client: ProviderClient, options: ModelOptions): LanguageModel {
  const state = modelState(spec, client, options)
  return {
    id: spec.id,
    provider: spec.provider.name,
    toolsSupported: state.toolsSupported,
    generateWithTools: (request) => generateWithTools(state, request),
    generateText: (request) => generateText(state, request),
    generateObject: (request) => generateObject(state, request)
  }
}
