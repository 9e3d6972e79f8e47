// The model adapter through every provider's real SDK, over real HTTP, against local stand-ins:
// text, continuation, structured output with the repair round, images, usage, timeouts and retries.
// The same scenario runs for OpenAI Chat Completions, Anthropic Messages and Gemini generateContent.
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { z } from 'zod'
import { LlmError } from '../../../src/llm/errors.ts'
import { createModel, type ModelSettings } from '../../../src/llm/index.ts'
import { parseModelList } from '../../../src/llm/providers.ts'
import type { LanguageModel, Message } from '../../../src/llm/types.ts'
import { Transcript } from '../../../src/record/transcript.ts'
import { HARNESSES, type Harness } from '../../fakes/llm-harness.ts'

const PNG_1X1 = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg=='
const ASK: Message[] = [
  { role: 'system', content: 'You are a test.' },
  { role: 'user', content: 'Say something.' }
]

interface Setup {
  transcript: Transcript
  sleeps: number[]
  warnings: string[]
  model(id?: string, overrides?: Partial<ModelSettings>): LanguageModel
}

function setup(h: Harness): Setup {
  const s: Setup = {
    transcript: new Transcript(),
    sleeps: [],
    warnings: [],
    model: (id = h.model, overrides = {}) =>
      createModel(
        parseModelList(id),
        { inputs: { [h.keyInput]: h.key }, env: {} },
        {
          baseUrls: { all: h.url, byProvider: {} },
          timeoutMs: 5000,
          retry: {
            retries: 0,
            baseDelayMs: 1,
            maxDelayMs: 5000,
            sleep: async (ms) => {
              s.sleeps.push(ms)
            }
          },
          maxOutputTokens: 4096,
          maxContinuations: 3,
          transcript: s.transcript,
          onRetry: (m) => s.warnings.push(m),
          ...overrides
        }
      )
  }
  return s
}

async function failure(promise: Promise<unknown>): Promise<LlmError> {
  try {
    await promise
  } catch (error) {
    expect(error).toBeInstanceOf(LlmError)
    return error as LlmError
  }
  throw new Error('expected an LlmError, but the call succeeded')
}

