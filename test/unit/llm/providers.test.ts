import { describe, expect, it } from 'vitest'
import { ConfigError } from '../../../src/errors.ts'
import {
  NO_KEY,
  PROVIDERS,
  baseUrlFor,
  parseModelList,
  parseModelSpec,
  providerNamed,
  resolveApiKey,
  type ProviderPreset
} from '../../../src/llm/providers.ts'

function configError(fn: () => unknown): string {
  try {
    fn()
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError)
    return (error as ConfigError).message
  }
  throw new Error('expected a ConfigError, but nothing was thrown')
}

function provider(name: string): ProviderPreset {
  const found = PROVIDERS.find((p) => p.name === name)
  if (!found) throw new Error(`no provider ${name}`)
  return found
}

describe('parseModelSpec: valid specs', () => {
  it.each<[string, string, string, string]>([
    ['github_models:openai/gpt-4.1', 'github_models', 'openai/gpt-4.1', 'github_models:openai/gpt-4.1'],
    ['openai:gpt-4.1', 'openai', 'gpt-4.1', 'openai:gpt-4.1'],
    ['openai:gpt-4o-mini-2024-07-18', 'openai', 'gpt-4o-mini-2024-07-18', 'openai:gpt-4o-mini-2024-07-18'],
    ['  openai:gpt-4.1  ', 'openai', 'gpt-4.1', 'openai:gpt-4.1'],
    ['OpenAI:gpt-4.1', 'openai', 'gpt-4.1', 'openai:gpt-4.1'],
    [
      'GITHUB_MODELS:meta/Llama-3.3-70B-Instruct',
      'github_models',
      'meta/Llama-3.3-70B-Instruct',
      'github_models:meta/Llama-3.3-70B-Instruct'
    ],
    ['openai: gpt-4.1', 'openai', 'gpt-4.1', 'openai:gpt-4.1'],
    ['openai:ft:gpt-4.1:org:custom:id', 'openai', 'ft:gpt-4.1:org:custom:id', 'openai:ft:gpt-4.1:org:custom:id'],
    ['anthropic:claude-sonnet-4-5', 'anthropic', 'claude-sonnet-4-5', 'anthropic:claude-sonnet-4-5'],
    ['google:gemini-2.5-flash', 'google', 'gemini-2.5-flash', 'google:gemini-2.5-flash'],
    ['gemini:gemini-2.5-pro', 'google', 'gemini-2.5-pro', 'google:gemini-2.5-pro'],
    ['Gemini:gemini-2.5-pro', 'google', 'gemini-2.5-pro', 'google:gemini-2.5-pro'],
    ['deepseek:deepseek-chat', 'deepseek', 'deepseek-chat', 'deepseek:deepseek-chat'],
    ['Mistral:mistral-large-latest', 'mistral', 'mistral-large-latest', 'mistral:mistral-large-latest'],
    ['ollama:llama3.2:3b', 'ollama', 'llama3.2:3b', 'ollama:llama3.2:3b'],
    ['custom:Qwen/Qwen2.5-7B-Instruct', 'custom', 'Qwen/Qwen2.5-7B-Instruct', 'custom:Qwen/Qwen2.5-7B-Instruct']
  ])('%j -> provider %s, model %s', (text, providerName, model, id) => {
    const spec = parseModelSpec(text)
    expect(spec.provider.name).toBe(providerName)
    expect(spec.provider).toBe(provider(providerName))
    expect(spec.model).toBe(model)
    expect(spec.id).toBe(id)
  })

  it('keeps the case of the model name', () => {
    expect(parseModelSpec('openai:GPT-X').model).toBe('GPT-X')
  })
})

describe('parseModelSpec: errors', () => {
  it.each(['gpt-4.1', ':gpt-4.1', '', '   '])('%j has no provider', (text) => {
    const message = configError(() => parseModelSpec(text))
    expect(message).toContain('`model`')
    expect(message).toContain('has no provider')
    expect(message).toContain('github_models, openai, anthropic, google (or gemini), deepseek, mistral, ollama, custom')
  })

  it.each<[string, string]>([
    ['claude:claude-sonnet-4', 'claude'],
    ['foo:bar', 'foo'],
    ['Azure:gpt-4.1', 'azure']
  ])('%j names the unknown provider %s', (text, name) => {
    const message = configError(() => parseModelSpec(text))
    expect(message).toContain('`model`')
    expect(message).toContain(`unknown provider "${name}"`)
    expect(message).toContain('Known providers: github_models, openai, anthropic')
  })

  it('names another input when asked to', () => {
    expect(configError(() => parseModelSpec('foo:bar', 'allowed-models'))).toContain('The `allowed-models` input')
  })

  it.each(['openai:', 'openai:   ', 'github_models:', 'openai:gpt 4', 'openai:-gpt', 'openai:/gpt', 'openai:gpt\n4'])(
    '%j has no valid model name',
    (text) => {
      const message = configError(() => parseModelSpec(text))
      expect(message).toContain('`model`')
      expect(message).toContain('no valid model name')
    }
  )
})

