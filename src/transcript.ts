// The record of every model call in a run: what was asked, what came back, what it cost.
// It feeds the job summary and the stamp's token counts.
import type { Message, Usage } from './llm/types.ts'

export interface CallRecord {
  purpose: string
  provider: string
  requestedModel: string
  servedModel: string | null
  messages: Message[]
  answer: string | null
  usage: Usage
  durationMs: number
  attempts: number
  error: string | null
}

export class Transcript {
  readonly calls: CallRecord[] = []

  add(call: CallRecord): void {
    this.calls.push(call)
  }

  get totalUsage(): Usage {
    return this.calls.reduce(
      (sum, c) => ({ inputTokens: sum.inputTokens + c.usage.inputTokens, outputTokens: sum.outputTokens + c.usage.outputTokens }),
      { inputTokens: 0, outputTokens: 0 }
    )
  }
}
