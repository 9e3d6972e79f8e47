import { describe, expect, it } from 'vitest'
import { ConfigError } from '../../src/config-error.ts'
import { DEFAULT_INSTRUCTIONS_FILE, DEFAULT_MODEL, readGateConfig, readRunConfig, type InputReader } from '../../src/config.ts'

function reader(inputs: Record<string, string>): InputReader {
  return (name) => inputs[name] ?? ''
}

/** Runs fn, expects a ConfigError, returns its message. */
function configError(fn: () => unknown): string {
  try {
    fn()
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError)
    expect((error as ConfigError).name).toBe('ConfigError')
    return (error as ConfigError).message
  }
  throw new Error('expected a ConfigError, but nothing was thrown')
}

describe('ConfigError', () => {
  it('is an Error named ConfigError', () => {
    const error = new ConfigError('x')
    expect(error).toBeInstanceOf(Error)
    expect(error.name).toBe('ConfigError')
    expect(error.message).toBe('x')
  })
})

describe('readGateConfig', () => {
  it('applies defaults', () => {
    expect(readGateConfig(reader({ 'github-token': 'ghs_token' }))).toEqual({
      githubToken: 'ghs_token',
      botName: 'git-bob',
      allowedBots: [],
      botLogin: null
    })
  })

  it('reads bot-login without "@", keeping its case', () => {
    expect(readGateConfig(reader({ 'github-token': 't', 'bot-login': ' @Bob-Reviewer ' })).botLogin).toBe('Bob-Reviewer')
    expect(readGateConfig(reader({ 'github-token': 't', 'bot-login': 'my-app[bot]' })).botLogin).toBe('my-app[bot]')
  })

  it.each(['not a login', 'under_score', 'a'.repeat(40)])('rejects bot-login %j, naming the input', (login) => {
    const message = configError(() => readGateConfig(reader({ 'github-token': 't', 'bot-login': login })))
    expect(message).toContain('`bot-login`')
  })

  it('trims the token', () => {
    expect(readGateConfig(reader({ 'github-token': '  tok  ' })).githubToken).toBe('tok')
  })

  it.each(['', '   ', '\n'])('rejects an empty github-token %j, naming the input', (token) => {
    const message = configError(() => readGateConfig(reader({ 'github-token': token })))
    expect(message).toContain('`github-token`')
    expect(message).toContain('empty')
  })

  it('reads a custom bot name', () => {
    expect(readGateConfig(reader({ 'github-token': 't', 'bot-name': ' bob.ai ' })).botName).toBe('bob.ai')
  })

  it.each(['my_bot', 'Bob2', 'a', 'a-b.c_d'])('accepts bot name %j', (name) => {
    expect(readGateConfig(reader({ 'github-token': 't', 'bot-name': name })).botName).toBe(name)
  })

  it.each(['git bob', '-bob', '.bob', '@bob', 'bob!', 'b'.repeat(40), 'bob/ai'])('rejects bot name %j, naming the input', (name) => {
    const message = configError(() => readGateConfig(reader({ 'github-token': 't', 'bot-name': name })))
    expect(message).toContain('`bot-name`')
    expect(message).toContain(name)
  })

  it('lists allowed bots lower-cased, from commas, newlines and spaces, without "@"', () => {
    const config = readGateConfig(reader({ 'github-token': 't', 'allowed-bots': 'dependabot[bot], @Renovate\nfoo,,\n  @Bar-Baz  ' }))
    expect(config.allowedBots).toEqual(['dependabot[bot]', 'renovate', 'foo', 'bar-baz'])
  })

  it.each(['bad_login!', 'under_score', '-leading', 'a'.repeat(40), 'x[robot]'])('rejects allowed-bots login %j, naming the input', (login) => {
    const message = configError(() => readGateConfig(reader({ 'github-token': 't', 'allowed-bots': `ok-bot, ${login}` })))
    expect(message).toContain('`allowed-bots`')
    expect(message).toContain(login)
  })

  it('checks the token before the bot name', () => {
    const message = configError(() => readGateConfig(reader({ 'bot-name': 'bad name' })))
    expect(message).toContain('`github-token`')
  })
})

