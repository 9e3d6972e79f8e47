// Every provider's errors, as its API sends them, end in the one taxonomy (llm/errors.ts) through the
// real SDKs: what a person is told depends on it, and so do retries and the fallback chain.
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { LlmError, type LlmErrorKind } from '../../../src/llm/errors.ts'
import { createModel } from '../../../src/llm/index.ts'
import { parseModelList } from '../../../src/llm/providers.ts'
import { Transcript } from '../../../src/record/transcript.ts'
import { anthropicHarness, geminiHarness, openaiHarness, type Harness } from '../../fakes/llm-harness.ts'

type Fail = Parameters<Harness['fail']>[1] & { status: number }

async function kindOf(
  h: Harness,
  fail: Fail,
  retries = 0,
  then?: () => void
): Promise<{ error: LlmError; sleeps: number[] }> {
  h.fail(fail.status, fail)
  then?.()
  const sleeps: number[] = []
  const model = createModel(
    parseModelList(h.model),
    { inputs: { [h.keyInput]: h.key }, env: {} },
    {
      baseUrls: { all: h.url, byProvider: {} },
      timeoutMs: 5000,
      retry: { retries, baseDelayMs: 1, maxDelayMs: 60_000, sleep: async (ms) => void sleeps.push(ms) },
      maxOutputTokens: 1000,
      maxContinuations: 0,
      transcript: new Transcript()
    }
  )
  try {
    await model.generateText({ purpose: 'answer', messages: [{ role: 'user', content: 'hi' }] })
  } catch (error) {
    expect(error).toBeInstanceOf(LlmError)
    return { error: error as LlmError, sleeps }
  }
  return { error: new LlmError('bad_request', 'no error (the call succeeded)'), sleeps }
}

function suite(
  make: () => Harness,
  cases: [string, Fail, LlmErrorKind][],
  retryAfter: { fail: Fail; ms: number }
): void {
  describe(`${make().name} errors`, () => {
    let h: Harness
    beforeEach(async () => {
      h = make()
      await h.start()
    })
    afterEach(() => h.close())

    it.each(cases)('%s -> %s', async (_what, fail, kind) => {
      const { error } = await kindOf(h, fail)
      expect(error.kind).toBe(kind)
      expect(error.status).toBe(fail.status)
      expect(error.advice.length).toBeGreaterThan(20)
    })

    it("honours the provider's retry-after, then answers", async () => {
      const { error, sleeps } = await kindOf(h, retryAfter.fail, 2, () => h.answer('after the wait'))
      expect(error.message).toContain('no error')
      expect(sleeps).toEqual([retryAfter.ms])
      expect(h.requestCount()).toBe(2)
    })

    it('does not retry an authentication failure', async () => {
      const { error } = await kindOf(h, { status: 401, message: 'invalid x-api-key' }, 2, () =>
        h.answer('never reached')
      )
      expect(error.kind).toBe('authentication')
      expect(h.requestCount()).toBe(1)
    })
  })
}

suite(
  openaiHarness,
  [
    [
      '401 wrong key',
      { status: 401, message: 'Incorrect API key provided: sk-***', errorType: 'invalid_request_error' },
      'authentication'
    ],
    ['403 no access', { status: 403, message: 'You are not allowed to use this model' }, 'permission'],
    ['404 unknown model', { status: 404, message: 'The model `gpt-9` does not exist' }, 'not_found'],
    [
      '429 rate limit',
      { status: 429, message: 'Rate limit reached for gpt-4.1 on tokens per min', errorType: 'requests' },
      'rate_limit'
    ],
    [
      '429 quota',
      {
        status: 429,
        message: 'You exceeded your current quota, please check your plan and billing details.',
        errorType: 'insufficient_quota'
      },
      'quota'
    ],
    [
      '400 context',
      {
        status: 400,
        message:
          "This model's maximum context length is 128000 tokens. However, your messages resulted in 200000 tokens.",
        errorType: 'invalid_request_error'
      },
      'context_too_long'
    ],
    [
      '400 content filter',
      { status: 400, message: 'The response was filtered due to the prompt triggering content management policy.' },
      'refused'
    ],
    ['500 server', { status: 500, message: 'The server had an error while processing your request.' }, 'server'],
    ['503 overloaded', { status: 503, message: 'The engine is currently overloaded, please try again later' }, 'server']
  ],
  { fail: { status: 429, message: 'Rate limit reached', headers: { 'retry-after-ms': '1500' } }, ms: 1500 }
)

