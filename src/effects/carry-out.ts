// Carrying out, as one stage: what the command decided goes out with the notes people should read under
// it and the credit the stamp gives; a failure anywhere becomes one stamped report on the thread.
import type { Outcome } from '../commands/types.ts'
import { describeFailure, failureMessage, whereItFailed } from '../outbox/failure.ts'
import type { Outbox } from '../outbox/outbox.ts'
import type { Notes } from '../record/notes.ts'
import type { Transcript } from '../record/transcript.ts'
import type { Logger, RunResult } from '../ports/run.ts'
import type { TriggerEvent } from '../trigger/event.ts'
import { applyOutcome, type EffectPorts } from './apply-outcome.ts'

/** What people should know about how the answer came about (images left out, a fallback) goes under it. */
export function withNotes(outcome: Outcome, notes: readonly string[]): Outcome {
  if (!notes.length || outcome.kind !== 'reply') return outcome
  return { ...outcome, body: `${outcome.body}\n\n> [!NOTE]\n${notes.map((n) => `> ${n}`).join('\n>\n')}` }
}

/** Returns the links of what was posted. */
export async function carryOut(
  outcome: Outcome,
  event: TriggerEvent,
  record: { notes: Notes; transcript: Transcript },
  ports: EffectPorts
): Promise<string[]> {
  const posted = await applyOutcome(
    withNotes(outcome, record.notes.forPeople),
    event,
    record.transcript.credit(),
    ports
  )
  return posted.map((p) => p.url)
}

/**
 * An ::error in the log (with the src/ frames of a bug) and, if GitHub lets it, a failure report on the thread
 * naming the models tried.
 */
export async function reportFailure(
  error: unknown,
  event: TriggerEvent,
  outbox: Outbox,
  transcript: Transcript,
  log: Logger,
  redact: (text: string) => string,
  /** A sentence under the report, for what the run does next (a label taken off). */
  postscript?: string
): Promise<RunResult> {
  const report = describeFailure(error, outbox.dialect)
  log.error(redact(`${report.what} ${report.advice}`), 'git-bob failed')
  const where = report.unexpected && whereItFailed(error)
  if (where) log.info(redact(where))
  let posted: string[] = []
  try {
    const message = failureMessage(report) + (postscript ? `\n\n${postscript}` : '')
    const parts = await outbox.reply(event, message, transcript.credit(), [], { failed: true })
    posted = parts.map((p) => p.url)
  } catch (postError) {
    log.error(
      redact(`The failure could not be reported on the thread either: ${describeFailure(postError).what}`),
      'git-bob could not comment'
    )
  }
  return { status: 'failed', reason: report.what, posted }
}
