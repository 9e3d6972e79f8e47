// Decides where a change goes (commands/implement/target.ts) from what GitHub and origin say, then
// checks that branch out so the command reads and writes the files it will commit on.
import type { TriggerEvent } from '../trigger/event.ts'
import type { GitHubApi } from '../adapters/github/api.ts'
import {
  issueBranches,
  issueBranchPrefix,
  planIssueTarget,
  planPullTarget,
  planTryTarget,
  type TargetDecision
} from '../commands/implement/target.ts'

/** What is asked of GitHub: the pull request a request was made on, git-bob's open one for a branch. */
export type PullLookup = Pick<GitHubApi, 'pull' | 'openPullFor'>

/** What is asked of the checkout: origin's branches, and switching to one. */
export interface BranchCheckout {
  /** Branches on origin whose names start with `prefix`. */
  remoteBranches(prefix: string): Promise<string[]>
  /** Checks out `branch` at the tip of `from` on origin. */
  checkout(branch: string, from: string): Promise<void>
}

async function decide(
  mode: 'pull-request' | 'try',
  event: TriggerEvent,
  api: PullLookup,
  workspace: BranchCheckout,
  runId: string
): Promise<TargetDecision> {
  const number = event.target.number
  if (event.target.kind === 'pull_request') {
    const pull = await api.pull(number)
    const decision = planPullTarget({
      pull: { number, url: pull.url },
      headRef: pull.headRef,
      headRepo: pull.headRepo,
      repo: `${event.repo.owner}/${event.repo.name}`,
      defaultBranch: event.repo.defaultBranch,
      state: pull.state
    })
    if (!decision.ok || mode === 'pull-request') return decision
    return { ok: true, target: planTryTarget({ number, runId, base: pull.headRef }) }
  }
  if (mode === 'try') return { ok: true, target: planTryTarget({ number, runId, base: event.repo.defaultBranch }) }
  const branches = issueBranches(number, await workspace.remoteBranches(issueBranchPrefix(number)))
  let openPull: { number: number; url: string; branch: string } | null = null
  for (const branch of [...branches].reverse()) {
    const pull = await api.openPullFor(branch)
    if (pull) {
      openPull = { ...pull, branch }
      break
    }
  }
  return {
    ok: true,
    target: planIssueTarget({
      issue: number,
      defaultBranch: event.repo.defaultBranch,
      openPull,
      existingBranches: branches
    })
  }
}

export async function prepareTarget(
  mode: 'pull-request' | 'try',
  event: TriggerEvent,
  api: PullLookup,
  workspace: BranchCheckout,
  runId: string
): Promise<TargetDecision> {
  const decision = await decide(mode, event, api, workspace, runId)
  if (!decision.ok) return decision
  const target = decision.target
  const from = target.mode === 'new-pr' || target.mode === 'try' ? target.base : target.branch
  if (target.branch === event.repo.defaultBranch)
    return { ok: false, reason: `git-bob never pushes to the default branch (${target.branch}).` }
  await workspace.checkout(target.branch, from)
  return decision
}
