// The labels that start git-bob and the command each runs, in one table; the prefix is the label-prefix input
// ("git-bob:" unless set). Pure: a label's name in, a command out.
import type { Command } from './grammar.ts'

type KnownCommand = Extract<Command, { kind: 'known' }>

/** The word after the prefix, and the command it runs ("think" is the comment command, as in a comment). */
export const LABEL_COMMANDS: Readonly<Record<string, string>> = {
  implement: 'implement',
  think: 'comment',
  review: 'review',
  split: 'split'
}

/** The labels git-bob acts on, as people add them (for messages and the docs). */
export function labelNames(prefix: string): string[] {
  return Object.keys(LABEL_COMMANDS).map((word) => `${prefix}${word}`)
}

/** The command a label runs; null when the label is not one of git-bob's. Case does not matter, as on GitHub. */
export function labelCommand(label: string, prefix: string): KnownCommand | null {
  const name = label.trim().toLowerCase()
  const start = prefix.toLowerCase()
  if (!start || !name.startsWith(start)) return null
  const word = name.slice(start.length)
  const verb = Object.hasOwn(LABEL_COMMANDS, word) ? LABEL_COMMANDS[word] : undefined
  return verb ? { kind: 'known', verb, word, args: '' } : null
}

/**
 * The labels triage may offer the model: none under git-bob's prefix. Triage reads issues anyone wrote, and a label
 * git-bob adds with its token could start git-bob again (a git-bob:implement on an outsider's issue).
 */
export function triageLabels(names: readonly string[], prefix: string): string[] {
  const start = prefix.trim().toLowerCase()
  return names.filter((name) => !start || !name.trim().toLowerCase().startsWith(start))
}

/**
 * The command an assignment runs: the assign-command input when the issue was assigned to git-bob's own account
 * (the bot-login input), else null (not for git-bob, or no account configured).
 */
export function assignmentCommand(assignee: string, botLogin: string | null, verb: string): KnownCommand | null {
  if (!botLogin || assignee.toLowerCase() !== botLogin.toLowerCase()) return null
  return { kind: 'known', verb, word: verb, args: '' }
}
