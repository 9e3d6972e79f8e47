// The repository's checks on a change, and the repair rounds: after the edits, the syntax check of the Python
// files written and the check command run in the sandbox; a failure (masked, its end only) goes back to the
// model. A model that can call tools repairs in one tool conversation: it reads, changes files and runs the
// checks itself (writing-tools.ts), within max-steps, max-cost-usd and the time left. Otherwise it answers in
// rounds with a list of tool calls, and the checks run again after each, until they pass or a limit is reached:
// the repair rounds, or the request's time for sandboxed runs.
import { z } from 'zod'
import { fill, forgePlaceholders, PROMPTS } from '../../conversation/prompts.ts'
import { fenced } from '../../ports/fenced.ts'
import type { AnyTool, ToolResult } from '../../llm/tools.ts'
import { conversationMessages } from '../../conversation/messages.ts'
import { toolLimits, usesTools, withRoomForTools } from '../read-with-tools.ts'
import type { CheckLine, CheckReport } from '../types.ts'
import { syntaxCheck, type CheckCommand } from './check-command.ts'
import type { CheckRun, CheckRunner } from '../../ports/workspace.ts'
import {
  checkLine,
  stopSentence,
  timeRanOut,
  type CheckStatus,
  type NotebookStatus,
  type RepairStop
} from './statuses.ts'
import type { Turn } from './turn.ts'
import { writingTools, type ChangedFiles } from './writing-tools.ts'

/** What the model reads of a failing check: its last lines. */
const TAIL_LINES = 60
const TAIL_CHARS = 6000
/** How much of the change's files the repair prompt shows. */
const FILES_CHARS = 60_000
/** Less time than this left: no further check starts. */
const MIN_RUN_MS = 1000

export const repairSchema = z.object({
  diagnosis: z.string().describe('what was wrong, one or two sentences'),
  changes: z.array(
    z.object({
      tool: z.enum(['write_file', 'edit_file', 'delete_file', 'rename_file']),
      path: z.string().describe('the file to write, edit or delete; for rename_file the new path'),
      content: z.string().nullable().describe('write_file: the complete content; otherwise null'),
      edits: z
        .array(z.object({ search: z.string(), replace: z.string() }))
        .nullable()
        .describe('edit_file: the edits; otherwise null'),
      source: z.string().nullable().describe('rename_file: the old path; otherwise null')
    })
  )
})
type RepairAnswer = z.infer<typeof repairSchema>

/** The last lines of a text. */
export function tail(text: string, lines = TAIL_LINES, chars = TAIL_CHARS): string {
  const kept = text.replace(/\s+$/, '').split('\n').slice(-lines).join('\n')
  return kept.length > chars ? `…${kept.slice(-chars)}` : kept
}

/** How a run ended. */
function statusOf(run: CheckRun, setup: string | null): CheckStatus {
  if (run.limit) return { kind: 'limit', limit: run.limit }
  if (run.timedOut) return { kind: 'timed-out', ms: run.ms }
  if (run.setupFailed) return { kind: 'setup-failed', setup, code: run.code }
  if (run.code === 0) return { kind: 'passed', ms: run.ms }
  return run.code === null ? { kind: 'could-not-run' } : { kind: 'failed', code: run.code, ms: run.ms }
}

/** A command the checks run: the syntax check or the check command, with its set-up. */
interface CheckToRun {
  kind: CheckLine['kind']
  command: string
  setup: string | null
}

/** One run as a line of the report; the output masked at its source. */
function lineOf(check: CheckToRun, run: CheckRun, redact: (text: string) => string): CheckLine {
  const ended = statusOf(run, check.setup)
  return checkLine(check.kind, check.command, ended, ended.kind === 'passed' ? null : redact(tail(run.output)) || null)
}

