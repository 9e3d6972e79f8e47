// Several models in the `model` input: the first answers; when it fails with an error that says the
// provider cannot serve right now (after its own retries), the next one is asked, and so on.
// Errors that another model would not fix (a wrong key, a refusal, bad output) end the chain.
import type { CallRecorder } from './recorder.ts'
import { LlmError, type LlmErrorKind } from './errors.ts'
import type { LanguageModel, ModelReply, ObjectRequest, TextRequest, ToolReply, ToolRequest } from './types.ts'

export const FALLBACK_KINDS: ReadonlySet<LlmErrorKind> = new Set([
  'rate_limit',
  'quota',
  'server',
  'timeout',
  'network'
])

export interface FallbackOptions {
  transcript: CallRecorder
  onRetry?: (message: string) => void
}

export function createFallbackModel(models: readonly LanguageModel[], options: FallbackOptions): LanguageModel {
  async function firstThatAnswers<R>(ask: (model: LanguageModel) => Promise<R>): Promise<R> {
    const failures: string[] = []
    for (const [i, model] of models.entries()) {
      try {
        const result = await ask(model)
        if (failures.length) options.transcript.notes.tell(`${model.id} answered because ${failures.join('; ')}.`)
        return result
      } catch (error) {
        const next = models[i + 1]
        if (!(error instanceof LlmError)) throw error
        if (!next || !FALLBACK_KINDS.has(error.kind)) {
          if (!failures.length) throw error
          throw new LlmError(error.kind, `${failures.join('; ')}; then ${model.id} failed too: ${error.message}`, {
            ...(error.status !== undefined ? { status: error.status } : {}),
            ...(error.provider !== undefined ? { provider: error.provider } : {}),
            cause: error
          })
        }
        const what = `${model.id} failed (${error.kind.replace(/_/g, ' ')}: ${error.message})`
        failures.push(what)
        options.onRetry?.(`${what}; asking ${next.id} instead`)
      }
    }
    throw new Error('unreachable: the last model either answers or throws')
  }

  return {
    id: models.map((m) => m.id).join(', '),
    provider: models[0]?.provider ?? '',
    toolsSupported: models.every((m) => m.toolsSupported),
    generateWithTools: (request: ToolRequest): Promise<ToolReply> =>
      firstThatAnswers((m) => m.generateWithTools(request)),
    generateText: (request: TextRequest): Promise<ModelReply> => firstThatAnswers((m) => m.generateText(request)),
    generateObject: <T>(request: ObjectRequest<T>): Promise<ModelReply & { value: T }> =>
      firstThatAnswers((m) => m.generateObject(request))
  }
}
