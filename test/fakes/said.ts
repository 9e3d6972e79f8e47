// What a run said, for the message of an assertion on its exit code or on what it posted: the e2e layer's runs of
// dist/ and the flow layer's runs of run() alike.
import type { FakeGitHub } from './github.ts'

/** What a run printed: a run of dist/index.js or dist/cli.js (the flow layer's runs have no stderr). */
export interface Printed {
  code: number | null
  stdout: string
  stderr?: string
}

/** Enough of a log to see what went wrong, not so much that the failure scrolls away: its end. */
const LOG_TAIL = 8_000

function tail(text: string): string {
  return text.length > LOG_TAIL ? `[... ${text.length - LOG_TAIL} characters before]\n${text.slice(-LOG_TAIL)}` : text
}

/** A run's stdout without the ::add-mask:: lines, which are most of it and say nothing of what happened. */
export function withoutMasks(stdout: string): string {
  return stdout
    .split('\n')
    .filter((line) => !line.startsWith('::add-mask::'))
    .join('\n')
}

/**
 * What happened, for the message of an assertion on a run's exit code or on what it posted: the exit code, the
 * end of stdout and stderr, and everything on the stand-in's threads (comments, reviews and their line comments,
 * the pull requests and issues opened). Cheap: vitest builds the message whether or not the assertion fails.
 */
export function said(run: Printed, github: FakeGitHub): string {
  const thread = [
    ...[...github.comments].flatMap(([n, list]) => list.map((c) => `#${n} comment by ${c.login}:\n${c.body}`)),
    ...[...github.pulls].flatMap(([n, pull]) => [
      ...pull.reviews.map((r) => `#${n} review (${r.state}) by ${r.login}:\n${r.body}`),
      ...pull.reviewComments.map((c) => `#${n} line comment on ${c.path}:${c.line} by ${c.login}:\n${c.body}`)
    ]),
    ...github.pullRequests.map((p) => `pull request #${p.number} "${p.title}" from ${p.head}:\n${p.body}`),
    ...[...github.issues.values()].map((i) => `issue #${i.number} "${i.title}" opened:\n${i.body}`)
  ]
  return [
    `exit code ${String(run.code)}`,
    `--- stdout (without ::add-mask::) ---\n${tail(withoutMasks(run.stdout))}`,
    ...(run.stderr === undefined ? [] : [`--- stderr ---\n${tail(run.stderr)}`]),
    `--- the thread (${thread.length}) ---\n${thread.join('\n\n') || '(nothing)'}`
  ].join('\n')
}
