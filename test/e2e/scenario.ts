// The e2e layer's stage: the stand-ins of test/fakes/stage.ts, and the built action run as the runner runs it.
import { expect } from 'vitest'
import { runAction, type ActionOptions, type ActionRun } from '../fakes/action.ts'
import { git, type GitRemote } from '../fakes/git-remote.ts'
import { said, withoutMasks, type Printed } from '../fakes/said.ts'
import { useStage as stage, type Stage } from '../fakes/stage.ts'

export { annotations, OPENAI_KEY } from '../fakes/stage.ts'
export { said } from '../fakes/said.ts'

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
