// The provider-agnostic model interface. Commands see only LanguageModel; providers implement
// ProviderClient. Neither knows about GitHub.
import type { z } from 'zod'

export interface TextPart {
  type: 'text'
  text: string
}

export interface ImagePart {
  type: 'image'
  /** e.g. image/png */
  mediaType: string
  /** base64, no data: prefix */
  data: string
}

export type ContentPart = TextPart | ImagePart

export interface Message {
  role: 'system' | 'user' | 'assistant'
  content: string | ContentPart[]
}

export interface Usage {
  inputTokens: number
  outputTokens: number
}

export type FinishReason = 'stop' | 'length' | 'refusal' | 'other'

export interface TextRequest {
  /** What the call is for, shown in the job summary ("answer", "plan", ...). */
  purpose: string
  messages: Message[]
  maxOutputTokens?: number
}

export interface ObjectRequest<T> extends TextRequest {
  schema: z.ZodType<T>
  /** A short identifier for the schema, sent to providers that name their JSON schemas. */
  schemaName: string
}

export interface ModelReply {
  text: string
  /** The model the provider says served the call (falls back to the requested one). */
  servedModel: string
  provider: string
  usage: Usage
  finishReason: FinishReason
}

export interface LanguageModel {
  /** "provider:model" as configured. */
  readonly id: string
  readonly provider: string
  generateText(request: TextRequest): Promise<ModelReply>
  generateObject<T>(request: ObjectRequest<T>): Promise<ModelReply & { value: T }>
}

/** One request on the wire, as a provider module receives it. */
export interface ProviderRequest {
  model: string
  messages: Message[]
  maxOutputTokens: number
  /** When set, the answer must be JSON matching this schema (already converted from zod). */
  jsonSchema?: { name: string; schema: Record<string, unknown> }
  signal: AbortSignal
}

export interface ProviderResponse {
  text: string
  servedModel: string | null
  usage: Usage
  finishReason: FinishReason
}

/** What a provider module implements: one call, its errors mapped to LlmError. */
export interface ProviderClient {
  call(request: ProviderRequest): Promise<ProviderResponse>
}
