// Builds the configured LanguageModel: the preset picks the SDK, the key and the endpoint; several
// models become a fallback chain.
import { createAnthropicProvider } from './anthropic-provider.ts'
import { createFallbackModel } from './fallback.ts'
import { createGeminiProvider } from './gemini-provider.ts'
import { createLanguageModel, type ModelOptions } from './model.ts'
import { createOpenAIProvider } from './openai-provider.ts'
import { baseUrlFor, resolveApiKey, type BaseUrls, type Credentials, type ModelSpec } from './providers.ts'
import type { LanguageModel, ProviderClient } from './types.ts'

export interface ModelSettings extends ModelOptions {
  /** The `base-url` input: goes unchanged to the SDK's base-URL option. */
  baseUrls: BaseUrls
}

function providerClient(spec: ModelSpec, credentials: Credentials, settings: ModelSettings): ProviderClient {
  const apiKey = resolveApiKey(spec.provider, credentials)
  const baseURL = baseUrlFor(spec, settings.baseUrls)
  switch (spec.provider.family) {
    case 'openai':
      return createOpenAIProvider({
        apiKey,
        baseURL,
        timeoutMs: settings.timeoutMs,
        tokenLimitParam: spec.provider.tokenLimitParam ?? 'max_tokens',
        structuredOutput: spec.provider.structuredOutput ?? 'json_schema'
      })
    case 'anthropic':
      return createAnthropicProvider({ apiKey, baseURL, timeoutMs: settings.timeoutMs })
    case 'gemini':
      return createGeminiProvider({ apiKey, baseURL, timeoutMs: settings.timeoutMs })
  }
}

/**
 * One model, or a fallback chain when several are configured. Throws ConfigError when a key or an
 * endpoint is missing for any of them, before any call is made.
 */
export function createModel(specs: readonly ModelSpec[], credentials: Credentials, settings: ModelSettings): LanguageModel {
  const models = specs.map((spec) => createLanguageModel(spec, providerClient(spec, credentials, settings), settings))
  if (models.length === 0) throw new Error('createModel needs at least one model')
  return models.length === 1 ? models[0]! : createFallbackModel(models, settings)
}

export { parseModelList, parseModelSpec, PROVIDERS } from './providers.ts'
export type { LanguageModel } from './types.ts'
