// The e2e layer's stage: the stand-ins of test/fakes/stage.ts, and the built action run as the runner runs it.
import { expect } from 'vitest'
import { runAction, type ActionOptions, type ActionRun } from '../fakes/action.ts'
import { git, type GitRemote } from '../fakes/git-remote.ts'
import type { FakeGitHub } from '../fakes/github.ts'
import { useStage as stage, type Stage } from '../fakes/stage.ts'

export { annotations, OPENAI_KEY } from '../fakes/stage.ts'

/** What a started process printed: a run of dist/index.js or of dist/cli.js. */
interface Printed {
  code: number | null
  stdout: string
  stderr: string
}

/** Enough of a log to see what went wrong, not so much that the failure scrolls away: its end. */
const LOG_TAIL = 8_000

function tail(text: string): string {
  return text.length > LOG_TAIL ? `[... ${text.length - LOG_TAIL} characters before]\n${text.slice(-LOG_TAIL)}` : text
}

/** A run's stdout without the ::add-mask:: lines, which are most of it and say nothing of what happened. */
function withoutMasks(stdout: string): string {
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
    `--- stderr ---\n${tail(run.stderr)}`,
    `--- the thread (${thread.length}) ---\n${thread.join('\n\n') || '(nothing)'}`
  ].join('\n')
}

type E2eStage = Stage<Omit<ActionOptions, 'githubUrl'>, ActionRun> & {
  /** said() on this stage's GitHub. */
  said(run: Printed): string
}

/** `defaults`: options for every run of this stage, e.g. a longer `timeoutMs` in a file of heavy runs. */
export function useStage(defaults: Pick<ActionOptions, 'timeoutMs'> = {}): E2eStage {
  const e2e = stage((options: ActionOptions) => runAction({ ...defaults, ...options })) as E2eStage
  e2e.said = (run) => said(run, e2e.github)
  return e2e
}

/** The pull request lists exactly the files of the commit on git-bob's branch (none when nothing was pushed). */
export function expectListedAsCommitted(stage: E2eStage, repo: GitRemote, files: readonly string[]): void {
  const committed = files.length
    ? git(repo.origin, 'diff', '--name-only', 'master', 'git-bob/issue-1').split('\n').filter(Boolean)
    : []
  const body = stage.github.pullRequests[0]?.body ?? ''
  const section = /\*\*Files:\*\*\n((?:- .*\n?)+)/.exec(body)?.[1] ?? ''
  const listed = [...section.matchAll(/^- (?:`|\[`)([^`]+)`/gm)].map((m) => m[1]!)
  expect(new Set(listed)).toEqual(new Set(committed))
}

/** Everything a run pushed (these files), posted, summarised, logged (less ::add-mask::) or sent to the model. */
export function everythingSaid(stage: E2eStage, run: ActionRun, repo: GitRemote, files: readonly string[]): string {
  return [
    ...files.map((path) => repo.show('git-bob/issue-1', path)),
    ...stage.github.pullRequests.map((pr) => pr.body),
    ...stage.github.postedComments(1).map((c) => c.body),
    run.summary,
    withoutMasks(run.stdout),
    run.stderr,
    JSON.stringify(stage.model.requests.map((r) => r.body))
  ].join('\n')
}
