// Failing checks on git-bob's own pull request: whose pull request it is, how many fixes git-bob has tried on it
// (its earlier answers' hidden markers), and the request git-bob writes for itself from what failed. Pure, but
// for checksNeverStarted, which asks GitHub through the port it is given.
import { fenced } from '../ports/fenced.ts'
import { counted } from '../plural.ts'
import type { CheckRunInfo, GitHub, IssueInfo, PostedMessages } from '../ports/github.ts'
import type { ChecksFailed, TriggerEvent } from '../trigger/event.ts'
import { writtenByGitBob } from './answered.ts'

/** Branches git-bob opens its pull requests from. */
export const OWN_BRANCH_PREFIX = 'git-bob/'

/** The workflow token's account, which opens git-bob's pull requests unless it runs as an app or machine user. */
const WORKFLOW_ACCOUNT = 'github-actions[bot]'

/** Whether git-bob opened a pull request: its author is the workflow token's account or the bot-login account. */
export function openedByGitBob(author: string, botLogin: string | null): boolean {
  const login = author.toLowerCase()
  return login === WORKFLOW_ACCOUNT || (botLogin !== null && login === botLogin.toLowerCase())
}

/** The hidden key of a fix git-bob tried on this pull request (requestKey's check_fix:<n>@<sha>). */
const fixKey = (pull: number): RegExp => new RegExp(`"request":"check_fix:${pull}@`)
/** The hidden key of the message that hands the pull request to the maintainers. */
export const limitKey = (pull: number): string => `check_fix:${pull}:limit`

/** The fixes git-bob has tried on this pull request: its messages (answers and failure reports) with the fix key. */
export function fixAttempts(posted: PostedMessages, pull: number, botLogin: string | null): number {
  const byGitBob = writtenByGitBob(botLogin)
  return posted.comments.filter((c) => byGitBob(c) && fixKey(pull).test(c.body)).length
}

/** Whether git-bob has already asked the maintainers to take over this pull request. */
export function handedOver(posted: PostedMessages, pull: number, botLogin: string | null): boolean {
  const byGitBob = writtenByGitBob(botLogin)
  return posted.comments.some((c) => byGitBob(c) && c.body.includes(`"request":"${limitKey(pull)}"`))
}

const FAILED = new Set(['failure', 'timed_out', 'startup_failure'])

export function failedRuns(runs: readonly CheckRunInfo[]): CheckRunInfo[] {
  return runs.filter((r) => r.conclusion !== null && FAILED.has(r.conclusion))
}

/**
 * What git-bob asks of itself: which checks failed on which commit, and the end of each failing job's log (the
 * log is the repository's code speaking, shown as data in a fence).
 */
export function checkFixRequest(
  name: string,
  headSha: string,
  failed: readonly CheckRunInfo[],
  logs: readonly { name: string; tail: string }[]
): string {
  const names = failed.length ? failed.map((r) => `"${r.name}"`).join(', ') : `"${name}"`
  const lines = [
    `The checks of this pull request failed on commit ${headSha.slice(0, 7)}: ${names}.`,
    'Change the files of this pull request so that these checks pass, without weakening or removing the checks.',
    'If the failure is not caused by this pull request (a flaky test, a missing secret, the CI setup), change nothing and say so.'
  ]
  for (const log of logs) lines.push('', `The end of the log of "${log.name}":`, '', fenced(log.tail))
  return lines.join('\n')
}

/** How many lines of a failing job's log the request keeps. */
export const LOG_TAIL_LINES = 80

/** Said under an answer on git-bob's own pull request when no check ran on it at all, and why. */
export const NO_CHECKS_NOTE =
  "No checks ran on this pull request: it was opened with the workflow's `GITHUB_TOKEN`, and GitHub starts no " +
  'workflows for pull requests and pushes made with that token. To have CI run on my pull requests (and let me ' +
  'fix its failures), give me a GitHub App token or a personal token as `github-token` and set `bot-login` ' +
  '(docs/triggers.md, "Its own failing checks").'

/**
 * Whether a pull request opened with the workflow token has no check run and no commit status at all: the sign
 * that its CI was never started. Only asked for such pull requests (three requests); a failure to read says nothing.
 */
export async function checksNeverStarted(
  target: { kind: 'issue' | 'pull_request'; number: number; author: { login: string } },
  api: Pick<GitHub, 'pullState' | 'checkRuns' | 'statuses'>
): Promise<boolean> {
  if (target.kind !== 'pull_request' || target.author.login.toLowerCase() !== WORKFLOW_ACCOUNT) return false
  try {
    const { headSha } = await api.pullState(target.number)
    const [runs, statuses] = await Promise.all([api.checkRuns(headSha), api.statuses(headSha)])
    return runs.length === 0 && statuses.length === 0
  } catch {
    return false
  }
}

/** The request on the pull request, before its text (checkFixRequest) is written. */
export function checkFixEvent(checks: ChecksFailed, info: IssueInfo): TriggerEvent {
  const url = `${checks.repo.htmlUrl}/pull/${checks.pull}`
  return {
    eventName: checks.eventName,
    repo: checks.repo,
    target: {
      kind: 'pull_request',
      number: checks.pull,
      title: info.title,
      body: info.body,
      author: { login: info.author, id: 0, isBot: info.author.endsWith('[bot]') },
      association: 'NONE',
      createdAt: info.createdAt,
      url
    },
    request: {
      source: 'check_fix',
      // No comment of its own: 0 never names one of the thread's.
      id: 0,
      body: '',
      // git-bob asks itself; written by code, not by a person (the text is checkFixRequest's).
      author: { login: info.author, id: 0, isBot: false },
      association: 'NONE',
      createdAt: new Date().toISOString(),
      url
    },
    pullRequest: {
      headRef: checks.headRef,
      headSha: checks.headSha,
      headRepo: `${checks.repo.owner}/${checks.repo.name}`,
      baseRef: checks.baseRef,
      baseSha: checks.baseSha
    }
  }
}

/** The one comment after the last fix: the maintainers take over. */
export function handOverMessage(name: string, tried: number): string {
  return (
    `The checks of this pull request still fail (${name}) after ${counted(tried, 'fix')} I tried. ` +
    'I stop here so as not to spend more: a maintainer, please have a look, or write a comment to ask me for ' +
    'something specific.'
  )
}
