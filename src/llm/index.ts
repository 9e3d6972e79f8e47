// Builds the configured LanguageModel: the preset picks the SDK, the key and the endpoint.
import { createLanguageModel, type ModelOptions } from './model.ts'
import { createOpenAIProvider } from './openai-provider.ts'
import { resolveApiKey, type Credentials, type ModelSpec } from './providers.ts'
import type { LanguageModel, ProviderClient } from './types.ts'

export interface ModelSettings extends ModelOptions {
  /** The `base-url` input: goes unchanged to the SDK's base-URL option. */
  baseUrl: string | undefined
}

function providerClient(spec: ModelSpec, credentials: Credentials, settings: ModelSettings): ProviderClient {
  const apiKey = resolveApiKey(spec.provider, credentials)
  switch (spec.provider.family) {
    case 'openai':
      return createOpenAIProvider({
        apiKey,
        baseURL: settings.baseUrl ?? spec.provider.defaultBaseUrl,
        timeoutMs: settings.timeoutMs,
        tokenLimitParam: spec.provider.name === 'openai' ? 'max_completion_tokens' : 'max_tokens'
      })
  }
}

/** Throws ConfigError when the key is missing, before any call is made. */
export function createModel(spec: ModelSpec, credentials: Credentials, settings: ModelSettings): LanguageModel {
  return createLanguageModel(spec, providerClient(spec, credentials, settings), settings)
}

export { parseModelSpec, PROVIDERS } from './providers.ts'
export type { LanguageModel } from './types.ts'
