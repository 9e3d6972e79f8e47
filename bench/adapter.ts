// The model adapter's own cost per call, for each SDK: a LanguageModel call against a stand-in that
// answers instantly, against the same request sent with a bare fetch. The difference is what
// git-bob's adapter and the provider SDK add; the heap measure is what stays per call after GC.
import { setFlagsFromString } from 'node:v8'
import { runInNewContext } from 'node:vm'
import { createModel } from '../src/llm/index.ts'
import { parseModelList } from '../src/llm/providers.ts'
import type { Message } from '../src/llm/types.ts'
import { Transcript } from '../src/record/transcript.ts'
import type { Harness } from '../test/fakes/llm-harness.ts'

setFlagsFromString('--expose_gc')
const gc = runInNewContext('gc') as () => void

export interface AdapterMeasure {
  provider: string
  callMs: number
  rawMs: number
  retainedBytesPerCall: number
}

const MESSAGES: Message[] = [
  { role: 'system', content: 'You are a benchmark.' },
  { role: 'user', content: 'x'.repeat(4000) }
]

const median = (values: number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!

/** The request each SDK sends, replayed with fetch: the floor any client pays for HTTP and JSON. */
function rawRequest(h: Harness): { url: string; init: RequestInit } {
  const headers = { 'content-type': 'application/json' }
  const text = MESSAGES[1]!.content as string
  if (h.name === 'anthropic') {
    return {
      url: `${h.url}/v1/messages`,
      init: {
        method: 'POST',
        headers: { ...headers, authorization: `Bearer ${h.key}` },
        body: JSON.stringify({
          model: 'claude-haiku-4-5',
          max_tokens: 1000,
          system: 'You are a benchmark.',
          messages: [{ role: 'user', content: text }]
        })
      }
    }
  }
  if (h.name === 'gemini') {
    return {
      url: `${h.url}/v1beta/models/gemini-2.5-flash:generateContent`,
      init: {
        method: 'POST',
        headers: { ...headers, 'x-goog-api-key': h.key },
        body: JSON.stringify({
          contents: [{ role: 'user', parts: [{ text }] }],
          systemInstruction: { parts: [{ text: 'You are a benchmark.' }] },
          generationConfig: { maxOutputTokens: 1000 }
        })
      }
    }
  }
  return {
    url: `${h.url}/chat/completions`,
    init: {
      method: 'POST',
      headers: { ...headers, authorization: `Bearer ${h.key}` },
      body: JSON.stringify({ model: 'gpt-4.1', max_completion_tokens: 1000, messages: MESSAGES })
    }
  }
}

export async function measureAdapter(make: () => Harness, calls = 300, warmup = 30): Promise<AdapterMeasure> {
  const h = make()
  await h.start()
  try {
    const transcript = new Transcript()
    const model = createModel(
      parseModelList(h.model),
      { inputs: { [h.keyInput]: h.key }, env: {} },
      {
        baseUrls: { all: h.url, byProvider: {} },
        timeoutMs: 10_000,
        retry: { retries: 0, baseDelayMs: 1, maxDelayMs: 1 },
        maxOutputTokens: 1000,
        maxContinuations: 0,
        transcript
      }
    )
    const raw = rawRequest(h)
    const time = async (fn: () => Promise<unknown>): Promise<number> => {
      const started = performance.now()
      await fn()
      return performance.now() - started
    }
    const viaAdapter = (): Promise<unknown> => model.generateText({ purpose: 'bench', messages: MESSAGES })
    const viaFetch = async (): Promise<unknown> => (await fetch(raw.url, raw.init)).json()
    for (let i = 0; i < warmup; i++) {
      await viaAdapter()
      await viaFetch()
    }
    const adapterTimes: number[] = []
    const rawTimes: number[] = []
    // Interleaved, so both see the same machine state.
    for (let i = 0; i < calls; i++) {
      adapterTimes.push(await time(viaAdapter))
      rawTimes.push(await time(viaFetch))
    }
    gc()
    const before = process.memoryUsage().heapUsed
    for (let i = 0; i < calls; i++) await viaAdapter()
    gc()
    const after = process.memoryUsage().heapUsed
    return {
      provider: h.name,
      callMs: median(adapterTimes),
      rawMs: median(rawTimes),
      retainedBytesPerCall: Math.max(0, (after - before) / calls)
    }
  } finally {
    await h.close()
  }
}
