// Action inputs -> typed settings, validated with zod. Read in two steps: what the gate needs
// (so a bad setting never makes git-bob answer a stranger or itself), and the rest after the gate,
// so that a mistake there is reported on the thread where the person who asked will see it.
import { DEFAULT_LIMITS, type SandboxSettings } from './ports/sandbox.ts'
import { DEFAULT_INSTRUCTIONS_FILE } from './ports/paths.ts'
import type { BudgetLimits } from './ports/ledger.ts'
import type { ForgeDialect } from './ports/forge.ts'
import { z } from 'zod'
import { ConfigError } from './errors.ts'
import { parseModelSpec, providerNamed, type BaseUrls, type ModelSpec } from './llm/providers.ts'

/** Reads one action input by its name in action.yml; '' when unset. */
export type InputReader = (name: string) => string

export const DEFAULT_MODEL = 'github_models:openai/gpt-4.1'
export const DEFAULT_REVIEW_TOKEN_BUDGET = 50_000
/** Far above what a model reading for one answer asks at once (a handful), far below a runaway turn. */
export const DEFAULT_TOOL_CALLS_PER_STEP = 20
/** A comment run makes 6 requests, a review of 1,000 files 60 (measured on the bench's stand-ins); tools add 1 to 3 a call. */
export const DEFAULT_GITHUB_REQUESTS = 300

export interface GateConfig {
  githubToken: string
  botName: string
  /** Lower-cased logins of bots whose comments may trigger git-bob. */
  allowedBots: string[]
  /** The account git-bob acts as, when reviews can be requested from it; null when not set. */
  botLogin: string | null
  /** What the labels that start git-bob begin with (label-prefix; `<bot-name>:` unless set). */
  labelPrefix: string
  /** The command an issue assigned to bot-login runs (assign-command), as written: checked against the commands. */
  assignCommand: string
}

/** A model that `<bot> ask <model> to ...` may switch to, optionally under a short name. */
export interface AllowedModel {
  alias: string | null
  spec: ModelSpec
}

export interface RunConfig {
  /** The `model` input as written: "provider:model", or several separated by commas. */
  model: string
  baseUrls: BaseUrls
  /** Models a comment may ask for; empty: no switching. */
  allowedModels: AllowedModel[]
  /** Logins to mention when git-bob is not sure, without "@". */
  maintainers: string[]
  instructionsFile: string
  /** The other assistants' instruction files to read besides `instructionsFile` (the `instruction-files` input). */
  instructionFiles: InstructionSource[]
  modelTimeoutMs: number
  /** The `image-model` and `speech-model` inputs as written ('' for the provider's default; llm/media.ts). */
  imageModel: string
  speechModel: string
  modelRetries: number
  maxOutputTokens: number
  /** Files changed per implement request at most. */
  maxFiles: number
  /** Bytes of one written file at most. */
  maxFileBytes: number
  /** Whether protected paths (.github/, CODEOWNERS, ...) may be written when the request names them exactly. */
  allowProtectedPaths: boolean
  executeNotebooks: boolean
  notebookRepairRounds: number
  notebookCellTimeoutSeconds: number
  notebookTimeoutMs: number
  /** How model-written code runs: the box's network, limits and what else it may see (`sandbox-*` inputs). */
  sandbox: SandboxSettings
  /** The repository's check command (the `check-command` input); null: found from the repository. */
  checkCommand: string | null
  /** Run in the sandbox before each check (the `setup-command` input); null: none. */
  setupCommand: string | null
  /** Rounds of "here is the failing check, fix it". */
  checkRepairRounds: number
  /** Estimated tokens (characters / 4) a review's prompt may take. */
  reviewTokenBudget: number
  /** Estimated tokens any prompt may take; null: chosen by provider (promptBudgetFor). */
  promptTokenBudget: number | null
  /** Rounds of tool calls one request may make (max-steps); 0: no tools, the fixed context only. */
  maxSteps: number
  /** Tool calls of one model turn that run (max-tool-calls-per-step); the rest are answered "not run". */
  maxToolCallsPerStep: number
  /** GitHub API requests one run makes at most before the tools read nothing more from GitHub (max-github-requests). */
  maxGithubRequests: number
  /** US dollars one request's conversation with tools may cost; null: no cap (max-cost-usd 0). */
  maxCostUsd: number | null
  /** Inputs that may hold API keys, by input name. */
  apiKeyInputs: Record<string, string>
}

