// "review": a pull request review that only comments. The model sees the conversation, the diff and,
// where the budget allows, the full new text of the changed files; it answers in a fixed structure;
// code decides which line comments can sit on the diff and lists plainly what was and was not read.
// On an issue, "review" answers like "comment".
import { z } from 'zod'
import { forgeWords } from '../../ports/forge.ts'
import type { PullFile } from '../../ports/github.ts'
import { fill, forgePlaceholders, PROMPTS } from '../../conversation/prompts.ts'
import { MAX_INLINE_COMMENTS, placeComments, type ProposedComment } from './anchor.ts'
import { reviewBody, type ReviewFacts } from './body.ts'
import {
  contentCandidates,
  coverageOf,
  mayFitContent,
  planDiffs,
  renderMaterial,
  withContent,
  withoutContent,
  type ChangedFile,
  type CoverageEntry,
  type ReviewPlan
} from './budget.ts'
import { DECIDED_SHARE, decidedSection, layout, leftOutList, userMessage } from './prompt.ts'
import { memorySection } from './memory.ts'
import { findDismissed, findingPlace, type Dismissed } from './dismissed.ts'
import { dropRepeats, type WithoutRepeats } from './repeats.ts'
import { agrees, counted } from '../../plural.ts'
import { firstScope, scopeAfterCompare, type ReviewScope } from './scope.ts'
import type { Thread } from '../../conversation/thread.ts'
import { charsFor, estimateTokens } from '../../conversation/tokens.ts'
import { answerInComment } from '../comment.ts'
import { systemPrompt } from '../../conversation/messages.ts'
import type { ConversationContext, Outcome, PullRequestPort } from '../types.ts'
import type { Message } from '../../llm/types.ts'
import { objectAfterReading, readingExtraTokens, usesTools, withRoomForTools } from '../read-with-tools.ts'

/** The structured review (prompts/review.md describes the fields to the model). */
export const ReviewSchema = z.object({
  fulfils: z.string(),
  risks: z.array(z.string()),
  missing: z.array(z.string()),
  comments: z.array(
    z.object({
      path: z.string(),
      // Plain numbers: .int() would add 2^53 bounds to the JSON schema that some strict providers refuse.
      // anchor.ts accepts whole line numbers only.
      line: z.number(),
      start_line: z.number().nullable(),
      body: z.string(),
      suggestion: z.string().nullable()
    })
  )
})

/** Files whose full text is fetched at most, one API call each. */
const MAX_CONTENT_READS = 40

const short = (sha: string): string => sha.slice(0, 7)

function changed(f: PullFile): ChangedFile {
  return { path: f.filename, status: f.status, additions: f.additions, deletions: f.deletions, patch: f.patch }
}

function scopeWords(scope: ReviewScope): string {
  return scope.kind === 'since'
    ? `since your last review of commit ${short(scope.since)}: only what changed since then is shown, and your earlier review is in the conversation`
    : '(the whole pull request against its base branch)'
}

function requestedWords(ctx: ConversationContext): string {
  const who = `@${ctx.event.request.author.login}`
  return ctx.event.request.source === 'review_request'
    ? `${who} requested your review of this pull request.`
    : `${who} asked for this review (the request is marked in the conversation).`
}

interface Scoped {
  scope: ReviewScope
  files: ChangedFile[]
}

/** What this review covers: the whole pull request, or what changed since git-bob's last review of it. */
async function scopeOf(
  ctx: ConversationContext,
  pull: PullRequestPort,
  threadPull: NonNullable<Thread['pull']>,
  headSha: string
): Promise<Scoped> {
  const args = ctx.command.kind === 'known' ? ctx.command.args : ''
  const last = threadPull.lastReviewed
  let files = threadPull.files.map(changed)
  let scope = firstScope(args, last, headSha)
  if (scope === null && last) {
    const comparison = await pull.compare(last, headSha)
    scope = scopeAfterCompare(
      last,
      comparison && { status: comparison.status, fileCount: comparison.files.length },
      forgeWords(ctx.forge).name
    )
    if (scope.kind === 'since' && comparison) files = comparison.files.map(changed)
  }
  scope ??= { kind: 'full', why: 'this is the first review' }
  return { scope, files }
}

