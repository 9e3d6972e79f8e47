// Where a change goes: a new branch and pull request for an issue, the same branch while git-bob's
// pull request for the issue is open, the head branch of a pull request, or a branch without a pull
// request for "try". Pure: the facts come in, the decision goes out.

export interface PullRef {
  number: number
  url: string
}

export type ChangeTarget =
  /** `issue`: the issue its pull request closes; null for the review memory's, which closes nothing. */
  | { mode: 'new-pr'; branch: string; base: string; issue: number | null }
  | { mode: 'update-pr'; branch: string; pull: PullRef; issue: number | null }
  | { mode: 'pr-head'; branch: string; pull: PullRef }
  | { mode: 'try'; branch: string; base: string }

export type TargetDecision = { ok: true; target: ChangeTarget } | { ok: false; reason: string }

export function issueBranchPrefix(issue: number): string {
  return `git-bob/issue-${issue}`
}

/** The branch of the review memory's pull request (`remember`), for the whole repository. */
export const MEMORY_BRANCH = 'git-bob/review-memory'

/** The branches git-bob made for an issue, oldest first: git-bob/issue-7, git-bob/issue-7-2, ... */
export function issueBranches(issue: number, remote: readonly string[]): string[] {
  return numberedBranches(issueBranchPrefix(issue), remote)
}

/** The branches named `prefix`, `prefix-2`, ... among origin's, oldest first. */
export function numberedBranches(prefix: string, remote: readonly string[]): string[] {
  const pattern = new RegExp(`^${prefix.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}(?:-(\\d+))?$`)
  return remote
    .map((b) => ({ b, m: pattern.exec(b) }))
    .filter((x) => x.m)
    .sort((x, y) => Number(x.m![1] ?? 1) - Number(y.m![1] ?? 1))
    .map((x) => x.b)
}

export function planIssueTarget(facts: {
  /** The issue the pull request closes; null: the review memory's (MEMORY_BRANCH), closing nothing. */
  issue: number | null
  defaultBranch: string
  /** git-bob's open pull request for this issue (or the memory), if any, with its branch. */
  openPull: (PullRef & { branch: string }) | null
  /** Branches on origin that start with git-bob/issue-<n> (or the memory's branch). */
  existingBranches: readonly string[]
}): ChangeTarget {
  if (facts.openPull)
    return { mode: 'update-pr', branch: facts.openPull.branch, pull: facts.openPull, issue: facts.issue }
  const taken = new Set(facts.existingBranches)
  const prefix = facts.issue === null ? MEMORY_BRANCH : issueBranchPrefix(facts.issue)
  let branch = prefix
  for (let n = 2; taken.has(branch); n++) branch = `${prefix}-${n}`
  return { mode: 'new-pr', branch, base: facts.defaultBranch, issue: facts.issue }
}

export function planTryTarget(facts: { number: number; runId: string; base: string }): ChangeTarget {
  return { mode: 'try', branch: `git-bob/try-${facts.number}-${facts.runId}`, base: facts.base }
}

export function planPullTarget(facts: {
  pull: PullRef
  headRef: string
  /** owner/name of the head repository; null when the fork was deleted. */
  headRepo: string | null
  repo: string
  defaultBranch: string
  state: string
}): TargetDecision {
  if (facts.state !== 'open')
    return {
      ok: false,
      reason: `pull request #${facts.pull.number} is ${facts.state}; I only add commits to open pull requests.`
    }
  if (facts.headRepo?.toLowerCase() !== facts.repo.toLowerCase()) {
    return {
      ok: false,
      reason: `this pull request comes from ${facts.headRepo ? `the fork ${facts.headRepo}` : 'a deleted fork'}, and I can only push to branches of ${facts.repo}. I'm happy to comment or review here instead; a maintainer can also ask me to implement this in an issue.`
    }
  }
  if (facts.headRef === facts.defaultBranch)
    return {
      ok: false,
      reason: `this pull request's branch is the default branch (${facts.defaultBranch}), and I never push to it.`
    }
  return { ok: true, target: { mode: 'pr-head', branch: facts.headRef, pull: facts.pull } }
}
