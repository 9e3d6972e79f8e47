// What the stages of one run share, and the small answers every way in uses: nothing to do, the permission
// unchecked.
import type { BudgetConfig } from '../config.ts'
import type { Spending } from '../ports/ledger.ts'
import type { Forge } from '../ports/forge.ts'
import type { EffectPorts, Publisher } from '../effects/apply-outcome.ts'
import { describeFailure } from '../outbox/failure.ts'
import type { Outbox } from '../outbox/outbox.ts'
import type { Redactor } from '../outbox/secrets.ts'
import type { RunRecord } from '../record/record.ts'
import type { Adapters } from '../run-types.ts'
import type { Logger, RunEnvironment, RunResult } from '../ports/run.ts'
import type { Admission } from '../trigger/admit.ts'
import type { Incoming } from '../trigger/read-request.ts'

/** What every request of a run shares: one run may answer several (a triage). */
export interface Shared {
  environment: RunEnvironment
  adapters: Adapters
  api: Forge
  redactor: Redactor
}

export interface Stages {
  incoming: Incoming
  admission: Exclude<Admission, { kind: 'ignore' | 'unchecked' }>
  environment: RunEnvironment
  adapters: Adapters
  api: Forge
  outbox: Outbox
  record: RunRecord
  redactor: Redactor
  /** The budget's settings, once read (a command that calls a model); null before. */
  budget: BudgetConfig | null
  /** The spending the ledger showed before the run, for the summary of a run that called no model. */
  spentBefore: Spending | null
}

export function effectPorts(stages: Stages, branch: Publisher | null = null): EffectPorts {
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

export function ignored(log: Logger, reason: string): RunResult {
  log.info(`Nothing to do: ${reason}.`)
  return { status: 'ignored', reason, posted: [] }
}

export function alreadyAnswered(log: Logger, admission: Stages['admission']): RunResult {
  log.info('This request was already answered (the workflow was re-run); nothing more is posted.')
  return {
    status: 'already-answered',
    reason: admission.kind === 'refuse' ? admission.why : 'already answered',
    posted: []
  }
}

/** The permission could not be checked: only the log is told, since the person may be a stranger. */
export function unchecked(error: unknown, incoming: Incoming, adapters: Adapters, redactor: Redactor): RunResult {
  const report = describeFailure(error)
  const login = incoming.event.request.author.login
  adapters.log.error(
    redactor.redact(`The permission of @${login} could not be checked: ${report.what} ${report.advice}`),
    'git-bob failed'
  )
  adapters.setOutput('status', 'failed')
  return { status: 'failed', reason: report.what, posted: [] }
}
