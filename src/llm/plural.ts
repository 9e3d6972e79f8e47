// Counted nouns in English: "1 message", "3 messages", "1,204 files". People read these in comments and logs.
// Declared in llm/, whose notes count too, so llm/ imports nothing of the app; src/plural.ts re-exports them.

/** `count` and the noun in the form that agrees with it; `plural` for nouns that don't just take an "s". */
export function counted(count: number, singular: string, plural = `${singular}s`): string {
  return `${count.toLocaleString('en-US')} ${count === 1 ? singular : plural}`
}

/** The verb that agrees with `count`: "was" or "were", "is" or "are". */
export function agrees(count: number, singular: string, plural: string): string {
  return count === 1 ? singular : plural
}
