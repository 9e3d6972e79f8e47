import { describe, expect, it } from 'vitest'
import { ConfigError } from '../../src/errors.ts'
import {
  readBudgetConfig,
  readDeployConfig,
  readShownSettings,
  DEFAULT_MODEL,
  readGateConfig,
  readRunConfig,
  readForge,
  INSTRUCTION_SOURCES,
  type InputReader
} from '../../src/config.ts'
import { DEFAULT_INSTRUCTIONS_FILE } from '../../src/ports/paths.ts'

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

describe('readForge', () => {
  const job = { gitlabCi: true, triggerPayload: true, schedule: false }
  const elsewhere = { gitlabCi: false, triggerPayload: false, schedule: false }

  it('is the forge setting, in any case and with spaces, over what the environment says', () => {
    expect(readForge(reader({ forge: 'gitlab' }), elsewhere)).toBe('gitlab')
    expect(readForge(reader({ forge: ' GitLab ' }), elsewhere)).toBe('gitlab')
    expect(readForge(reader({ forge: 'github' }), job)).toBe('github')
  })

  it('unset: GitLab in a GitLab CI job with a webhook payload or started by a schedule, GitHub anywhere else', () => {
    expect(readForge(reader({}), job)).toBe('gitlab')
    expect(readForge(reader({}), { gitlabCi: true, triggerPayload: false, schedule: true })).toBe('gitlab')
    expect(readForge(reader({}), { gitlabCi: true, triggerPayload: false, schedule: false })).toBe('github')
    expect(readForge(reader({}), { gitlabCi: false, triggerPayload: true, schedule: false })).toBe('github')
    expect(readForge(reader({}), { gitlabCi: false, triggerPayload: false, schedule: true })).toBe('github')
    expect(readForge(reader({}), elsewhere)).toBe('github')
  })

  it('refuses a value that names no forge, rather than running as GitHub', () => {
    expect(configError(() => readForge(reader({ forge: 'gitea' }), job))).toBe(
      'The `forge` input is not valid: "gitea" should be github or gitlab.'
    )
    expect(configError(() => readForge(reader({ forge: 'git lab' }), elsewhere))).toContain('"git lab"')
  })
})

