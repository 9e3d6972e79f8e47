// The one price table: US dollars per million tokens (input, output), from the providers' public
// price lists. Update it here when prices change; a model not listed gets no cost estimate.
// The longest matching name prefix wins, so dated names ("gpt-4.1-2025-04-14") find their model.
// GitHub Models, Ollama and custom servers are not listed: their cost is not per token, or unknown; GitHub Models'
// free tier is named instead (FREE_TIERS).
import { GITHUB_MODELS_DOCS } from './errors.ts'
import type { Usage } from './types.ts'

export const PRICES_CHECKED = '2025-11'

interface Price {
  input: number
  output: number
}

const TABLE: Readonly<Record<string, Readonly<Record<string, Price>>>> = {
  openai: {
    'gpt-5': { input: 1.25, output: 10 },
    'gpt-5-mini': { input: 0.25, output: 2 },
    'gpt-5-nano': { input: 0.05, output: 0.4 },
    'gpt-4.1': { input: 2, output: 8 },
    'gpt-4.1-mini': { input: 0.4, output: 1.6 },
    'gpt-4.1-nano': { input: 0.1, output: 0.4 },
    'gpt-4o': { input: 2.5, output: 10 },
    'gpt-4o-mini': { input: 0.15, output: 0.6 },
    // Pictures: text in, image tokens out (the Images API reports both).
    'gpt-image-1': { input: 5, output: 40 },
    'gpt-image-1-mini': { input: 2, output: 8 },
    o3: { input: 2, output: 8 },
    'o3-mini': { input: 1.1, output: 4.4 },
    'o4-mini': { input: 1.1, output: 4.4 }
  },
  anthropic: {
    'claude-opus-4-5': { input: 5, output: 25 },
    'claude-opus-4-1': { input: 15, output: 75 },
    'claude-opus-4': { input: 15, output: 75 },
    'claude-sonnet-4': { input: 3, output: 15 },
    'claude-haiku-4-5': { input: 1, output: 5 },
    'claude-3-7-sonnet': { input: 3, output: 15 },
    'claude-3-5-haiku': { input: 0.8, output: 4 }
  },
  google: {
    'gemini-2.5-pro': { input: 1.25, output: 10 },
    'gemini-2.5-flash': { input: 0.3, output: 2.5 },
    'gemini-2.5-flash-lite': { input: 0.1, output: 0.4 },
    // Pictures (1290 tokens each) and speech (audio tokens out).
    'gemini-2.5-flash-image': { input: 0.3, output: 30 },
    'gemini-2.5-flash-preview-tts': { input: 0.5, output: 10 },
    'gemini-2.0-flash': { input: 0.1, output: 0.4 },
    'gemini-2.0-flash-lite': { input: 0.075, output: 0.3 }
  },
  deepseek: {
    'deepseek-chat': { input: 0.28, output: 0.42 },
    'deepseek-reasoner': { input: 0.28, output: 0.42 }
  },
  mistral: {
    'mistral-large': { input: 2, output: 6 },
    'mistral-medium': { input: 0.4, output: 2 },
    'mistral-small': { input: 0.1, output: 0.3 },
    codestral: { input: 0.3, output: 0.9 }
  }
}

/** Where GitHub Models' free tier states its limits (requests per minute and day, tokens per request). */
export const GITHUB_MODELS_LIMITS_URL = `${GITHUB_MODELS_DOCS}#rate-limits`

/**
 * Services whose use is not priced per token but free within limits: what a cost estimate says of them instead
 * of "unknown" (markdown).
 */
const FREE_TIERS: Readonly<Record<string, string>> = {
  github_models: `free within GitHub Models' daily limits ([rate limits](${GITHUB_MODELS_LIMITS_URL}))`
}

/** What to say of the cost of a provider that is free within limits; null for every other provider. */
export function freeTier(provider: string): string | null {
  return FREE_TIERS[provider] ?? null
}

/** The price of a model, by the longest listed prefix of its name; null when not listed. */
export function priceOf(provider: string, model: string): Price | null {
  const prices = TABLE[provider]
  if (!prices) return null
  const name = model.toLowerCase().replace(/^models\//, '')
  let best: string | null = null
  for (const key of Object.keys(prices)) {
    if (
      (name === key || name.startsWith(`${key}-`) || name.startsWith(`${key}@`)) &&
      (!best || key.length > best.length)
    )
      best = key
  }
  return best ? prices[best]! : null
}

/** Estimated cost in US dollars of the tokens of one call; null when the price is not known. */
export function estimateCost(provider: string, model: string, usage: Usage): number | null {
  const price = priceOf(provider, model)
  if (!price) return null
  return (usage.inputTokens * price.input + usage.outputTokens * price.output) / 1_000_000
}

/** "$0.0123" below a cent's worth of precision, "$1.23" above. */
export function formatCost(usd: number): string {
  if (usd === 0) return '$0.00'
  if (usd < 0.0001) return '<$0.0001'
  return usd < 1 ? `$${usd.toFixed(4)}` : `$${usd.toFixed(2)}`
}
