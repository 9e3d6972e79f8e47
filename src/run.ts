// One run of the action, in the order of ARCHITECTURE.md: read the request, admit it, stop if it was
// already answered, gather what the command needs, run the command, carry out what it decided, record.
// Each stage is one call with a typed hand-off; the adapters come in as arguments.
import { acknowledge } from './effects/acknowledge.ts'
import { carryOut, reportFailure } from './effects/carry-out.ts'
import { labelPostscript, takeLabel } from './effects/take-label.ts'
import { commandFor, runCommand } from './commands/run-command.ts'
import { COMMANDS } from './commands/registry.ts'
import { runRows } from './commands/implement/statuses.ts'
import { wantsFullReview } from './commands/review/scope.ts'
import { readBudgetConfig, readFixChecksAttempts, readTriageMaxIssues, type BudgetConfig } from './config.ts'
import { answers, checkAnswered, waitingCommand } from './conversation/answered.ts'
import { confirmationFor } from './conversation/estimate.ts'
import { gather, type Gathered } from './conversation/gather.ts'
import { formatCost } from './llm/prices.ts'
import { hasLimits, utcDay, type Spending } from './ports/ledger.ts'
import { budgetAllows, budgetSpentMessage, closeLedger, ledgerLine } from './record/ledger.ts'
import type { GitHub } from './ports/github.ts'
import type { EffectPorts, Publisher } from './effects/apply-outcome.ts'
import { forgetReadings } from './markdown/document.ts'
import { describeFailure } from './outbox/failure.ts'
import { Outbox } from './outbox/outbox.ts'
import { Redactor } from './outbox/secrets.ts'
import { RunRecord, requestFacts } from './record/record.ts'
import type { Adapters } from './run-types.ts'
import type { Logger, RunEnvironment, RunResult } from './ports/run.ts'
import { admit, type Admission } from './trigger/admit.ts'
import { isCheckFix, requestKey, type TriggerEvent } from './trigger/event.ts'
import { readRequest, type Checks, type Incoming, type Sweep } from './trigger/read-request.ts'
import {
  checkFixEvent,
  checkFixRequest,
  checksNeverStarted,
  failedRuns,
  fixAttempts,
  handedOver,
  handOverMessage,
  limitKey,
  logTail,
  NO_CHECKS_NOTE,
  openedByGitBob,
  OWN_BRANCH_PREFIX
} from './conversation/check-fix.ts'
import { mayTrigger } from './trigger/gate.ts'
import type { Command } from './trigger/grammar.ts'
import { triageCandidates } from './conversation/triage-candidates.ts'
import { runnerRepository, triageEvent, triageSummary } from './conversation/triage-event.ts'
import { counted } from './plural.ts'

export type { Adapters } from './run-types.ts'
export type { RunEnvironment, RunResult } from './ports/run.ts'

export async function run(environment: RunEnvironment, adapters: Adapters): Promise<RunResult> {
  const { log } = adapters
  // What was read as markdown, and the reads given up on, count for one run (flow tests run many in one process).
  forgetReadings()
  const incoming = await readRequest(environment, adapters.readInput, COMMANDS)
  if (incoming.kind === 'ignored') return ignored(log, incoming.reason)
  if (incoming.kind === 'sweep') return sweep(incoming, environment, adapters)
  if (incoming.kind === 'checks') return fixChecks(incoming, environment, adapters)
  const { event, gate } = incoming
  const redactor = new Redactor([gate.githubToken])
  redactor.addFromEnvironment(environment.env)
  // GitHub is connected on first use: a request the cheap checks turn away needs no connection.
  let connection: Promise<GitHub> | undefined
  const github = (): Promise<GitHub> =>
    (connection ??= adapters.connectGitHub(gate.githubToken, { owner: event.repo.owner, repo: event.repo.name }))

  const admission = await admit(incoming, async (login) => (await github()).permission(login))
  if (admission.kind === 'ignore') {
    // git-bob's label, added by someone who may not make it act: taken off, so it does not wait for the next run.
    if (admission.taken) await takeLabel(event, await github(), log)
    return ignored(log, admission.why)
  }
  if (admission.kind === 'unchecked') return unchecked(admission.error, incoming, adapters, redactor)
  return answer(incoming, admission, { environment, adapters, api: await github(), redactor })
}

