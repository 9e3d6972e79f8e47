// What a pull request (or the reply for `try` and for a commit to an existing pull request) says about the
// checks: which commands ran and how they ended, the last lines of a failure; a failure said first. Pure.
import type { CheckLine, CheckReport } from '../commands/types.ts'
import { fenced } from '../ports/fenced.ts'
import { counted } from '../plural.ts'

/** The last lines of a failing check the description shows. */
const SHOWN_LINES = 20

const MARK: Record<CheckLine['status'], string> = { passed: '✅', failed: '❌', 'not-run': '⏭️' }

/** Whether a check ran and failed: the change then opens as a draft. */
export function checksFail(report: CheckReport | null): boolean {
  return report?.lines.some((l) => l.status === 'failed') ?? false
}

/** The warning that goes first when a check fails; '' otherwise. */
export function failureHeadline(report: CheckReport | null): string {
  if (!report || !checksFail(report)) return ''
  const failed = report.lines.filter((l) => l.status === 'failed')
  const what = failed.map((l) => `\`${l.name}\` ${l.summary}`).join('; ')
  const after = report.rounds ? ` after ${counted(report.rounds, 'repair round')}` : ''
  const why = report.stopped ? ` I stopped: ${report.stopped}.` : ''
  return `> [!WARNING]\n> **The checks fail${after}:** ${what}.${why} Please look at the output below before building on this.\n\n`
}

/** The "Checks" section: every command run, in order, with the last lines of each failure; none for null. */
export function checksSection(report: CheckReport | null): string {
  if (!report) return ''
  if (!report.lines.length)
    return '\n\n**Checks:** none ran: no `check-command` is set and none was found in the repository (pytest configuration or tests, a `package.json` test script, a Makefile `test` target).'
  const lines = report.lines.map((l) => {
    const kind = l.kind === 'notebook' ? 'notebook ' : ''
    const entry = `- ${MARK[l.status]} ${kind}\`${l.name}\` ${l.summary}`
    if (l.status !== 'failed' || !l.tail) return entry
    const shown = l.tail.split('\n').slice(-SHOWN_LINES).join('\n')
    return `${entry}\n\n  <details open><summary>the last lines of its output</summary>\n\n${fenced(shown)
      .split('\n')
      .map((x) => `  ${x}`)
      .join('\n')}\n\n  </details>\n`
  })
  const repaired = report.rounds ? ` (after ${counted(report.rounds, 'repair round')})` : ''
  const command = report.lines.find((l) => l.kind === 'check')?.name
  const source =
    report.source && command
      ? `\n\nThe check command \`${command}\` was taken from ${report.source}; checks run in the sandbox, without any secret.`
      : ''
  const box = report.isolation ? `\n\nCode the model wrote ran in ${report.isolation}.` : ''
  return `\n\n**Checks${repaired}:**\n${lines.join('\n')}${source}${box}`
}
