// The typed state of one model, read by every module of the adapter (model.ts): what the model is, the client
// that reaches it, its settings. It is set once; usage is counted per request (addUsage).
import type { CallRecorder } from './recorder.ts'
import { outputTokenCap, supportsTools } from './capabilities.ts'
import type { ModelSpec } from './providers.ts'
import type { RetryPolicy } from './retry.ts'
import type { ModelReply, ProviderClient, ProviderResponse, TextRequest, Usage } from './types.ts'

export interface ModelOptions {
  timeoutMs: number
  retry: RetryPolicy
  maxOutputTokens: number
  /** How many times a cut-off answer is continued. */
  maxContinuations: number
  transcript: CallRecorder
  onRetry?: (message: string) => void
}

export interface ModelState {
  readonly spec: ModelSpec
  readonly client: ProviderClient
  readonly options: ModelOptions
  /** The most output tokens the model accepts; undefined when none is known. */
  readonly cap: number | undefined
  readonly toolsSupported: boolean
}

export function modelState(spec: ModelSpec, client: ProviderClient, options: ModelOptions): ModelState {
  return { spec, client, options, cap: outputTokenCap(spec), toolsSupported: supportsTools(spec) }
}

/** The request's limit, else the configured one, never above what the model accepts. */
export function outputLimit(state: ModelState, request: TextRequest): number {
  const wanted = request.maxOutputTokens ?? state.options.maxOutputTokens
  return state.cap === undefined ? wanted : Math.min(wanted, state.cap)
}

/** Adds one call's tokens to the request's usage so far. */
export function addUsage(sum: Usage, more: Usage): void {
  sum.inputTokens += more.inputTokens
  sum.outputTokens += more.outputTokens
}

/** The reply commands see: the served model (else the one asked for) and the usage of every call it took. */
export function reply(state: ModelState, response: ProviderResponse, text: string, usage: Usage): ModelReply {
  return {
    text,
    servedModel: response.servedModel ?? state.spec.model,
    provider: state.spec.provider.name,
    usage,
    finishReason: response.finishReason
  }
}
