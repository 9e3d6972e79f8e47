// One call to the provider, as every answer is made of: a timeout per attempt, retries with backoff, and a
// record in the transcript whether it answered or failed.
import { LlmError } from './errors.ts'
import type { ModelState } from './model-state.ts'
import { withRetries } from './retry.ts'
import type { Message, ProviderRequest, ProviderResponse } from './types.ts'

export interface CallRequest {
  purpose: string
  messages: Message[]
  maxOutputTokens: number
  jsonSchema?: ProviderRequest['jsonSchema']
  tools?: ProviderRequest['tools']
}

export async function callOnce(
  state: ModelState,
  request: CallRequest
): Promise<ProviderResponse & { attempts: number }> {
  const { spec, options } = state
  const { purpose, messages, jsonSchema } = request
  const started = Date.now()
  let attempts = 0
  try {
    const response = await withRetries(
      async () => {
        attempts++
        return oneAttempt(state, request)
      },
      options.retry,
      (error, delay, attempt) =>
        options.onRetry?.(
          `${spec.id}: ${error.message}; retry ${attempt} of ${options.retry.retries} in ${Math.round(delay / 100) / 10} s`
        )
    )
    options.transcript.add({
      purpose,
      provider: spec.provider.name,
      requestedModel: spec.model,
      servedModel: response.servedModel,
      messages,
      answer: response.text,
      ...(jsonSchema ? { schema: jsonSchema.name } : {}),
      usage: response.usage,
      durationMs: Date.now() - started,
      attempts,
      error: null
    })
    return { ...response, attempts }
  } catch (error) {
    options.transcript.add({
      purpose,
      provider: spec.provider.name,
      requestedModel: spec.model,
      servedModel: null,
      messages,
      answer: null,
      ...(jsonSchema ? { schema: jsonSchema.name } : {}),
      usage: { inputTokens: 0, outputTokens: 0 },
      durationMs: Date.now() - started,
      attempts,
      error: error instanceof Error ? error.message : String(error)
    })
    throw error
  }
}

/** One attempt within the timeout; an abort the provider reports as anything but its own error is a timeout. */
async function oneAttempt(state: ModelState, request: CallRequest): Promise<ProviderResponse> {
  const { timeoutMs } = state.options
  const signal = AbortSignal.timeout(timeoutMs)
  try {
    return await state.client.call({
      model: state.spec.model,
      messages: request.messages,
      maxOutputTokens: request.maxOutputTokens,
      signal,
      ...(request.jsonSchema ? { jsonSchema: request.jsonSchema } : {}),
      ...(request.tools ? { tools: request.tools } : {})
    })
  } catch (error) {
    if (signal.aborted && !(error instanceof LlmError && error.kind !== 'network')) {
      throw new LlmError('timeout', `no answer within ${Math.round(timeoutMs / 1000)} s`, { cause: error })
    }
    throw error
  }
}
