// A label that started git-bob comes off once the request is handled, whatever the result, so it does not start
// git-bob again; a person adds it again to ask again. Taking it off never fails the run: the answer is posted.
import { describeFailure } from '../outbox/failure.ts'
import type { GitHub } from '../ports/github.ts'
import type { Logger } from '../ports/run.ts'
import { isLabel, type TriggerEvent } from '../trigger/event.ts'

export async function takeLabel(event: TriggerEvent, api: Pick<GitHub, 'removeLabel'>, log: Logger): Promise<void> {
  if (!isLabel(event)) return
  const { label } = event.request
  try {
    const taken = await api.removeLabel(event.target.number, label, event.target.kind)
    log.info(taken ? `The label "${label}" was taken off.` : `The label "${label}" was already taken off.`)
  } catch (error) {
    log.warning(`The label "${label}" could not be taken off: ${describeFailure(error).what}`)
  }
}

/** What a failure report on a labelled request adds: the label is off, and how to ask again. */
export function labelPostscript(event: TriggerEvent): string | undefined {
  if (!isLabel(event)) return undefined
  const label = event.request.label.replace(/`/g, '')
  return `I took the label \`${label}\` off so that it does not start me again; add it again to retry.`
}