/** What every request of a run shares: one run may answer several (a triage). */
interface Shared {
  environment: RunEnvironment
  adapters: Adapters
  api: GitHub
  redactor: Redactor
}

/** An admitted request, from "already answered?" to the record: whatever started it, every request passes here. */
async function answer(incoming: Incoming, admission: Stages['admission'], shared: Shared): Promise<RunResult> {
  const { environment, adapters, api, redactor } = shared
  const { log } = adapters
  const { event, gate } = incoming
  const record = new RunRecord()
  const stampContext = {
    botName: gate.botName,
    runUrl: environment.runUrl,
    requestKey: requestKey(event),
    ...(environment.local ? { local: true } : {})
  }
  const outbox = new Outbox(api, stampContext, redactor)
  for (const [name, value] of requestFacts(event, admission.command)) record.fact(name, value)
  record.fact('permission', admission.why)
  // On git-bob's own pull request without any check: people learn why CI never ran (the workflow token). Not
  // under a refusal: a stranger learns nothing of the setup.
  const own = admission.kind === 'allow' && !isCheckFix(event)
  if (own && (await checksNeverStarted(event.target, api))) record.notes.tell(NO_CHECKS_NOTE)

  const stages: Stages = {
    incoming,
    admission,
    environment,
    adapters,
    api,
    outbox,
    record,
    redactor,
    budget: null,
    spentBefore: null
  }
  const redact = (text: string): string => redactor.redact(text)
  let result: RunResult
  try {
    result = await respond(stages)
  } catch (error) {
    result = await reportFailure(error, event, outbox, record.transcript, log, redact, labelPostscript(event))
  }
  await addToLedger(stages)
  await finishProgress(outbox, event, result, log)
  // Handled, answered or failed: the label that started this run comes off, so it starts nothing more.
  await takeLabel(event, api, log)
  await record.close(result, `git-bob on #${event.target.number}`, api.calls, adapters, redact)
  return result
}

/**
 * A triage run (the schedule, or a dispatch asking for it): the newest open issues nobody has labelled and git-bob
 * has not answered, at most triage-max-issues, each answered through the same path as a comment. No code runs
 * for a triage, so issues by anyone are triaged; a dispatch is gated like a comment.
 */
async function sweep(request: Sweep, environment: RunEnvironment, adapters: Adapters): Promise<RunResult> {
  const { log } = adapters
  const { sweep: started, gate } = request
  const repo = started.repo ?? runnerRepository(environment)
  if (!repo) return ignored(log, 'a schedule names no repository and GITHUB_REPOSITORY is not set')
  const redactor = new Redactor([gate.githubToken])
  redactor.addFromEnvironment(environment.env)
  const max = readTriageMaxIssues(adapters.readInput)
  const api = await adapters.connectGitHub(gate.githubToken, { owner: repo.owner, repo: repo.name })
  let why = `the repository's schedule`
  if (started.sender) {
    const { login, isBot } = started.sender
    if (isBot && !gate.allowedBots.includes(login.toLowerCase())) return ignored(log, `${login} is a bot`)
    const permission = await api.permission(login)
    if (!mayTrigger(permission)) return ignored(log, `${login} has ${permission} permission; write is needed`)
    why = `${login} has ${permission} permission`
  }
  const [issues, labels] = await Promise.all([api.openIssues(Math.min(100, max * 4)), api.labelNames()])
  const picked = await triageCandidates(issues, max, (n) => api.posted(n, false), gate.botLogin)
  if (!picked.length) return ignored(log, 'no new issue to triage')
  const command: Command = { kind: 'known', verb: 'triage', word: 'triage', args: '' }
  const actor = started.sender ?? { login: 'github-actions[bot]', id: 41898282, isBot: true }
  const results: { number: number; result: RunResult }[] = []
  const budget = readBudgetConfig(adapters.readInput)
  for (const issue of picked) {
    // A spent budget ends the triage quietly: issues by anyone must not each get a "budget spent" reply.
    if (hasLimits(budget.limits) && !(await budgetAllows(api, budget.limits, adapters.now())).allowed) {
      log.info(`The budget is spent: ${counted(picked.length - results.length, 'issue')} left for the next triage.`)
      break
    }
    const event = triageEvent(started.eventName, repo, issue, actor, labels, new Date().toISOString())
    const incoming: Incoming = { kind: 'incoming', event, gate, addressed: true, command: () => command }
    const result = await answer(incoming, { kind: 'allow', why, command }, { environment, adapters, api, redactor })
    results.push({ number: issue.number, result })
  }
  if (!results.length) return ignored(log, 'the budget is spent')
  await adapters.writeSummary(triageSummary(results))
  const failed = results.filter((r) => r.result.status === 'failed').length
  const posted = results.flatMap((r) => r.result.posted)
  adapters.setOutput('status', failed ? 'failed' : 'answered')
  return {
    status: failed ? 'failed' : 'answered',
    reason: `triaged ${counted(results.length, 'issue')}${failed ? `, ${failed} failed` : ''}`,
    posted
  }
}

