import { describe, expect, it } from 'vitest'
import {
  GITHUB_MODELS_DOCS,
  LlmError,
  kindFromStatus,
  retryAfterMs,
  type LlmErrorKind
} from '../../../src/llm/errors.ts'

function headers(values: Record<string, string>): { get(name: string): string | null } {
  return { get: (name) => values[name.toLowerCase()] ?? null }
}

describe('kindFromStatus', () => {
  it.each<[number, string, LlmErrorKind]>([
    [401, 'Unauthorized', 'authentication'],
    [403, 'Forbidden', 'permission'],
    [404, 'model not found', 'not_found'],
    [408, 'Request Timeout', 'timeout'],
    [413, 'Payload Too Large', 'context_too_long'],
    [429, 'Too Many Requests', 'rate_limit'],
    [429, 'Rate limit reached for requests', 'rate_limit'],
    [429, 'You exceeded your current quota, please check your plan and billing details.', 'quota'],
    [429, 'Insufficient credit', 'quota'],
    [429, 'BILLING hard limit reached', 'quota'],
    [402, 'Payment Required', 'quota'],
    [400, 'Your credit balance is too low to access the Anthropic API.', 'quota'],
    [400, "This model's maximum context length is 128000 tokens", 'context_too_long'],
    [400, 'prompt is too long: 210000 tokens > 200000 maximum', 'context_too_long'],
    [400, 'Request has too many tokens', 'context_too_long'],
    [
      400,
      'max_tokens is too large: 20000. This model supports at most 16384 completion tokens, whereas you provided 20000.',
      'bad_request'
    ],
    [400, 'token limit exceeded', 'context_too_long'],
    [422, 'context_length_exceeded', 'context_too_long'],
    [400, 'The response was filtered due to the prompt triggering content_filter', 'refused'],
    [400, 'Content filter triggered', 'refused'],
    [400, 'blocked by safety system', 'refused'],
    [400, 'violates our usage policy', 'refused'],
    [400, 'Invalid parameter: temperature', 'bad_request'],
    [422, 'Unprocessable Entity', 'bad_request'],
    [500, 'Internal Server Error', 'server'],
    [502, 'Bad Gateway', 'server'],
    [503, 'Service Unavailable', 'server'],
    [529, 'Overloaded', 'server'],
    [418, "I'm a teapot", 'bad_request'],
    [409, 'Conflict', 'bad_request']
  ])('%i %j -> %s', (status, message, kind) => {
    expect(kindFromStatus(status, message)).toBe(kind)
  })

  it('the message does not override clear statuses', () => {
    expect(kindFromStatus(401, 'context too long')).toBe('authentication')
    expect(kindFromStatus(500, 'quota exceeded')).toBe('server')
  })
})

describe('retryAfterMs', () => {
  const now = Date.parse('2025-01-01T00:00:00Z')

  it('is undefined without headers or without the header', () => {
    expect(retryAfterMs(undefined, now)).toBeUndefined()
    expect(retryAfterMs(headers({}), now)).toBeUndefined()
  })

  it('reads seconds', () => {
    expect(retryAfterMs(headers({ 'retry-after': '30' }), now)).toBe(30_000)
    expect(retryAfterMs(headers({ 'retry-after': '0' }), now)).toBe(0)
    expect(retryAfterMs(headers({ 'retry-after': '1.5' }), now)).toBe(1500)
  })

  it('never returns a negative delay', () => {
    expect(retryAfterMs(headers({ 'retry-after': '-5' }), now)).toBe(0)
    expect(retryAfterMs(headers({ 'retry-after-ms': '-5' }), now)).toBe(0)
  })

  it('reads an HTTP date relative to now', () => {
    expect(retryAfterMs(headers({ 'retry-after': 'Wed, 01 Jan 2025 00:00:45 GMT' }), now)).toBe(45_000)
  })

  it('an HTTP date in the past means no wait', () => {
    expect(retryAfterMs(headers({ 'retry-after': 'Tue, 31 Dec 2024 23:59:00 GMT' }), now)).toBe(0)
  })

  it('reads retry-after-ms in milliseconds', () => {
    expect(retryAfterMs(headers({ 'retry-after-ms': '1234' }), now)).toBe(1234)
  })

  it('prefers retry-after-ms over retry-after', () => {
    expect(retryAfterMs(headers({ 'retry-after-ms': '250', 'retry-after': '30' }), now)).toBe(250)
  })

  it('falls back to retry-after when retry-after-ms is not a number', () => {
    expect(retryAfterMs(headers({ 'retry-after-ms': 'soon', 'retry-after': '2' }), now)).toBe(2000)
  })

  it('is undefined for a value that is neither seconds nor a date', () => {
    expect(retryAfterMs(headers({ 'retry-after': 'later' }), now)).toBeUndefined()
  })

  it('works with a real Headers object', () => {
    expect(retryAfterMs(new Headers({ 'Retry-After': '3' }), now)).toBe(3000)
    expect(retryAfterMs(new Headers({ 'Retry-After-Ms': '42' }), now)).toBe(42)
  })
})

