// Which providers git-bob knows and how to reach each: the SDK family, the default endpoint and
// where its key comes from. Adding an OpenAI-compatible service is one entry here.
import { ConfigError } from '../config-error.ts'

export type ProviderFamily = 'openai'

export interface ProviderPreset {
  name: string
  family: ProviderFamily
  /** Undefined: the SDK's own default. */
  defaultBaseUrl?: string
  /** The action input that holds the key, and the environment variables read when it is empty. */
  keyInput: string | null
  keyEnv: readonly string[]
  /** GitHub Models authenticates with the workflow token. */
  usesGitHubToken?: boolean
  /** Shown in the error when the key is missing. */
  keyHint: string
}

export const PROVIDERS: readonly ProviderPreset[] = [
  {
    name: 'github_models',
    family: 'openai',
    defaultBaseUrl: 'https://models.github.ai/inference',
    keyInput: 'github-token',
    keyEnv: ['GITHUB_TOKEN'],
    usesGitHubToken: true,
    keyHint: 'GitHub Models uses the workflow token: keep `github-token` at its default and grant `permissions: models: read` in the workflow.'
  },
  {
    name: 'openai',
    family: 'openai',
    keyInput: 'openai-api-key',
    keyEnv: ['OPENAI_API_KEY'],
    keyHint: 'Store an OpenAI key as a repository secret and pass it as `openai-api-key: ${{ secrets.OPENAI_API_KEY }}`.'
  }
]

export interface ModelSpec {
  provider: ProviderPreset
  model: string
  /** As written in the input, for messages. */
  id: string
}

const MODEL_NAME = /^[A-Za-z0-9][A-Za-z0-9._:/@+-]*$/

export function parseModelSpec(text: string): ModelSpec {
  const id = text.trim()
  const colon = id.indexOf(':')
  if (colon <= 0) {
    throw new ConfigError(
      `The \`model\` input "${id}" has no provider. Write it as provider:model, e.g. "github_models:openai/gpt-4.1" or "openai:gpt-4.1". Known providers: ${PROVIDERS.map((p) => p.name).join(', ')}.`
    )
  }
  const providerName = id.slice(0, colon).toLowerCase()
  const model = id.slice(colon + 1).trim()
  const provider = PROVIDERS.find((p) => p.name === providerName)
  if (!provider) {
    throw new ConfigError(
      `The \`model\` input names the unknown provider "${providerName}". Known providers: ${PROVIDERS.map((p) => p.name).join(', ')}.`
    )
  }
  if (!MODEL_NAME.test(model)) {
    throw new ConfigError(`The \`model\` input "${id}" has no valid model name after "${providerName}:".`)
  }
  return { provider, model, id: `${provider.name}:${model}` }
}

export interface Credentials {
  /** action input name -> value ('' when not set) */
  inputs: Readonly<Record<string, string>>
  env: Readonly<Record<string, string | undefined>>
}

/** The API key for a provider: its input first, then its environment variables. */
export function resolveApiKey(provider: ProviderPreset, credentials: Credentials): string {
  const fromInput = provider.keyInput ? credentials.inputs[provider.keyInput]?.trim() : ''
  if (fromInput) return fromInput
  for (const name of provider.keyEnv) {
    const value = credentials.env[name]?.trim()
    if (value) return value
  }
  const where = [provider.keyInput ? `the \`${provider.keyInput}\` input` : null, ...provider.keyEnv.map((e) => `\`${e}\``)]
    .filter(Boolean)
    .join(' or ')
  throw new ConfigError(`No API key for ${provider.name}: set ${where}. ${provider.keyHint}`)
}
