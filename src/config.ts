// Action inputs -> typed settings, validated with zod. Read in two steps: what the gate needs
// (so a bad setting never makes git-bob answer a stranger or itself), and the rest after the gate,
// so that a mistake there is reported on the thread where the person who asked will see it.
import { z } from 'zod'
import { ConfigError } from './config-error.ts'

/** Reads one action input by its name in action.yml; '' when unset. */
export type InputReader = (name: string) => string

export const DEFAULT_MODEL = 'github_models:openai/gpt-4.1'
export const DEFAULT_INSTRUCTIONS_FILE = '.github/git-bob.md'
export const DEFAULT_REVIEW_TOKEN_BUDGET = 50_000

export interface GateConfig {
  githubToken: string
  botName: string
  /** Lower-cased logins of bots whose comments may trigger git-bob. */
  allowedBots: string[]
  /** The account git-bob acts as, when reviews can be requested from it; null when not set. */
  botLogin: string | null
}

export interface RunConfig {
  /** The `model` input as written ("provider:model"). */
  model: string
  baseUrl: string | undefined
  /** Logins to mention when git-bob is not sure, without "@". */
  maintainers: string[]
  instructionsFile: string
  modelTimeoutMs: number
  modelRetries: number
  maxOutputTokens: number
  /** Estimated tokens (characters / 4) a review's prompt may take. */
  reviewTokenBudget: number
  /** Inputs that may hold API keys, by input name. */
  apiKeyInputs: Record<string, string>
}

const LOGIN = /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})(?:\[bot\])?$/
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
  return check(input, z.coerce.number().int().min(min).max(max), raw, `"${raw}" should be a whole number from ${min} to ${max}.`)
}

export function readGateConfig(read: InputReader): GateConfig {
  const githubToken = read('github-token').trim()
  if (!githubToken) {
    throw new ConfigError('The `github-token` input is empty. Leave it at its default (`${{ github.token }}`) or pass a token with issues and pull-requests write access.')
  }
  const botName = read('bot-name').trim() || 'git-bob'
  check('bot-name', z.string().regex(BOT_NAME), botName, `"${botName}" should be one word of letters, digits, "-", "_" or ".".`)
  const allowedBots = list(read('allowed-bots')).map((login) =>
    check('allowed-bots', z.string().regex(LOGIN), login, `"${login}" is not a GitHub login.`).toLowerCase()
  )
  const rawLogin = read('bot-login').trim().replace(/^@/, '')
  const botLogin = rawLogin ? check('bot-login', z.string().regex(LOGIN), rawLogin, `"${rawLogin}" is not a GitHub login.`) : null
  return { githubToken, botName, allowedBots, botLogin }
}

export function readRunConfig(read: InputReader): RunConfig {
  const baseUrl = read('base-url').trim() || undefined
  if (baseUrl) check('base-url', z.url({ protocol: /^https?$/ }), baseUrl, `"${baseUrl}" should be an http(s) URL.`)
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
    baseUrl,
    maintainers,
    instructionsFile,
    modelTimeoutMs: integer('model-timeout-seconds', read, 300, 1, 3600) * 1000,
    modelRetries: integer('model-retries', read, 2, 0, 10),
    maxOutputTokens: integer('max-output-tokens', read, 16384, 256, 1_000_000),
    reviewTokenBudget: integer('review-token-budget', read, DEFAULT_REVIEW_TOKEN_BUDGET, 2000, 2_000_000),
    apiKeyInputs: {
      'github-token': read('github-token').trim(),
      'openai-api-key': read('openai-api-key').trim(),
      'anthropic-api-key': read('anthropic-api-key').trim(),
      'google-api-key': read('google-api-key').trim()
    }
  }
}
