// Which providers git-bob knows and how to reach each: the SDK family, the default endpoint and
// where its key comes from. Adding an OpenAI-compatible service is one entry here.
import { ConfigError } from './errors.ts'

export type ProviderFamily = 'openai' | 'anthropic' | 'gemini'

export interface ProviderPreset {
  name: string
  /** Other names accepted in the `model` input (e.g. gemini for google). */
  aliases?: readonly string[]
  family: ProviderFamily
  /** Undefined: the SDK's own default. */
  defaultBaseUrl?: string
  /** The action input that holds the key, and the environment variables read when it is empty. */
  keyInput: string | null
  keyEnv: readonly string[]
  /** Local and self-hosted servers often need no key. */
  keyOptional?: boolean
  /** A provider without an endpoint of its own (custom:) needs the `base-url` input. */
  needsBaseUrl?: boolean
  /** GitHub Models authenticates with the workflow token. */
  usesGitHubToken?: boolean
  /** Shown in the error when the key is missing. */
  keyHint: string
  /** OpenAI-compatible servers: how a structured answer is asked for (DeepSeek knows only json_object). */
  structuredOutput?: 'json_schema' | 'json_object'
  /** OpenAI's own API wants max_completion_tokens; compatible servers mostly know max_tokens. */
  tokenLimitParam?: 'max_completion_tokens' | 'max_tokens'
}

export const PROVIDERS: readonly ProviderPreset[] = [
  {
    name: 'github_models',
    family: 'openai',
    defaultBaseUrl: 'https://models.github.ai/inference',
    keyInput: 'github-token',
    keyEnv: ['GITHUB_TOKEN'],
    usesGitHubToken: true,
    keyHint:
      'GitHub Models uses the workflow token: keep `github-token` at its default and grant `permissions: models: read` in the workflow.'
  },
  {
    name: 'openai',
    family: 'openai',
    keyInput: 'openai-api-key',
    keyEnv: ['OPENAI_API_KEY'],
    tokenLimitParam: 'max_completion_tokens',
    keyHint:
      'Store an OpenAI key as a repository secret and pass it as `openai-api-key: ${{ secrets.OPENAI_API_KEY }}`.'
  },
  {
    name: 'anthropic',
    family: 'anthropic',
    keyInput: 'anthropic-api-key',
    keyEnv: ['ANTHROPIC_API_KEY'],
    keyHint:
      'Store an Anthropic key as a repository secret and pass it as `anthropic-api-key: ${{ secrets.ANTHROPIC_API_KEY }}`.'
  },
  {
    name: 'google',
    aliases: ['gemini'],
    family: 'gemini',
    keyInput: 'google-api-key',
    keyEnv: ['GEMINI_API_KEY', 'GOOGLE_API_KEY'],
    keyHint:
      'Store a Gemini API key as a repository secret and pass it as `google-api-key: ${{ secrets.GEMINI_API_KEY }}`.'
  },
  {
    name: 'deepseek',
    family: 'openai',
    defaultBaseUrl: 'https://api.deepseek.com',
    keyInput: 'deepseek-api-key',
    keyEnv: ['DEEPSEEK_API_KEY'],
    structuredOutput: 'json_object',
    keyHint:
      'Store a DeepSeek key as a repository secret and pass it as `deepseek-api-key: ${{ secrets.DEEPSEEK_API_KEY }}`.'
  },
  {
    name: 'mistral',
    family: 'openai',
    defaultBaseUrl: 'https://api.mistral.ai/v1',
    keyInput: 'mistral-api-key',
    keyEnv: ['MISTRAL_API_KEY'],
    keyHint:
      'Store a Mistral key as a repository secret and pass it as `mistral-api-key: ${{ secrets.MISTRAL_API_KEY }}`.'
  },
  {
    name: 'ollama',
    family: 'openai',
    defaultBaseUrl: 'http://localhost:11434/v1',
    keyInput: null,
    keyEnv: ['OLLAMA_API_KEY'],
    keyOptional: true,
    keyHint: 'Ollama needs no key unless a proxy in front of it asks for one (`OLLAMA_API_KEY`).'
  },
  {
    name: 'custom',
    family: 'openai',
    keyInput: 'custom-api-key',
    keyEnv: ['CUSTOM_API_KEY'],
    keyOptional: true,
    needsBaseUrl: true,
    keyHint: "Pass the server's key, if it needs one, as `custom-api-key: ${{ secrets.MY_SERVER_KEY }}`."
  }
]

