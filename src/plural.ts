// Counted nouns in English ("1 message", "3 messages"), for every stage: declared in llm/plural.ts, the lowest
// stage whose sentences count, so llm/ imports nothing of the app.
export { agrees, counted } from './llm/plural.ts'
