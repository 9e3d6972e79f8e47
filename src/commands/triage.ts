// "triage": a new issue answered, or labelled with labels the repository already has (never a new label, never
// closed). The schedule runs it on each new issue (run.ts's sweep); written in a comment, it triages that issue.
import { z } from 'zod'
import { fill, forgePlaceholders, PROMPTS } from '../conversation/prompts.ts'
import { conversationMessages } from '../conversation/messages.ts'
import { isTriage } from '../trigger/event.ts'
import { objectAfterReading } from './read-with-tools.ts'
import type { ConversationContext, Outcome } from './types.ts'

export const TriageSchema = z.object({
  action: z.enum(['label', 'answer']),
  labels: z.array(z.string()),
  reason: z.string(),
  answer: z.string()
})

export const MAX_TRIAGE_LABELS = 3

/** The model's labels that the repository has, spelt as the repository spells them; at most three. */
export function existingLabels(chosen: readonly string[], available: readonly string[]): string[] {
  const byName = new Map(available.map((name) => [name.toLowerCase(), name]))
  const kept = chosen.map((name) => byName.get(name.trim().toLowerCase())).filter((n): n is string => !!n)
  return [...new Set(kept)].slice(0, MAX_TRIAGE_LABELS)
}

export async function triage(ctx: ConversationContext): Promise<Outcome> {
  if (ctx.thread.kind !== 'issue') {
    return { kind: 'reply', body: 'I triage issues, not pull requests.' }
  }
  const available = isTriage(ctx.event) ? ctx.event.request.labels : []
  const task = fill(PROMPTS.triage, {
    ...forgePlaceholders(ctx.forge),
    bot_name: ctx.botName,
    labels: available.length ? available.map((l) => JSON.stringify(l)).join(', ') : '(none: answer instead)'
  })
  const reply = await objectAfterReading(ctx, { purpose: 'triage', schemaName: 'triage', schema: TriageSchema }, (c) =>
    conversationMessages(c, task)
  )
  const { action, reason, answer } = reply.value
  const labels = action === 'label' ? existingLabels(reply.value.labels, available) : []
  if (labels.length) {
    const names = labels.map((l) => `\`${l.replace(/`/g, '')}\``).join(', ')
    return { kind: 'labels', labels, body: `I labelled this issue ${names}. ${reason.trim()}`.trim() }
  }
  const text = answer.trim() || reason.trim()
  return { kind: 'reply', body: text || 'I read this issue and have nothing to add for now.' }
}
