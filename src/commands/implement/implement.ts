// "implement" (also "apply", "solve") and "try": plan the change with the model, then write each file
// knowing the plan and what this turn already wrote, then run the notebooks. Every path is checked by
// code; edits apply whole or not at all. Committing, pushing and proposing happen in effects/.
import { ConfigError, PathEscapeError, StepError } from '../../errors.ts'
import { PROMPTS } from '../../conversation/prompts.ts'
import { conversationMessages } from '../comment.ts'
import { objectAfterReading } from '../read-with-tools.ts'
import type { ConversationContext, FileReport, Outcome } from '../types.ts'
import { runNotebooks } from './notebooks.ts'
import { pathRules, shownPath } from './paths.ts'
import { acceptPlan, planSchema } from './plan.ts'
import { carryOut, type Progress } from './steps.ts'

/** The implement command (mode 'pull-request') and try (mode 'try'). */
export async function implement(ctx: ConversationContext, mode: 'pull-request' | 'try'): Promise<Outcome> {
  const ports = ctx.changes
  if (!ports) {
    throw new ConfigError(
      'The implement command needs the repository checked out: add `- uses: actions/checkout@v5` (with `persist-credentials: false`) before git-bob in the workflow, as in examples/git-bob.yml.'
    )
  }
  const decision = await ports.prepare(mode)
  if (!decision.ok) return { kind: 'reply', body: `I can't implement this here: ${decision.reason}` }
  // The files as they are on the branch the change goes to.
  ctx = { ...ctx, repo: await ports.repoContext() }

  const ignoreFile = await ports.workspace.read('.gitbobignore')
  const rules = pathRules(ignoreFile.kind === 'text' ? ignoreFile.text : null, {
    ...ports.paths,
    request: ctx.event.request.body
  })
  // The plan's JSON is repaired in llm/model.ts; what code refuses in it is reported, not sent back.
  // With tools the model reads what it needs before it plans.
  const { value: plan } = await objectAfterReading(
    ctx,
    { purpose: 'plan', schema: planSchema, schemaName: 'change_plan' },
    (c) => conversationMessages(c, PROMPTS.implementPlan)
  )
  const { accepted, problems } = acceptPlan(plan, rules, ports.limits)

  const files: FileReport[] = []
  const progress: Progress = { written: [], notebooks: [] }
  for (const action of accepted) {
    try {
      files.push(await carryOut(ctx, ports, plan, action, progress))
    } catch (error) {
      if (!(error instanceof StepError || error instanceof PathEscapeError)) throw error
      problems.push(`\`${shownPath(action.path)}\` (${action.action}) was not changed: ${error.message}.`)
    }
  }

  if (progress.notebooks.length) {
    const run = await runNotebooks(ctx, ports, progress.notebooks, rules)
    for (const file of files) {
      const status = run.status.get(file.path)
      if (status) file.note = `${file.note.replace(/\.?\s*$/, '')}; ${status}`
    }
    files.push(...run.produced)
    problems.push(...run.problems)
  }

  if (!files.length) {
    const why = plan.actions.length ? 'none of the planned changes could be made' : 'the model planned no changes'
    const lines = [
      `I made no changes: ${why}. Nothing was committed, and no branch or pull request was created.`,
      '',
      plan.summary
    ]
    if (problems.length) lines.push('', '**What could not be done:**', ...problems.map((p) => `- ${p}`))
    return { kind: 'reply', body: lines.join('\n') }
  }
  return {
    kind: 'changes',
    target: decision.target,
    title: plan.title.trim().slice(0, 120) || 'Changes requested by a maintainer',
    summary: plan.summary,
    files,
    problems
  }
}