/** A notebook's line in the report. */
export function notebookLine(path: string, status: NotebookStatus): CheckLine {
  // What Jupyter printed when it could not run the notebook, for the job summary (masked at its source).
  const tail = status.kind === 'could-not-run' ? status.output : null
  return checkLine('notebook', path, { kind: 'notebook', notebook: status }, tail)
}

export interface CheckPlan {
  /** The check command and where it came from; null when neither configured nor found. */
  check: CheckCommand | null
  /** Lines of notebooks already run (notebooks.ts), shown in the same report. */
  notebooks: CheckLine[]
  /** Where progress is shown: called with the report so far. */
  onProgress: (report: CheckReport, doing: string | null) => Promise<void>
  /** When the request's time for sandboxed runs (notebooks and checks together) ends, in `clock` milliseconds. */
  deadline: number
  /** Milliseconds now; tests pass their own clock. */
  clock?: () => number
}

/** The commands to run on the change as it is now: the syntax check of what was written, the check command. */
function commandsOf(turn: Turn, changed: ChangedFiles, plan: CheckPlan): CheckToRun[] {
  const list: CheckToRun[] = []
  const written = changed.files.filter((f) => f.action !== 'delete').map((f) => f.path)
  const syntax = syntaxCheck(written)
  if (syntax) list.push({ kind: 'syntax', command: syntax, setup: null })
  if (plan.check) list.push({ kind: 'check', command: plan.check.command, setup: turn.ports.checkSettings.setup })
  return list
}

/** The checks of one request while they run and are repaired. */
interface Checking {
  turn: Turn
  changed: ChangedFiles
  plan: CheckPlan
  runner: CheckRunner
  clock: () => number
  source: string | null
  /** How the latest run of the checks ended. */
  lines: CheckLine[]
  /** The repair rounds so far. */
  rounds: number
}

const timeLeft = (c: Checking): number => c.plan.deadline - c.clock()

const failing = (lines: readonly CheckLine[]): boolean => lines.some((l) => l.status === 'failed')

/** The report of the latest run, the notebooks' lines after it. */
const reportNow = (c: Checking, stopped: RepairStop | null): CheckReport =>
  report([...c.lines, ...c.plan.notebooks], c.rounds, c.source, stopped)

/** Each check in turn, within the time left; after a failure the rest are not run. */
async function runAll(c: Checking): Promise<CheckLine[]> {
  const { ports } = c.turn
  const lines: CheckLine[] = []
  for (const check of commandsOf(c.turn, c.changed, c.plan)) {
    const left = timeLeft(c)
    if (left < MIN_RUN_MS || lines.some((l) => l.status === 'failed')) {
      // After a failure the rest waits for the repair; without time, nothing more runs.
      const why: CheckStatus = left < MIN_RUN_MS ? { kind: 'out-of-time' } : { kind: 'after-failure' }
      lines.push(checkLine(check.kind, check.command, why, null))
      continue
    }
    const run = await c.runner.run(check.command, { setup: check.setup, timeoutMs: left })
    lines.push(lineOf(check, run, (text) => ports.redact(text)))
  }
  return lines
}

/**
 * Runs the checks, and while one fails and a repair round and time are left, asks the model for changes,
 * applies them through the writing tools, and runs the checks again. Null when there is nothing to check.
 */