describe('readGateConfig', () => {
  it('applies defaults', () => {
    expect(readGateConfig(reader({ 'github-token': 'ghs_token' }))).toEqual({
      githubToken: 'ghs_token',
      botName: 'git-bob',
      allowedBots: [],
      botLogin: null,
      labelPrefix: 'git-bob:',
      assignCommand: 'comment'
    })
  })

  it('reads label-prefix (the bot name and a colon by default) and assign-command', () => {
    expect(readGateConfig(reader({ 'github-token': 't', 'bot-name': 'bob' })).labelPrefix).toBe('bob:')
    const set = readGateConfig(reader({ 'github-token': 't', 'label-prefix': 'ai/', 'assign-command': 'Split' }))
    expect(set).toMatchObject({ labelPrefix: 'ai/', assignCommand: 'split' })
    expect(() => readGateConfig(reader({ 'github-token': 't', 'label-prefix': 'a b' }))).toThrow(/label-prefix/)
  })

  it('reads bot-login without "@", keeping its case', () => {
    expect(readGateConfig(reader({ 'github-token': 't', 'bot-login': ' @Bob-Reviewer ' })).botLogin).toBe(
      'Bob-Reviewer'
    )
    expect(readGateConfig(reader({ 'github-token': 't', 'bot-login': 'my-app[bot]' })).botLogin).toBe('my-app[bot]')
  })

  it.each(['not a login', 'under_score', 'a'.repeat(40)])('rejects bot-login %j, naming the input', (login) => {
    const message = configError(() => readGateConfig(reader({ 'github-token': 't', 'bot-login': login })))
    expect(message).toContain('`bot-login`')
  })

  it("reads bot-login and allowed-bots as GitLab usernames on GitLab: '_' and '.' too", () => {
    const gitlab = (inputs: Record<string, string>) =>
      readGateConfig(reader({ 'github-token': 't', ...inputs }), 'gitlab')
    expect(gitlab({ 'bot-login': '@git_bob.lab' }).botLogin).toBe('git_bob.lab')
    expect(gitlab({ 'allowed-bots': 'ci_helper, Data.Bot' }).allowedBots).toEqual(['ci_helper', 'data.bot'])
    for (const login of ['-lead', 'trailing.', 'not a login', 'a'.repeat(256)])
      expect(configError(() => gitlab({ 'bot-login': login }))).toContain('is not a GitLab username')
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

  it.each(['git bob', '-bob', '.bob', '@bob', 'bob!', 'b'.repeat(40), 'bob/ai'])(
    'rejects bot name %j, naming the input',
    (name) => {
      const message = configError(() => readGateConfig(reader({ 'github-token': 't', 'bot-name': name })))
      expect(message).toContain('`bot-name`')
      expect(message).toContain(name)
    }
  )

  it('lists allowed bots lower-cased, from commas, newlines and spaces, without "@"', () => {
    const config = readGateConfig(
      reader({ 'github-token': 't', 'allowed-bots': 'dependabot[bot], @Renovate\nfoo,,\n  @Bar-Baz  ' })
    )
    expect(config.allowedBots).toEqual(['dependabot[bot]', 'renovate', 'foo', 'bar-baz'])
  })

  it.each(['bad_login!', 'under_score', '-leading', 'a'.repeat(40), 'x[robot]'])(
    'rejects allowed-bots login %j, naming the input',
    (login) => {
      const message = configError(() =>
        readGateConfig(reader({ 'github-token': 't', 'allowed-bots': `ok-bot, ${login}` }))
      )
      expect(message).toContain('`allowed-bots`')
      expect(message).toContain(login)
    }
  )

  it('checks the token before the bot name', () => {
    const message = configError(() => readGateConfig(reader({ 'bot-name': 'bad name' })))
    expect(message).toContain('`github-token`')
  })
})

describe('readShownSettings', () => {
  it('gives model and allowed-models as written, and never fails', () => {
    expect(readShownSettings(reader({}))).toEqual({
      model: DEFAULT_MODEL,
      allowedModels: [],
      imageModel: '',
      deployWorkflow: ''
    })
    expect(
      readShownSettings(
        reader({
          model: ' openai:gpt-4.1 ',
          'allowed-models': 'claude=anthropic:x, not a model!',
          'image-model': ' not:checked here ',
          'deploy-workflow': 'release.yml'
        })
      )
    ).toEqual({
      model: 'openai:gpt-4.1',
      allowedModels: ['claude=anthropic:x', 'not', 'a', 'model!'],
      imageModel: 'not:checked here',
      deployWorkflow: 'release.yml'
    })
  })
})

describe('readRunConfig', () => {
  it('applies defaults', () => {
    expect(readRunConfig(reader({}))).toEqual({
      model: DEFAULT_MODEL,
      baseUrls: { all: undefined, byProvider: {} },
      allowedModels: [],
      maintainers: [],
      instructionsFile: DEFAULT_INSTRUCTIONS_FILE,
      instructionFiles: [...INSTRUCTION_SOURCES],
      modelTimeoutMs: 300_000,
      imageModel: '',
      speechModel: '',
      modelRetries: 2,
      maxOutputTokens: 16_384,
      reviewTokenBudget: 50_000,
      promptTokenBudget: null,
      maxSteps: 20,
      maxToolCallsPerStep: 20,
      maxGithubRequests: 300,
      maxCostUsd: 1,
      maxFiles: 50,
      maxFileBytes: 500_000,
      allowProtectedPaths: false,
      executeNotebooks: true,
      notebookRepairRounds: 3,
      notebookCellTimeoutSeconds: 600,
      notebookTimeoutMs: 1_800_000,
      sandbox: {
        network: true,
        limits: { memoryMb: 4096, processes: 1024, cpuSeconds: 1800, diskMb: 1024 },
        visiblePaths: []
      },
      checkCommand: null,
      setupCommand: null,
      checkRepairRounds: 3,
      apiKeyInputs: {
        'github-token': '',
        'openai-api-key': '',
        'anthropic-api-key': '',
        'google-api-key': '',
        'deepseek-api-key': '',
        'mistral-api-key': '',
        'custom-api-key': ''
      }
    })
  })

  it('reads max-cost-usd 0 as no cap, and refuses an amount that is not one', () => {
    expect(readRunConfig(reader({ 'max-cost-usd': '0' })).maxCostUsd).toBeNull()
    expect(() => readRunConfig(reader({ 'max-cost-usd': 'lots' }))).toThrow(/max-cost-usd.*US dollars/)
    expect(readRunConfig(reader({ 'max-steps': '0' })).maxSteps).toBe(0)
    expect(() => readRunConfig(reader({ 'max-steps': '-1' }))).toThrow(/max-steps/)
    expect(() => readRunConfig(reader({ 'max-tool-calls-per-step': '0' }))).toThrow(/max-tool-calls-per-step/)
    expect(() => readRunConfig(reader({ 'max-github-requests': '10' }))).toThrow(/max-github-requests/)
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
        'instruction-files': ' AGENTS.md,\n.github/instructions/*.instructions.md ',
        'model-timeout-seconds': ' 30 ',
        'image-model': ' openai:gpt-image-1 ',
        'speech-model': ' google:gemini-2.5-flash-preview-tts ',
        'model-retries': '0',
        'max-output-tokens': '256',
        'review-token-budget': ' 8000 ',
        'prompt-token-budget': '9000',
        'max-steps': ' 5 ',
        'max-tool-calls-per-step': '4',
        'max-github-requests': '1000',
        'max-cost-usd': '$0.25',
        'max-files': '3',
        'max-file-bytes': '2000',
        'execute-notebooks': 'no',
        'allow-protected-paths': 'yes',
        'notebook-repair-rounds': '0',
        'notebook-cell-timeout-seconds': '5',
        'notebook-timeout-seconds': '60',
        'sandbox-network': 'off',
        'sandbox-memory-mb': '2048',
        'sandbox-processes': ' 200 ',
        'sandbox-cpu-seconds': '60',
        'sandbox-disk-mb': '300',
        'sandbox-visible-paths': '/home/runner/miniconda3\n/srv/data',
        'check-command': ' python3 -m pytest -q ',
        'setup-command': 'pip install --user -r requirements.txt',
        'check-repair-rounds': '1',
        'github-token': ' gh ',
        'openai-api-key': ' sk ',
        'anthropic-api-key': 'ant',
        'google-api-key': 'goo',
        'deepseek-api-key': 'ds',
        'mistral-api-key': 'mi',
        'custom-api-key': 'cu'
      })
    )
    expect(config).toEqual({
      model: 'openai:gpt-4.1',
      baseUrls: { all: 'https://example.com/v1', byProvider: {} },
      allowedModels: [],
      maintainers: ['alice', 'bob', 'carol'],
      instructionsFile: 'docs/bob.md',
      instructionFiles: ['AGENTS.md', '.github/instructions'],
      modelTimeoutMs: 30_000,
      imageModel: 'openai:gpt-image-1',
      speechModel: 'google:gemini-2.5-flash-preview-tts',
      modelRetries: 0,
      maxOutputTokens: 256,
      reviewTokenBudget: 8000,
      promptTokenBudget: 9000,
      maxSteps: 5,
      maxToolCallsPerStep: 4,
      maxGithubRequests: 1000,
      maxCostUsd: 0.25,
      maxFiles: 3,
      maxFileBytes: 2000,
      allowProtectedPaths: true,
      executeNotebooks: false,
      notebookRepairRounds: 0,
      notebookCellTimeoutSeconds: 5,
      notebookTimeoutMs: 60_000,
      sandbox: {
        network: false,
        limits: { memoryMb: 2048, processes: 200, cpuSeconds: 60, diskMb: 300 },
        visiblePaths: ['/home/runner/miniconda3', '/srv/data']
      },
      checkCommand: 'python3 -m pytest -q',
      setupCommand: 'pip install --user -r requirements.txt',
      checkRepairRounds: 1,
      apiKeyInputs: {
        'github-token': 'gh',
        'openai-api-key': 'sk',
        'anthropic-api-key': 'ant',
        'google-api-key': 'goo',
        'deepseek-api-key': 'ds',
        'mistral-api-key': 'mi',
        'custom-api-key': 'cu'
      }
    })
  })

  it.each(['1999', '2000001', 'lots', '1.5'])('rejects review-token-budget %j, naming the input', (value) => {
    expect(configError(() => readRunConfig(reader({ 'review-token-budget': value })))).toContain(
      '`review-token-budget`'
    )
  })

  it('keeps the case of maintainers', () => {
    expect(readRunConfig(reader({ maintainers: 'Alice' })).maintainers).toEqual(['Alice'])
  })

  it('converts the timeout from seconds to milliseconds at the bounds', () => {
    expect(readRunConfig(reader({ 'model-timeout-seconds': '1' })).modelTimeoutMs).toBe(1000)
    expect(readRunConfig(reader({ 'model-timeout-seconds': '3600' })).modelTimeoutMs).toBe(3_600_000)
  })

  it.each(['http://localhost:8080/v1', 'https://models.github.ai/inference'])('accepts base-url %j', (url) => {
    expect(readRunConfig(reader({ 'base-url': url })).baseUrls).toEqual({ all: url, byProvider: {} })
  })

  it.each(['ftp://example.com', 'not a url', 'example.com/v1', 'file:///etc/passwd'])(
    'rejects base-url %j, naming the input',
    (url) => {
      const message = configError(() => readRunConfig(reader({ 'base-url': url })))
      expect(message).toContain('`base-url`')
      expect(message).toContain(url)
    }
  )

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

  it.each(['../secrets', 'a/../../b', 'docs/..', '/etc/passwd'])(
    'rejects instructions-file %j, naming the input',
    (path) => {
      const message = configError(() => readRunConfig(reader({ 'instructions-file': path })))
      expect(message).toContain('`instructions-file`')
      expect(message).toContain(path)
    }
  )

  it.each([
    ['all', [...INSTRUCTION_SOURCES]],
    ['None', []],
    ['claude.md, GEMINI.md', ['CLAUDE.md', 'GEMINI.md']],
    ['.github/instructions/', ['.github/instructions']],
    ['.github/copilot-instructions.md', ['.github/copilot-instructions.md']]
  ])('reads instruction-files %j', (raw, sources) => {
    expect(readRunConfig(reader({ 'instruction-files': raw })).instructionFiles).toEqual(sources)
  })

  it('rejects an instruction file it does not know, naming the ones it does', () => {
    const message = configError(() => readRunConfig(reader({ 'instruction-files': 'AGENTS.md, README.md' })))
    expect(message).toContain('`instruction-files`')
    expect(message).toContain('"README.md"')
    expect(message).toContain('CLAUDE.md')
  })

  it.each(['.github/bob.md', 'docs/a..b.md', '..hidden.md'])(
    'accepts instructions-file %j inside the repository',
    (path) => {
      expect(readRunConfig(reader({ 'instructions-file': path })).instructionsFile).toBe(path)
    }
  )

  it('rejects a check command that is not one line, and too many repair rounds, naming the input', () => {
    expect(() => readRunConfig(reader({ 'check-command': 'pytest\r\nrm -rf /' }))).toThrow(/`check-command`/)
    expect(() => readRunConfig(reader({ 'setup-command': 'x'.repeat(2001) }))).toThrow(/`setup-command`/)
    expect(() => readRunConfig(reader({ 'check-repair-rounds': '11' }))).toThrow(/`check-repair-rounds`/)
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

describe('boolean inputs', () => {
  it('accepts true/false words and names the input otherwise', () => {
    expect(readRunConfig(reader({ 'execute-notebooks': 'TRUE' })).executeNotebooks).toBe(true)
    expect(readRunConfig(reader({ 'execute-notebooks': 'off' })).executeNotebooks).toBe(false)
    expect(configError(() => readRunConfig(reader({ 'execute-notebooks': 'maybe' })))).toContain('`execute-notebooks`')
    expect(readRunConfig(reader({ 'allow-protected-paths': 'true' })).allowProtectedPaths).toBe(true)
    expect(configError(() => readRunConfig(reader({ 'allow-protected-paths': 'sure' })))).toContain(
      '`allow-protected-paths`'
    )
  })
})

describe('readRunConfig: base-url per provider', () => {
  it('reads provider=URL pairs, with provider aliases made canonical', () => {
    const config = readRunConfig(
      reader({
        'base-url': 'openai=https://proxy.example/v1, gemini = http://127.0.0.1:9000\nanthropic=https://a.example'
      })
    )
    expect(config.baseUrls).toEqual({
      all: undefined,
      byProvider: {
        openai: 'https://proxy.example/v1',
        google: 'http://127.0.0.1:9000',
        anthropic: 'https://a.example'
      }
    })
  })

  it('rejects an unknown provider in a pair, naming the input', () => {
    const message = configError(() =>
      readRunConfig(reader({ 'base-url': 'openai=https://a.example, skynet=https://b.example' }))
    )
    expect(message).toContain('`base-url`')
    expect(message).toContain('skynet=https://b.example')
  })

  it('rejects a pair whose URL is not http(s)', () => {
    const message = configError(() => readRunConfig(reader({ 'base-url': 'openai=ftp://a.example' })))
    expect(message).toContain('`base-url`')
    expect(message).toContain('ftp://a.example')
  })

  it('keeps a single URL with a query string whole', () => {
    const url = 'https://x.example/openai/v1?api-version=2025-01-01'
    expect(readRunConfig(reader({ 'base-url': url })).baseUrls).toEqual({ all: url, byProvider: {} })
  })
})

describe('readRunConfig: allowed-models', () => {
  it('reads models and named models from commas and new lines', () => {
    const config = readRunConfig(
      reader({ 'allowed-models': 'openai:gpt-4.1-mini,\nclaude=anthropic:claude-sonnet-4-5  gemini:gemini-2.5-flash' })
    )
    expect(config.allowedModels.map((a) => [a.alias, a.spec.id])).toEqual([
      [null, 'openai:gpt-4.1-mini'],
      ['claude', 'anthropic:claude-sonnet-4-5'],
      [null, 'google:gemini-2.5-flash']
    ])
  })

  it('names the allowed-models input for a malformed entry', () => {
    expect(configError(() => readRunConfig(reader({ 'allowed-models': 'gpt-4.1' })))).toContain('`allowed-models`')
    expect(configError(() => readRunConfig(reader({ 'allowed-models': 'skynet:t-800' })))).toContain(
      '`allowed-models` input names the unknown provider "skynet"'
    )
    expect(configError(() => readRunConfig(reader({ 'allowed-models': 'bad name!=openai:gpt-4.1' })))).toContain(
      '`allowed-models`'
    )
  })
})

describe('readDeployConfig', () => {
  const reader =
    (inputs: Record<string, string>) =>
    (name: string): string =>
      inputs[name] ?? ''

  it('is not set up by default, and waits 10 minutes looking every 10 seconds', () => {
    expect(readDeployConfig(reader({}))).toEqual({ workflow: null, waitMs: 600_000, pollMs: 10_000 })
  })

  it('reads a workflow file name or id, the wait and a fractional poll interval', () => {
    expect(
      readDeployConfig(
        reader({ 'deploy-workflow': 'release.yml', 'deploy-wait-seconds': '0', 'deploy-poll-seconds': '0.05' })
      )
    ).toEqual({ workflow: 'release.yml', waitMs: 0, pollMs: 50 })
    expect(readDeployConfig(reader({ 'deploy-workflow': '161335' })).workflow).toBe('161335')
  })

  it('rejects a path, a wait over an hour and a zero poll interval, naming the input', () => {
    expect(() => readDeployConfig(reader({ 'deploy-workflow': '.github/workflows/release.yml' }))).toThrow(
      /`deploy-workflow`.*file name/
    )
    expect(() => readDeployConfig(reader({ 'deploy-wait-seconds': '7200' }))).toThrow(/`deploy-wait-seconds`/)
    expect(() => readDeployConfig(reader({ 'deploy-poll-seconds': '0' }))).toThrow(/`deploy-poll-seconds`/)
  })
})

describe('readBudgetConfig', () => {
  it('every limit off when its input is empty', () => {
    expect(readBudgetConfig(reader({}))).toEqual({
      limits: { dailyUsd: null, monthlyUsd: null, dailyRequests: null },
      confirmAboveUsd: null
    })
  })

  it('dollars with or without "$", 0 a limit too; requests a whole number', () => {
    const config = readBudgetConfig(
      reader({
        'budget-daily-usd': '$2.50',
        'budget-monthly-usd': '0',
        'budget-daily-requests': '20',
        'confirm-above-usd': '1'
      })
    )
    expect(config).toEqual({ limits: { dailyUsd: 2.5, monthlyUsd: 0, dailyRequests: 20 }, confirmAboveUsd: 1 })
  })

  it('names the input and the value it cannot read', () => {
    expect(configError(() => readBudgetConfig(reader({ 'budget-daily-usd': 'five' })))).toContain('`budget-daily-usd`')
    expect(configError(() => readBudgetConfig(reader({ 'budget-daily-requests': '2.5' })))).toContain('whole number')
    expect(configError(() => readBudgetConfig(reader({ 'confirm-above-usd': '-1' })))).toContain('"-1"')
  })
})
