// What the adapter tells the run of its calls: every call made, the tools run on it, notes people read and
// remarks for the job summary. record/transcript.ts implements it, so llm/ needs nothing of the app.
import type { ToolRun } from './tool-loop.ts'
import type { Message, Usage } from './types.ts'

/** One call to a model, as the adapter made it: answered (error null) or failed. */
export interface ModelCall {
  purpose: string
  provider: string
  requestedModel: string
  servedModel: string | null
  messages: Message[]
  answer: string | null
  /** The name of the JSON schema the answer had to fit; absent for a text answer. */
  schema?: string
  usage: Usage
  durationMs: number
  attempts: number
  error: string | null
  /** A call to a picture or speech model: credited beside the model that answered, not instead of it. */
  media?: 'image' | 'speech'
}

/** Notes people read under the answer (a fallback, images left out, an answer cut short). */
export interface NoteSink {
  tell(note: string): void
}

export interface CallRecorder {
  add(call: ModelCall): void
  /** The tools the last call asked for, run. */
  addToolRuns(runs: readonly ToolRun[]): void
  /** For the job summary only: how tools were limited, or why there were none. */
  remark(note: string): void
  readonly notes: NoteSink
}
