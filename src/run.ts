// One run of the action, in the order of ARCHITECTURE.md: read the request, admit it, stop if it was
// already answered, gather what the command needs, run the command, carry out what it decided, record.
// Each stage is one call with a typed hand-off; the adapters come in as arguments.
import { acknowledge } from './effects/acknowledge.ts'
import { carryOut, reportFailure } from './effects/carry-out.ts'
import { commandFor, runCommand } from './commands/run-command.ts'
import { COMMANDS } from './commands/registry.ts'
import { runRows } from './commands/implement/statuses.ts'
import { wantsFullReview } from './commands/review/scope.ts'
import { readBudgetConfig, type BudgetConfig } from './config.ts'
import { checkAnswered, waitingCommand } from './conversation/answered.ts'
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
import { requestKey, type TriggerEvent } from './trigger/event.ts'
import type { Command } from './trigger/grammar.ts'
import { readRequest, type Incoming } from './trigger/read-request.ts'

export type { Adapters } from './run-types.ts'
export type { RunEnvironment, RunResult } from './ports/run.ts'

export async function run(environment: RunEnvironment, adapters: Adapters): Promise<RunResult> {
  const { log } = adapters
  // What was read as markdown, and the reads given up on, count for one run (flow tests run many in one process).
  forgetReadings()
  const incoming = await readRequest(environment, adapters.readInput, COMMANDS)
  if (incoming.kind === 'ignored') return ignored(log, incoming.reason)
  const { event, gate } = incoming
  const record = new RunRecord()
  const redactor = new Redactor([gate.githubToken])
  redactor.addFromEnvironment(environment.env)
  // GitHub is connected on first use: a request the cheap checks turn away needs no connection.
  let connection: Promise<GitHub> | undefined
  const github = (): Promise<GitHub> =>
    (connection ??= adapters.connectGitHub(gate.githubToken, { owner: event.repo.owner, repo: event.repo.name }))

  const admission = await admit(incoming, async (login) => (await github()).permission(login))
  if (admission.kind === 'ignore') return ignored(log, admission.why)
  if (admission.kind === 'unchecked') return unchecked(admission.error, incoming, adapters, redactor)
  const api = await github()
  const stampContext = {
    botName: gate.botName,
    runUrl: environment.runUrl,
    requestKey: requestKey(event),
    ...(environment.local ? { local: true } : {})
  }
  const outbox = new Outbox(api, stampContext, redactor)
  for (const [name, value] of requestFacts(event, admission.command)) record.fact(name, value)
  record.fact('permission', admission.why)

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
    result = await reportFailure(error, event, outbox, record.transcript, log, redact)
  }
  await addToLedger(stages)
  await finishProgress(outbox, event, result, log)
  await record.close(result, `git-bob on #${event.target.number}`, api.calls, adapters, redact)
  return result
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
