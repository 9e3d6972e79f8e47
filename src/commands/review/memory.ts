// The review memory's rules as a part of the review's task: "decided by the maintainers: do not raise". It takes
// at most a tenth of the review's budget; the rules that do not fit are left out from the end, with a note. Pure.
import { keepFirstLines } from '../../conversation/budget.ts'
import { estimateTokens } from '../../conversation/tokens.ts'
import { fill, PROMPTS } from '../../conversation/prompts.ts'
import { REVIEW_MEMORY_FILE } from '../../ports/paths.ts'
import { counted } from '../../plural.ts'

export const MEMORY_SHARE = 0.1

export interface MemorySection {
  /** The section for the task; '' when there are no rules. */
  text: string
  /** What was left out, for the notes; null when every rule fits. */
  leftOut: string | null
}

export function memorySection(rules: readonly string[], budgetTokens: number): MemorySection {
  if (!rules.length) return { text: '', leftOut: null }
  const frame = fill(PROMPTS.reviewMemory, { file: REVIEW_MEMORY_FILE, rules: '' })
  const room = Math.floor(budgetTokens * MEMORY_SHARE) - estimateTokens(frame) - 20
  const { kept, dropped } = keepFirstLines(
    rules.map((r) => `- ${r}`),
    Math.max(0, room)
  )
  const leftOut = dropped
    ? `the last ${counted(dropped, 'rule')} of the review memory (\`${REVIEW_MEMORY_FILE}\`), to keep it within a tenth of the review budget`
    : null
  const more = dropped ? [`- (${counted(dropped, 'more rule')} left out to fit the budget)`] : []
  return {
    text: fill(PROMPTS.reviewMemory, { file: REVIEW_MEMORY_FILE, rules: [...kept, ...more].join('\n') }),
    leftOut
  }
}