describe('parseModelList', () => {
  it('reads one model', () => {
    expect(parseModelList('openai:gpt-4.1').map((s) => s.id)).toEqual(['openai:gpt-4.1'])
  })

  it('reads several, in order, separated by commas or new lines', () => {
    expect(
      parseModelList(' anthropic:claude-sonnet-4-5, openai:gpt-4.1\ngemini:gemini-2.5-flash ').map((s) => s.id)
    ).toEqual(['anthropic:claude-sonnet-4-5', 'openai:gpt-4.1', 'google:gemini-2.5-flash'])
  })

  it('rejects an empty entry, a duplicate and a bad entry, naming the input', () => {
    expect(configError(() => parseModelList('openai:gpt-4.1,,anthropic:claude-sonnet-4-5'))).toContain('empty entry')
    expect(configError(() => parseModelList('openai:gpt-4.1, openai:gpt-4.1'))).toContain('names openai:gpt-4.1 twice')
    expect(configError(() => parseModelList('openai:gpt-4.1, skynet:t-800'))).toContain('unknown provider "skynet"')
  })
})

describe('baseUrlFor', () => {
  const none = { all: undefined, byProvider: {} }

  it('keeps the SDK default for openai, anthropic and google without base-url', () => {
    for (const id of ['openai:gpt-4.1', 'anthropic:claude-sonnet-4-5', 'google:gemini-2.5-flash'])
      expect(baseUrlFor(parseModelSpec(id), none)).toBeUndefined()
  })

  it('uses the preset endpoints of the OpenAI-compatible services', () => {
    expect(baseUrlFor(parseModelSpec('deepseek:deepseek-chat'), none)).toBe('https://api.deepseek.com')
    expect(baseUrlFor(parseModelSpec('mistral:mistral-small-latest'), none)).toBe('https://api.mistral.ai/v1')
    expect(baseUrlFor(parseModelSpec('ollama:llama3.2'), none)).toBe('http://localhost:11434/v1')
    expect(baseUrlFor(parseModelSpec('github_models:openai/gpt-4.1'), none)).toBe('https://models.github.ai/inference')
  })

  it('passes base-url unchanged, one for all or per provider', () => {
    expect(baseUrlFor(parseModelSpec('ollama:llama3.2'), { all: 'http://gpu-box:11434/v1/', byProvider: {} })).toBe(
      'http://gpu-box:11434/v1/'
    )
    const urls = { all: undefined, byProvider: { anthropic: 'https://a.example' } }
    expect(baseUrlFor(parseModelSpec('anthropic:claude-sonnet-4-5'), urls)).toBe('https://a.example')
    expect(baseUrlFor(parseModelSpec('openai:gpt-4.1'), urls)).toBeUndefined()
  })

  it('custom: needs base-url, and says so naming the input', () => {
    const message = configError(() => baseUrlFor(parseModelSpec('custom:my-model'), none))
    expect(message).toContain('`base-url`')
    expect(baseUrlFor(parseModelSpec('custom:my-model'), { all: 'http://127.0.0.1:8000/v1', byProvider: {} })).toBe(
      'http://127.0.0.1:8000/v1'
    )
  })
})

describe('PROVIDERS', () => {
  it('has unique names', () => {
    const names = PROVIDERS.map((p) => p.name)
    expect(new Set(names).size).toBe(names.length)
  })

  it('github_models uses the workflow token', () => {
    const github = provider('github_models')
    expect(github.keyInput).toBe('github-token')
    expect(github.keyEnv).toEqual(['GITHUB_TOKEN'])
    expect(github.usesGitHubToken).toBe(true)
    expect(github.defaultBaseUrl).toBe('https://models.github.ai/inference')
  })

  it.each<[string, string | null, string[]]>([
    ['anthropic', 'anthropic-api-key', ['ANTHROPIC_API_KEY']],
    ['google', 'google-api-key', ['GEMINI_API_KEY', 'GOOGLE_API_KEY']],
    ['deepseek', 'deepseek-api-key', ['DEEPSEEK_API_KEY']],
    ['mistral', 'mistral-api-key', ['MISTRAL_API_KEY']],
    ['ollama', null, ['OLLAMA_API_KEY']],
    ['custom', 'custom-api-key', ['CUSTOM_API_KEY']]
  ])('%s reads its key from %s, then %j', (name, input, env) => {
    expect(provider(name).keyInput).toBe(input)
    expect(provider(name).keyEnv).toEqual(env)
  })

  it('gemini is an alias of google', () => {
    expect(providerNamed('gemini')).toBe(provider('google'))
    expect(providerNamed('GEMINI')).toBe(provider('google'))
  })

  it('DeepSeek gets structured output as json_object; the others use json_schema', () => {
    expect(provider('deepseek').structuredOutput).toBe('json_object')
    expect(provider('mistral').structuredOutput).toBeUndefined()
  })

  it('openai reads the openai-api-key input and OPENAI_API_KEY', () => {
    const openai = provider('openai')
    expect(openai.keyInput).toBe('openai-api-key')
    expect(openai.keyEnv).toEqual(['OPENAI_API_KEY'])
    expect(openai.defaultBaseUrl).toBeUndefined()
  })
})

