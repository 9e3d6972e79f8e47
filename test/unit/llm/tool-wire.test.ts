// Tool calling through every provider's real SDK, over real HTTP, against the stand-ins: the tools declared
// in each wire format, parallel calls run and answered, the answers sent back in the right shape, the final
// answer asked without tools when a limit is reached.
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { z } from 'zod'
import { createModel } from '../../../src/llm/index.ts'
import { parseModelList } from '../../../src/llm/providers.ts'
import type { AnyTool, Tool } from '../../../src/llm/tools.ts'
import type { Message } from '../../../src/llm/types.ts'
import { Transcript } from '../../../src/record/transcript.ts'
import { HARNESSES, type Harness } from '../../fakes/llm-harness.ts'

const ASK: Message[] = [
  { role: 'system', content: 'You are a test.' },
  { role: 'user', content: 'What is in the files?' }
]

const FILES: Record<string, string> = { 'a.txt': 'alpha', 'b.txt': 'beta' }

const readFile: Tool<{ path: string }> = {
  name: 'read_file',
  description: 'Reads a file.',
  input: z.object({ path: z.string() }),
  run: async ({ path }) => (path in FILES ? { text: FILES[path]! } : { text: `${path} not found`, isError: true })
}

describe.each(HARNESSES.map((make) => [make().name, make] as const))('tools over %s', (_name, make) => {
  let h: Harness
  let transcript: Transcript
  beforeEach(async () => {
    h = make()
    transcript = new Transcript()
    await h.start()
  })
  afterEach(() => h.close())

  const model = () =>
    createModel(
      parseModelList(h.model),
      { inputs: { [h.keyInput]: h.key }, env: {} },
      {
        baseUrls: { all: h.url, byProvider: {} },
        timeoutMs: 5000,
        retry: { retries: 0, baseDelayMs: 1, maxDelayMs: 1 },
        maxOutputTokens: 1024,
        maxContinuations: 1,
        transcript
      }
    )

  it('declares the tools, runs parallel calls, sends every result back, and ends with the answer', async () => {
    h.callTools(
      [
        { name: 'read_file', arguments: { path: 'a.txt' } },
        { name: 'read_file', arguments: { path: 'missing.txt' } }
      ],
      { input: 1000, output: 50 }
    )
    h.answer('a.txt says alpha; missing.txt does not exist.', { usage: { input: 1200, output: 60 } })
    const reply = await model().generateWithTools({
      purpose: 'answer',
      messages: ASK,
      tools: [readFile as AnyTool],
      limits: { maxSteps: 5, maxCallsPerStep: 20, maxCostUsd: 1, promptTokens: 100_000 }
    })
    expect(reply.text).toBe('a.txt says alpha; missing.txt does not exist.')
    expect(reply).toMatchObject({ steps: 1, toolCalls: 2, usage: { inputTokens: 2200, outputTokens: 110 } })
    expect(h.requestCount()).toBe(2)
    expect(h.tools(0)).toEqual({ names: ['read_file'], choice: 'auto' })
    const traffic = h.toolTraffic(1)
    expect(traffic.calls.map((c) => [c.name, c.arguments])).toEqual([
      ['read_file', { path: 'a.txt' }],
      ['read_file', { path: 'missing.txt' }]
    ])
    expect(traffic.results.map((r) => r.text)).toEqual([
      '<tool-result tool="read_file">\nalpha\n</tool-result>',
      '<tool-result tool="read_file">\nmissing.txt not found\n</tool-result>'
    ])
    if (h.name !== 'openai') expect(traffic.results.map((r) => r.isError)).toEqual([false, true])
    // The calls' ids come back with their results (Gemini answers by the function's name).
    if (h.name !== 'gemini') expect(traffic.results.map((r) => r.ref)).toEqual(traffic.calls.map((c) => c.id))
    expect(transcript.calls[0]!.tools?.map((t) => t.arguments)).toEqual(['{"path":"a.txt"}', '{"path":"missing.txt"}'])
    expect(transcript.credit()).toMatchObject({ inputTokens: 2200, outputTokens: 110 })
  })

  it('asks for the final answer without tools when max-steps is reached', async () => {
    h.callTools([{ name: 'read_file', arguments: { path: 'a.txt' } }])
    h.callTools([{ name: 'read_file', arguments: { path: 'b.txt' } }])
    h.answer('Both read; c.txt not checked.')
    const reply = await model().generateWithTools({
      purpose: 'answer',
      messages: ASK,
      tools: [readFile as AnyTool],
      limits: { maxSteps: 2, maxCallsPerStep: 20, maxCostUsd: null, promptTokens: 100_000 }
    })
    expect(reply.text).toBe('Both read; c.txt not checked.')
    expect(reply.cutShort).toContain('max-steps')
    expect(h.requestCount()).toBe(3)
    expect(h.tools(2).choice).toBe('none')
    expect(h.toolTraffic(2).results.map((r) => r.text)).toEqual([
      '<tool-result tool="read_file">\nalpha\n</tool-result>',
      '<tool-result tool="read_file">\nbeta\n</tool-result>'
    ])
    expect(h.sent(2).at(-1)!.text).toContain('No more tool calls')
  })
})
