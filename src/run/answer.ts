// One admitted request, from "already answered?" to the record: whatever started it (a comment, a label, a
// triage, a failed check), every request passes here.
import { acknowledge } from '../effects/acknowledge.ts'
import { carryOut, reportFailure } from '../effects/carry-out.ts'
import { labelPostscript, takeLabel } from '../effects/take-label.ts'
import { commandFor, runCommand } from '../commands/run-command.ts'
import { runRows } from '../commands/implement/statuses.ts'
import { checkAnswered, waitingCommand } from '../conversation/answered.ts'
import { gather } from '../conversation/gather.ts'
import { describeFailure } from '../outbox/failure.ts'
import { Outbox } from '../outbox/outbox.ts'
import { RunRecord, requestFacts } from '../record/record.ts'
import type { Logger, RunResult } from '../ports/run.ts'
import { forgeWords, threadRef } from '../ports/forge.ts'
import { isCheckFix, requestKey, type TriggerEvent } from '../trigger/event.ts'
import type { Incoming } from '../trigger/read-request.ts'
import { checksNeverStarted, NO_CHECKS_NOTE } from '../conversation/check-fix.ts'
import type { Command } from '../trigger/grammar.ts'
import { effectPorts, alreadyAnswered, type Shared, type Stages } from './stages.ts'
import { addToLedger, askFirst, checkBudget } from './budget.ts'

/** An admitted request, from "already answered?" to the record: whatever started it, every request passes here. */
export async function answer(incoming: Incoming, admission: Stages['admission'], shared: Shared): Promise<RunResult> {
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
  const forge = { forge: forgeWords(api.dialect).name, calls: api.calls }
  const on = threadRef(event.target.number, event.target.kind, api.dialect)
  await record.close(result, `git-bob on ${on}`, forge, adapters, redact)
  return result
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