/** What `deploy` needs: the release workflow to start and how long to wait for its run. */
export interface DeployConfig {
  /** The workflow file (e.g. release.yml) or id; null when deploying is not set up. */
  workflow: string | null
  /** How long to wait for the run to finish before answering "still running". */
  waitMs: number
  /** How often the run is looked at while waiting. */
  pollMs: number
}

export const DEFAULT_DEPLOY_WAIT_SECONDS = 600
export const DEFAULT_DEPLOY_POLL_SECONDS = 10

/** What a command may tell people about the settings (help): `model` and `allowed-models` as written. */
export interface ShownSettings {
  model: string
  allowedModels: string[]
  /** The `image-model` and `deploy-workflow` inputs as written ('' when not set): help says what is not set up. */
  imageModel: string
  deployWorkflow: string
}

/** The instruction files of other AI assistants git-bob reads (from the default branch), as `instruction-files` names them. */
export const INSTRUCTION_SOURCES = [
  'AGENTS.md',
  'CLAUDE.md',
  'GEMINI.md',
  '.github/copilot-instructions.md',
  '.github/instructions'
] as const
export type InstructionSource = (typeof INSTRUCTION_SOURCES)[number]

/** `instruction-files`: "all" (the default), "none", or some of INSTRUCTION_SOURCES, separated by commas or lines. */
function readInstructionFiles(read: InputReader): InstructionSource[] {
  const entries = read('instruction-files')
    .split(/[,\n]/)
    .map((e) => e.trim())
    .filter(Boolean)
  if (!entries.length || (entries.length === 1 && entries[0]!.toLowerCase() === 'all')) return [...INSTRUCTION_SOURCES]
  if (entries.length === 1 && entries[0]!.toLowerCase() === 'none') return []
  return entries.map((entry) => {
    // The scoped files may be named by their folder or by their pattern.
    const name = entry.replace(/\/(?:\*\*?\/)*\*\.instructions\.md$|\/$/, '')
    const source = INSTRUCTION_SOURCES.find((s) => s.toLowerCase() === name.toLowerCase())
    if (!source)
      throw new ConfigError(
        `The \`instruction-files\` input is not valid: "${entry}" is none of ${INSTRUCTION_SOURCES.join(', ')} (or "all", "none").`
      )
    return source
  })
}

const LOGIN = /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})(?:\[bot\])?$/
/** A GitLab username: letters, digits, "_", "-" and ".", not starting with "-" nor ending with ".". */
const GITLAB_LOGIN = /^[A-Za-z0-9_](?:[A-Za-z0-9_.-]{0,253}[A-Za-z0-9_-])?$/
const BOT_NAME = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,38}$/

function list(text: string): string[] {
  return text
    .split(/[\s,]+/)
    .map((s) => s.trim().replace(/^@/, ''))
    .filter(Boolean)
}

function check<T>(input: string, schema: z.ZodType<T>, value: unknown, hint: string): T {
  const parsed = schema.safeParse(value)
  if (!parsed.success) throw new ConfigError(`The \`${input}\` input is not valid: ${hint}`)
  return parsed.data
}

function integer(input: string, read: InputReader, fallback: number, min: number, max: number): number {
  const raw = read(input).trim()
  if (!raw) return fallback
  return check(
    input,
    z.coerce.number().int().min(min).max(max),
    raw,
    `"${raw}" should be a whole number from ${min} to ${max}.`
  )
}

/** US dollars, e.g. "1.00"; "0" switches the money cap off. */
function dollars(input: string, read: InputReader, fallback: number): number | null {
  const raw = read(input).trim().replace(/^\$/, '')
  const value = raw
    ? check(input, z.coerce.number().min(0).max(1000), raw, `"${raw}" should be an amount in US dollars, e.g. 1.00.`)
    : fallback
  return value === 0 ? null : value
}

function boolean(input: string, read: InputReader, fallback: boolean): boolean {
  const raw = read(input).trim().toLowerCase()
  if (!raw) return fallback
  if (['true', 'yes', '1', 'on'].includes(raw)) return true
  if (['false', 'no', '0', 'off'].includes(raw)) return false
  throw new ConfigError(`The \`${input}\` input is not valid: "${raw}" should be true or false.`)
}

/** A shell command for `sh -c` (a script of several lines too); no NUL or carriage return, at most 2,000 characters. */
function shellLine(input: string, read: InputReader): string | null {
  const raw = read(input).trim()
  if (!raw) return null
  return check(
    input,
    z
      .string()
      .max(2000)
      .refine((line) => !/[\0\r]/.test(line)),
    raw,
    'it should be a shell command of at most 2,000 characters without carriage returns, such as `python3 -m pytest -q`.'
  )
}

