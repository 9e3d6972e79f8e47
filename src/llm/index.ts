// Builds the configured LanguageModel: the preset picks the SDK, the key and the endpoint; several
// models become a fallback chain.
import { createFallbackModel } from './fallback.ts'
import { createLanguageModel } from './model.ts'
import type { ModelOptions } from './model-state.ts'
import { baseUrlFor, resolveApiKey, type BaseUrls, type Credentials, type ModelSpec } from './providers.ts'
import type { LanguageModel, ProviderClient } from './types.ts'

export interface ModelSettings extends ModelOptions {
  /** The `base-url` input: goes unchanged to the SDK's base-URL option. */
  baseUrls: BaseUrls
}

/** The SDK is loaded on the first call, so a run pays only for the provider it uses. */
function lazy(load: () => Promise<ProviderClient>): ProviderClient {
  let client: Promise<ProviderClient> | null = null
  return {
    async call(request) {
      client ??= load()
      return (await client).call(request)
    }
  }
}

/** Key and endpoint are resolved here, so a missing one is a ConfigError before any call. */
function providerClient(spec: ModelSpec, credentials: Credentials, settings: ModelSettings): ProviderClient {
  const apiKey = resolveApiKey(spec.provider, credentials)
  const baseURL = baseUrlFor(spec, settings.baseUrls)
  const timeoutMs = settings.timeoutMs
  switch (spec.provider.family) {
    case 'openai':
      return lazy(async () =>
        (await import('./openai-provider.ts')).createOpenAIProvider({
          apiKey,
          baseURL,
          timeoutMs,
          tokenLimitParam: spec.provider.tokenLimitParam ?? 'max_tokens',
          structuredOutput: spec.provider.structuredOutput ?? 'json_schema'
        })
      )
    case 'anthropic':
      return lazy(async () =>
        (await import('./anthropic-provider.ts')).createAnthropicProvider({ apiKey, baseURL, timeoutMs })
      )
    case 'gemini':
      return lazy(async () =>
        (await import('./gemini-provider.ts')).createGeminiProvider({ apiKey, baseURL, timeoutMs })
      )
  }
}

/**
 * One model, or a fallback chain when several are configured. Throws ConfigError when a key or an
 * endpoint is missing for any of them, before any call is made.
 */
export function createModel(
  specs: readonly ModelSpec[],
  credentials: Credentials,
  settings: ModelSettings
): LanguageModel {
  const models = specs.map((spec) => createLanguageModel(spec, providerClient(spec, credentials, settings), settings))
  if (models.length === 0) throw new Error('createModel needs at least one model')
  return models.length === 1 ? models[0]! : createFallbackModel(models, settings)
}

export type { LanguageModel } from './types.ts'
