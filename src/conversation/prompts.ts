// Prompt templates live in prompts/*.md (bundled as text) so that a reader can see exactly what was asked.
import comment from '../../prompts/comment.md'
import implementEdit from '../../prompts/implement-edit.md'
import implementFile from '../../prompts/implement-file.md'
import implementMedia from '../../prompts/implement-media.md'
import implementNotebook from '../../prompts/implement-notebook.md'
import implementPlan from '../../prompts/implement-plan.md'
import implementRepair from '../../prompts/implement-repair.md'
import implementRepairTools from '../../prompts/implement-repair-tools.md'
import notebookRepair from '../../prompts/notebook-repair.md'
import paint from '../../prompts/paint.md'
import remember from '../../prompts/remember.md'
import review from '../../prompts/review.md'
import reviewMemory from '../../prompts/review-memory.md'
import reviewDecided from '../../prompts/review-decided.md'
import split from '../../prompts/split.md'
import system from '../../prompts/system.md'
import triage from '../../prompts/triage.md'
import { forgeWords, type ForgeDialect } from '../ports/forge.ts'

export const PROMPTS = {
  system,
  comment,
  implementPlan,
  implementFile,
  implementMedia,
  implementEdit,
  implementNotebook,
  implementRepair,
  implementRepairTools,
  notebookRepair,
  paint,
  remember,
  review,
  reviewMemory,
  reviewDecided,
  split,
  triage
} as const

/** The forge's words the prompts use: {{forge}}, {{markdown}} and {{pull_request}}. */
export function forgePlaceholders(
  dialect: ForgeDialect | undefined
): Record<'forge' | 'markdown' | 'pull_request', string> {
  const words = forgeWords(dialect)
  return { forge: words.name, markdown: words.markdown, pull_request: words.pullRequest }
}

/** Replaces {{name}} placeholders; a placeholder without a value is an error in the template, not in use. */
export function fill(template: string, values: Readonly<Record<string, string>>): string {
  return template.replace(/\{\{\s*([a-z_]+)\s*\}\}/g, (_, name: string) => {
    const value = values[name]
    if (value === undefined) throw new Error(`prompt placeholder {{${name}}} has no value`)
    return value
  })
}
