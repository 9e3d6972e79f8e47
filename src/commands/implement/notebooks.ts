// Notebooks in an implement turn: written from the model's cells, run with Jupyter when the runner
// has it, repaired from the traceback a bounded number of times, and what they produce committed.
import type { Message } from '../../llm/types.ts'
import { NotebookTamperError } from '../../errors.ts'
import { counted } from '../../plural.ts'
import { untilValid, type Settled, type Validation } from '../../llm/ask-until-valid.ts'
import type { Availability, Execution, FileContent, NotebookRunner } from '../../ports/workspace.ts'
import {
  buildNotebook,
  cellsOf,
  cellsSchema,
  describeCells,
  firstError,
  keepOutputs,
  parseNotebook,
  sameCode,
  serializeNotebook,
  type ModelCell,
  type Notebook
} from '../../ports/notebook.ts'
import { fill, forgePlaceholders, PROMPTS } from '../../conversation/prompts.ts'
import { checkWritePath, shownPath } from '../../ports/paths.ts'
import { conversationMessages } from '../../conversation/messages.ts'
import type { ChangePorts, ConversationContext, FileReport } from '../types.ts'
import { notebookProblem, type NotebookStatus } from './statuses.ts'
import type { Turn } from './turn.ts'
import { NO_JUPYTER } from '../../ports/workspace.ts'

export interface WrittenNotebook {
  path: string
  cells: ModelCell[]
  /** False when only markdown changed: the old outputs were kept and nothing needs to run. */
  run: boolean
  note: string
}

/**
 * Asks the model for the notebook's cells and writes it, built by code; a notebook whose code did not
 * change keeps its outputs. Or says why it was not written.
 */
export async function writeNotebook(
  ctx: ConversationContext,
  ports: ChangePorts,
  { path, action, reason }: { path: string; action: 'create' | 'modify'; reason: string },
  context: string
): Promise<{ ok: true; notebook: WrittenNotebook } | { ok: false; problem: string }> {
  let previous: Notebook | null = null
  if (action === 'modify') {
    const current = await ports.workspace.read(path)
    if (current.kind !== 'text')
      return {
        ok: false,
        problem: current.kind === 'missing' ? 'it does not exist, so it cannot be modified' : 'it is not a text file'
      }
    const parsed = parseNotebook(current.text)
    if (!parsed.ok) return { ok: false, problem: `the existing notebook cannot be read (${parsed.problem})` }
    previous = parsed.notebook
  }
  // The model sees cells without outputs: they waste tokens and may be huge.
  const current = previous ? `# Current cells of ${path} (outputs left out)\n\n${describeCells(cellsOf(previous))}` : ''
  const task = fill(PROMPTS.implementNotebook, {
    ...forgePlaceholders(ctx.forge),
    path,
    action: action === 'create' ? 'a new notebook' : 'an existing notebook',
    reason,
    context: [context, current].filter(Boolean).join('\n\n')
  })
  const reply = await ctx.model.generateObject({
    purpose: `write ${path}`,
    messages: conversationMessages(ctx, task),
    schema: cellsSchema,
    schemaName: 'notebook_cells'
  })
  const cells = reply.value.cells.map((c) => ({ kind: c.kind, source: ports.redact(c.source) }))
  const unchanged = previous !== null && sameCode(previous, cells)
  const notebook = unchanged ? keepOutputs(buildNotebook(cells, previous), previous!) : buildNotebook(cells, previous)
  await ports.workspace.write(path, serializeNotebook(notebook))
  return { ok: true, notebook: { path, cells, run: !unchanged, note: reply.value.note } }
}

/** Less time than this left for the request's notebook runs: no further run starts. */
const MIN_RUN_MS = 1000

export interface NotebookRunReport {
  /** Per notebook: how it ended (statuses.ts says it in words). */
  status: Map<string, NotebookStatus>
  /** Files the notebooks created or changed. */
  produced: FileReport[]
  problems: string[]
}

async function repair(
  ctx: ConversationContext,
  ports: ChangePorts,
  notebook: WrittenNotebook,
  error: string
): Promise<ModelCell[]> {
  const messages: Message[] = conversationMessages(
    ctx,
    `${fill(PROMPTS.notebookRepair, { path: notebook.path, error })}\n\n# The notebook's cells\n\n${describeCells(notebook.cells)}`
  )
  const reply = await ctx.model.generateObject({
    purpose: `repair ${notebook.path}`,
    messages,
    schema: cellsSchema,
    schemaName: 'notebook_cells'
  })
  return reply.value.cells.map((c) => ({ kind: c.kind, source: ports.redact(c.source) }))
}

