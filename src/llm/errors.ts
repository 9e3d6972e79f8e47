// One taxonomy for every provider's failures, each with the sentence that tells a person what to do.

/**
 * A setting is missing or wrong: the message names the input to set and how. Declared here, in the lowest
 * stage that throws it (a model input, a key), so llm/ imports nothing of the app; src/errors.ts re-exports it
 * as git-bob's, one class for every stage.
 */
export class ConfigError extends Error {
  override name = 'ConfigError'
}

export type LlmErrorKind =
  | 'authentication'
  | 'permission'
  | 'quota'
  | 'rate_limit'
  | 'context_too_long'
  | 'refused'
  | 'not_found'
  | 'bad_request'
  | 'server'
  | 'timeout'
  | 'network'
  | 'invalid_output'

const ADVICE: Record<LlmErrorKind, string> = {
  authentication:
    'The model provider rejected the credentials. Check that the API key input (or, for GitHub Models, the workflow token with `permissions: models: read`) is set and valid.',
  permission: "The credentials are valid but may not use this model. Check the account's access to the model.",
  quota: 'The provider account has run out of quota or credit. Top it up or choose another model in the `model` input.',
  rate_limit:
    'The provider kept answering "too many requests". Wait a few minutes and ask again, or choose another model.',
  context_too_long:
    'The conversation is longer than the model accepts. Ask in a shorter thread, or choose a model with a larger context window.',
  refused: 'The model declined to answer this request. Rephrase the request, or try another model.',
  not_found: 'The provider does not know this model. Check the model name in the `model` input.',
  bad_request: 'The provider rejected the request. Check the `model` and `base-url` inputs.',
  server: "The model provider had a server error. Ask again later; the problem is on the provider's side.",
  timeout: 'The model did not answer in time. Ask again later, or raise the `model-timeout-seconds` input.',
  network: "git-bob could not reach the model provider. Check the `base-url` input and the runner's network.",
  invalid_output:
    "The model's answer did not have the expected form, even after one repair round. Ask again, or choose a stronger model."
}

/** Where GitHub Models' use is explained: who may use it, how workflows authenticate, the free tier's limits. */
export const GITHUB_MODELS_DOCS =
  'https://docs.github.com/en/github-models/use-github-models/prototyping-with-ai-models'

/**
 * A refusal from GitHub Models has two causes a person can fix, and the second is easy to miss: a repository of
 * an organisation may use GitHub Models only once an owner of the organisation has enabled it.
 */
const GITHUB_MODELS_PERMISSION = `GitHub Models refused the workflow token. Two causes: the workflow does not grant \`permissions: models: read\` (add it to the job's \`permissions:\`, as in examples/git-bob.yml); or the repository belongs to an organisation that has not enabled GitHub Models: an owner of the organisation enables it under the organisation's **Settings → Models → Development** ("Models in your organization": Enabled; with "Only select models", the model in the \`model\` input must be allowed). See ${GITHUB_MODELS_DOCS}.`

/** Advice that depends on the provider as well as the kind; the rest is ADVICE's. */
const PROVIDER_ADVICE: Readonly<Record<string, Partial<Record<LlmErrorKind, string>>>> = {
  github_models: {
    permission: GITHUB_MODELS_PERMISSION,
    rate_limit: `GitHub Models' free tier limits the requests per minute and per day (${GITHUB_MODELS_DOCS}#rate-limits). Wait and ask again (a daily limit ends the next day), or choose another model in the \`model\` input.`
  }
}

const RETRYABLE: ReadonlySet<LlmErrorKind> = new Set(['rate_limit', 'server', 'timeout', 'network'])

export class LlmError extends Error {
  override name = 'LlmError'
  readonly kind: LlmErrorKind
  readonly status: number | undefined
  /** From a retry-after header, when the provider sent one. */
  readonly retryAfterMs: number | undefined
  /** The provider preset that failed (e.g. "github_models"), when known: some advice is the provider's own. */
  readonly provider: string | undefined

  constructor(
    kind: LlmErrorKind,
    message: string,
    options: { status?: number; retryAfterMs?: number; cause?: unknown; provider?: string } = {}
  ) {
    super(message, { cause: options.cause })
    this.kind = kind
    this.status = options.status
    this.retryAfterMs = options.retryAfterMs
    this.provider = options.provider
  }

  /** The same failure, known to come from `provider`. */
  from(provider: string): LlmError {
    return new LlmError(this.kind, this.message, {
      ...(this.status !== undefined ? { status: this.status } : {}),
      ...(this.retryAfterMs !== undefined ? { retryAfterMs: this.retryAfterMs } : {}),
      cause: this.cause,
      provider
    })
  }

  get retryable(): boolean {
    return RETRYABLE.has(this.kind)
  }

  get advice(): string {
    return (this.provider && PROVIDER_ADVICE[this.provider]?.[this.kind]) || ADVICE[this.kind]
  }
}

/** Maps an HTTP status (and the provider's error text) to a kind; shared by the providers. */
export function kindFromStatus(status: number, message: string): LlmErrorKind {
  const text = message.toLowerCase()
  if (status === 401) return 'authentication'
  if (status === 403) return 'permission'
  if (status === 404) return 'not_found'
  if (status === 408) return 'timeout'
  if (status === 413) return 'context_too_long'
  if (status === 429) return /quota|credit|billing|insufficient/.test(text) ? 'quota' : 'rate_limit'
  if (status === 400 || status === 422) {
    if (/credit balance|billing|quota/.test(text)) return 'quota'
    if (/context|too long|too many tokens|maximum.*tokens|token limit/.test(text)) return 'context_too_long'
    if (/content.?filter|safety|policy/.test(text)) return 'refused'
    return 'bad_request'
  }
  if (status === 402) return 'quota'
  if (status >= 500) return 'server'
  return 'bad_request'
}

/** Parses retry-after (seconds or an HTTP date) and retry-after-ms headers. */
export function retryAfterMs(
  headers: { get(name: string): string | null } | undefined,
  now = Date.now()
): number | undefined {
  if (!headers) return undefined
  const ms = headers.get('retry-after-ms')
  if (ms && Number.isFinite(Number(ms))) return Math.max(0, Number(ms))
  const value = headers.get('retry-after')
  if (!value) return undefined
  const seconds = Number(value)
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000)
  const date = Date.parse(value)
  return Number.isNaN(date) ? undefined : Math.max(0, date - now)
}