describe('LlmError', () => {
  it('carries kind, message, status, retry-after and cause', () => {
    const cause = new Error('socket hang up')
    const error = new LlmError('network', 'no connection', { status: 503, retryAfterMs: 100, cause })
    expect(error).toBeInstanceOf(Error)
    expect(error.name).toBe('LlmError')
    expect(error.kind).toBe('network')
    expect(error.message).toBe('no connection')
    expect(error.status).toBe(503)
    expect(error.retryAfterMs).toBe(100)
    expect(error.cause).toBe(cause)
  })

  it('has undefined status and retry-after by default', () => {
    const error = new LlmError('server', 'x')
    expect(error.status).toBeUndefined()
    expect(error.retryAfterMs).toBeUndefined()
  })

  it.each<[LlmErrorKind, boolean]>([
    ['rate_limit', true],
    ['server', true],
    ['timeout', true],
    ['network', true],
    ['authentication', false],
    ['permission', false],
    ['quota', false],
    ['context_too_long', false],
    ['refused', false],
    ['not_found', false],
    ['bad_request', false],
    ['invalid_output', false]
  ])('%s retryable: %s', (kind, retryable) => {
    expect(new LlmError(kind, 'x').retryable).toBe(retryable)
  })

  it('gives advice for every kind, different per kind', () => {
    const kinds: LlmErrorKind[] = [
      'authentication',
      'permission',
      'quota',
      'rate_limit',
      'context_too_long',
      'refused',
      'not_found',
      'bad_request',
      'server',
      'timeout',
      'network',
      'invalid_output'
    ]
    const advice = kinds.map((k) => new LlmError(k, 'x').advice)
    for (const a of advice) expect(a.length).toBeGreaterThan(20)
    expect(new Set(advice).size).toBe(kinds.length)
    expect(new LlmError('timeout', 'x').advice).toContain('model-timeout-seconds')
    expect(new LlmError('not_found', 'x').advice).toContain('`model`')
  })

  it("names both causes of GitHub Models' refusal, and keeps other providers' advice general", () => {
    const models = new LlmError('permission', 'HTTP 403: Forbidden', { status: 403 }).from('github_models')
    expect(models.provider).toBe('github_models')
    expect(models.status).toBe(403)
    expect(models.message).toBe('HTTP 403: Forbidden')
    expect(models.advice).toContain('`permissions: models: read`')
    expect(models.advice).toContain("the organisation's **Settings → Models → Development**")
    expect(models.advice).toContain(GITHUB_MODELS_DOCS)
    const openai = new LlmError('permission', 'x').from('openai')
    expect(openai.advice).not.toContain('organisation')
    expect(openai.advice).not.toContain('models: read')
    // Its limits are named, with the link; other kinds from GitHub Models keep the general advice.
    expect(new LlmError('rate_limit', 'x', { provider: 'github_models' }).advice).toContain(
      `per day (${GITHUB_MODELS_DOCS}#rate-limits)`
    )
    expect(new LlmError('server', 'x', { provider: 'github_models' }).advice).toBe(new LlmError('server', 'x').advice)
  })
})