describe('resolveApiKey', () => {
  const openai = provider('openai')
  const github = provider('github_models')

  it('takes the key from the input first', () => {
    expect(
      resolveApiKey(openai, { inputs: { 'openai-api-key': 'from-input' }, env: { OPENAI_API_KEY: 'from-env' } })
    ).toBe('from-input')
  })

  it('trims the input', () => {
    expect(resolveApiKey(openai, { inputs: { 'openai-api-key': '  k  ' }, env: {} })).toBe('k')
  })

  it('falls back to the environment when the input is empty', () => {
    expect(resolveApiKey(openai, { inputs: { 'openai-api-key': '' }, env: { OPENAI_API_KEY: 'from-env' } })).toBe(
      'from-env'
    )
    expect(resolveApiKey(openai, { inputs: { 'openai-api-key': '   ' }, env: { OPENAI_API_KEY: ' from-env ' } })).toBe(
      'from-env'
    )
    expect(resolveApiKey(openai, { inputs: {}, env: { OPENAI_API_KEY: 'from-env' } })).toBe('from-env')
  })

  it("does not use another provider's input", () => {
    const message = configError(() =>
      resolveApiKey(openai, { inputs: { 'github-token': 'gh', 'anthropic-api-key': 'x' }, env: { GITHUB_TOKEN: 'gh' } })
    )
    expect(message).toContain('No API key for openai')
  })

  it('github_models takes the github-token input, then GITHUB_TOKEN', () => {
    expect(resolveApiKey(github, { inputs: { 'github-token': 'tok' }, env: { GITHUB_TOKEN: 'env' } })).toBe('tok')
    expect(resolveApiKey(github, { inputs: { 'github-token': '' }, env: { GITHUB_TOKEN: 'env' } })).toBe('env')
  })

  it('without a key, throws a ConfigError naming the input, the variable and the hint', () => {
    const message = configError(() =>
      resolveApiKey(openai, { inputs: { 'openai-api-key': '' }, env: { OPENAI_API_KEY: '  ' } })
    )
    expect(message).toContain('No API key for openai')
    expect(message).toContain('the `openai-api-key` input or `OPENAI_API_KEY`')
    expect(message).toContain(openai.keyHint)
  })

  it('names the github-token input for GitHub Models', () => {
    const message = configError(() => resolveApiKey(github, { inputs: {}, env: {} }))
    expect(message).toContain('the `github-token` input or `GITHUB_TOKEN`')
    expect(message).toContain('models: read')
  })

  it('google takes GEMINI_API_KEY before GOOGLE_API_KEY', () => {
    expect(resolveApiKey(provider('google'), { inputs: {}, env: { GOOGLE_API_KEY: 'g', GEMINI_API_KEY: 'm' } })).toBe(
      'm'
    )
    expect(resolveApiKey(provider('google'), { inputs: {}, env: { GOOGLE_API_KEY: 'g' } })).toBe('g')
    expect(configError(() => resolveApiKey(provider('google'), { inputs: {}, env: {} }))).toContain(
      'the `google-api-key` input or `GEMINI_API_KEY` or `GOOGLE_API_KEY`'
    )
  })

  it('local servers need no key', () => {
    expect(resolveApiKey(provider('ollama'), { inputs: {}, env: {} })).toBe(NO_KEY)
    expect(resolveApiKey(provider('custom'), { inputs: {}, env: {} })).toBe(NO_KEY)
    expect(resolveApiKey(provider('custom'), { inputs: { 'custom-api-key': 'k' }, env: {} })).toBe('k')
  })

  it('a provider without an input reads only the environment, and says so', () => {
    const envOnly: ProviderPreset = {
      name: 'local',
      family: 'openai',
      keyInput: null,
      keyEnv: ['A_KEY', 'B_KEY'],
      keyHint: 'Set one.'
    }
    expect(resolveApiKey(envOnly, { inputs: { 'openai-api-key': 'ignored' }, env: { B_KEY: 'b' } })).toBe('b')
    expect(resolveApiKey(envOnly, { inputs: {}, env: { A_KEY: 'a', B_KEY: 'b' } })).toBe('a')
    const message = configError(() => resolveApiKey(envOnly, { inputs: {}, env: {} }))
    expect(message).toBe('No API key for local: set `A_KEY` or `B_KEY`. Set one.')
  })
})
