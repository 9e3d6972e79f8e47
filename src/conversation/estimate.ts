// The estimate before expensive work: what an implement (or try) or a full review will likely cost, from what
// was gathered, before a model is called. Pure.
//
//   cost = calls × (prompt tokens × input price + OUTPUT_TOKENS × output price)
//
// The prompt tokens are the gathered text (the conversation, the files it names, a pull request's diff),
// estimated as characters / 4 and capped by the prompt's budget; every call sends the prompt again, and a
// conversation with tools grows, so the calls are the command's typical number, not its least.
import { estimateCost } from '../llm/prices.ts'
import type { ModelSpec } from '../llm/providers.ts'
import { estimateTokens } from './tokens.ts'

/** Model calls a command typically makes: implement reads, writes and repairs in turns; a review, one and a repair. */
export const EXPECTED_CALLS: Readonly<Record<string, number>> = { implement: 10, try: 10, review: 2 }
/** Tokens one call is expected to write: a file's worth of code, or a review. */
export const OUTPUT_TOKENS = 4000

export interface EstimateInput {
  /** The gathered text the prompt is made of. */
  texts: readonly string[]
  /** The most the prompt may take (the prompt's or the review's budget). */
  budgetTokens: number
  calls: number
  spec: ModelSpec
}

export interface Estimate {
  usd: number
  promptTokens: number
  calls: number
}

/** The estimate; null when the model has no known price (then only the request count limits it). */
export function estimateWork(input: EstimateInput): Estimate | null {
  const promptTokens = Math.min(
    input.budgetTokens,
    input.texts.reduce((sum, t) => sum + estimateTokens(t), 0)
  )
  const perCall = estimateCost(input.spec.provider.name, input.spec.model, {
    inputTokens: promptTokens,
    outputTokens: OUTPUT_TOKENS
  })
  return perCall === null ? null : { usd: perCall * input.calls, promptTokens, calls: input.calls }
}
