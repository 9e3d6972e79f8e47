// The budget across runs, as the flow meets it: checked before a command that calls a model, an estimate posted
// before expensive work, and the run's cost added to the ledger after it.
import { carryOut } from '../effects/carry-out.ts'
import { commandFor } from '../commands/run-command.ts'
import { wantsFullReview } from '../commands/review/scope.ts'
import { readBudgetConfig } from '../config.ts'
import { confirmationFor } from '../conversation/estimate.ts'
import type { Gathered } from '../conversation/gather.ts'
import { formatCost } from '../llm/prices.ts'
import { hasLimits, utcDay } from '../ports/ledger.ts'
import { budgetAllows, budgetSpentMessage, closeLedger, homeOf, ledgerLine } from '../record/ledger.ts'
import type { RunResult } from '../ports/run.ts'
import type { Command } from '../trigger/grammar.ts'
import { isCheckFix } from '../trigger/event.ts'
import { effectPorts, type Stages } from './stages.ts'

/**
 * Before a command that calls a model: the budget across runs (budget-* inputs). When today's or this month's
 * spending has reached its limit, a polite answer says so and when it resets, and no model is called.
 */
export async function checkBudget(stages: Stages): Promise<RunResult | null> {
  const { adapters, api, record, incoming } = stages
  const budget = readBudgetConfig(adapters.readInput)
  stages.budget = budget
  if (!hasLimits(budget.limits)) return null
  const decision = await budgetAllows(api, budget.limits, adapters.now())
  // The summary's row is written once, after the run (addToLedger), with what this run added.
  stages.spentBefore = decision.spent
  if (decision.allowed) return null
  adapters.log.info(`The budget is spent (${decision.limit} limit): no model is called.`)
  const body = budgetSpentMessage(decision, homeOf(api))
  const posted = await carryOut({ kind: 'reply', body }, incoming.event, record, effectPorts(stages))
  return { status: 'refused', reason: 'budget spent', posted }
}

/**
 * An implement (or try) or a full review estimated above confirm-above-usd: the estimate is posted, with the
 * command it waits for in its hidden marker, and nothing is spent until a person with write access writes "go".
 */
export async function askFirst(
  stages: Stages,
  name: string,
  command: Command,
  gathered: Gathered
): Promise<RunResult | null> {
  // A fix of git-bob's own failing checks is not estimated: its attempts are capped (fix-checks-attempts), and a
  // "go" could not bring back the failure it was asked to fix.
  if (command.kind !== 'known' || isCheckFix(stages.incoming.event)) return null
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

/**
 * After the run, failed ones too: what its model calls cost goes into the budget's ledger, when a limit is
 * set, and the job summary shows the ledger.
 */
export async function addToLedger(stages: Stages): Promise<void> {
  const { budget, record, adapters, api, admission } = stages
  if (!budget || !hasLimits(budget.limits)) return
  const calls = record.transcript.calls.length
  if (!calls) {
    if (stages.spentBefore) record.fact('budget', ledgerLine(stages.spentBefore, budget.limits, homeOf(api)))
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
