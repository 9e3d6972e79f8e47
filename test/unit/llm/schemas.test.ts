// Every structured reply git-bob asks a model for, as the JSON schema that goes over the wire: strict
// providers (OpenAI's strict mode and compatible servers) want every property required, no extra properties
// and no numeric bounds or formats. The schemas are found in the sources, so a new one cannot be left out.
import { readdirSync, readFileSync } from 'node:fs'
import { join, relative } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { z } from 'zod'
import { planSchema } from '../../../src/commands/implement/plan.ts'
import { editSchema, fileSchema } from '../../../src/commands/implement/write-file.ts'
import { cellsSchema } from '../../../src/ports/notebook.ts'
import { repairSchema } from '../../../src/commands/implement/checks.ts'
import { ReviewSchema } from '../../../src/commands/review/review.ts'
import { SplitSchema } from '../../../src/commands/split.ts'
import { jsonSchemaFor } from '../../../src/llm/json-schema.ts'
import { pictureSchema } from '../../../src/commands/implement/write-media.ts'
import { paintSchema } from '../../../src/commands/paint.ts'
import { ruleSchema } from '../../../src/commands/remember.ts'
import { TriageSchema } from '../../../src/commands/triage.ts'
import { deckSchema, documentSchema, rewriteSchema, speechSchema, workbookSchema } from '../../../src/media/schemas.ts'

/** Every schema given to a model, by the schemaName it is sent under. */
const MODEL_SCHEMAS: Record<string, z.ZodType> = {
  review: ReviewSchema,
  split: SplitSchema,
  change_plan: planSchema,
  file_content: fileSchema,
  file_edits: editSchema,
  notebook_cells: cellsSchema,
  slides: deckSchema,
  document: documentSchema,
  workbook: workbookSchema,
  rewrite: rewriteSchema,
  speech: speechSchema,
  picture: pictureSchema,
  picture_request: paintSchema,
  check_repair: repairSchema,
  review_memory_rule: ruleSchema,
  triage: TriageSchema
}

const SRC = fileURLToPath(new URL('../../../src/', import.meta.url))

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sources(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : []
  )
}

/** The names under which src/ asks for structured output: `schemaName: '<name>'` at every call. */
function schemaNamesInSources(): Map<string, string[]> {
  const found = new Map<string, string[]>()
  for (const file of sources(SRC)) {
    for (const m of readFileSync(file, 'utf8').matchAll(/\bschemaName:\s*(['"`])([^'"`]+)\1/g)) {
      found.set(m[2]!, [...(found.get(m[2]!) ?? []), relative(SRC, file)])
    }
  }
  return found
}

function objects(node: unknown, found: Record<string, unknown>[] = []): Record<string, unknown>[] {
  if (Array.isArray(node)) node.forEach((n) => objects(n, found))
  else if (node && typeof node === 'object') {
    const record = node as Record<string, unknown>
    if (record.type === 'object') found.push(record)
    Object.values(record).forEach((v) => objects(v, found))
  }
  return found
}

describe('the schemas given to models', () => {
  it('are all in MODEL_SCHEMAS: every schemaName in src/ is listed, and every listed one is used', () => {
    const used = schemaNamesInSources()
    // The scan itself works: the long-standing schemas are found where they are used.
    expect(used.get('review')).toEqual(['commands/review/review.ts'])
    expect([...used.keys()].sort()).toEqual(Object.keys(MODEL_SCHEMAS).sort())
  })

  it('keep their bounds when a reply is checked, though the schema sent has none', () => {
    expect(JSON.stringify(z.toJSONSchema(editSchema))).toContain('"minItems":1')
    expect(editSchema.safeParse({ edits: [], note: 'nothing' }).success).toBe(false)
    expect(JSON.stringify(jsonSchemaFor(editSchema))).not.toContain('minItems')
  })
})

describe.each(Object.entries(MODEL_SCHEMAS))('the %s schema', (_, schema) => {
  const json = jsonSchemaFor(schema)

  it('requires every property and allows no others, at every level', () => {
    const found = objects(json)
    expect(found.length).toBeGreaterThan(0)
    for (const object of found) {
      expect(object.additionalProperties).toBe(false)
      expect([...(object.required as string[])].sort()).toEqual(Object.keys(object.properties as object).sort())
    }
  })

  it('has no numeric bounds or formats that strict providers refuse', () => {
    expect(JSON.stringify(json)).not.toMatch(
      /"(minimum|maximum|exclusiveMinimum|exclusiveMaximum|multipleOf|minLength|maxLength|format|pattern|minItems|maxItems)"/
    )
  })
})
