// The structured replies git-bob asks for, as JSON schemas: strict providers (OpenAI's strict mode and
// compatible servers) want every property required, no extra properties and no numeric bounds.
import { describe, expect, it } from 'vitest'
import { ReviewSchema } from '../../../src/commands/review/review.ts'
import { SplitSchema } from '../../../src/commands/split.ts'
import { jsonSchemaFor } from '../../../src/llm/model.ts'

function objects(node: unknown, found: Record<string, unknown>[] = []): Record<string, unknown>[] {
  if (Array.isArray(node)) node.forEach((n) => objects(n, found))
  else if (node && typeof node === 'object') {
    const record = node as Record<string, unknown>
    if (record.type === 'object') found.push(record)
    Object.values(record).forEach((v) => objects(v, found))
  }
  return found
}

describe.each([
  ['review', ReviewSchema],
  ['split', SplitSchema]
] as const)('the %s schema', (_, schema) => {
  const json = jsonSchemaFor(schema)

  it('requires every property and allows no others, at every level', () => {
    for (const object of objects(json)) {
      expect(object.additionalProperties).toBe(false)
      expect([...(object.required as string[])].sort()).toEqual(Object.keys(object.properties as object).sort())
    }
  })

  it('has no numeric bounds or formats that strict providers refuse', () => {
    expect(JSON.stringify(json)).not.toMatch(
      /"(minimum|maximum|exclusiveMinimum|exclusiveMaximum|format|pattern|minItems|maxItems)"/
    )
  })
})