/** What became of a notebook's runs: an execution, or the request's time for runs ran out first. */
type Outcome = Execution | { kind: 'out-of-time'; error: string | null }

/** How a notebook's runs ended. */
function statusOf(settled: Settled<Outcome>, limitMs: number): NotebookStatus {
  if (!settled.ok) return { kind: 'still-fails', rounds: settled.rounds, error: settled.problem }
  const execution = settled.value
  if (execution.kind === 'out-of-time')
    return execution.error ? { kind: 'stopped', limitMs, error: execution.error } : { kind: 'out-of-time', limitMs }
  if (execution.kind === 'failed')
    return { kind: 'could-not-run', problem: execution.problem, output: execution.output ?? null, ms: execution.ms }
  return { kind: 'ran', ms: execution.ms, rounds: settled.rounds }
}

/** Why a file a notebook produced is too large to commit, if it is. */
function sizeRefusal(file: FileContent, maxBytes: number): string | null {
  const size = file.kind === 'text' ? Buffer.byteLength(file.text) : file.kind === 'binary' ? file.size : 0
  if (size > maxBytes)
    return `it has ${size.toLocaleString('en-US')} bytes, more than the limit of ${maxBytes.toLocaleString('en-US')} for files a notebook produces (50 times the \`max-file-bytes\` input)`
  return null
}

/** The notebook runner when notebooks can run here; otherwise each notebook to run is marked unavailable. */
async function readyRunner(
  ports: ChangePorts,
  toRun: readonly WrittenNotebook[],
  report: NotebookRunReport
): Promise<NotebookRunner | null> {
  const runner = ports.notebooks
  const availability: Availability = runner ? await runner.available() : { ok: false, reason: NO_JUPYTER }
  if (!runner || !availability.ok) {
    const reason = availability.ok ? '' : availability.reason
    for (const n of toRun) report.status.set(n.path, { kind: 'unavailable', reason })
    return null
  }
  return runner
}

/** What every run of the request shares. */
interface Runs {
  runner: NotebookRunner
  ports: ChangePorts
  /** The time left for the request's runs. */
  left: () => number
  /** What the sandbox kept back, once per path however often a notebook ran. */
  refusedByBox: Map<string, string>
}

/** One run of a notebook, its outputs written: how it ended, or its first error (masked) for a repair. */
async function runOnce(
  { runner, ports, left, refusedByBox }: Runs,
  notebook: WrittenNotebook
): Promise<Validation<Outcome>> {
  if (left() < MIN_RUN_MS) return { ok: true, value: { kind: 'out-of-time', error: null } }
  const execution = await runner.run(notebook.path, {
    maxFileBytes: ports.limits.maxFileBytes * 50,
    cellTimeoutSeconds: ports.limits.notebookCellTimeoutSeconds,
    totalTimeoutMs: left()
  })
  // What a run says is masked here, at its source: it goes on to the repair prompt, the pull request
  // and the job summary. Jupyter itself failed: nothing the model could repair.
  if (execution.kind === 'failed') {
    // Stopped by the deadline: the notebook on disk is what it was before the run.
    if (left() <= 0) return { ok: true, value: { kind: 'out-of-time', error: null } }
    const output = execution.output ? { output: ports.redact(execution.output) } : {}
    return { ok: true, value: { ...execution, problem: ports.redact(execution.problem), ...output } }
  }
  for (const file of execution.refused)
    refusedByBox.set(
      file.path,
      `\`${shownPath(file.path)}\`, written by a notebook, was left in the sandbox: ${file.reason}.`
    )
  // Outputs are scanned for secrets before anything is committed or posted.
  await ports.workspace.write(notebook.path, ports.redact(serializeNotebook(execution.notebook)))
  const error = firstError(execution.notebook)
  if (!error) return { ok: true, value: execution }
  const masked = ports.redact(error)
  // No time for another run: no repair either, the error stays visible.
  return left() < MIN_RUN_MS
    ? { ok: true, value: { kind: 'out-of-time', error: masked } }
    : { ok: false, problem: masked }
}

/** The notebook's cells repaired by the model from its error, and written. */
async function repaired(
  ctx: ConversationContext,
  ports: ChangePorts,
  error: string,
  notebook: WrittenNotebook
): Promise<WrittenNotebook> {
  const cells = await repair(ctx, ports, notebook, error)
  await ports.workspace.write(notebook.path, serializeNotebook(buildNotebook(cells)))
  return { ...notebook, cells }
}

async function refuseGitChanges(ports: ChangePorts, gitBefore: string): Promise<void> {
  if ((await ports.workspace.gitFingerprint()) !== gitBefore) {
    throw new NotebookTamperError(
      "a notebook changed the repository's .git folder (its configuration or hooks), so nothing was committed or pushed. Look at the notebook code in the conversation before asking again."
    )
  }
}

