// Checks that failed on git-bob's own pull request.
import { readFixChecksAttempts } from '../config.ts'
import { answers } from '../conversation/answered.ts'
import { describeFailure } from '../outbox/failure.ts'
import { Outbox } from '../outbox/outbox.ts'
import { Redactor } from '../outbox/secrets.ts'
import { redactRepositorySecrets } from '../outbox/repository-secrets.ts'
import type { Adapters } from '../run-types.ts'
import type { Forge } from '../ports/forge.ts'
import type { CheckRunInfo, IssueInfo, PostedMessages } from '../ports/github.ts'
import type { Logger, RunEnvironment, RunResult } from '../ports/run.ts'
import type { ChecksFailed, TriggerEvent } from '../trigger/event.ts'
import { type Checks, type Incoming } from '../trigger/read-request.ts'
import {
  checkFixEvent,
  checkFixRequest,
  failedRuns,
  fixAttempts,
  handedOver,
  handOverMessage,
  limitKey,
  LOG_TAIL_LINES,
  openedByGitBob,
  OWN_BRANCH_PREFIX
} from '../conversation/check-fix.ts'
import { logTail } from '../conversation/tools/ci.ts'
import type { Command } from '../trigger/grammar.ts'
import { counted } from '../plural.ts'
import { answer } from './answer.ts'
import { ignored, type Shared } from './stages.ts'

/**
 * Checks failed on a pull request: when git-bob opened it from a git-bob/ branch of this repository, git-bob reads
 * what failed and fixes it through the same path as "implement" in a comment (the rules of the box, the same
 * limits on spending), at most fix-checks-attempts times; then one stamped comment asks the maintainers.
 */
export async function fixChecks(request: Checks, environment: RunEnvironment, adapters: Adapters): Promise<RunResult> {
  const { log } = adapters
  const { checks, gate } = request
  const pull = checks.pull
  if (!checks.headRef.startsWith(OWN_BRANCH_PREFIX)) {
    return ignored(log, `${checks.name} failed on the branch ${checks.headRef}, which is not one of git-bob's`)
  }
  const attempts = readFixChecksAttempts(adapters.readInput)
  const redactor = new Redactor([gate.githubToken])
  redactor.addFromEnvironment(environment.env)
  const api = await adapters.connectGitHub(gate.githubToken, { owner: checks.repo.owner, repo: checks.repo.name })
  const info = await ownPull(api, checks, gate.botLogin)
  if (typeof info === 'string') return ignored(log, info)
  const event = checkFixEvent(checks, info)
  const posted = await api.posted(pull, true)
  // A re-run for a head git-bob has tried to fix already: no second fix, and no hand-over for it either.
  if (answers(event, posted.comments, gate.botLogin)) return alreadyHandled(adapters)
  const shared: Shared = { environment, adapters, api, redactor }
  const tried = fixAttempts(posted, pull, gate.botLogin)
  if (tried >= attempts) return handOver(request, event, posted, tried, shared)
  return fix(request, event, { tried, attempts }, shared)
}

/**
 * The pull request, when it is git-bob's own and the commit that failed is still its head; otherwise why nothing
 * is done.
 */
async function ownPull(api: Forge, checks: ChecksFailed, botLogin: string | null): Promise<IssueInfo | string> {
  const pull = checks.pull
  const info = await api.issue(pull)
  if (!info || !info.isPull || info.state !== 'open') return `pull request #${pull} is not open`
  // Never on a pull request a person opened: their branch is theirs.
  if (!openedByGitBob(info.author, botLogin)) {
    return `pull request #${pull} was opened by @${info.author}, not by git-bob`
  }
  // The pull request as it is now, not as the event tells it: git-bob's branch of this repository (a check suite
  // names no head repository), and the commit that failed still its head (a late failure of an older commit
  // would start a fix on a newer one, with logs that no longer apply).
  const [now, state] = await Promise.all([api.pull(pull), api.pullState(pull)])
  const here = `${checks.repo.owner}/${checks.repo.name}`.toLowerCase()
  if (now.headRepo?.toLowerCase() !== here || now.headRef !== checks.headRef) {
    return `pull request #${pull} is not from git-bob's branch ${checks.headRef} of ${here}`
  }
  if (state.headSha !== checks.headSha) {
    return `${checks.name} failed on ${checks.headSha.slice(0, 7)}, no longer the head of #${pull}`
  }
  return info
}

function alreadyHandled(adapters: Adapters): RunResult {
  adapters.log.info('This failure was already handled (the workflow was re-run); nothing more is posted.')
  adapters.setOutput('status', 'already-answered')
  return { status: 'already-answered', reason: 'already answered', posted: [] }
}

/** The fixes are used up: one stamped comment asks the maintainers to take over, once. */
async function handOver(
  { checks, gate }: Checks,
  event: TriggerEvent,
  posted: PostedMessages,
  tried: number,
  { environment, adapters, api, redactor }: Shared
): Promise<RunResult> {
  const { log } = adapters
  const pull = checks.pull
  if (handedOver(posted, pull, gate.botLogin)) return ignored(log, `the maintainers were asked to take over #${pull}`)
  const outbox = new Outbox(
    api,
    { botName: gate.botName, runUrl: environment.runUrl, requestKey: limitKey(pull) },
    redactor
  )
  const parts = await outbox.reply(event, handOverMessage(checks.name, tried), null)
  log.info(`Checks failed on #${pull} after ${counted(tried, 'fix')}: the maintainers are asked to take over.`)
  adapters.setOutput('status', 'answered')
  return { status: 'answered', reason: 'handed over to the maintainers', posted: parts.map((p) => p.url) }
}

/** Another fix: git-bob's request to itself, from what failed and the end of the logs, answered as "implement". */
async function fix(
  { checks, gate }: Checks,
  event: TriggerEvent,
  { tried, attempts }: { tried: number; attempts: number },
  shared: Shared
): Promise<RunResult> {
  const failed = failedRuns(await shared.api.checkRuns(checks.headSha))
  // Masked as the reading tools mask a log (read_ci), before its long lines are cut.
  const redact = (text: string): string => redactRepositorySecrets(shared.redactor.redact(text))
  const logs = await failedLogs(shared.api, failed, shared.adapters.log, redact)
  const body = shared.redactor.redact(checkFixRequest(checks.name, checks.headSha, failed, logs))
  const withText: TriggerEvent = { ...event, request: { ...event.request, body } }
  const command: Command = { kind: 'known', verb: 'implement', word: 'implement', args: '' }
  const incoming: Incoming = { kind: 'incoming', event: withText, gate, addressed: true, command: () => command }
  const why = `${checks.name} failed on git-bob's own pull request (fix ${tried + 1} of ${attempts})`
  return answer(incoming, { kind: 'allow', why, command }, shared)
}

/** The end of the failed jobs' logs; a log that cannot be read is warned of and left out. */
async function failedLogs(
  api: Forge,
  failed: readonly CheckRunInfo[],
  log: Logger,
  redact: (text: string) => string
): Promise<{ name: string; tail: string }[]> {
  const logs: { name: string; tail: string }[] = []
  // The reading tools' source: a workflow job's check run id is its job id. Two logs are enough to act on.
  for (const run of failed.filter((r) => r.app === 'github-actions').slice(0, 2)) {
    try {
      logs.push({ name: run.name, tail: logTail(await api.jobLog(run.id, 200_000), LOG_TAIL_LINES, redact) })
    } catch (error) {
      log.warning(`The log of "${run.name}" could not be read: ${describeFailure(error).what}`)
    }
  }
  return logs
}
