// What a run left behind, for the tests that attack it (the box, notebooks): the pull request's file list against
// the commit, and everything a secret could have reached. The e2e layer's runs of dist/ and the flow layer's
// runs of runStep() alike.
import { expect } from 'vitest'
import { git, type GitRemote } from './git-remote.ts'
import type { FakeGitHub } from './github.ts'
import type { FakeOpenAI } from './openai.ts'
import { withoutMasks, type Printed } from './said.ts'

/** The stand-ins a run talked to. */
interface Stand {
  github: FakeGitHub
  model: FakeOpenAI
}

/** The pull request lists exactly the files of the commit on git-bob's branch (none when nothing was pushed). */
export function expectListedAsCommitted(stage: Pick<Stand, 'github'>, repo: GitRemote, files: readonly string[]): void {
  const committed = files.length
    ? git(repo.origin, 'diff', '--name-only', 'master', 'git-bob/issue-1').split('\n').filter(Boolean)
    : []
  const body = stage.github.pullRequests[0]?.body ?? ''
  const section = /\*\*Files:\*\*\n((?:- .*\n?)+)/.exec(body)?.[1] ?? ''
  const listed = [...section.matchAll(/^- (?:`|\[`)([^`]+)`/gm)].map((m) => m[1]!)
  expect(new Set(listed)).toEqual(new Set(committed))
}

/**
 * Everything a run pushed (these files), posted, summarised, logged (less ::add-mask::; stderr too, where the run
 * was a process of its own) or sent to the model.
 */
export function everythingSaid(
  stage: Stand,
  run: Printed & { summary: string },
  repo: GitRemote,
  files: readonly string[]
): string {
  return [
    ...files.map((path) => repo.show('git-bob/issue-1', path)),
    ...stage.github.pullRequests.map((pr) => pr.body),
    ...stage.github.postedComments(1).map((c) => c.body),
    run.summary,
    withoutMasks(run.stdout),
    run.stderr ?? '',
    JSON.stringify(stage.model.requests.map((r) => r.body))
  ].join('\n')
}