export async function checkAndRepair(turn: Turn, changed: ChangedFiles, plan: CheckPlan): Promise<CheckReport | null> {
  const { ctx, ports } = turn
  const commands = (): CheckToRun[] => commandsOf(turn, changed, plan)
  if (!commands().length) return plan.notebooks.length ? report(plan.notebooks, 0, null, null) : null

  const runner = ports.checks
  const availability = runner
    ? await runner.available()
    : { ok: false as const, reason: 'no sandbox is available for checks here' }
  if (!runner || !availability.ok) {
    const reason = availability.ok ? '' : availability.reason
    const lines = commands().map((c) => checkLine(c.kind, c.command, { kind: 'unavailable', reason }, null))
    return report([...lines, ...plan.notebooks], 0, plan.check?.source ?? null, null)
  }

  const source = plan.check?.source ?? null
  const checking: Checking = {
    turn,
    changed,
    plan,
    runner,
    clock: plan.clock ?? Date.now,
    source,
    lines: [],
    rounds: 0
  }
  await plan.onProgress(report([], 0, source, null), 'running the checks')
  checking.lines = await runAll(checking)

  // With tools, the model repairs in one conversation: it reads, edits and runs the checks itself, within
  // max-steps, the money cap and the time left. The checks run once more at the end if anything changed since.
  // `check-repair-rounds: 0` means no repair on either path: the loop of rounds then stops at once and says so.
  if (usesTools(ctx) && ports.limits.checkRepairRounds > 0 && failing(checking.lines)) return repairWithTools(checking)
  return repairInRounds(checking)
}

/** The model repairs in one tool conversation, running the checks itself; once more at the end if needed. */
async function repairWithTools(c: Checking): Promise<CheckReport> {
  const { ctx, ports, rules } = c.turn
  let checkedAt = c.changed.version
  const runChecks = async (): Promise<string> => {
    if (timeLeft(c) < MIN_RUN_MS) return 'The time for checks ran out: no further check runs.'
    c.rounds++
    await c.plan.onProgress(reportNow(c, null), `running the checks (run ${c.rounds + 1})`)
    c.lines = await runAll(c)
    checkedAt = c.changed.version
    return describeLines(c.lines)
  }
  await c.plan.onProgress(
    report([...c.lines, ...c.plan.notebooks], 0, c.source, null),
    'the model repairs the failing checks with tools'
  )
  const room = withRoomForTools(ctx)
  const failed = c.lines.filter((l) => l.status === 'failed')
  const reply = await ctx.model.generateWithTools({
    purpose: 'repair the failing checks',
    messages: conversationMessages(room, fill(PROMPTS.implementRepairTools, { failures: describeLines(failed) })),
    tools: [...ctx.tools, ...writingTools(ports, rules, c.changed, runChecks)],
    limits: toolLimits(room)
  })
  if (c.changed.version !== checkedAt) {
    c.rounds++
    c.lines = await runAll(c)
  }
  return reportNow(c, toolsStop(c, reply.cutShort))
}

/** Why the tool conversation ended with a check still failing; null when none fails. */
function toolsStop(c: Checking, cutShort: string | null): RepairStop | null {
  const timeUp = timeLeft(c) < MIN_RUN_MS || c.lines.some((l) => timeRanOut(l.ended))
  if (!failing(c.lines)) return null
  if (cutShort) return { kind: 'cut-short', why: cutShort }
  return timeUp ? { kind: 'time-up', limitMs: c.turn.ports.limits.notebookTimeoutMs } : { kind: 'model-ended' }
}

/** Repair rounds: the model answers with tool calls, applied by code, then the checks run again. */
async function repairInRounds(c: Checking): Promise<CheckReport> {
  const { ports, rules } = c.turn
  const tools = new Map(writingTools(ports, rules, c.changed).map((t) => [t.name, t]))
  let previous: string[] = []
  for (;;) {
    const failed = c.lines.filter((l) => l.status === 'failed')
    if (!failed.length) return reportNow(c, null)
    const stopped = roundsStop(c, failed)
    const so = reportNow(c, stopped)
    if (stopped) return so
    c.rounds++
    await c.plan.onProgress(so, `asking the model to fix the failing checks (repair round ${c.rounds})`)
    const answer = await askForRepair(c.turn, c.changed, failed, previous)
    previous = await applied(tools, answer)
    await c.plan.onProgress(so, `running the checks again after repair round ${c.rounds}`)
    c.lines = await runAll(c)
  }
}

