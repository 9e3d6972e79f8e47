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
    record(state, request, { response, error: null }, Date.now() - started, attempts)
    return { ...response, attempts }
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error)
    record(state, request, { response: null, error: message }, Date.now() - started, attempts)
    // The provider is known here, and some advice is its own (GitHub Models' refusals).
    throw error instanceof LlmError && error.provider === undefined ? error.from(spec.provider.name) : error
  }
}

/** The call in the transcript: what was asked and what came back, or why nothing did. */
function record(
  state: ModelState,
  request: CallRequest,
  outcome: { response: ProviderResponse; error: null } | { response: null; error: string },
  durationMs: number,
  attempts: number
): void {
  const { response, error } = outcome
  state.options.transcript.add({
    purpose: request.purpose,
    provider: state.spec.provider.name,
    requestedModel: state.spec.model,
    servedModel: response ? response.servedModel : null,
    messages: request.messages,
    answer: response ? response.text : null,
    ...(request.jsonSchema ? { schema: request.jsonSchema.name } : {}),
    usage: response ? response.usage : { inputTokens: 0, outputTokens: 0 },
    durationMs,
    attempts,
    error
  })
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