const FORGE = z.enum(['github', 'gitlab'])

/** What the CI environment says about the forge, when the `forge` setting does not. */
export interface ForgeHints {
  /** GITLAB_CI is "true": a GitLab CI job. */
  gitlabCi: boolean
  /** TRIGGER_PAYLOAD is set: the job was started with a webhook's payload (docs/gitlab.md). */
  triggerPayload: boolean
  /** CI_PIPELINE_SOURCE is "schedule": a pipeline schedule started the job, for the triage (docs/gitlab.md). */
  schedule: boolean
}

/**
 * Which forge this run serves, read first of all (it decides how every other setting is read): the `forge`
 * setting (GIT_BOB_FORGE or INPUT_FORGE), `github` or `gitlab` in any case; unset, GitLab in a GitLab CI job
 * started by a webhook's payload or a pipeline schedule, else GitHub. Any other value is a ConfigError rather than a
 * silent GitHub.
 */
export function readForge(read: InputReader, hints: ForgeHints): ForgeDialect {
  const raw = read('forge').trim()
  if (raw) return check('forge', FORGE, raw.toLowerCase(), `"${raw}" should be github or gitlab.`)
  return hints.gitlabCi && (hints.triggerPayload || hints.schedule) ? 'gitlab' : 'github'
}

export function readGateConfig(read: InputReader, forge: ForgeDialect = 'github'): GateConfig {
  const [login, account] = forge === 'gitlab' ? [GITLAB_LOGIN, 'GitLab username'] : [LOGIN, 'GitHub login']
  const githubToken = read('github-token').trim()
  if (!githubToken) {
    throw new ConfigError(
      'The `github-token` input is empty. Leave it at its default (`${{ github.token }}`) or pass a token with issues and pull-requests write access.'
    )
  }
  const botName = read('bot-name').trim() || 'git-bob'
  check(
    'bot-name',
    z.string().regex(BOT_NAME),
    botName,
    `"${botName}" should be one word of letters, digits, "-", "_" or ".".`
  )
  const allowedBots = list(read('allowed-bots')).map((name) =>
    check('allowed-bots', z.string().regex(login), name, `"${name}" is not a ${account}.`).toLowerCase()
  )
  const rawLogin = read('bot-login').trim().replace(/^@/, '')
  const botLogin = rawLogin
    ? check('bot-login', z.string().regex(login), rawLogin, `"${rawLogin}" is not a ${account}.`)
    : null
  const labelPrefix = read('label-prefix').trim() || `${botName}:`
  check(
    'label-prefix',
    z
      .string()
      .max(40)
      .regex(/^[^,\s]+$/),
    labelPrefix,
    `"${labelPrefix}" should be at most 40 characters without commas or spaces, such as "git-bob:".`
  )
  const assignCommand = (read('assign-command').trim() || 'comment').toLowerCase()
  return { githubToken, botName, allowedBots, botLogin, labelPrefix, assignCommand }
}

/** How many new issues one triage run looks at most (triage-max-issues). */
export function readTriageMaxIssues(read: InputReader): number {
  return integer('triage-max-issues', read, DEFAULT_TRIAGE_MAX_ISSUES, 1, 50)
}

export const DEFAULT_TRIAGE_MAX_ISSUES = 5

/** How many fixes of failing checks git-bob tries on one of its pull requests (fix-checks-attempts); 0: none. */
export function readFixChecksAttempts(read: InputReader): number {
  return integer('fix-checks-attempts', read, DEFAULT_FIX_CHECKS_ATTEMPTS, 0, 10)
}

export const DEFAULT_FIX_CHECKS_ATTEMPTS = 2

/** Read for every command, "help" too: never fails, so help works even when a setting is wrong. */
export function readShownSettings(read: InputReader): ShownSettings {
  return {
    model: read('model').trim() || DEFAULT_MODEL,
    allowedModels: read('allowed-models')
      .split(/[\s,]+/)
      .filter(Boolean),
    imageModel: read('image-model').trim(),
    deployWorkflow: read('deploy-workflow').trim()
  }
}

const HTTP_URL = z.url({ protocol: /^https?$/ })
const PROVIDER_URL = /^([A-Za-z_]+)\s*=\s*(.*)$/
const ALIAS = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/