/**
 * Checks failed on a pull request: when git-bob opened it from a git-bob/ branch of this repository, git-bob reads
 * what failed and fixes it through the same path as "implement" in a comment (the rules of the box, the same
 * limits on spending), at most fix-checks-attempts times; then one stamped comment asks the maintainers.
 */
async function fixChecks(request: Checks, environment: RunEnvironment, adapters: Adapters): Promise<RunResult> {
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
  const info = await api.issue(pull)
  if (!info || !info.isPull || info.state !== 'open') return ignored(log, `pull request #${pull} is not open`)
  // Never on a pull request a person opened: their branch is theirs.
  if (!openedByGitBob(info.author, gate.botLogin)) {
    return ignored(log, `pull request #${pull} was opened by @${info.author}, not by git-bob`)
  }
  const event = checkFixEvent(checks, info)
  const posted = await api.posted(pull, true)
  // A re-run for a head git-bob has tried to fix already: no second fix, and no hand-over for it either.
  if (answers(event, posted.comments, gate.botLogin)) {
    log.info('This failure was already handled (the workflow was re-run); nothing more is posted.')
    adapters.setOutput('status', 'already-answered')
    return { status: 'already-answered', reason: 'already answered', posted: [] }
  }
  const tried = fixAttempts(posted, pull, gate.botLogin)
  if (tried >= attempts) {
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
  const failed = failedRuns(await api.checkRuns(checks.headSha))
  const logs: { name: string; tail: string }[] = []
  // The reading tools' source: a workflow job's check run id is its job id. Two logs are enough to act on.
  for (const run of failed.filter((r) => r.app === 'github-actions').slice(0, 2)) {
    try {
      logs.push({ name: run.name, tail: logTail(await api.jobLog(run.id, 200_000)) })
    } catch (error) {
      log.warning(`The log of "${run.name}" could not be read: ${describeFailure(error).what}`)
    }
  }
  const body = redactor.redact(checkFixRequest(checks.name, checks.headSha, failed, logs))
  const withText: TriggerEvent = { ...event, request: { ...event.request, body } }
  const command: Command = { kind: 'known', verb: 'implement', word: 'implement', args: '' }
  const incoming: Incoming = { kind: 'incoming', event: withText, gate, addressed: true, command: () => command }
  const why = `${checks.name} failed on git-bob's own pull request (fix ${tried + 1} of ${attempts})`
  return answer(incoming, { kind: 'allow', why, command }, { environment, adapters, api, redactor })
}

interface Stages {
  incoming: Incoming
  admission: Exclude<Admission, { kind: 'ignore' | 'unchecked' }>
  environment: RunEnvironment
  adapters: Adapters
  api: GitHub
  outbox: Outbox
  record: RunRecord
  redactor: Redactor
  /** The budget's settings, once read (a command that calls a model); null before. */
  budget: BudgetConfig | null
  /** The spending the ledger showed before the run, for the summary of a run that called no model. */
  spentBefore: Spending | null
}

/**
 * After the run, failed ones too: what its model calls cost goes into the budget's ledger, when a limit is
 * set, and the job summary shows the ledger.
 */
async function addToLedger(stages: Stages): Promise<void> {
  const { budget, record, adapters, api, admission } = stages
  if (!budget || !hasLimits(budget.limits)) return
  const calls = record.transcript.calls.length
  if (!calls) {
    if (stages.spentBefore) record.fact('budget', ledgerLine(stages.spentBefore, budget.limits))
    return
  }
  const now = adapters.now()
  const entry = {
    day: utcDay(now),
    run: stages.environment.runId.slice(0, 100),
    command: commandFor(admission.command).name,
    usd: record.transcript.totalCost,
    calls
  }
  record.fact('budget', await closeLedger(api, entry, now, budget.limits, adapters.log))
}

/**
 * A progress comment the result did not replace (the result went elsewhere: a review thread) ends pointing to
 * the result, or to the failure report.
 */
async function finishProgress(outbox: Outbox, event: TriggerEvent, result: RunResult, log: Logger): Promise<void> {
  if (outbox.openProgress === null) return
  const where = result.posted[0]
  const text =
    result.status === 'failed'
      ? `**Stopped:** ${result.reason}${where ? ` See ${where}.` : ''}`
      : `**Done:** ${where ? `the result is in ${where}.` : 'see the messages below.'}`
  try {
    await outbox.finishProgress(event, text)
  } catch (error) {
    // The result itself is posted; a progress comment that stays behind is no reason to fail the run.
    log.warning(`The progress comment could not be updated: ${describeFailure(error).what}`)
  }
}

/** From an admitted request to what was posted; anything thrown becomes a failure report. */
async function respond(stages: Stages): Promise<RunResult> {
  const { incoming, admission, adapters, api, record } = stages
  const { event, gate } = incoming
  if (admission.kind === 'refuse') adapters.log.info(`Refusing: ${admission.why}.`)
  const answered = await checkAnswered(event, (number, isPull) => api.posted(number, isPull), gate.botLogin)
  if (answered.kind === 'answered') return alreadyAnswered(adapters.log, admission)
  if (admission.kind === 'refuse') {
    const posted = await carryOut({ kind: 'reply', body: admission.message }, event, record, effectPorts(stages))
    return { status: 'refused', reason: admission.why, posted }
  }

  // "go" is the request an estimate waits for, confirmed: it runs without asking again.
  const awaited = commandFor(admission.command).name === 'go' ? waitingCommand(answered.posted, gate.botLogin) : null
  const command: Command = awaited
    ? {
        kind: 'known',
        verb: awaited.verb,
        word: awaited.verb,
        args: awaited.args,
        ...(awaited.model ? { model: awaited.model } : {})
      }
    : admission.command
  const spec = commandFor(command)
  adapters.setOutput('command', spec.name)
  // Every admitted request passes here before a model is made, whatever started it (a comment, a review request,
  // a label, an assignment, a triage run, failing checks): the budget applies to each.
  if (spec.needs === 'conversation') {
    const spent = await checkBudget(stages)
    if (spent) return spent
  }
  await acknowledge(event, api, adapters.log)
  const { environment, outbox, redactor } = stages
  const session = await adapters.openSession({ event, gate, environment, api, outbox, record, redactor })
  const gathered = await gather(spec, {
    ...stages,
    event,
    command,
    gate,
    readInput: adapters.readInput,
    log: adapters.log,
    maskSecret: (value) => adapters.maskSecret(value),
    serverUrl: environment.serverUrl,
    posted: answered.posted,
    files: session.files,
    prepareModel: (specs, config) => session.prepareModel(specs, config)
  })
  if (gathered.kind === 'refused') {
    const posted = await carryOut({ kind: 'reply', body: gathered.message }, event, record, effectPorts(stages))
    return { status: 'refused', reason: gathered.reason, posted }
  }
  if (!awaited) {
    const waiting = await askFirst(stages, spec.name, command, gathered)
    if (waiting) return waiting
  }
  const outcome = await runCommand(session.ready(spec, gathered))
  if (outcome.kind === 'changes') record.ran(runRows(outcome.checks))
  const posted = await carryOut(outcome, event, record, effectPorts(stages, session.branch))
  return { status: 'answered', reason: spec.name, posted }
}

/**
 * Before a command that calls a model: the budget across runs (budget-* inputs). When today's or this month's
 * spending has reached its limit, a polite answer says so and when it resets, and no model is called.
 */
async function checkBudget(stages: Stages): Promise<RunResult | null> {
  const { adapters, api, record, incoming } = stages
  const budget = readBudgetConfig(adapters.readInput)
  stages.budget = budget
  if (!hasLimits(budget.limits)) return null
  const decision = await budgetAllows(api, budget.limits, adapters.now())
  // The summary's row is written once, after the run (addToLedger), with what this run added.
  stages.spentBefore = decision.spent
  if (decision.allowed) return null
  adapters.log.info(`The budget is spent (${decision.limit} limit): no model is called.`)
  const body = budgetSpentMessage(decision)
  const posted = await carryOut({ kind: 'reply', body }, incoming.event, record, effectPorts(stages))
  return { status: 'refused', reason: 'budget spent', posted }
}

/**
 * An implement (or try) or a full review estimated above confirm-above-usd: the estimate is posted, with the
 * command it waits for in its hidden marker, and nothing is spent until a person with write access writes "go".
 */
async function askFirst(stages: Stages, name: string, command: Command, gathered: Gathered): Promise<RunResult | null> {
  if (command.kind !== 'known') return null
  const { outbox, incoming, adapters } = stages
  const work = {
    name,
    args: command.args,
    fullReview: wantsFullReview(command.args),
    ...(command.model ? { model: command.model } : {})
  }
  const ask = confirmationFor(work, gathered, stages.budget?.confirmAboveUsd ?? null, incoming.gate.botName)
  if (!ask) return null
  adapters.log.info(`Estimated ${formatCost(ask.usd)} for ${name}, above confirm-above-usd: waiting for "go".`)
  const posted = await outbox.reply(incoming.event, ask.body, null, [], { awaits: ask.awaits })
  return { status: 'answered', reason: 'estimate posted, waiting for go', posted: posted.map((p) => p.url) }
}

function effectPorts(stages: Stages, branch: Publisher | null = null): EffectPorts {
  return {
    outbox: stages.outbox,
    branch,
    serverUrl: stages.environment.serverUrl,
    addSubIssue: (parent, childId) => stages.api.addSubIssue(parent, childId),
    addLabels: (number, names) => stages.api.addLabels(number, names),
    redact: (text) => stages.redactor.redact(text),
    botName: stages.incoming.gate.botName
  }
}

function ignored(log: Logger, reason: string): RunResult {
  log.info(`Nothing to do: ${reason}.`)
  return { status: 'ignored', reason, posted: [] }
}

function alreadyAnswered(log: Logger, admission: Stages['admission']): RunResult {
  log.info('This request was already answered (the workflow was re-run); nothing more is posted.')
  return {
    status: 'already-answered',
    reason: admission.kind === 'refuse' ? admission.why : 'already answered',
    posted: []
  }
}

/** The permission could not be checked: only the log is told, since the person may be a stranger. */
function unchecked(error: unknown, incoming: Incoming, adapters: Adapters, redactor: Redactor): RunResult {
  const report = describeFailure(error)
  const login = incoming.event.request.author.login
  adapters.log.error(
    redactor.redact(`The permission of @${login} could not be checked: ${report.what} ${report.advice}`),
    'git-bob failed'
  )
  adapters.setOutput('status', 'failed')
  return { status: 'failed', reason: report.what, posted: [] }
}