describe.each(HARNESSES.map((make) => [make().name, make] as const))('the adapter with %s', (_name, make) => {
  let h: Harness
  let s: Setup
  beforeEach(async () => {
    h = make()
    await h.start()
    s = setup(h)
  })
  afterEach(async () => {
    await h.close()
  })

  it('answers text with the served model, the provider, the usage, and sends the key and the system prompt', async () => {
    h.answer('Hello from the stand-in.', { usage: { input: 1000, output: 200 } })
    const reply = await s.model().generateText({ purpose: 'answer', messages: ASK })
    expect(reply.text).toBe('Hello from the stand-in.')
    expect(reply.provider).toBe(h.model.split(':')[0])
    expect(reply.servedModel).toContain(h.model.split(':')[1])
    expect(reply.servedModel).not.toBe(h.model.split(':')[1])
    expect(reply.usage).toEqual({ inputTokens: 1000, outputTokens: 200 })
    expect(reply.finishReason).toBe('stop')
    expect(h.credential(0)).toContain(h.key)
    const sent = h.sent(0)
    expect(sent[0]).toEqual({ role: 'system', text: 'You are a test.', images: [] })
    expect(sent.at(-1)).toEqual({ role: 'user', text: 'Say something.', images: [] })
    expect(h.maxTokens(0)).toBe(4096)
    expect(h.structured(0)).toBeUndefined()
    expect(s.transcript.calls).toHaveLength(1)
    expect(s.transcript.calls[0]!.servedModel).toBe(reply.servedModel)
    expect(s.transcript.totalCost).toBeGreaterThan(0)
  })

  it('continues an answer cut by the output limit and joins the parts', async () => {
    h.answer('The first half, ', { cut: true, usage: { input: 100, output: 4096 } })
    h.answer('and the second half.', { usage: { input: 4300, output: 10 } })
    const reply = await s.model().generateText({ purpose: 'answer', messages: ASK })
    expect(reply.text).toBe('The first half, and the second half.')
    expect(reply.usage).toEqual({ inputTokens: 4400, outputTokens: 4106 })
    expect(h.requestCount()).toBe(2)
    const second = h.sent(1)
    expect(second.at(-2)).toMatchObject({ role: 'assistant', text: 'The first half, ' })
    expect(second.at(-1)!.text).toContain('Continue exactly where it stopped')
    expect(s.transcript.calls.map((c) => c.purpose)).toEqual(['answer', 'answer (continued)'])
    expect(s.transcript.notes.forPeople).toEqual([])
  })

  it('stops continuing after the configured rounds and says the answer may end early', async () => {
    for (let i = 0; i < 4; i++) h.answer(`part ${i}. `, { cut: true })
    const reply = await s.model().generateText({ purpose: 'answer', messages: ASK })
    expect(reply.text).toBe('part 0. part 1. part 2. part 3. ')
    expect(h.requestCount()).toBe(4)
    expect(s.transcript.notes.forPeople.join()).toContain('may end early')
  })

  it("asks for a structured answer in the provider's native form and validates it with zod", async () => {
    h.answer('{"verdict":"yes","reasons":["a","b"]}')
    const schema = z.object({ verdict: z.enum(['yes', 'no']), reasons: z.array(z.string()) })
    const reply = await s.model().generateObject({ purpose: 'decide', messages: ASK, schema, schemaName: 'decision' })
    expect(reply.value).toEqual({ verdict: 'yes', reasons: ['a', 'b'] })
    const wire = JSON.stringify(h.structured(0))
    expect(wire).toContain('"enum":["yes","no"]')
    expect(wire).toContain('"additionalProperties":false')
  })

  it('repairs an answer that does not match the schema once, telling the model what was wrong', async () => {
    h.answer('{"verdict":"maybe","reasons":[]}')
    h.answer('{"verdict":"no","reasons":[]}')
    const schema = z.object({ verdict: z.enum(['yes', 'no']), reasons: z.array(z.string()) })
    const reply = await s.model().generateObject({ purpose: 'decide', messages: ASK, schema, schemaName: 'decision' })
    expect(reply.value.verdict).toBe('no')
    expect(h.requestCount()).toBe(2)
    const repair = h.sent(1)
    expect(repair.at(-1)!.text).toContain('does not match the schema')
    expect(repair.at(-1)!.text).toContain('verdict')
    expect(h.structured(1)).toEqual(h.structured(0))
    expect(s.transcript.calls.map((c) => c.purpose)).toEqual(['decide', 'decide (repair)'])
  })

  it('repairs an answer that is not JSON, asking for JSON only, and counts the tokens of both calls', async () => {
    h.answer('Sure! Here it is: {verdict: yes}', { usage: { input: 100, output: 10 } })
    h.answer('{"verdict":"yes"}', { usage: { input: 120, output: 5 } })
    const schema = z.object({ verdict: z.enum(['yes', 'no']) })
    const reply = await s.model().generateObject({ purpose: 'decide', messages: ASK, schema, schemaName: 'decision' })
    expect(reply.value).toEqual({ verdict: 'yes' })
    expect(reply.usage).toEqual({ inputTokens: 220, outputTokens: 15 })
    const repair = h.sent(1)
    expect(repair.at(-2)!.text).toBe('Sure! Here it is: {verdict: yes}')
    expect(repair.at(-1)!.text).toMatch(
      /^The answer is not valid JSON: .*\nAnswer again with JSON only, matching the schema\.$/
    )
  })

  it('fails clearly when the repaired answer is still wrong, after exactly one repair', async () => {
    h.answer('{"verdict":"maybe"}')
    h.answer('{"verdict":"perhaps"}')
    const schema = z.object({ verdict: z.enum(['yes', 'no']) })
    const error = await failure(
      s.model().generateObject({ purpose: 'decide', messages: ASK, schema, schemaName: 'decision' })
    )
    expect(error.kind).toBe('invalid_output')
    expect(error.advice).toContain('expected form')
    expect(h.requestCount()).toBe(2)
  })

  it('gives images natively to a model that reads them', async () => {
    h.answer('I see a pixel.')
    const messages: Message[] = [
      {
        role: 'user',
        content: [
          { type: 'text', text: 'What is this?' },
          { type: 'image', mediaType: 'image/png', data: PNG_1X1 }
        ]
      }
    ]
    await s.model().generateText({ purpose: 'answer', messages })
    expect(h.sent(0).at(-1)).toMatchObject({ role: 'user', images: ['image/png'] })
    expect(s.transcript.notes.forPeople).toEqual([])
  })

  it('leaves images out for a model that does not read them, with a note', async () => {
    h.answer('Text only.')
    const messages: Message[] = [
      {
        role: 'user',
        content: [
          { type: 'text', text: 'What is this?' },
          { type: 'image', mediaType: 'image/png', data: PNG_1X1 }
        ]
      }
    ]
    await s.model(h.blindModel!).generateText({ purpose: 'answer', messages })
    const last = h.sent(0).at(-1)!
    expect(last.images).toEqual([])
    expect(last.text).toContain('left out')
    expect(s.transcript.notes.forPeople[0]).toMatch(/1 image from .* was left out: .* does not read images/)
  })

  it('reports a refusal as refused', async () => {
    h.refuse()
    const error = await failure(s.model().generateText({ purpose: 'answer', messages: ASK }))
    expect(error.kind).toBe('refused')
  })

  it('gives up on a silent provider within the timeout, as a timeout', async () => {
    h.hang()
    const started = Date.now()
    const error = await failure(s.model(h.model, { timeoutMs: 300 }).generateText({ purpose: 'answer', messages: ASK }))
    expect(error.kind).toBe('timeout')
    expect(Date.now() - started).toBeLessThan(3000)
    expect(s.transcript.calls[0]!.error).toBeTruthy()
  })

  it('retries a server error and answers', async () => {
    h.fail(503)
    h.answer('Back again.')
    const reply = await s
      .model(h.model, { retry: { retries: 2, baseDelayMs: 1, maxDelayMs: 10, sleep: async () => undefined } })
      .generateText({ purpose: 'answer', messages: ASK })
    expect(reply.text).toBe('Back again.')
    expect(h.requestCount()).toBe(2)
    expect(s.warnings.join()).toContain('retry 1 of 2')
  })

  it('reports an unreachable endpoint as a network error', async () => {
    const url = h.url
    await h.close()
    const model = createModel(
      parseModelList(h.model),
      { inputs: { [h.keyInput]: h.key }, env: {} },
      {
        baseUrls: { all: url, byProvider: {} },
        timeoutMs: 2000,
        retry: { retries: 0, baseDelayMs: 1, maxDelayMs: 1 },
        maxOutputTokens: 100,
        maxContinuations: 0,
        transcript: s.transcript
      }
    )
    const error = await failure(model.generateText({ purpose: 'answer', messages: ASK }))
    expect(error.kind).toBe('network')
    await h.start()
  })

  it('never asks for more output than the model can give', async () => {
    h.answer('ok')
    await s.model(h.model, { maxOutputTokens: 1_000_000 }).generateText({ purpose: 'answer', messages: ASK })
    expect(h.maxTokens(0)).toBeLessThan(1_000_000)
  })
})