/** The preset for a provider name or alias (case-insensitive). */
export function providerNamed(name: string): ProviderPreset | undefined {
  const key = name.trim().toLowerCase()
  return PROVIDERS.find((p) => p.name === key || p.aliases?.includes(key))
}

export interface ModelSpec {
  provider: ProviderPreset
  model: string
  /** "provider:model" with the canonical provider name, for messages. */
  id: string
}

const MODEL_NAME = /^[A-Za-z0-9][A-Za-z0-9._:/@+-]*$/
const known = (): string =>
  PROVIDERS.map((p) => p.name + (p.aliases?.length ? ` (or ${p.aliases.join(', ')})` : '')).join(', ')

/** Parses one "provider:model"; `input` names the action input in error messages. */
export function parseModelSpec(text: string, input = 'model'): ModelSpec {
  const id = text.trim()
  const colon = id.indexOf(':')
  if (colon <= 0) {
    throw new ConfigError(
      `The \`${input}\` input "${id}" has no provider. Write it as provider:model, e.g. "github_models:openai/gpt-4.1" or "anthropic:claude-sonnet-4-5". Known providers: ${known()}.`
    )
  }
  const providerName = id.slice(0, colon).toLowerCase()
  const model = id.slice(colon + 1).trim()
  const provider = providerNamed(providerName)
  if (!provider) {
    throw new ConfigError(
      `The \`${input}\` input names the unknown provider "${providerName}". Known providers: ${known()}.`
    )
  }
  if (!MODEL_NAME.test(model)) {
    throw new ConfigError(`The \`${input}\` input "${id}" has no valid model name after "${providerName}:".`)
  }
  return { provider, model, id: `${provider.name}:${model}` }
}

/** The `model` input: one model, or several separated by commas (the first that answers wins). */
export function parseModelList(text: string, input = 'model'): ModelSpec[] {
  const items = text.split(/[,\n]/).map((s) => s.trim())
  if (items.length > 1 && items.some((s) => !s)) {
    throw new ConfigError(
      `The \`${input}\` input "${text.trim()}" has an empty entry. Separate models with single commas, e.g. "anthropic:claude-sonnet-4-5, openai:gpt-4.1".`
    )
  }
  const specs = items.map((item) => parseModelSpec(item, input))
  const ids = specs.map((s) => s.id)
  const twice = ids.find((id, i) => ids.indexOf(id) !== i)
  if (twice) throw new ConfigError(`The \`${input}\` input names ${twice} twice.`)
  return specs
}

/** The `base-url` input: one URL for every model, or one per provider ("openai=https://…, anthropic=https://…"). */
export interface BaseUrls {
  all: string | undefined
  byProvider: Readonly<Record<string, string>>
}

/** The endpoint for a model: the `base-url` input unchanged, else the preset's, else undefined (the SDK's default). */
export function baseUrlFor(spec: ModelSpec, urls: BaseUrls): string | undefined {
  const url = urls.byProvider[spec.provider.name] ?? urls.all ?? spec.provider.defaultBaseUrl
  if (!url && spec.provider.needsBaseUrl) {
    throw new ConfigError(
      `The \`${spec.provider.name}:\` provider has no endpoint of its own: set the \`base-url\` input to your OpenAI-compatible server, e.g. "http://localhost:8000/v1" (or "${spec.provider.name}=http://…" next to other providers' URLs).`
    )
  }
  return url
}

export interface Credentials {
  /** action input name -> value ('' when not set) */
  inputs: Readonly<Record<string, string>>
  env: Readonly<Record<string, string | undefined>>
}

/** What an SDK gets when a local server needs no key (the SDKs refuse an empty one). */
export const NO_KEY = 'no-key'

/** The API key for a provider: its input first, then its environment variables. */
export function resolveApiKey(provider: ProviderPreset, credentials: Credentials): string {
  const fromInput = provider.keyInput ? credentials.inputs[provider.keyInput]?.trim() : ''
  if (fromInput) return fromInput
  for (const name of provider.keyEnv) {
    const value = credentials.env[name]?.trim()
    if (value) return value
  }
  if (provider.keyOptional) return NO_KEY
  const where = [
    provider.keyInput ? `the \`${provider.keyInput}\` input` : null,
    ...provider.keyEnv.map((e) => `\`${e}\``)
  ]
    .filter(Boolean)
    .join(' or ')
  throw new ConfigError(`No API key for ${provider.name}: set ${where}. ${provider.keyHint}`)
}
