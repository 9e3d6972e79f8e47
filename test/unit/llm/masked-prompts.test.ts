import { describe, expect, it } from 'vitest'
import { z } from 'zod'
import { withMaskedPrompts } from '../../../src/llm/masked-prompts.ts'
import type { LanguageModel, ModelReply, TextRequest } from '../../../src/llm/types.ts'
import { Redactor } from '../../../src/outbox/secrets.ts'

const SECRET = 'ghs_maskedPromptSecret0123456789'

function recording(): { model: LanguageModel; seen: TextRequest[] } {
  const seen: TextRequest[] = []
  const reply: ModelReply = {
    text: '{"a":1}',
    servedModel: 'm',
    provider: 'p',
    usage: { inputTokens: 1, outputTokens: 1 },
    finishReason: 'stop'
  }
  const model: LanguageModel = {
    id: 'p:m',
    provider: 'p',
    generateText: async (request) => (seen.push(request), reply),
    generateObject: async <T>(request: TextRequest) => (seen.push(request), { ...reply, value: { a: 1 } as T }),
    toolsSupported: true,
    generateWithTools: async (request) => (
      seen.push(request),
      { ...reply, steps: 0, toolCalls: 0, cutShort: null, readings: '' }
    )
  }
  return { model, seen }
}

describe('withMaskedPrompts', () => {
  const redactor = new Redactor([SECRET])
  const mask = (text: string): string => redactor.redactKnown(text)

  it('masks every text part of every message, in any encoding, and keeps images', async () => {
    const { model, seen } = recording()
    const masked = withMaskedPrompts(model, mask)
    await masked.generateText({
      purpose: 'answer',
      messages: [
        { role: 'system', content: `token ${SECRET}` },
        {
          role: 'user',
          content: [
            { type: 'text', text: `b64 ${Buffer.from(SECRET).toString('base64')}` },
            { type: 'image', mediaType: 'image/png', data: 'iVBORw0KGgo=' }
          ]
        }
      ]
    })
    await masked.generateObject({
      purpose: 'plan',
      messages: [{ role: 'user', content: `&#${SECRET.codePointAt(0)};${SECRET.slice(1)}` }],
      schema: z.object({ a: z.number() }),
      schemaName: 'x'
    })
    await masked.generateWithTools({
      purpose: 'answer',
      messages: [
        { role: 'user', content: `read ${SECRET}` },
        { role: 'tool', toolCallId: '1', toolName: 'read_file', content: Buffer.from(SECRET).toString('hex') }
      ],
      tools: [],
      limits: { maxSteps: 1, maxCallsPerStep: 20, maxCostUsd: 0, promptTokens: 1000 }
    })
    expect(seen).toHaveLength(3)
    expect(masked.toolsSupported).toBe(true)
    const sent = JSON.stringify(seen)
    expect(sent).not.toContain(SECRET)
    expect(sent).not.toContain(Buffer.from(SECRET).toString('hex'))
    expect(sent).not.toContain(Buffer.from(SECRET).toString('base64'))
    expect(sent).not.toContain(SECRET.slice(1))
    expect(sent).toContain('iVBORw0KGgo=')
    expect(seen[0]!.messages[0]!.content).toBe('token ***')
    expect(masked.id).toBe('p:m')
  })
})
