// "remember": a rule for every later review, added to the review memory (conversation/review-memory.ts) through a
// pull request a maintainer merges, never straight into the default branch. "remember: <rule>" takes the words
// as written; "remember this", in reply to one of git-bob's line comments, has the model phrase the rule from
// that finding and the reply. Either way the words come from a thread, so they are cleaned like anything git-bob
// writes into the repository: no hidden text, markers, tags, live mentions or commands, one line, capped.
import { z } from 'zod'
import { ConfigError } from '../errors.ts'
import { fill, PROMPTS } from '../conversation/prompts.ts'
import { conversationMessages } from '../conversation/messages.ts'
import { removeInvisible } from '../conversation/sanitize.ts'
import { withRule } from '../conversation/review-memory.ts'
import { fenced } from '../ports/fenced.ts'
import { REVIEW_MEMORY_FILE } from '../ports/paths.ts'
import { removeHiddenText } from '../outbox/hidden.ts'
import { defuseMentionsPlain } from '../outbox/mentions.ts'
import { defuseTriggers } from '../outbox/defuse-triggers.ts'
import { escapeRegExp } from '../trigger/grammar.ts'
import { isReviewComment } from '../trigger/event.ts'
import type { ConversationContext, Outcome } from './types.ts'

/** The longest rule written to the memory, in characters: a rule is a sentence, not a document. */
export const MAX_RULE_CHARS = 300

export const ruleSchema = z.object({
  rule: z.string().describe("the maintainers' decision, one sentence: what later reviews should not raise")
})

/**
 * A rule as it may go into the memory file: secrets masked, hidden text, markers and HTML tags out, invisible
 * characters out, one line, no leading heading or quote marks, capped, no live @mention and no command to the
 * bot. Null when nothing is left.
 */
export function cleanRule(raw: string, botName: string, redact: (text: string) => string): string | null {
  // Only the start can become a rule (MAX_RULE_CHARS), so only the start is read: the cleaning stays linear.
  const visible = removeInvisible(removeHiddenText(redact(raw).slice(0, 4 * MAX_RULE_CHARS)))
    .replace(/<\/?[A-Za-z][^<>]*>/g, '')
    .replace(/\s+/g, ' ')
    .replace(/^[\s#>*+-]+/, '')
    .trim()
  if (!visible) return null
  const capped = visible.length > MAX_RULE_CHARS ? `${visible.slice(0, MAX_RULE_CHARS - 1).trimEnd()}…` : visible
  return defuseTriggers(defuseMentionsPlain(capped, []), botName).trim() || null
}

/** The words after "<bot> remember" on the request's line, as the reader sees them (inline code kept). */
export function ruleWords(request: string, botName: string): string | null {
  const address = new RegExp(
    `(?<![\\w/.\\-@#])@?${escapeRegExp(botName)}(?:\\s*,\\s*|\\s+)(?:please\\b[\\s,]*)?remember\\b\\s*:?\\s*(.*)$`,
    'i'
  )
  for (const line of request.split('\n')) {
    const words = address
      .exec(line)?.[1]
      ?.replace(/^that\b\s*/i, '')
      .trim()
    if (words !== undefined) return words
  }
  return null
}

type Asked = { kind: 'rule'; text: string } | { kind: 'reply'; body: string }

function usage(botName: string): string {
  return `Tell me what to remember: \`${botName} remember: <the rule>\` (for example \`${botName} remember: we keep unused imports in examples/\`), or reply \`${botName} remember this\` to one of my review comments.`
}

/** The rule the request asks for: its own words, or the model's from the finding it answers. */
async function ruleAsked(ctx: ConversationContext): Promise<Asked> {
  const request = ctx.thread.entries.find((e) => e.isRequest)
  const words = ruleWords(request?.body ?? '', ctx.botName) ?? ''
  if (!/^this\b[\s.!]*$/i.test(words))
    return words ? { kind: 'rule', text: words } : { kind: 'reply', body: usage(ctx.botName) }
  const event = ctx.event
  const answered = isReviewComment(event) ? event.request.inReplyTo : undefined
  const finding = ctx.thread.entries.find((e) => e.kind === 'review comment' && e.id === answered)
  if (!finding || finding.standing !== 'self')
    return {
      kind: 'reply',
      body: `"Remember this" works as a reply to one of my review comments, where I can tell which finding you mean. ${usage(ctx.botName)}`
    }
  const task = fill(PROMPTS.remember, {
    location: finding.location ?? 'the pull request',
    finding: fenced(finding.body),
    reply: fenced(request?.body ?? '')
  })
  const { value } = await ctx.model.generateObject({
    purpose: 'phrase the rule to remember',
    messages: conversationMessages(ctx, task),
    schema: ruleSchema,
    schemaName: 'review_memory_rule'
  })
  return { kind: 'rule', text: value.rule }
}

export async function remember(ctx: ConversationContext): Promise<Outcome> {
  const ports = ctx.changes
  if (!ports)
    throw new ConfigError(
      'The remember command commits the rule to the review memory, so it needs the repository checked out: add `- uses: actions/checkout@v5` (with `persist-credentials: false`) before git-bob in the workflow, as in examples/git-bob.yml.'
    )
  const asked = await ruleAsked(ctx)
  if (asked.kind === 'reply') return asked
  const rule = cleanRule(asked.text, ctx.botName, (text) => ports.redact(text))
  if (!rule) return { kind: 'reply', body: usage(ctx.botName) }
  const decision = await ports.prepare('memory')
  if (!decision.ok) return { kind: 'reply', body: `I can't add this to the review memory: ${decision.reason}` }
  const current = await ports.workspace.read(REVIEW_MEMORY_FILE)
  if (current.kind === 'binary')
    return {
      kind: 'reply',
      body: `I can't add this to the review memory: \`${REVIEW_MEMORY_FILE}\` is not a text file.`
    }
  const { event } = ctx
  const next = withRule(
    current.kind === 'text' ? current.text : null,
    { rule, by: event.request.author.login, url: event.request.url },
    ctx.botName
  )
  const where = decision.target.mode === 'update-pr' ? decision.target.pull.url : 'the default branch'
  if (next === null) return { kind: 'reply', body: `The review memory already holds this rule (in ${where}): ${rule}` }
  await ports.workspace.write(REVIEW_MEMORY_FILE, next)
  const short = rule.length > 80 ? `${rule.slice(0, 79).trimEnd()}…` : rule
  return {
    kind: 'changes',
    target: decision.target,
    title: `Review memory: ${short}`,
    summary: `Adds a rule to git-bob's review memory (\`${REVIEW_MEMORY_FILE}\`), as @${event.request.author.login} asked:\n\n> ${rule}\n\nOnce this is merged, every review reads the memory from the default branch and does not raise what the rule excludes. Edit or remove the rule here before merging if it says more than was decided.`,
    files: [
      {
        path: REVIEW_MEMORY_FILE,
        action: current.kind === 'missing' ? 'create' : 'modify',
        source: null,
        note: current.kind === 'missing' ? 'the review memory, created with its first rule' : 'one rule added'
      }
    ],
    problems: [],
    // A list of rules has nothing the repository's checks could test.
    checks: null
  }
}
