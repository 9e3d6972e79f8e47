import { describe, expect, it } from 'vitest'
import { z } from 'zod'
import { jsonSchemaFor } from '../../../src/llm/json-schema.ts'

describe('jsonSchemaFor', () => {
  it('gives an object schema with additionalProperties false and every property required', () => {
    const schema = jsonSchemaFor(z.object({ answer: z.string(), confidence: z.number(), done: z.boolean() }))
    expect(schema).toEqual({
      type: 'object',
      properties: { answer: { type: 'string' }, confidence: { type: 'number' }, done: { type: 'boolean' } },
      required: ['answer', 'confidence', 'done'],
      additionalProperties: false
    })
  })

  it('drops $schema', () => {
    const schema = jsonSchemaFor(z.object({ a: z.string() }))
    expect('$schema' in schema).toBe(false)
  })

  it('closes nested objects and objects inside arrays too', () => {
    const schema = jsonSchemaFor(
      z.object({
        inner: z.object({ flag: z.boolean() }),
        items: z.array(z.object({ name: z.string() }))
      })
    )
    expect(schema.required).toEqual(['inner', 'items'])
    expect(schema.additionalProperties).toBe(false)
    const properties = schema.properties as Record<string, Record<string, unknown>>
    expect(properties.inner).toEqual({
      type: 'object',
      properties: { flag: { type: 'boolean' } },
      required: ['flag'],
      additionalProperties: false
    })
    expect(properties.items).toEqual({
      type: 'array',
      items: {
        type: 'object',
        properties: { name: { type: 'string' } },
        required: ['name'],
        additionalProperties: false
      }
    })
  })

  it('writes nullable fields as a type union and keeps them required', () => {
    const schema = jsonSchemaFor(z.object({ note: z.string().nullable() }))
    expect(schema.required).toEqual(['note'])
    expect((schema.properties as Record<string, unknown>).note).toEqual({ type: ['string', 'null'] })
  })

  it('describes enums', () => {
    const schema = jsonSchemaFor(z.object({ verdict: z.enum(['yes', 'no']) }))
    expect((schema.properties as Record<string, unknown>).verdict).toEqual({ type: 'string', enum: ['yes', 'no'] })
  })

  it('is plain JSON (serialisable without loss)', () => {
    const schema = jsonSchemaFor(z.object({ a: z.string(), b: z.array(z.number()) }))
    expect(JSON.parse(JSON.stringify(schema))).toEqual(schema)
  })
})

describe('jsonSchemaFor refuses optional properties', () => {
  it('throws with the path, since strict structured output needs every property required', () => {
    expect(() => jsonSchemaFor(z.object({ a: z.string(), b: z.number().optional() }))).toThrow(
      /optional b; use \.nullable\(\)/
    )
    expect(() => jsonSchemaFor(z.object({ list: z.array(z.object({ c: z.string().optional() })) }))).toThrow(
      /optional c/
    )
  })
})
