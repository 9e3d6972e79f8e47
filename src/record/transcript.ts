// The record of every model call in a run: what was asked, what came back, what it cost.
// It feeds the job summary and the stamp's credit (model, token counts and cost).
import { estimateCost } from '../llm/prices.ts'
import type { ToolRun } from '../llm/tool-loop.ts'
import type { CallRecorder, ModelCall } from '../llm/recorder.ts'
import type { Usage } from '../llm/types.ts'
import type { ModelCredit } from '../ports/credit.ts'
import { Notes } from './notes.ts'

/** One call as the record keeps it: the adapter's record of it, and the tools run on its request. */
export interface CallRecord extends ModelCall {
  /** The tools run on this call's request, in a conversation with tools. */
  tools?: ToolRun[]
}

export class Transcript implements CallRecorder {
  readonly calls: CallRecord[] = []
  /** The run's notes: the model layer tells people here how the answer came about (a fallback, images left out). */
  readonly notes: Notes

  constructor(notes: Notes = new Notes()) {
    this.notes = notes
  }

  /** For the job summary only: how tools were limited, or why there were none. */
  readonly remarks: string[] = []

  add(call: CallRecord): void {
    this.calls.push(call)
  }

  /** The tools the last call asked for, run. */
  addToolRuns(runs: readonly ToolRun[]): void {
    const last = this.calls.at(-1)
    if (last) last.tools = [...(last.tools ?? []), ...runs]
  }

  remark(note: string): void {
    if (!this.remarks.includes(note)) this.remarks.push(note)
  }

  /**
   * What the stamp credits: the last model that answered, with the run's tokens and cost; when models
   * were asked and none answered, the models tried; null when no model was asked.
   */
  credit(): ModelCredit | null {
    const served = this.calls.filter((c) => !c.error && !c.media).at(-1)
    if (!served) {
      const tried: { model: string; provider: string }[] = []
      for (const call of this.calls) {
        if (!tried.some((t) => t.model === call.requestedModel && t.provider === call.provider))
          tried.push({ model: call.requestedModel, provider: call.provider })
      }
      return tried.length ? { tried } : null
    }
    const total = this.totalUsage
    const media: { kind: 'image' | 'speech'; model: string; provider: string }[] = []
    for (const call of this.calls) {
      if (!call.media || call.error) continue
      const model = call.servedModel ?? call.requestedModel
      if (!media.some((m) => m.model === model && m.provider === call.provider))
        media.push({ kind: call.media, model, provider: call.provider })
    }
    return {
      model: served.servedModel ?? served.requestedModel,
      provider: served.provider,
      inputTokens: total.inputTokens,
      outputTokens: total.outputTokens,
      costUsd: this.totalCost,
      ...(media.length ? { media } : {})
    }
  }

  get totalUsage(): Usage {
    return this.calls.reduce(
      (sum, c) => ({
        inputTokens: sum.inputTokens + c.usage.inputTokens,
        outputTokens: sum.outputTokens + c.usage.outputTokens
      }),
      { inputTokens: 0, outputTokens: 0 }
    )
  }

  /** Estimated cost of every call, in US dollars; null when any call that used tokens has no known price. */
  get totalCost(): number | null {
    let total = 0
    for (const call of this.calls) {
      if (call.usage.inputTokens === 0 && call.usage.outputTokens === 0) continue
      const cost = callCost(call)
      if (cost === null) return null
      total += cost
    }
    return total
  }
}

/** The estimated cost of one call, priced by the model that served it (else the one asked for). */
export function callCost(call: CallRecord): number | null {
  return (
    estimateCost(call.provider, call.servedModel ?? call.requestedModel, call.usage) ??
    estimateCost(call.provider, call.requestedModel, call.usage)
  )
}
