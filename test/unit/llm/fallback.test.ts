// The fallback chain through the real SDKs: "model: a, b, c" asks the next when one cannot serve.
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { LlmError, type LlmErrorKind } from '../../../src/llm/errors.ts'
import { FALLBACK_KINDS } from '../../../src/llm/fallback.ts'
import { createModel } from '../../../src/llm/index.ts'
import { parseModelList } from '../../../src/llm/providers.ts'
import { Transcript } from '../../../src/record/transcript.ts'
import { anthropicHarness, geminiHarness, openaiHarness, type Harness } from '../../fakes/llm-harness.ts'

describe('the fallback chain', () => {
  let openai: Harness
  let anthropic: Harness
  let gemini: Harness
  let transcript: Transcript
  let warnings: string[]

  beforeEach(async () => {
    ;[openai, anthropic, gemini] = [openaiHarness(), anthropicHarness(), geminiHarness()]
    await Promise.all([openai.start(), anthropic.start(), gemini.start()])
    transcript = new Transcript()
    warnings = []
  })
  afterEach(() => Promise.all([openai.close(), anthropic.close(), gemini.close()]))

  // A generous timeout, so a busy machine never turns a slow answer into a fallback; the hang case sets its own.
  function chain(ids = `${openai.model}, ${anthropic.model}, ${gemini.model}`, retries = 0, timeoutMs = 20_000) {
    return createModel(
      parseModelList(ids),
      {
        inputs: { [openai.keyInput]: openai.key, [anthropic.keyInput]: anthropic.key, [gemini.keyInput]: gemini.key },
        env: {}
      },
      {
        baseUrls: { all: undefined, byProvider: { openai: openai.url, anthropic: anthropic.url, google: gemini.url } },
        timeoutMs,
        retry: { retries, baseDelayMs: 1, maxDelayMs: 10, sleep: async () => undefined },
        maxOutputTokens: 1000,
        maxContinuations: 1,
        transcript,
        onRetry: (m) => warnings.push(m)
      }
    )
  }
  const ask = { purpose: 'answer', messages: [{ role: 'user' as const, content: 'hi' }] }

  it('the first model answers when it can; the others are not asked', async () => {
    openai.answer('from openai')
    const reply = await chain().generateText(ask)
    expect(reply.text).toBe('from openai')
    expect(reply.provider).toBe('openai')
    expect([anthropic.requestCount(), gemini.requestCount()]).toEqual([0, 0])
    expect(transcript.notes.forPeople).toEqual([])
  })

  it('after a server error (and the retries), the next model answers and is credited', async () => {
    openai.fail(503)
    openai.fail(503)
    anthropic.answer('from claude')
    const reply = await chain(undefined, 1).generateText(ask)
    expect(reply.text).toBe('from claude')
    expect(reply.provider).toBe('anthropic')
    expect(reply.servedModel).toBe('claude-haiku-4-5-20250929')
    expect(openai.requestCount()).toBe(2)
    expect(gemini.requestCount()).toBe(0)
    expect(transcript.notes.forPeople).toEqual([
      expect.stringMatching(/^anthropic:claude-haiku-4-5 answered because openai:gpt-4\.1 failed \(server: HTTP 503/)
    ])
    expect(warnings.at(-1)).toMatch(/asking anthropic:claude-haiku-4-5 instead/)
    expect(transcript.calls.map((c) => [c.provider, c.error === null])).toEqual([
      ['openai', false],
      ['anthropic', true]
    ])
  })

  it.each<[string, (h: Harness) => void]>([
    ['overload (529)', (h) => h.fail(529, { message: 'Overloaded' })],
    [
      'a rate limit',
      (h) => h.fail(429, { message: 'Number of request tokens has exceeded your per-minute rate limit' })
    ],
    ['a timeout', (h) => h.hang()]
  ])('falls through anthropic to gemini on %s', async (_what, breakIt) => {
    breakIt(anthropic)
    gemini.answer('from gemini')
    const reply = await chain(`${anthropic.model}, ${gemini.model}`, 0, 2000).generateText(ask)
    expect(reply.text).toBe('from gemini')
    expect(reply.provider).toBe('google')
  })

  it('continues a cut answer within the model that answers', async () => {
    openai.fail(500)
    anthropic.answer('first ', { cut: true })
    anthropic.answer('second')
    const reply = await chain().generateText(ask)
    expect(reply.text).toBe('first second')
    expect(anthropic.requestCount()).toBe(2)
  })

  it('stops at an error another model would not fix (a wrong key)', async () => {
    openai.fail(401, { message: 'Incorrect API key provided' })
    anthropic.answer('never')
    await expect(chain().generateText(ask)).rejects.toMatchObject({ kind: 'authentication' })
    expect(anthropic.requestCount()).toBe(0)
  })

  it("when every model fails, says what each did, with the last one's kind", async () => {
    openai.fail(503)
    anthropic.fail(529, { message: 'Overloaded' })
    gemini.fail(503, { message: 'The model is overloaded.' })
    const error = await chain()
      .generateText(ask)
      .catch((e: unknown) => e)
    expect(error).toBeInstanceOf(LlmError)
    const e = error as LlmError
    expect(e.kind).toBe('server')
    expect(e.message).toContain('openai:gpt-4.1 failed (server: HTTP 503')
    expect(e.message).toContain('anthropic:claude-haiku-4-5 failed (server: HTTP 529')
    expect(e.message).toContain('then google:gemini-2.5-flash failed too: HTTP 503: The model is overloaded.')
  })

  it('falls back for a structured answer too', async () => {
    openai.fail(500)
    anthropic.answer('{"ok":true}')
    const { z } = await import('zod')
    const reply = await chain().generateObject({ ...ask, schema: z.object({ ok: z.boolean() }), schemaName: 'ok' })
    expect(reply.value).toEqual({ ok: true })
  })

  it('falls back on exactly these kinds', () => {
    const kinds: LlmErrorKind[] = ['rate_limit', 'quota', 'server', 'timeout', 'network']
    expect([...FALLBACK_KINDS].sort()).toEqual(kinds.sort())
  })

  it("the chain's id lists every model", () => {
    expect(chain().id).toBe('openai:gpt-4.1, anthropic:claude-haiku-4-5, google:gemini-2.5-flash')
  })
})
