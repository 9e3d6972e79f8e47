// One planned action carried out in the workspace: a text file or notebook written by the model, a
// file deleted, renamed, copied or downloaded. A step that cannot be done throws StepError; the
// others go on, and the description says why.
import { DownloadError, StepError } from '../../errors.ts'
import type { FileReport } from '../types.ts'
import { writeNotebook, type WrittenNotebook } from './notebooks.ts'
import { changeContext, type PlannedAction } from './plan.ts'
import type { PlannedTurn } from './turn.ts'
import { writeFile } from './write-file.ts'
import { mediaFileKind, writeMediaFile } from './write-media.ts'

/** Carries out one planned action; a notebook written joins `notebooks`, which run after all files are written. */
export async function carryOutStep(
  turn: PlannedTurn,
  action: PlannedAction,
  notebooks: WrittenNotebook[]
): Promise<FileReport> {
  switch (action.action) {
    case 'create':
    case 'modify':
      return writeStep(turn, { ...action, action: action.action }, notebooks)
    case 'delete':
      return deleteStep(turn, action)
    case 'rename':
    case 'copy':
      return copyStep(turn, action)
    case 'download':
      return downloadStep(turn, action)
  }
}

function report(action: PlannedAction, note: string): FileReport {
  return {
    path: action.path,
    action: action.action,
    source: action.source,
    note
  }
}

/** A file written by the model: a file beyond text, a notebook, or a text file. */
async function writeStep(
  turn: PlannedTurn,
  step: PlannedAction & { action: 'create' | 'modify' },
  notebooks: WrittenNotebook[]
): Promise<FileReport> {
  const { ctx, ports, plan, written } = turn
  const media = mediaFileKind(step.path)
  if (media) {
    const result = await writeMediaFile(turn, step, media)
    if (!result.ok) throw new StepError(result.problem)
    written.push({ path: step.path, text: result.text })
    return { ...report(step, result.note), ...(result.details ? { details: result.details } : {}) }
  }
  if (step.path.toLowerCase().endsWith('.ipynb')) {
    const result = await writeNotebook(ctx, ports, step, changeContext(plan, written))
    if (!result.ok) throw new StepError(result.problem)
    notebooks.push(result.notebook)
    written.push({ path: step.path, text: null })
    return report(step, result.notebook.note)
  }
  const result = await writeFile(turn, step)
  if (!result.ok) throw new StepError(result.problem)
  written.push({ path: step.path, text: result.text })
  return report(step, result.note)
}

async function deleteStep({ ports, written }: PlannedTurn, action: PlannedAction): Promise<FileReport> {
  if ((await ports.workspace.read(action.path)).kind === 'missing') throw new StepError('it does not exist')
  await ports.workspace.remove(action.path)
  written.push({ path: action.path, text: null })
  return report(action, action.reason)
}

/** A rename or a copy. */
async function copyStep({ ports, written }: PlannedTurn, action: PlannedAction): Promise<FileReport> {
  if (!action.source || (await ports.workspace.read(action.source)).kind === 'missing')
    throw new StepError(`its source \`${action.source ?? '(none)'}\` does not exist`)
  if (action.action === 'rename') await ports.workspace.move(action.source, action.path)
  else await ports.workspace.copy(action.source, action.path)
  written.push({ path: action.path, text: null })
  return report(action, action.reason)
}

async function downloadStep({ ports, written }: PlannedTurn, action: PlannedAction): Promise<FileReport> {
  if (!action.source) throw new StepError('no URL was given')
  try {
    const bytes = await ports.download(action.source)
    if (bytes.length > ports.limits.maxFileBytes * 50) throw new StepError('the download is too large')
    await ports.workspace.write(action.path, bytes)
  } catch (error) {
    if (error instanceof DownloadError) throw new StepError(error.message)
    throw error
  }
  written.push({ path: action.path, text: null })
  return report(action, action.reason)
}
