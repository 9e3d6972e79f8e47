import { describe, expect, it } from 'vitest'
import { z } from 'zod'
import { objectAfterReading, readingExtraTokens, usesTools } from '../../../src/commands/read-with-tools.ts'
import { estimateTokens } from '../../../src/conversation/tokens.ts'
import { toolRule } from '../../../src/llm/tool-loop.ts'
import type { AnyTool } from '../../../src/llm/tools.ts'
import { conversationContext } from '../../fakes/conversation-context.ts'
import { ScriptedModel } from '../../fakes/scripted-model.ts'

const tool: AnyTool = {
  name: 'read_file',
  description: 'Reads a file.',
  input: z.object({ path: z.string() }),
  run: async () => ({ text: 'x' })
}

const schema = z.object({ summary: z.string() })
const task = { purpose: 'split', schema, schemaName: 'split' }

describe('usesTools', () => {
  it('is false without tools, and says so when the model cannot call the tools offered', () => {
    const model = new ScriptedModel()
    expect(usesTools(conversationContext(model, null))).toBe(false)
    const ctx = conversationContext(model, null, { tools: [tool] })
    expect(usesTools(ctx)).toBe(false)
    expect(ctx.notes.forPeople).toEqual([
      'Tools were not available: openai:scripted cannot call tools, so it read the fixed context only.'
    ])
    model.toolsSupported = true
    expect(usesTools(conversationContext(model, null, { tools: [tool] }))).toBe(true)
  })
})

describe('objectAfterReading', () => {
  it('takes the JSON of the answer after reading, with the schema in the system prompt and room for results', async () => {
    const model = new ScriptedModel('{"summary": "two parts"}')
    model.toolsSupported = true
    const ctx = conversationContext(model, null, { tools: [tool], promptTokenBudget: 10_000 })
    const seen: number[] = []
    const reply = await objectAfterReading(ctx, task, (c) => {
      seen.push(c.promptTokenBudget)
      return [
        { role: 'system', content: 'system' },
        { role: 'user', content: 'task' }
      ]
    })
    expect(reply.value).toEqual({ summary: 'two parts' })
    expect(model.toolsOffered).toEqual([['read_file']])
    expect(seen).toEqual([6000])
    expect(model.requests[0]!.messages[0]!.content).toContain('answer with one JSON object only')
  })

  it('asks once more with structured output when the answer after reading does not match', async () => {
    const model = new ScriptedModel('Here is what I found: two parts.', { summary: 'two parts' })
    model.toolsSupported = true
    const reply = await objectAfterReading(conversationContext(model, null, { tools: [tool] }), task, () => [
      { role: 'user', content: 'task' }
    ])
    expect(reply.value).toEqual({ summary: 'two parts' })
    expect(model.purposes).toEqual(['split', 'split (repair)'])
    expect(model.lastMessage(1)).toContain('Here is what I found: two parts.')
  })

  it('makes one structured call, as before, without tools', async () => {
    const model = new ScriptedModel({ summary: 'one' })
    const reply = await objectAfterReading(conversationContext(model, null), task, () => [
      { role: 'user', content: 't' }
    ])
    expect(reply.value).toEqual({ summary: 'one' })
    expect(model.toolsOffered).toEqual([])
  })

  it('counts what reading adds to the system prompt (the JSON instruction and the tool rule) in readingExtraTokens', async () => {
    const model = new ScriptedModel('{"summary": "two parts"}')
    model.toolsSupported = true
    const ctx = conversationContext(model, null, { tools: [tool] })
    const system = 's'.repeat(4001)
    await objectAfterReading(ctx, task, () => [
      { role: 'system', content: system },
      { role: 'user', content: 'task' }
    ])
    // The system prompt as the provider gets it: objectAfterReading's instruction, then the tool loop's rule.
    const first = model.requests[0]!.messages[0]!.content
    expect(typeof first).toBe('string')
    const sent = `${typeof first === 'string' ? first : ''}\n\n${toolRule(ctx.toolLimits)}`
    const extra = readingExtraTokens(ctx, schema)
    expect(estimateTokens(sent)).toBeLessThanOrEqual(estimateTokens(system) + extra)
    expect(estimateTokens(sent)).toBeGreaterThanOrEqual(estimateTokens(system) + extra - 1)
  })
})
