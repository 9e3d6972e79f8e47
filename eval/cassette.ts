// A cassette: the model exchanges of one task × model, in order, as they went over the wire (request and response
// bodies, masked with git-bob's Redactor). --record writes one per task × model; --replay serves the responses
// back through the stand-ins in test/fakes, which speak each provider's wire format, so nothing leaves the machine.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { z } from 'zod'
import type { ProviderFamily } from '../src/llm/providers.ts'

/** Who asked: git-bob (the model under test) or the simulated author. */
export type Side = 'git-bob' | 'author'

export const ExchangeSchema = z.object({
  side: z.enum(['git-bob', 'author']),
  family: z.enum(['openai', 'anthropic', 'gemini']),
  method: z.string(),
  path: z.string(),
  request: z.unknown(),
  status: z.number().int(),
  response: z.unknown()
})
export type Exchange = z.infer<typeof ExchangeSchema>

export const CassetteSchema = z.object({
  task: z.string(),
  model: z.string(),
  authorModel: z.string(),
  recorded: z.string(),
  /** Whether the stand-ins answered when it was recorded: replayed, it is then a harness check too. */
  standIns: z.boolean(),
  exchanges: z.array(ExchangeSchema)
})
export type Cassette = z.infer<typeof CassetteSchema>

/** The file of a task × model: the model's id made safe for a file name. */
export function cassetteFile(dir: string, task: string, model: string): string {
  return join(dir, `${task}--${model.replace(/[^A-Za-z0-9.-]+/g, '_')}.json`)
}

export function writeCassette(dir: string, cassette: Cassette): string {
  mkdirSync(dir, { recursive: true })
  const file = cassetteFile(dir, cassette.task, cassette.model)
  writeFileSync(file, `${JSON.stringify(cassette, null, 1)}\n`)
  return file
}

/** A recorded cassette; throws when it is missing or not a cassette. */
export function readCassette(dir: string, task: string, model: string): Cassette {
  const file = cassetteFile(dir, task, model)
  let raw: unknown
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'))
  } catch (error) {
    throw new Error(
      `No cassette for ${task} with ${model} (${file}): ${error instanceof Error ? error.message : String(error)}`
    )
  }
  return CassetteSchema.parse(raw)
}

/** One side's recorded responses, in order: what a stand-in plays back. */
export function responses(cassette: Cassette, side: Side): { status: number; body: unknown }[] {
  return cassette.exchanges.filter((e) => e.side === side).map((e) => ({ status: e.status, body: e.response }))
}

/** The provider family of a cassette's side (the stand-in that plays it back); openai when it has none. */
export function familyOf(cassette: Cassette, side: Side): ProviderFamily {
  return cassette.exchanges.find((e) => e.side === side)?.family ?? 'openai'
}