/** A file a notebook produced, as the change reports it, its secrets masked on disk. */
async function producedFile(ports: ChangePorts, path: string, file: FileContent): Promise<FileReport> {
  let note = 'produced by running the notebook'
  if (file.kind === 'text') {
    const masked = ports.redact(file.text)
    if (masked !== file.text) {
      await ports.workspace.write(path, masked)
      note += '; secrets in it were masked'
    }
  }
  return { path, action: file.kind === 'missing' ? 'delete' : 'create', source: null, note }
}

/** The problem of the files past the count, a few of them named. */
function overCountProblem(overCount: readonly string[], maxFiles: number): string {
  const shown = overCount.slice(0, 5).map((path) => `\`${shownPath(path)}\``)
  const rest =
    overCount.length > shown.length ? `, and ${(overCount.length - shown.length).toLocaleString('en-US')} more` : ''
  return `${counted(overCount.length, 'more file')} changed by notebooks ${overCount.length === 1 ? 'was' : 'were'} not committed: notebook runs may produce at most ${maxFiles} files per request (the \`max-files\` input): ${shown.join(', ')}${rest}.`
}

/** The files the notebooks changed, taken into the report or put back as they were. */
async function takeProduced(
  { ports, rules }: Turn,
  notebooks: readonly WrittenNotebook[],
  before: ReadonlySet<string>,
  report: NotebookRunReport
): Promise<void> {
  // What the notebooks produced goes through the rules for files the model writes: paths, count, size, secrets.
  const notebookPaths = new Set(notebooks.map((n) => n.path))
  const maxBytes = ports.limits.maxFileBytes * 50
  const undo: string[] = []
  const overCount: string[] = []
  for (const path of await ports.workspace.changedPaths()) {
    if (before.has(path) || notebookPaths.has(path)) continue
    // Past the count, nothing more is read: a notebook may write thousands of files.
    const verdict = checkWritePath(path, rules)
    if (verdict.ok && report.produced.length >= ports.limits.maxFiles) {
      overCount.push(path)
      continue
    }
    const file = await ports.workspace.read(path)
    const refusal = verdict.ok ? sizeRefusal(file, maxBytes) : verdict.reason
    if (refusal) {
      // Put it back as it was: a refused change must not turn into a deletion of a tracked file.
      undo.push(path)
      report.problems.push(`\`${shownPath(path)}\`, changed by a notebook, was not committed: ${refusal}.`)
      continue
    }
    report.produced.push(await producedFile(ports, path, file))
  }
  await ports.workspace.restore([...undo, ...overCount])
  if (overCount.length) report.problems.push(overCountProblem(overCount, ports.limits.maxFiles))
}

/**
 * Runs each notebook that needs it. A failing notebook goes back to the model with its traceback,
 * at most `notebookRepairRounds` times; if it still fails, it is committed with the error visible. All runs
 * and repair rounds share `notebookTimeoutMs`: when it runs out, no further run starts.
 */
export async function runNotebooks(
  turn: Turn,
  notebooks: readonly WrittenNotebook[],
  clock: () => number = Date.now
): Promise<NotebookRunReport> {
  const { ctx, ports } = turn
  const report: NotebookRunReport = { status: new Map(), produced: [], problems: [] }
  const toRun = notebooks.filter((n) => n.run)
  for (const n of notebooks.filter((n) => !n.run)) report.status.set(n.path, { kind: 'text-only' })
  if (!toRun.length) return report
  const runner = await readyRunner(ports, toRun, report)
  if (!runner) return report

  const before = new Set(await ports.workspace.changedPaths())
  const gitBefore = await ports.workspace.gitFingerprint()
  // One deadline for the whole request: runs and the repair rounds between them.
  const limitMs = ports.limits.notebookTimeoutMs
  const deadline = clock() + limitMs
  const runs: Runs = { runner, ports, left: () => deadline - clock(), refusedByBox: new Map() }
  for (const original of toRun) {
    const settled = await untilValid(
      original,
      (notebook) => runOnce(runs, notebook),
      (error, notebook) => repaired(ctx, ports, error, notebook),
      ports.limits.notebookRepairRounds
    )
    const status = statusOf(settled, limitMs)
    report.status.set(original.path, status)
    const problem = notebookProblem(original.path, status)
    if (problem) report.problems.push(problem)
  }
  await refuseGitChanges(ports, gitBefore)
  await takeProduced(turn, notebooks, before, report)
  report.problems.push(...runs.refusedByBox.values())
  return report
}