/** Why no further repair round starts, if none does. */
function roundsStop(c: Checking, failed: readonly CheckLine[]): RepairStop | null {
  const allowed = c.turn.ports.limits.checkRepairRounds
  if (c.rounds >= allowed) return { kind: 'rounds-used', rounds: c.rounds, allowed }
  if (timeLeft(c) < MIN_RUN_MS || failed.some((l) => timeRanOut(l.ended)))
    return { kind: 'time-up', limitMs: c.turn.ports.limits.notebookTimeoutMs }
  return null
}

/** The answer's calls applied in order; what the next round is told of them. */
async function applied(tools: Map<string, AnyTool>, answer: RepairAnswer): Promise<string[]> {
  const said = [`Your diagnosis last round: ${answer.diagnosis}`]
  for (const call of answer.changes) said.push(`${call.tool} \`${call.path}\`: ${(await apply(tools, call)).text}`)
  return said
}

function report(lines: CheckLine[], rounds: number, source: string | null, stopped: RepairStop | null): CheckReport {
  return { lines, rounds, source, stopped: stopped && stopSentence(stopped) }
}

type RepairCall = RepairAnswer['changes'][number]

/** One call of the model's answer through its tool; what the model reads back. */
async function apply(tools: Map<string, AnyTool>, call: RepairCall): Promise<ToolResult> {
  const tool = tools.get(call.tool)
  if (!tool) return { text: `there is no tool \`${call.tool}\``, isError: true }
  const input =
    call.tool === 'write_file'
      ? { path: call.path, content: call.content }
      : call.tool === 'edit_file'
        ? { path: call.path, edits: call.edits }
        : call.tool === 'rename_file'
          ? { from: call.source, to: call.path }
          : { path: call.path }
  const parsed = tool.input.safeParse(input)
  if (!parsed.success)
    return {
      text: `the call's fields do not fit ${call.tool}: ${parsed.error.issues[0]?.message ?? ''}`,
      isError: true
    }
  return tool.run(parsed.data, AbortSignal.timeout(60_000))
}

/** How checks ended, for the model: each command, its result, and the end of a failure's output. */
function describeLines(lines: readonly CheckLine[]): string {
  return lines
    .map((l) => `## \`${l.name}\` ${l.summary}${l.status === 'failed' ? `\n\n${fenced(l.tail ?? '(no output)')}` : ''}`)
    .join('\n\n')
}

async function askForRepair(
  { ctx, ports }: Turn,
  changed: ChangedFiles,
  failed: readonly CheckLine[],
  previous: readonly string[]
): Promise<RepairAnswer> {
  const failures = describeLines(failed)
  // The change's files, then any other file the failure names (a test, a module it imports).
  const named = ctx.repo.paths.filter((p) => failed.some((l) => l.tail?.includes(p)) && !changed.byPath.has(p))
  const parts: string[] = []
  let budget = FILES_CHARS
  for (const path of [...changed.files.filter((f) => f.action !== 'delete').map((f) => f.path), ...named]) {
    const file = await ports.workspace.read(path)
    if (file.kind !== 'text' || path.endsWith('.ipynb')) continue
    // Files the change did not write are read as they are: secrets git-bob holds are masked before the model reads.
    const text = ports.redact(file.text)
    if (text.length > budget) {
      parts.push(`## ${path}\n\n(too long to show here; change it with edit_file)`)
      continue
    }
    budget -= text.length
    parts.push(`## ${path}\n\n${fenced(text)}`)
  }
  const context = [
    previous.length ? `# Your changes in the last round\n\n${previous.map((p) => `- ${p}`).join('\n')}` : '',
    `# The files of this change as they are now\n\n${parts.join('\n\n') || '(none)'}`
  ]
    .filter(Boolean)
    .join('\n\n')
  const reply = await ctx.model.generateObject({
    purpose: 'repair the failing checks',
    messages: conversationMessages(
      ctx,
      fill(PROMPTS.implementRepair, { ...forgePlaceholders(ctx.forge), failures, context })
    ),
    schema: repairSchema,
    schemaName: 'check_repair'
  })
  return reply.value
}
