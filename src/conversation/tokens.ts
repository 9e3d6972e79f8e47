// How git-bob estimates the size of a prompt in tokens, without a tokenizer for every provider.
//
// Four characters per token is the usual rule of thumb for English prose and source code with
// OpenAI-style tokenizers. It is an estimate: text with many non-Latin characters, long digit strings
// or unusual symbols needs more tokens per character, so budgets leave room below a model's context.

export const CHARS_PER_TOKEN = 4

export function estimateTokens(text: string): number {
  return Math.ceil(text.length / CHARS_PER_TOKEN)
}

/** The longest text (in characters) that fits a number of tokens by the same estimate. */
export function charsFor(tokens: number): number {
  return Math.max(0, Math.floor(tokens) * CHARS_PER_TOKEN)
}