function nothingNew(ctx: ConversationContext, since: string): Outcome {
  return {
    kind: 'reply',
    body: `Nothing changed since my last review of ${short(since)}, so I have nothing new to say. Write "${ctx.botName} review fully" if you'd like me to review the whole pull request again.`
  }
}

/** The review's task for this scope, with the review memory after it. */
function reviewTask(ctx: ConversationContext, scope: ReviewScope): string {
  // What the maintainers decided (the review memory, from the default branch) is part of the task: not raised.
  const memory = memorySection(ctx.reviewMemory ?? [], ctx.reviewTokenBudget)
  if (memory.leftOut) ctx.notes.tell(`Left out: ${memory.leftOut}.`)
  const task = fill(PROMPTS.review, {
    ...forgePlaceholders(ctx.forge),
    scope: scopeWords(scope),
    requested: requestedWords(ctx)
  })
  return memory.text ? `${task.trimEnd()}\n\n${memory.text}` : task
}

interface Budgets {
  /** The context the model is asked in, with the review's budget. */
  budgeted: ConversationContext
  /** What reading with tools adds to the system prompt; 0 without tools. */
  extra: number
  /** The tokens the fixed prompt may take. */
  promptBudget: number
}

function budgetsOf(ctx: ConversationContext): Budgets {
  // Every prompt of the review stays within its budget. Reading with tools, the fixed prompt keeps the share
  // other commands keep, less what reading adds to its system prompt; the tool results get the rest.
  const budgeted: ConversationContext = { ...ctx, promptTokenBudget: ctx.reviewTokenBudget }
  const extra = usesTools(budgeted) ? readingExtraTokens(budgeted, ReviewSchema) : 0
  const promptBudget = extra ? withRoomForTools(budgeted).promptTokenBudget - extra : ctx.reviewTokenBudget
  return { budgeted, extra, promptBudget }
}

/** The plan with the full new text of the files that still fit, one read each. */
async function withWholeFiles(plan: ReviewPlan, pull: PullRequestPort, headSha: string): Promise<ReviewPlan> {
  let reads = 0
  for (const path of contentCandidates(plan)) {
    if (!mayFitContent(plan, path)) plan = withoutContent(plan, path, 'the rest of the file did not fit the budget')
    else if (reads >= MAX_CONTENT_READS)
      plan = withoutContent(plan, path, `at most ${MAX_CONTENT_READS} whole files are read`)
    else {
      reads++
      plan = withContent(plan, path, await pull.fileAt(path, headSha))
    }
  }
  return plan
}

interface ReviewPrompt extends Budgets {
  system: string
  user: string
  coverage: CoverageEntry[]
  dismissed: Dismissed[]
}

async function reviewPrompt(
  ctx: ConversationContext,
  pull: PullRequestPort,
  threadPull: NonNullable<Thread['pull']>,
  headSha: string,
  { scope, files }: Scoped
): Promise<ReviewPrompt> {
  // The prompt: its fixed parts first, then the changes planned into what is left of the budget.
  const system = systemPrompt(ctx, true)
  const task = reviewTask(ctx, scope)
  const { pull: _shownSeparately, ...conversationOnly } = ctx.thread
  const budgets = budgetsOf(ctx)
  // What a maintainer already dismissed in this pull request: the model is told, and code drops repeats later.
  const { dismissed, unchecked } = await findDismissed(threadPull.findings, pull)
  for (const what of unchecked) ctx.notes.tell(`Not checked for findings already dismissed: ${what}.`)
  const maxDecided = charsFor(Math.floor(Math.max(0, budgets.promptBudget) * DECIDED_SHARE))
  const decided = decidedSection(dismissed, maxDecided, ctx.forge)
  const conversation = { thread: conversationOnly, leftOut: ctx.notes.forModel.conversation }
  const shape = layout(system, conversation, task, budgets.promptBudget, decided)
  for (const note of shape.conversationLeftOut) ctx.notes.tell(`Left out: ${note}.`)
  const plan = await withWholeFiles(planDiffs(files, shape.changesTokens), pull, headSha)
  const coverage = coverageOf(plan, forgeWords(ctx.forge).name)
  const material = renderMaterial(plan)
  const user = userMessage(shape.conversation, material, leftOutList(coverage, shape.leftOutChars), task, decided)
  return { ...budgets, system, user, coverage, dismissed }
}

