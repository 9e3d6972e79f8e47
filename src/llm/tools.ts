// A tool the model may call: declared once, with a zod input schema; providers get its JSON schema.
import type { z } from 'zod'

export interface ToolResult {
  /** What the model reads back, already masked and capped. */
  text: string
  /** True when the call failed in a way the model should hear about (bad path, not found). */
  isError?: boolean
}

export interface Tool<I = unknown> {
  name: string
  description: string
  input: z.ZodType<I>
  run(input: I, signal: AbortSignal): Promise<ToolResult>
}

/** Lets a list hold tools of different input types. */
export type AnyTool = Tool<any> // eslint-disable-line @typescript-eslint/no-explicit-any -- erased on purpose
