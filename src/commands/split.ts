// "split": turns an issue into smaller issues. The model proposes titles and bodies (structured);
// effects.ts opens them through the Outbox (stamped, commands and mentions defused), links them as
// sub-issues of this one and lists them here.
import { z } from 'zod'
import { fill, forgePlaceholders, PROMPTS } from '../conversation/prompts.ts'
import { conversationMessages } from '../conversation/messages.ts'
import { objectAfterReading } from './read-with-tools.ts'
import type { ConversationContext, NewIssue, Outcome } from './types.ts'

export const SplitSchema = z.object({
  summary: z.string(),
  issues: z.array(z.object({ title: z.string(), body: z.string() }))
})

export const MAX_SUB_ISSUES = 10

/** A new issue's body: the model's text, then the link to the issue it came from. */
export function subIssueBody(body: string, parent: number): string {
  return `${body.trim()}\n\n---\n\nPart of #${parent}.`
}

/** The split command: an issue's parts as new issues. */
export async function splitIssue(ctx: ConversationContext): Promise<Outcome> {
  if (ctx.thread.kind !== 'issue') {
    return {
      kind: 'reply',
      body: `I split issues, not pull requests. Write "${ctx.botName} split this" in the issue this pull request belongs to.`
    }
  }
  const task = fill(PROMPTS.split, { ...forgePlaceholders(ctx.forge), bot_name: ctx.botName })
  const reply = await objectAfterReading(ctx, { purpose: 'split', schemaName: 'split', schema: SplitSchema }, (c) =>
    conversationMessages(c, task)
  )
  const proposed = reply.value.issues.filter((i) => i.title.trim())
  const summary = reply.value.summary.trim()
  if (!proposed.length)
    return { kind: 'reply', body: summary || 'I see no parts that this issue should be split into.' }
  const kept = proposed.slice(0, MAX_SUB_ISSUES)
  const cut =
    proposed.length > kept.length
      ? `\n\n(The model proposed ${proposed.length} issues; I opened the first ${MAX_SUB_ISSUES}.)`
      : ''
  const issues: NewIssue[] = kept.map((i) => ({
    title: i.title.trim(),
    body: subIssueBody(i.body, ctx.thread.number)
  }))
  return { kind: 'issues', parent: ctx.thread.number, issues, intro: summary + cut }
}
