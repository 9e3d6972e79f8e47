// Which part of a pull request a review looks at. Pure.
//
// The first review covers the whole pull request. Later ones cover only what changed since the commit
// git-bob last reviewed (kept in the hidden marker of that review), unless the request asks for a full
// review: "git-bob review fully", "git-bob review full", "git-bob review everything",
// "git-bob review all of it", "git-bob review again from scratch", "git-bob review (full review please)".

const FULL = /\b(?:full|fully|whole|entire|everything|all|from scratch)\b/i

/** True when the words after "review" ask for the whole pull request again. */
export function wantsFullReview(args: string): boolean {
  return FULL.test(args)
}

export type ReviewScope =
  /** The whole pull request against its base. */
  | { kind: 'full'; why: string }
  /** Only what changed from `since` (git-bob's last reviewed head) to the head. */
  | { kind: 'since'; since: string }
  /** git-bob already reviewed this head and nobody asked for a full review. */
  | { kind: 'unchanged'; since: string }

export interface ComparisonFacts {
  /** As GitHub's compare API reports it: ahead, behind, diverged or identical. */
  status: string
  fileCount: number
}

/** GitHub's compare API lists at most this many files. */
export const COMPARE_FILE_LIMIT = 300

/** Before comparing: what the request and the last review allow. */
export function firstScope(args: string, lastReviewed: string | null, head: string): ReviewScope | null {
  if (wantsFullReview(args)) return { kind: 'full', why: 'a full review was asked for' }
  if (!lastReviewed) return { kind: 'full', why: 'this is the first review' }
  if (lastReviewed === head) return { kind: 'unchanged', since: lastReviewed }
  return null // compare lastReviewed...head next
}

/** After comparing: an incremental review only when the head simply moved on from the reviewed commit. */
export function scopeAfterCompare(
  lastReviewed: string,
  comparison: ComparisonFacts | null,
  forge = 'GitHub'
): ReviewScope {
  if (!comparison)
    return {
      kind: 'full',
      why: `the commit I last reviewed (${lastReviewed.slice(0, 7)}) is no longer on ${forge}, so I reviewed everything again`
    }
  if (comparison.status === 'identical') return { kind: 'unchanged', since: lastReviewed }
  if (comparison.status !== 'ahead') {
    return {
      kind: 'full',
      why: `the branch was rewritten since my last review of ${lastReviewed.slice(0, 7)} (force-push or rebase), so I reviewed everything again`
    }
  }
  if (comparison.fileCount >= COMPARE_FILE_LIMIT) {
    return {
      kind: 'full',
      why: `${forge} lists at most ${COMPARE_FILE_LIMIT} files of a comparison, so I reviewed everything again rather than miss some`
    }
  }
  return { kind: 'since', since: lastReviewed }
}
