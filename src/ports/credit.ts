// What a message credits: the model that served it, or the models tried when none answered. The record's
// transcript produces it; the outbox's stamp shows it.

/** What to credit for a message: the model that served it; the models tried when none answered; or none. */
export type ModelCredit = ModelServed | ModelsTried

export interface ModelServed {
  /** As the provider reported it, e.g. "gpt-4.1-2025-04-14". */
  model: string
  provider: string
  inputTokens: number
  outputTokens: number
  /** Estimated US dollars for the run's calls; null when a price is not known. */
  costUsd?: number | null
  /** Picture and speech models the run used besides. */
  media?: readonly { kind: 'image' | 'speech'; model: string; provider: string }[]
}

/** Models were asked and none answered (a failure report): the stamp still names them. */
export interface ModelsTried {
  tried: readonly { model: string; provider: string }[]
}