/** One URL for every model, or "provider=url" pairs separated by commas or new lines. */
export function readBaseUrls(read: InputReader): BaseUrls {
  const raw = read('base-url').trim()
  if (!raw) return { all: undefined, byProvider: {} }
  if (!/^[A-Za-z_]+\s*=/.test(raw)) {
    return {
      all: check(
        'base-url',
        HTTP_URL,
        raw,
        `"${raw}" should be an http(s) URL, or provider=URL pairs such as "openai=https://…, anthropic=https://…".`
      ),
      byProvider: {}
    }
  }
  const byProvider: Record<string, string> = {}
  for (const entry of raw
    .split(/[,\n]/)
    .map((e) => e.trim())
    .filter(Boolean)) {
    const m = PROVIDER_URL.exec(entry)
    const provider = m ? providerNamed(m[1]!) : undefined
    if (!m || !provider)
      throw new ConfigError(
        `The \`base-url\` input is not valid: "${entry}" should be provider=URL with a known provider, e.g. "openai=https://proxy.example/v1".`
      )
    byProvider[provider.name] = check(
      'base-url',
      HTTP_URL,
      m[2]!.trim(),
      `"${m[2]!.trim()}" (for ${provider.name}) should be an http(s) URL.`
    )
  }
  return { all: undefined, byProvider }
}

/** "provider:model" entries, each optionally named: "claude=anthropic:claude-sonnet-4-5". */
export function readAllowedModels(read: InputReader): AllowedModel[] {
  const allowed: AllowedModel[] = []
  for (const entry of read('allowed-models')
    .split(/[\s,]+/)
    .filter(Boolean)) {
    const eq = entry.indexOf('=')
    const alias = eq >= 0 ? entry.slice(0, eq) : null
    if (alias !== null)
      check(
        'allowed-models',
        z.string().regex(ALIAS),
        alias,
        `"${alias}" in "${entry}" should be a short name of letters, digits, "-", "_" or ".".`
      )
    allowed.push({ alias, spec: parseModelSpec(entry.slice(eq + 1), 'allowed-models') })
  }
  return allowed
}

/** The `sandbox-*` inputs: the box's network, its limits, and the absolute paths it shows read-only. */
function readSandboxSettings(read: InputReader): SandboxSettings {
  const visiblePaths = list(read('sandbox-visible-paths').replace(/\n/g, ',')).map((path) =>
    check(
      'sandbox-visible-paths',
      z.string().refine((p) => p.startsWith('/') && !p.split('/').includes('..') && !/[\0\n]/.test(p)),
      path,
      `"${path}" should be an absolute path, such as /home/runner/miniconda3.`
    )
  )
  return {
    network: boolean('sandbox-network', read, true),
    limits: {
      memoryMb: integer('sandbox-memory-mb', read, DEFAULT_LIMITS.memoryMb, 64, 1_048_576),
      processes: integer('sandbox-processes', read, DEFAULT_LIMITS.processes, 16, 1_000_000),
      cpuSeconds: integer('sandbox-cpu-seconds', read, DEFAULT_LIMITS.cpuSeconds, 1, 86_400),
      diskMb: integer('sandbox-disk-mb', read, DEFAULT_LIMITS.diskMb, 16, 1_048_576)
    },
    visiblePaths
  }
}

