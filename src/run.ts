// One run of the action, in the order of ARCHITECTURE.md: read the request, admit it, stop if it was
// already answered, gather what the command needs, run the command, carry out what it decided, record.
// Each stage is one call with a typed hand-off; the adapters come in as arguments.
import { takeLabel } from './effects/take-label.ts'
import { COMMANDS } from './commands/registry.ts'
import type { GitHub } from './ports/github.ts'
import { forgetReadings } from './markdown/document.ts'
import { Redactor } from './outbox/secrets.ts'
import type { Adapters } from './run-types.ts'
import type { RunEnvironment, RunResult } from './ports/run.ts'
import { admit } from './trigger/admit.ts'
import { readRequest } from './trigger/read-request.ts'
import { answer } from './run/answer.ts'
import { ignored, unchecked } from './run/stages.ts'
import { sweep } from './run/triage.ts'
import { fixChecks } from './run/check-fix.ts'

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
