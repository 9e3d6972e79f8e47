// The comment git-bob leaves on an issue it split: the new issues, and how they are tracked. Pure.
import { defuseTriggers } from '../outbox/defuse-triggers.ts'
import { counted } from '../plural.ts'

export interface ListedIssue {
  number: number
  title: string
}

/**
 * Linked as sub-issues, a plain list is enough (GitHub shows their progress on the parent). When GitHub
 * did not accept the link, a task list of issue references tracks them instead.
 */
export function subIssueList(
  intro: string,
  issues: readonly ListedIssue[],
  botName: string,
  linkFailure: string | null
): string {
  const item = (i: ListedIssue): string => `#${i.number} ${defuseTriggers(i.title, botName)}`
  if (!linkFailure) {
    return [
      intro.trim(),
      '',
      `I opened ${counted(issues.length, 'sub-issue')} of this issue:`,
      '',
      ...issues.map((i) => `- ${item(i)}`)
    ].join('\n')
  }
  return [
    intro.trim(),
    '',
    `I opened ${counted(issues.length, 'issue')} for the parts of this one. GitHub did not accept them as sub-issues (${linkFailure}), so this task list tracks them instead:`,
    '',
    ...issues.map((i) => `- [ ] ${item(i)}`)
  ].join('\n')
}