export function readRunConfig(read: InputReader): RunConfig {
  const baseUrls = readBaseUrls(read)
  const maintainers = list(read('maintainers')).map((login) =>
    check('maintainers', z.string().regex(LOGIN), login, `"${login}" is not a GitHub login.`)
  )
  const instructionsFile = read('instructions-file').trim() || DEFAULT_INSTRUCTIONS_FILE
  check(
    'instructions-file',
    z.string().refine((p) => !p.startsWith('/') && !p.split('/').includes('..')),
    instructionsFile,
    `"${instructionsFile}" should be a path inside the repository.`
  )
  return {
    model: read('model').trim() || DEFAULT_MODEL,
    baseUrls,
    allowedModels: readAllowedModels(read),
    maintainers,
    instructionsFile,
    instructionFiles: readInstructionFiles(read),
    modelTimeoutMs: integer('model-timeout-seconds', read, 300, 1, 3600) * 1000,
    imageModel: read('image-model').trim(),
    speechModel: read('speech-model').trim(),
    modelRetries: integer('model-retries', read, 2, 0, 10),
    maxOutputTokens: integer('max-output-tokens', read, 16384, 256, 1_000_000),
    maxFiles: integer('max-files', read, 50, 1, 500),
    maxFileBytes: integer('max-file-bytes', read, 500_000, 1_000, 50_000_000),
    allowProtectedPaths: boolean('allow-protected-paths', read, false),
    executeNotebooks: boolean('execute-notebooks', read, true),
    notebookRepairRounds: integer('notebook-repair-rounds', read, 3, 0, 10),
    notebookCellTimeoutSeconds: integer('notebook-cell-timeout-seconds', read, 600, 1, 7200),
    notebookTimeoutMs: integer('notebook-timeout-seconds', read, 1800, 1, 6 * 3600) * 1000,
    sandbox: readSandboxSettings(read),
    checkCommand: shellLine('check-command', read),
    setupCommand: shellLine('setup-command', read),
    checkRepairRounds: integer('check-repair-rounds', read, 3, 0, 10),
    reviewTokenBudget: integer('review-token-budget', read, DEFAULT_REVIEW_TOKEN_BUDGET, 2000, 2_000_000),
    promptTokenBudget: read('prompt-token-budget').trim()
      ? integer('prompt-token-budget', read, 0, 2000, 2_000_000)
      : null,
    maxSteps: integer('max-steps', read, 20, 0, 500),
    maxToolCallsPerStep: integer('max-tool-calls-per-step', read, DEFAULT_TOOL_CALLS_PER_STEP, 1, 500),
    maxGithubRequests: integer('max-github-requests', read, DEFAULT_GITHUB_REQUESTS, 50, 100_000),
    maxCostUsd: dollars('max-cost-usd', read, 1),
    apiKeyInputs: {
      'github-token': read('github-token').trim(),
      'openai-api-key': read('openai-api-key').trim(),
      'anthropic-api-key': read('anthropic-api-key').trim(),
      'google-api-key': read('google-api-key').trim(),
      'deepseek-api-key': read('deepseek-api-key').trim(),
      'mistral-api-key': read('mistral-api-key').trim(),
      'custom-api-key': read('custom-api-key').trim()
    }
  }
}

/** The budget across runs and the estimate before expensive work: every limit off when its input is empty. */
export interface BudgetConfig {
  limits: BudgetLimits
  /** An implement or a full review estimated above this many US dollars waits for "go"; null: never asks. */
  confirmAboveUsd: number | null
}

/** US dollars, e.g. "5" or "$2.50"; empty: no limit (null). 0 is a limit too: nothing may be spent. */
function limit(input: string, read: InputReader): number | null {
  const raw = read(input).trim().replace(/^\$/, '')
  if (!raw) return null
  return check(
    input,
    z.coerce.number().min(0).max(1_000_000),
    raw,
    `"${raw}" should be an amount in US dollars, e.g. 5.00, or empty for no limit.`
  )
}

/** Read after the gate, before anything is spent: a wrong value is reported on the thread. */
export function readBudgetConfig(read: InputReader): BudgetConfig {
  const requests = read('budget-daily-requests').trim()
  return {
    limits: {
      dailyUsd: limit('budget-daily-usd', read),
      monthlyUsd: limit('budget-monthly-usd', read),
      dailyRequests: requests ? integer('budget-daily-requests', read, 0, 0, 1_000_000) : null
    },
    confirmAboveUsd: limit('confirm-above-usd', read)
  }
}

const WORKFLOW = /^(?:[A-Za-z0-9._-]+\.ya?ml|\d+)$/

/** Read only by `deploy`, so a wrong value here never stops another command. */
export function readDeployConfig(read: InputReader): DeployConfig {
  const raw = read('deploy-workflow').trim()
  const workflow = raw
    ? check(
        'deploy-workflow',
        z.string().regex(WORKFLOW),
        raw,
        `"${raw}" should be the file name of a workflow in .github/workflows (e.g. release.yml) or its id.`
      )
    : null
  const pollRaw = read('deploy-poll-seconds').trim()
  const pollSeconds = pollRaw
    ? check(
        'deploy-poll-seconds',
        z.coerce.number().min(0.01).max(300),
        pollRaw,
        `"${pollRaw}" should be a number of seconds from 0.01 to 300.`
      )
    : DEFAULT_DEPLOY_POLL_SECONDS
  return {
    workflow,
    waitMs: integer('deploy-wait-seconds', read, DEFAULT_DEPLOY_WAIT_SECONDS, 0, 3600) * 1000,
    pollMs: Math.round(pollSeconds * 1000)
  }
}
