// The estimate before expensive work: what an implement (or try) or a full review will likely cost, from what
// was gathered, before a model is called. Pure.
//
//   cost = calls × (prompt tokens × input price + OUTPUT_TOKENS × output price)
//
// The prompt tokens are the gathered text (the conversation, the files it names, a pull request's diff),
// estimated as characters / 4 and capped by the prompt's budget; every call sends the prompt again, and a
// conversation with tools grows, so the calls are the command's typical number, not its least.
import { estimateCost, formatCost } from '../llm/prices.ts'
import type { ModelSpec } from '../llm/providers.ts'
import type { AwaitedCommand } from '../ports/marker.ts'
import type { Gathered } from './gather.ts'
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

/** The request as the run reads it: its command, its words, and whether a review was asked to be full. */
export interface Work {
  name: string
  args: string
  model?: string
  /** A review that covers the whole pull request ("review fully"): only such a review is estimated. */
  fullReview: boolean
}

/** The estimate to post, and the command its marker says it waits for. */
export interface Confirmation {
  body: string
  awaits: AwaitedCommand
  usd: number
}

/**
 * Whether this request must be confirmed before it spends: an implement, try or full review estimated above
 * `limit` (confirm-above-usd; null: never). Null: start now.
 */
export function confirmationFor(
  work: Work,
  gathered: Gathered,
  limit: number | null,
  botName: string
): Confirmation | null {
  const calls = EXPECTED_CALLS[work.name]
  if (limit === null || gathered.kind !== 'conversation' || calls === undefined) return null
  if (work.name === 'review' && !work.fullReview) return null
  const { data, specs, conversation } = gathered
  const spec = specs[0]!
  const estimate = estimateWork({
    texts: [conversation, ...data.repo.files.map((f) => f.text), data.thread.pull?.diff ?? ''],
    budgetTokens: work.name === 'review' ? data.reviewTokenBudget : data.promptTokenBudget,
    calls,
    spec
  })
  if (!estimate || estimate.usd <= limit) return null
  const what = work.name === 'review' ? 'full review' : work.name
  const tokens = estimate.promptTokens.toLocaleString('en-US')
  const body = `Before I start: this ${what} will likely cost about **${formatCost(estimate.usd)}** with ${spec.id}, above the ${formatCost(limit)} this repository asks to confirm (\`confirm-above-usd\`). That is ${calls} model calls of about ${tokens} tokens each, an estimate from list prices.\n\nWrite "${botName} go" (write access needed) and I'll start it without asking again.`
  const awaits = { verb: work.name, args: work.args, ...(work.model ? { model: work.model } : {}) }
  return { body, awaits, usd: estimate.usd }
}