suite(
  anthropicHarness,
  [
    ['401 authentication_error', { status: 401, message: 'invalid x-api-key' }, 'authentication'],
    [
      '403 permission_error',
      { status: 403, message: 'Your API key does not have permission to use the specified resource.' },
      'permission'
    ],
    ['404 not_found_error', { status: 404, message: 'model: claude-9' }, 'not_found'],
    [
      '429 rate_limit_error',
      { status: 429, message: 'Number of request tokens has exceeded your per-minute rate limit' },
      'rate_limit'
    ],
    [
      '400 billing_error',
      {
        status: 400,
        errorType: 'billing_error',
        message: 'Your credit balance is too low to access the Anthropic API.'
      },
      'quota'
    ],
    [
      '400 credit balance (as invalid_request_error)',
      {
        status: 400,
        message:
          'Your credit balance is too low to access the Anthropic API. Please go to Plans & Billing to upgrade or purchase credits.'
      },
      'quota'
    ],
    [
      '400 prompt is too long',
      { status: 400, message: 'prompt is too long: 215000 tokens > 200000 maximum' },
      'context_too_long'
    ],
    [
      '413 request_too_large',
      {
        status: 413,
        errorType: 'invalid_request_error',
        message: 'Request exceeds the maximum allowed number of bytes.'
      },
      'context_too_long'
    ],
    ['500 api_error', { status: 500, message: 'Internal server error' }, 'server'],
    ['529 overloaded_error', { status: 529, message: 'Overloaded' }, 'server'],
    ['504 timeout_error', { status: 504, message: 'Request timed out' }, 'timeout']
  ],
  { fail: { status: 529, message: 'Overloaded', headers: { 'retry-after': '2' } }, ms: 2000 }
)

suite(
  geminiHarness,
  [
    [
      '400 API key not valid',
      {
        status: 400,
        message: 'API key not valid. Please pass a valid API key.',
        details: [
          { '@type': 'type.googleapis.com/google.rpc.ErrorInfo', reason: 'API_KEY_INVALID', domain: 'googleapis.com' }
        ]
      },
      'authentication'
    ],
    [
      '401 UNAUTHENTICATED',
      { status: 401, message: 'Request had invalid authentication credentials.' },
      'authentication'
    ],
    ['403 PERMISSION_DENIED', { status: 403, message: 'The caller does not have permission' }, 'permission'],
    ['404 NOT_FOUND', { status: 404, message: 'models/gemini-9 is not found for API version v1beta' }, 'not_found'],
    [
      '429 per-minute quota with RetryInfo',
      {
        status: 429,
        message: 'You exceeded your current quota, please check your plan and billing details.',
        details: [{ '@type': 'type.googleapis.com/google.rpc.RetryInfo', retryDelay: '31s' }]
      },
      'rate_limit'
    ],
    [
      '429 quota without RetryInfo',
      { status: 429, message: 'You exceeded your current quota, please check your plan and billing details.' },
      'quota'
    ],
    [
      '400 too many tokens',
      {
        status: 400,
        message: 'The input token count (1200000) exceeds the maximum number of tokens allowed (1048576).'
      },
      'context_too_long'
    ],
    ['500 INTERNAL', { status: 500, message: 'An internal error has occurred.' }, 'server'],
    ['503 UNAVAILABLE', { status: 503, message: 'The model is overloaded. Please try again later.' }, 'server'],
    ['504 DEADLINE_EXCEEDED', { status: 504, message: 'Deadline expired before operation could complete.' }, 'timeout']
  ],
  {
    fail: {
      status: 429,
      message: 'Resource has been exhausted (e.g. check quota).',
      details: [{ '@type': 'type.googleapis.com/google.rpc.RetryInfo', retryDelay: '1.5s' }]
    },
    ms: 1500
  }
)