describe('readRunConfig', () => {
  it('applies defaults', () => {
    expect(readRunConfig(reader({}))).toEqual({
      model: DEFAULT_MODEL,
      baseUrl: undefined,
      maintainers: [],
      instructionsFile: DEFAULT_INSTRUCTIONS_FILE,
      modelTimeoutMs: 300_000,
      modelRetries: 2,
      maxOutputTokens: 16_384,
      reviewTokenBudget: 50_000,
      apiKeyInputs: { 'github-token': '', 'openai-api-key': '', 'anthropic-api-key': '', 'google-api-key': '' }
    })
  })

  it('has the documented default model and instructions file', () => {
    expect(DEFAULT_MODEL).toBe('github_models:openai/gpt-4.1')
    expect(DEFAULT_INSTRUCTIONS_FILE).toBe('.github/git-bob.md')
  })

  it('reads and trims every input', () => {
    const config = readRunConfig(
      reader({
        model: ' openai:gpt-4.1 ',
        'base-url': ' https://example.com/v1 ',
        maintainers: '@alice\n@bob, carol',
        'instructions-file': ' docs/bob.md ',
        'model-timeout-seconds': ' 30 ',
        'model-retries': '0',
        'max-output-tokens': '256',
        'review-token-budget': ' 8000 ',
        'github-token': ' gh ',
        'openai-api-key': ' sk ',
        'anthropic-api-key': 'ant',
        'google-api-key': 'goo'
      })
    )
    expect(config).toEqual({
      model: 'openai:gpt-4.1',
      baseUrl: 'https://example.com/v1',
      maintainers: ['alice', 'bob', 'carol'],
      instructionsFile: 'docs/bob.md',
      modelTimeoutMs: 30_000,
      modelRetries: 0,
      maxOutputTokens: 256,
      reviewTokenBudget: 8000,
      apiKeyInputs: { 'github-token': 'gh', 'openai-api-key': 'sk', 'anthropic-api-key': 'ant', 'google-api-key': 'goo' }
    })
  })

  it.each(['1999', '2000001', 'lots', '1.5'])('rejects review-token-budget %j, naming the input', (value) => {
    expect(configError(() => readRunConfig(reader({ 'review-token-budget': value })))).toContain('`review-token-budget`')
  })

  it('keeps the case of maintainers', () => {
    expect(readRunConfig(reader({ maintainers: 'Alice' })).maintainers).toEqual(['Alice'])
  })

  it('converts the timeout from seconds to milliseconds at the bounds', () => {
    expect(readRunConfig(reader({ 'model-timeout-seconds': '1' })).modelTimeoutMs).toBe(1000)
    expect(readRunConfig(reader({ 'model-timeout-seconds': '3600' })).modelTimeoutMs).toBe(3_600_000)
  })

  it.each(['http://localhost:8080/v1', 'https://models.github.ai/inference'])('accepts base-url %j', (url) => {
    expect(readRunConfig(reader({ 'base-url': url })).baseUrl).toBe(url)
  })

  it.each(['ftp://example.com', 'not a url', 'example.com/v1', 'file:///etc/passwd'])('rejects base-url %j, naming the input', (url) => {
    const message = configError(() => readRunConfig(reader({ 'base-url': url })))
    expect(message).toContain('`base-url`')
    expect(message).toContain(url)
  })

  it.each<[string, string]>([
    ['model-timeout-seconds', 'abc'],
    ['model-timeout-seconds', '1.5'],
    ['model-timeout-seconds', '0'],
    ['model-timeout-seconds', '-5'],
    ['model-timeout-seconds', '3601'],
    ['model-retries', '11'],
    ['model-retries', '-1'],
    ['model-retries', 'two'],
    ['max-output-tokens', '100'],
    ['max-output-tokens', '1000001']
  ])('rejects %s = %j, naming the input and the range', (input, value) => {
    const message = configError(() => readRunConfig(reader({ [input]: value })))
    expect(message).toContain(`\`${input}\``)
    expect(message).toContain(`"${value}"`)
    expect(message).toMatch(/whole number from \d+ to \d+/)
  })

  it.each(['../secrets', 'a/../../b', 'docs/..', '/etc/passwd'])('rejects instructions-file %j, naming the input', (path) => {
    const message = configError(() => readRunConfig(reader({ 'instructions-file': path })))
    expect(message).toContain('`instructions-file`')
    expect(message).toContain(path)
  })

  it.each(['.github/bob.md', 'docs/a..b.md', '..hidden.md'])('accepts instructions-file %j inside the repository', (path) => {
    expect(readRunConfig(reader({ 'instructions-file': path })).instructionsFile).toBe(path)
  })

  it('rejects an invalid maintainer login, naming the input', () => {
    const message = configError(() => readRunConfig(reader({ maintainers: 'alice, not_valid!' })))
    expect(message).toContain('`maintainers`')
    expect(message).toContain('not_valid!')
  })

  it('does not require the github token', () => {
    expect(() => readRunConfig(reader({}))).not.toThrow()
  })
})