/** The model's line comments and lists without what repeats a finding a maintainer dismissed. */
function keptFindings(
  ctx: ConversationContext,
  answer: z.infer<typeof ReviewSchema>,
  dismissed: readonly Dismissed[]
): WithoutRepeats {
  const answered: ProposedComment[] = answer.comments
    .filter((c) => c.body.trim())
    .map((c) => ({
      path: c.path.replace(/^\.?\//, ''),
      line: c.line,
      startLine: c.start_line,
      body: c.body,
      suggestion: c.suggestion
    }))
  const kept = dropRepeats(
    { comments: answered, risks: answer.risks, missing: answer.missing },
    dismissed.map((d) => ({ path: d.finding.path, line: d.finding.line, text: d.finding.text }))
  )
  if (kept.dropped)
    ctx.notes.tell(
      `The model raised ${counted(kept.repeated.length, 'earlier finding')} a maintainer had dismissed again (in ${counted(kept.dropped, 'line comment or list item', 'line comments or list items')}); ${agrees(kept.dropped, 'it was', 'they were')} left out.`
    )
  return kept
}

function reviewFacts(ctx: ConversationContext, headSha: string, scope: ReviewScope, prompt: ReviewPrompt): ReviewFacts {
  return {
    head: headSha,
    scope,
    coverage: prompt.coverage,
    usedTokens: estimateTokens(prompt.system) + estimateTokens(prompt.user) + prompt.extra,
    budgetTokens: ctx.reviewTokenBudget,
    decided: prompt.dismissed.map((d) => ({ place: findingPlace(d.finding), ways: d.ways })),
    forge: forgeWords(ctx.forge).name
  }
}

/** A note when commits were pushed after the review was requested; '' otherwise. */
function pushedLater(ctx: ConversationContext, headSha: string): string {
  // Say so when the code moved on after someone asked: the review covers what is there now.
  const asked = ctx.event.pullRequest?.headSha
  return asked && asked !== headSha
    ? `> [!NOTE]\n> Commits were pushed after this review was requested (${short(asked)} then, ${short(headSha)} now); it covers ${short(headSha)}.\n\n`
    : ''
}

async function reviewPull(
  ctx: ConversationContext,
  pull: PullRequestPort,
  threadPull: NonNullable<Thread['pull']>
): Promise<Outcome> {
  const { headSha } = await pull.state()
  const scoped = await scopeOf(ctx, pull, threadPull, headSha)
  const { scope } = scoped
  if (scope.kind === 'unchanged' || (scope.kind === 'since' && !scoped.files.length))
    return nothingNew(ctx, scope.since)
  const prompt = await reviewPrompt(ctx, pull, threadPull, headSha, scoped)
  // With tools the model may read code around the diff and the files it calls before it reviews.
  const fixed: Message[] = [
    { role: 'system', content: prompt.system },
    { role: 'user', content: prompt.user }
  ]
  const reply = await objectAfterReading(
    prompt.budgeted,
    { purpose: 'review', schemaName: 'review', schema: ReviewSchema },
    () => fixed
  )
  const kept = keptFindings(ctx, reply.value, prompt.dismissed)
  // Line comments are checked against the whole pull request's diff: that is what GitHub checks.
  const patches = new Map(threadPull.files.map((f) => [f.filename, f.patch] as const))
  const { inline, placed, moved } = placeComments(kept.comments, patches, MAX_INLINE_COMMENTS, ctx.forge)
  const verdict = { fulfils: reply.value.fulfils, risks: kept.risks, missing: kept.missing }
  const { body, withInline } = reviewBody(verdict, reviewFacts(ctx, headSha, scope, prompt), moved, placed)
  const later = pushedLater(ctx, headSha)
  return {
    kind: 'review',
    commitId: headSha,
    body: later + body,
    comments: inline,
    bodyWithComments: later + withInline
  }
}

/** The review command: a review of a pull request; on an issue, an answer in a comment. */
export async function review(ctx: ConversationContext): Promise<Outcome> {
  if (ctx.thread.kind !== 'pull_request' || !ctx.pull || !ctx.thread.pull) return answerInComment(ctx)
  return reviewPull(ctx, ctx.pull, ctx.thread.pull)
}
