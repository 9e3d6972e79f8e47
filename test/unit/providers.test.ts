import { describe, expect, it } from 'vitest'
import { ConfigError } from '../../src/config-error.ts'
import { PROVIDERS, parseModelSpec, resolveApiKey, type ProviderPreset } from '../../src/llm/providers.ts'

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
    ['GITHUB_MODELS:meta/Llama-3.3-70B-Instruct', 'github_models', 'meta/Llama-3.3-70B-Instruct', 'github_models:meta/Llama-3.3-70B-Instruct'],
    ['openai: gpt-4.1', 'openai', 'gpt-4.1', 'openai:gpt-4.1'],
    ['openai:ft:gpt-4.1:org:custom:id', 'openai', 'ft:gpt-4.1:org:custom:id', 'openai:ft:gpt-4.1:org:custom:id']
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
    expect(message).toContain('github_models, openai')
  })

  it.each<[string, string]>([
    ['anthropic:claude-sonnet-4', 'anthropic'],
    ['foo:bar', 'foo'],
    ['Mistral:large', 'mistral']
  ])('%j names the unknown provider %s', (text, name) => {
    const message = configError(() => parseModelSpec(text))
    expect(message).toContain('`model`')
    expect(message).toContain(`unknown provider "${name}"`)
    expect(message).toContain('Known providers: github_models, openai')
  })

  it.each(['openai:', 'openai:   ', 'github_models:', 'openai:gpt 4', 'openai:-gpt', 'openai:/gpt', 'openai:gpt\n4'])('%j has no valid model name', (text) => {
    const message = configError(() => parseModelSpec(text))
    expect(message).toContain('`model`')
    expect(message).toContain('no valid model name')
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
    expect(resolveApiKey(openai, { inputs: { 'openai-api-key': 'from-input' }, env: { OPENAI_API_KEY: 'from-env' } })).toBe('from-input')
  })

  it('trims the input', () => {
    expect(resolveApiKey(openai, { inputs: { 'openai-api-key': '  k  ' }, env: {} })).toBe('k')
  })

  it('falls back to the environment when the input is empty', () => {
    expect(resolveApiKey(openai, { inputs: { 'openai-api-key': '' }, env: { OPENAI_API_KEY: 'from-env' } })).toBe('from-env')
    expect(resolveApiKey(openai, { inputs: { 'openai-api-key': '   ' }, env: { OPENAI_API_KEY: ' from-env ' } })).toBe('from-env')
    expect(resolveApiKey(openai, { inputs: {}, env: { OPENAI_API_KEY: 'from-env' } })).toBe('from-env')
  })

  it('does not use another provider\'s input', () => {
    const message = configError(() => resolveApiKey(openai, { inputs: { 'github-token': 'gh', 'anthropic-api-key': 'x' }, env: { GITHUB_TOKEN: 'gh' } }))
    expect(message).toContain('No API key for openai')
  })

  it('github_models takes the github-token input, then GITHUB_TOKEN', () => {
    expect(resolveApiKey(github, { inputs: { 'github-token': 'tok' }, env: { GITHUB_TOKEN: 'env' } })).toBe('tok')
    expect(resolveApiKey(github, { inputs: { 'github-token': '' }, env: { GITHUB_TOKEN: 'env' } })).toBe('env')
  })

  it('without a key, throws a ConfigError naming the input, the variable and the hint', () => {
    const message = configError(() => resolveApiKey(openai, { inputs: { 'openai-api-key': '' }, env: { OPENAI_API_KEY: '  ' } }))
    expect(message).toContain('No API key for openai')
    expect(message).toContain('the `openai-api-key` input or `OPENAI_API_KEY`')
    expect(message).toContain(openai.keyHint)
  })

  it('names the github-token input for GitHub Models', () => {
    const message = configError(() => resolveApiKey(github, { inputs: {}, env: {} }))
    expect(message).toContain('the `github-token` input or `GITHUB_TOKEN`')
    expect(message).toContain('models: read')
  })

  it('a provider without an input reads only the environment, and says so', () => {
    const envOnly: ProviderPreset = { name: 'local', family: 'openai', keyInput: null, keyEnv: ['A_KEY', 'B_KEY'], keyHint: 'Set one.' }
    expect(resolveApiKey(envOnly, { inputs: { 'openai-api-key': 'ignored' }, env: { B_KEY: 'b' } })).toBe('b')
    expect(resolveApiKey(envOnly, { inputs: {}, env: { A_KEY: 'a', B_KEY: 'b' } })).toBe('a')
    const message = configError(() => resolveApiKey(envOnly, { inputs: {}, env: {} }))
    expect(message).toBe('No API key for local: set `A_KEY` or `B_KEY`. Set one.')
  })
})
