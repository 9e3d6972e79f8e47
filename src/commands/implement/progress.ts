// The text of the comment that shows a long request's progress: the plan, what is done, each check and its
// result, what is left. Pure.
import { counted } from '../../plural.ts'
import type { CheckLine, CheckReport, FileReport } from '../types.ts'
import type { PlannedAction } from './plan.ts'

export interface ProgressState {
  title: string
  planned: readonly PlannedAction[]
  done: readonly FileReport[]
  checks: CheckReport | null
  /** What runs now, or null when the work is done. */
  doing: string | null
}

const MARK: Record<CheckLine['status'], string> = { passed: '✅', failed: '❌', 'not-run': '⏭️' }

export function progressText(state: ProgressState): string {
  const done = new Set(state.done.map((f) => f.path))
  const lines = [`**Working on:** ${state.title}`, '', '**Plan:**']
  for (const action of state.planned)
    lines.push(`- [${done.has(action.path) ? 'x' : ' '}] \`${action.path}\` (${action.action})`)
  if (state.checks?.lines.length) {
    lines.push(
      '',
      `**Checks${state.checks.rounds ? ` (after ${counted(state.checks.rounds, 'repair round')})` : ''}:**`
    )
    for (const line of state.checks.lines) lines.push(`- ${MARK[line.status]} \`${line.name}\` ${line.summary}`)
  }
  lines.push('', state.doing ? `**Now:** ${state.doing}…` : '**Done.**')
  return lines.join('\n')
}
