// What every reading tool shares: its arguments checked with its zod schema, every failure turned into a
// result the model reads (never a throw), secrets masked and the text capped, with a note where it was cut.
import type { z } from 'zod'
import { MissingPermissionError } from '../../errors.ts'
import type { Tool, ToolResult } from '../../llm/tools.ts'
import { capToolResult } from '../budget.ts'

export interface ResultPolicy {
  /** Masks secrets: known values and key shapes (outbox/secrets.ts). */
  redact(text: string): string
  /** The most tokens one result may take (estimated, conversation/tokens.ts). */
  maxTokens: number
}

export function failed(text: string): ToolResult {
  return { text, isError: true }
}

/** A tool whose run is guarded: arguments parsed, failures reported, the result masked and capped. */
export function readingTool<I>(definition: Tool<I>, policy: ResultPolicy): Tool<I> {
  return {
    name: definition.name,
    description: definition.description,
    input: definition.input,
    async run(input, signal) {
      const parsed = definition.input.safeParse(input)
      if (!parsed.success)
        return finish(failed(`Invalid arguments for ${definition.name}: ${issues(parsed.error)}`), policy)
      if (signal.aborted) return failed(`${definition.name} was cancelled.`)
      try {
        return finish(await definition.run(parsed.data, signal), policy)
      } catch (error) {
        return finish(failed(`${definition.name} failed: ${reason(error)}`), policy)
      }
    }
  }
}

function issues(error: z.ZodError): string {
  return error.issues.map((i) => (i.path.length ? `${i.path.join('.')}: ${i.message}` : i.message)).join('; ')
}

/** Why a read failed, in a sentence the model can act on. */
export function reason(error: unknown): string {
  if (error instanceof MissingPermissionError) return error.message
  const status =
    typeof error === 'object' && error !== null && 'status' in error && typeof error.status === 'number'
      ? error.status
      : undefined
  const message = error instanceof Error ? error.message : String(error)
  // GitLab's errors say already who answered what (adapters/gitlab/rest.ts); Octokit's give the message only.
  return status && !message.startsWith('GitLab answered') ? `GitHub answered ${status}: ${message}` : message
}

/**
 * How far past a cut a text is masked before it is cut: a secret that starts before the cut is masked whole when it
 * is shorter than this. Bounds what one masking reads, too (outbox/secrets.ts's shapes cost more on long runs).
 */
export const MASK_MARGIN = 2000

/**
 * The first `max` characters of a text, and "…" where it went on: masked before the cut. A text that needs no cut
 * is left to finish(), which masks the whole result at once (a key block spans lines).
 */
export function cutMasked(text: string, max: number, redact: (text: string) => string): string {
  if (text.length <= max) return text
  const masked = redact(text.slice(0, max + MASK_MARGIN))
  return masked.length > max || text.length > max + MASK_MARGIN ? `${masked.slice(0, max)}…` : masked
}

/** Masks first (a cut must not leave half a secret unmasked), then caps at the token limit. */
export function finish(result: ToolResult, policy: ResultPolicy): ToolResult {
  const text = capToolResult(policy.redact(result.text), policy.maxTokens)
  return result.isError ? { text, isError: true } : { text }
}
