// The plan of a change: which files, how, and why, as the model proposes it; then checked by code
// (paths.ts) and cut to the `max-files` limit before anything is written.
import { z } from 'zod'
import { fenced } from '../../ports/fenced.ts'
import { checkWritePath, shownPath, type PathRules } from '../../ports/paths.ts'
import type { ChangeLimits } from '../types.ts'

const ACTIONS = ['create', 'modify', 'delete', 'rename', 'copy', 'download'] as const

export const planSchema = z.object({
  title: z.string().describe('the pull request title: imperative, under 70 characters'),
  summary: z.string().describe('what the change does and why, for reviewers (markdown)'),
  actions: z.array(
    z.object({
      action: z.enum(ACTIONS),
      path: z.string().describe('the file to write, relative to the repository root'),
      source: z.string().nullable().describe('rename/copy: the existing path; download: the URL; otherwise null'),
      reason: z.string().describe('why this file changes, one sentence')
    })
  )
})

export type Plan = z.infer<typeof planSchema>
export type PlannedAction = Plan['actions'][number]

/**
 * The actions code lets through, downloads first (later files may use what they fetch), with normalised
 * paths and each path once; and a sentence for each one refused.
 */
export function acceptPlan(
  plan: Plan,
  rules: PathRules,
  limits: Pick<ChangeLimits, 'maxFiles'>
): { accepted: PlannedAction[]; problems: string[] } {
  const accepted: PlannedAction[] = []
  const problems: string[] = []
  const seen = new Set<string>()
  const ordered = [...plan.actions].sort((a, b) => Number(b.action === 'download') - Number(a.action === 'download'))
  for (const action of ordered) {
    const verdict = checkWritePath(action.path, rules)
    if (!verdict.ok) {
      problems.push(`\`${shownPath(verdict.path)}\` (${action.action}) was not changed: ${verdict.reason}.`)
      continue
    }
    let source = action.source
    if ((action.action === 'rename' || action.action === 'copy') && source !== null) {
      const checked = checkWritePath(source, rules)
      if (!checked.ok) {
        const verb = action.action === 'rename' ? 'renamed' : 'copied'
        problems.push(`\`${shownPath(checked.path)}\` was not ${verb}: ${checked.reason}.`)
        continue
      }
      source = checked.path
    }
    if (seen.has(verdict.path)) continue
    if (accepted.length >= limits.maxFiles) {
      problems.push(
        `\`${verdict.path}\` (${action.action}) was left out: at most ${limits.maxFiles} files are changed per request (the \`max-files\` input).`
      )
      continue
    }
    seen.add(verdict.path)
    accepted.push({ ...action, path: verdict.path, source })
  }
  return { accepted, problems }
}

/** How much of this turn's already-written files each later file sees. */
const WRITTEN_CONTEXT_CHARS = 60_000

/** A file this turn has written; its text when later files may see it. */
export interface Written {
  path: string
  text: string | null
}

/** What the model writing one file knows of the change: the plan, and the files written before it. */
export function changeContext(plan: Plan, written: readonly Written[]): string {
  const parts = [
    `# The plan of this change\n\n${fenced(JSON.stringify({ title: plan.title, actions: plan.actions }, null, 2), 'json')}`
  ]
  if (written.length) parts.push('# Files already written in this change')
  let budget = WRITTEN_CONTEXT_CHARS
  for (const file of written) {
    if (file.text === null || file.text.length > budget) {
      parts.push(`- ${file.path} (written; content not shown)`)
      continue
    }
    budget -= file.text.length
    parts.push(`## ${file.path}`, fenced(file.text))
  }
  return parts.join('\n\n')
}
