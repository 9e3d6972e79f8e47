// A zod schema as the JSON schema providers' structured output takes: every property required, no bounds.
import { z } from 'zod'

export function jsonSchemaFor(schema: z.ZodType): Record<string, unknown> {
  const json = z.toJSONSchema(schema, { target: 'draft-7', io: 'output' }) as Record<string, unknown>
  delete json.$schema
  assertAllRequired(json, '')
  withoutBounds(json)
  return json
}

/** Strict structured output (OpenAI strict mode, Anthropic, Gemini) needs every property required. */
function assertAllRequired(node: unknown, path: string): void {
  if (Array.isArray(node)) return node.forEach((item, i) => assertAllRequired(item, `${path}[${i}]`))
  if (!node || typeof node !== 'object') return
  const record = node as Record<string, unknown>
  if (record.type === 'object' && record.properties && typeof record.properties === 'object') {
    const required = new Set(Array.isArray(record.required) ? record.required : [])
    const missing = Object.keys(record.properties).filter((key) => !required.has(key))
    if (missing.length)
      throw new Error(
        `structured-output schema: ${path || '(root)'} has optional ${missing.join(', ')}; use .nullable() instead of .optional()`
      )
  }
  for (const [key, value] of Object.entries(record)) assertAllRequired(value, path ? `${path}.${key}` : key)
}

// Strict providers refuse these keywords in a schema; zod still checks them when the reply is parsed, and a
// violation goes into the repair round like any other.
const BOUNDS = new Set([
  'minItems',
  'maxItems',
  'minLength',
  'maxLength',
  'minimum',
  'maximum',
  'exclusiveMinimum',
  'exclusiveMaximum',
  'multipleOf',
  'pattern',
  'format'
])

function withoutBounds(node: unknown): void {
  if (!node || typeof node !== 'object') return
  if (Array.isArray(node)) return node.forEach(withoutBounds)
  const record = node as Record<string, unknown>
  for (const [key, value] of Object.entries(record)) {
    // A keyword has a scalar value; a property that happens to be called "format" is a schema object.
    if (BOUNDS.has(key) && (value === null || typeof value !== 'object')) delete record[key]
    else withoutBounds(value)
  }
}
