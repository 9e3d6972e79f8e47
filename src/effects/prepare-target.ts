// Decides where a change goes (commands/implement/target.ts) from what GitHub and origin say, then
// checks that branch out so the command reads and writes the files it will commit on.
import type { TriggerEvent } from '../trigger/event.ts'
import type { Forge } from '../ports/forge.ts'
import {
  MEMORY_BRANCH,
  numberedBranches,
  issueBranchPrefix,
  planIssueTarget,
  planPullTarget,
  planTryTarget,
  type TargetDecision
} from '../commands/implement/target.ts'

/** What is asked of GitHub: the pull request a request was made on, git-bob's open one for a branch. */
export type PullLookup = Pick<Forge, 'pull' | 'openPullFor'>

/** What is asked of the checkout: origin's branches, and switching to one. */
export interface BranchCheckout {
  /** Branches on origin whose names start with `prefix`. */
  remoteBranches(prefix: string): Promise<string[]>
  /** Checks out `branch` at the tip of `from` on origin. */
  checkout(branch: string, from: string): Promise<void>
}

/** The pull request's head branch, when git-bob may push to it. */
async function onPull(event: TriggerEvent, api: PullLookup): Promise<TargetDecision> {
  const pull = await api.pull(event.target.number)
  return planPullTarget({
    pull: { number: event.target.number, url: pull.url },
    headRef: pull.headRef,
    headRepo: pull.headRepo,
    repo: `${event.repo.owner}/${event.repo.name}`,
    defaultBranch: event.repo.defaultBranch,
    state: pull.state
  })
}

/**
 * git-bob's newest branch for the issue whose pull request is still open, or the next one; for the review
 * memory (`issue` null) the same with the memory's branch, whatever the request was written on.
 */
async function onIssue(
  issue: number | null,
  event: TriggerEvent,
  api: PullLookup,
  workspace: BranchCheckout
): Promise<TargetDecision> {
  const prefix = issue === null ? MEMORY_BRANCH : issueBranchPrefix(issue)
  const branches = numberedBranches(prefix, await workspace.remoteBranches(prefix))
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
      issue,
      defaultBranch: event.repo.defaultBranch,
      openPull,
      existingBranches: branches
    })
  }
}

export async function prepareTarget(
  mode: 'pull-request' | 'try' | 'memory',
  event: TriggerEvent,
  api: PullLookup,
  workspace: BranchCheckout,
  runId: string
): Promise<TargetDecision> {
  // "try" works on a branch for the run, from the pull request's head (once it may be pushed to) or, on an
  // issue, from the default branch without asking GitHub.
  const tryFrom = (base: string): TargetDecision => ({
    ok: true,
    target: planTryTarget({ number: event.target.number, runId, base })
  })
  let decision: TargetDecision
  if (mode === 'memory') decision = await onIssue(null, event, api, workspace)
  else if (event.target.kind === 'pull_request') {
    decision = await onPull(event, api)
    if (decision.ok && mode === 'try') decision = tryFrom(decision.target.branch)
  } else
    decision =
      mode === 'try' ? tryFrom(event.repo.defaultBranch) : await onIssue(event.target.number, event, api, workspace)
  if (!decision.ok) return decision
  const target = decision.target
  const from = target.mode === 'new-pr' || target.mode === 'try' ? target.base : target.branch
  if (target.branch === event.repo.defaultBranch)
    return { ok: false, reason: `git-bob never pushes to the default branch (${target.branch}).` }
  await workspace.checkout(target.branch, from)
  return decision
}
