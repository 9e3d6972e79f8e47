// "implement" (also "apply", "solve") and "try": plan the change with the model, then write each file
// knowing the plan and what this turn already wrote, then run the notebooks, then the repository's checks,
// repairing until they pass or a limit is reached. Every path is checked by code; edits apply whole or not at
// all. A comment shows the progress. Committing, pushing and proposing happen in effects/.
import { ConfigError, PathEscapeError, StepError } from '../../errors.ts'
import { fill, forgePlaceholders, PROMPTS } from '../../conversation/prompts.ts'
import { conversationMessages } from '../../conversation/messages.ts'
import { objectAfterReading } from '../read-with-tools.ts'
import type { ChangePorts, CheckLine, CheckReport, ConversationContext, FileReport, Outcome } from '../types.ts'
import { findCheckCommand } from './check-command.ts'
import { checkAndRepair, notebookLine } from './checks.ts'
import { runNotebooks, type WrittenNotebook } from './notebooks.ts'
import { pathRules, shownPath, type PathRules } from '../../ports/paths.ts'
import { acceptPlan, planSchema, type Plan, type PlannedAction } from './plan.ts'
import { notebookSentence } from './statuses.ts'
import { progressText } from './progress.ts'
import { carryOutStep } from './steps.ts'
import type { PlannedTurn } from './turn.ts'
import { ChangedFiles } from './writing-tools.ts'

/** What the turn has done so far, and the progress comment that shows it. */
interface Progress {
  /** The files changed, as the answer and the progress comment list them. */
  files: FileReport[]
  /** What could not be done. */
  problems: string[]
  show: (doing: string | null, checks?: CheckReport | null) => Promise<void>
}

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
  const rules = await rulesOf(ctx, ports)
  const plan = await planChange(ctx)
  const { accepted, problems } = acceptPlan(plan, rules, ports.limits)

  const files: FileReport[] = []
  const turn: PlannedTurn = { ctx, ports, rules, plan, written: [] }
  const show = (doing: string | null, checks: CheckReport | null = null): Promise<void> =>
    ports.progress.show(progressText({ title: plan.title, planned: accepted, done: files, checks, doing }))
  const progress: Progress = { files, problems, show }
  const notebooks = await writeFiles(turn, accepted, progress)
  // Notebook runs and checks share one time limit per request: `notebook-timeout-seconds`.
  const deadline = Date.now() + ports.limits.notebookTimeoutMs
  const notebookLines = await runWrittenNotebooks(turn, notebooks, progress)
  const checks = await checkWritten(turn, notebookLines, deadline, progress)

  if (!files.length) return noChanges(plan, problems)
  return {
    kind: 'changes',
    target: decision.target,
    title: plan.title.trim().slice(0, 120) || 'Changes requested by a maintainer',
    summary: plan.summary,
    files,
    problems,
    checks: checks && { ...checks, isolation: ports.isolation() }
  }
}

/** The paths the change may touch: the repository's `.gitbobignore`, the settings and the request. */
async function rulesOf(ctx: ConversationContext, ports: ChangePorts): Promise<PathRules> {
  const ignoreFile = await ports.workspace.read('.gitbobignore')
  const { request } = ctx.event
  return pathRules(ignoreFile.kind === 'text' ? ignoreFile.text : null, {
    ...ports.paths,
    // Only a person's words name a protected path: a check fix's request is git-bob's own, made of a CI log that
    // the code under test writes.
    request: request.source === 'check_fix' ? '' : request.body
  })
}

async function planChange(ctx: ConversationContext): Promise<Plan> {
  // The plan's JSON is repaired in llm/structured-output.ts; what code refuses in it is reported, not sent back.
  // With tools the model reads what it needs before it plans.
  const { value: plan } = await objectAfterReading(
    ctx,
    { purpose: 'plan', schema: planSchema, schemaName: 'change_plan' },
    (c) => conversationMessages(c, fill(PROMPTS.implementPlan, forgePlaceholders(ctx.forge)))
  )
  return plan
}

/** Each planned step carried out; one that fails is a problem and the others go on. The notebooks written. */
async function writeFiles(
  turn: PlannedTurn,
  accepted: readonly PlannedAction[],
  { files, problems, show }: Progress
): Promise<WrittenNotebook[]> {
  const notebooks: WrittenNotebook[] = []
  await show(`writing ${accepted.length === 1 ? 'the file' : `${accepted.length} files`}`)
  for (const action of accepted) {
    try {
      files.push(await carryOutStep(turn, action, notebooks))
    } catch (error) {
      if (!(error instanceof StepError || error instanceof PathEscapeError)) throw error
      problems.push(`\`${shownPath(action.path)}\` (${action.action}) was not changed: ${error.message}.`)
    }
  }
  return notebooks
}

/** The written notebooks run, each file's note saying how; the lines they add to the check report. */
async function runWrittenNotebooks(
  turn: PlannedTurn,
  notebooks: readonly WrittenNotebook[],
  { files, problems, show }: Progress
): Promise<CheckLine[]> {
  const notebookLines: CheckLine[] = []
  if (notebooks.length) {
    await show('running the notebooks')
    const run = await runNotebooks(turn, notebooks)
    for (const file of files) {
      const status = run.status.get(file.path)
      if (status) file.note = `${file.note.replace(/\.?\s*$/, '')}; ${notebookSentence(status)}`
    }
    for (const [path, status] of run.status) notebookLines.push(notebookLine(path, status))
    files.push(...run.produced)
    problems.push(...run.problems)
  }
  return notebookLines
}

/** The checks run and repaired on what was written; `files` becomes what the repairs left. */
async function checkWritten(
  turn: PlannedTurn,
  notebookLines: CheckLine[],
  deadline: number,
  { files, show }: Progress
): Promise<CheckReport | null> {
  // The checks run on what was written; the repair rounds may change more files.
  const changed = new ChangedFiles(files)
  // No check found still makes a report (with no lines), so the pull request says none ran and why.
  const checks = files.length
    ? ((await checkAndRepair(turn, changed, {
        check: await checkCommand(turn.ctx, turn.ports),
        notebooks: notebookLines,
        deadline,
        onProgress: (report, doing) => show(doing, report)
      })) ?? { lines: [], rounds: 0, source: null, stopped: null })
    : null
  files.splice(0, files.length, ...changed.files)
  return checks
}

function noChanges(plan: Plan, problems: readonly string[]): Outcome {
  const why = plan.actions.length ? 'none of the planned changes could be made' : 'the model planned no changes'
  const lines = [
    `I made no changes: ${why}. Nothing was committed, and no branch or pull request was created.`,
    '',
    plan.summary
  ]
  if (problems.length) lines.push('', '**What could not be done:**', ...problems.map((p) => `- ${p}`))
  return { kind: 'reply', body: lines.join('\n') }
}

/** The check command: the input, or one found in the repository's files at the root of the branch. */
async function checkCommand(
  ctx: ConversationContext,
  ports: ChangePorts
): Promise<ReturnType<typeof findCheckCommand>> {
  const roots = [
    'pytest.ini',
    'pyproject.toml',
    'setup.cfg',
    'tox.ini',
    'package.json',
    'Makefile',
    'makefile',
    'GNUmakefile'
  ]
  const texts = new Map<string, string>()
  for (const path of roots) {
    const file = await ports.workspace.read(path)
    if (file.kind === 'text') texts.set(path, file.text)
  }
  const paths = [...new Set([...ctx.repo.paths, ...texts.keys()])]
  return findCheckCommand(ports.checkSettings.command, paths, (path) => texts.get(path) ?? null)
}
