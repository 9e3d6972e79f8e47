// The provider-agnostic model interface. Commands see only LanguageModel; providers implement
// ProviderClient. Neither knows about GitHub.
import type { z } from 'zod'
import type { AnyTool } from './tools.ts'

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

/** A tool the model asked to run: its arguments as the model wrote them (parsed JSON, or the raw text). */
export interface ToolCall {
  /** The provider's id for the call (made up where the provider gives none), echoed in the result. */
  id: string
  name: string
  arguments: unknown
  /** Opaque data the provider wants back with the call (Gemini's thought signature). */
  signature?: string
}

export type Message =
  | { role: 'system' | 'user'; content: string | ContentPart[] }
  /** `toolCalls`: the tools the model asked for in this turn, all answered by the tool messages after it. */
  | { role: 'assistant'; content: string | ContentPart[]; toolCalls?: ToolCall[] }
  /** One tool's result, answering the call with `toolCallId`. */
  | { role: 'tool'; toolCallId: string; toolName: string; content: string; isError?: boolean }

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

/**
 * The limits of one conversation with tools (the `max-steps`, `max-tool-calls-per-step` and `max-cost-usd` inputs,
 * the prompt budget).
 */
export interface ToolLimits {
  /** Model turns that may call tools; then the model answers without them. */
  maxSteps: number
  /** Tool calls run in one turn; the rest of that turn's calls are answered "not run". */
  maxCallsPerStep: number
  /** US dollars the conversation may cost; null: no money cap. Ignored (and said so) when no price is known. */
  maxCostUsd: number | null
  /** Estimated tokens the prompt may take; older tool results are shortened to stay within it. */
  promptTokens: number
}

export interface ToolRequest extends TextRequest {
  tools: readonly AnyTool[]
  limits: ToolLimits
}

export interface ToolReply extends ModelReply {
  /** Model turns that called tools. */
  steps: number
  /** Tool calls run, over all steps. */
  toolCalls: number
  /** What was cut short, in words ("the model reached max-steps (20)"); null when it finished by itself. */
  cutShort: string | null
  /** What the tools returned, as data for a later call (structured answers after reading). */
  readings: string
}

export interface LanguageModel {
  /** "provider:model" as configured. */
  readonly id: string
  readonly provider: string
  /** Whether every model behind this one can call tools (capabilities.ts); else commands use their fixed context. */
  readonly toolsSupported: boolean
  generateText(request: TextRequest): Promise<ModelReply>
  generateObject<T>(request: ObjectRequest<T>): Promise<ModelReply & { value: T }>
  /** A conversation in which the model may call tools, within limits (llm/tool-loop.ts), ending in a text answer. */
  generateWithTools(request: ToolRequest): Promise<ToolReply>
}

/** A tool as providers declare it: its input as JSON schema (converted from zod once, in llm/tool-loop.ts). */
export interface ToolDeclaration {
  name: string
  description: string
  parameters: Record<string, unknown>
}

/** One request on the wire, as a provider module receives it. */
export interface ProviderRequest {
  model: string
  messages: Message[]
  maxOutputTokens: number
  /** When set, the answer must be JSON matching this schema (already converted from zod). */
  jsonSchema?: { name: string; schema: Record<string, unknown> }
  /**
   * Tools the model may call. `choice: 'none'` still declares them (the conversation holds calls and results,
   * which some APIs refuse without the declarations) but asks for a text answer.
   */
  tools?: { declarations: ToolDeclaration[]; choice: 'auto' | 'none' }
  signal: AbortSignal
}

export interface ProviderResponse {
  text: string
  servedModel: string | null
  usage: Usage
  finishReason: FinishReason
  /** The tools the model asked to run in this turn; empty or absent when it answered. */
  toolCalls?: ToolCall[]
}

/** What a provider module implements: one call, its errors mapped to LlmError. */
export interface ProviderClient {
  call(request: ProviderRequest): Promise<ProviderResponse>
}
