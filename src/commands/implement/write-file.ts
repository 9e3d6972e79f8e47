// One text file of a change, written by the model: whole, or through search/replace edits when it is
// long. An answer that does not parse (validate.ts) or edits that do not apply go back once with the
// reason; nothing invalid and nothing half-edited is written.
import { z } from 'zod'
import { fill, forgePlaceholders, PROMPTS } from '../../conversation/prompts.ts'
import { fenced } from '../../ports/fenced.ts'
import { conversationMessages } from '../../conversation/messages.ts'
import type { ConversationContext } from '../types.ts'
import { askUntilValid, type Validation } from '../../llm/ask-until-valid.ts'
import type { ObjectRequest } from '../../llm/types.ts'
import { applyEdits } from './edits.ts'
import { changeContext, type PlannedAction } from './plan.ts'
import type { PlannedTurn } from './turn.ts'
import { validateText } from './validate.ts'

export const fileSchema = z.object({
  content: z.string().describe('the complete file content'),
  note: z.string().describe('one line: what this file does or what changed')
})

export const editSchema = z.object({
  edits: z.array(z.object({ search: z.string(), replace: z.string() })).min(1),
  note: z.string().describe('one line: what changed in this file')
})

/** Files longer than this are changed through search/replace edits rather than rewritten. */
export const EDIT_THRESHOLD = 12_000

const BINARY_EXTENSIONS =
  /\.(png|jpe?g|gif|webp|bmp|tiff?|ico|pdf|zip|gz|tgz|bz2|xz|7z|npy|npz|h5|hdf5|pkl|parquet|xlsx?|docx?|pptx?|mp3|mp4|wav|czi|nd2|lif|so|dll|exe|bin)$/i

export type FileWritten = { ok: true; note: string; text: string } | { ok: false; problem: string }

/** One file asked of the model in one conversation: once more with the problem when `check` refuses the answer. */
async function ask<T extends { note: string }>(
  ctx: ConversationContext,
  asked: Omit<ObjectRequest<T>, 'messages'> & { task: string },
  check: (value: T) => Validation<string>,
  feedback: (problem: string) => string,
  failed: (problem: string) => string
): Promise<FileWritten> {
  const { task, ...request } = asked
  const messages = conversationMessages(ctx, task)
  const result = await askUntilValid(ctx.model, { ...request, messages }, check, { rounds: 1, feedback })
  if (!result.ok) return { ok: false, problem: failed(result.problem) }
  return { ok: true, text: result.value, note: result.reply.value.note }
}

/** Long files: the model's edits, applied all or nothing, one more round when they do not apply. */
async function edited(
  ctx: ConversationContext,
  action: PlannedAction,
  existing: string,
  context: string
): Promise<FileWritten> {
  const task = fill(PROMPTS.implementEdit, {
    ...forgePlaceholders(ctx.forge),
    path: action.path,
    reason: action.reason,
    context
  })
  const result = await ask(
    ctx,
    { purpose: `edit ${action.path}`, task, schema: editSchema, schemaName: 'file_edits' },
    (value) => {
      const applied = applyEdits(existing, value.edits)
      return applied.ok ? { ok: true, value: applied.content } : applied
    },
    (problem) => `These edits cannot be applied: ${problem}\nReturn the complete, corrected list of edits.`,
    (problem) => `the model's edits did not match the file twice (${problem.split('\n')[0]})`
  )
  if (!result.ok) return result
  const invalid = validateText(action.path, result.text)
  if (invalid) return { ok: false, problem: `after the model's edits, the file would be ${invalid}` }
  return result
}

/** New and short files: the whole content, one more round when it does not parse. */
async function whole(ctx: ConversationContext, action: PlannedAction, context: string): Promise<FileWritten> {
  const task = fill(PROMPTS.implementFile, {
    ...forgePlaceholders(ctx.forge),
    path: action.path,
    action: action.action === 'create' ? 'a new file' : 'an existing file',
    reason: action.reason,
    context
  })
  return ask(
    ctx,
    { purpose: `write ${action.path}`, task, schema: fileSchema, schemaName: 'file_content' },
    (value) => {
      const invalid = validateText(action.path, value.content)
      return invalid ? { ok: false, problem: invalid } : { ok: true, value: value.content }
    },
    (problem) => `The content is ${problem}. Return the corrected complete file.`,
    (problem) => `the model wrote ${problem} twice`
  )
}

/** Creates or modifies one text file in the workspace; or says why it was not written. */
export async function writeFile(
  { ctx, ports, plan, written }: PlannedTurn,
  action: PlannedAction & { action: 'create' | 'modify' }
): Promise<FileWritten> {
  const current = action.action === 'modify' ? await ports.workspace.read(action.path) : { kind: 'missing' as const }
  if (action.action === 'modify' && current.kind === 'missing')
    return { ok: false, problem: 'it does not exist, so it cannot be modified' }
  if (current.kind === 'binary')
    return { ok: false, problem: 'it is a binary file, and binary files are not rewritten as text' }
  if (action.action === 'create' && BINARY_EXTENSIONS.test(action.path))
    return {
      ok: false,
      problem: 'binary files cannot be written as text; attach the file in the issue and ask me to download it'
    }
  const existing = current.kind === 'text' ? current.text : null
  const context = [
    changeContext(plan, written),
    existing !== null ? `# Current content of ${action.path}\n\n${fenced(existing)}` : ''
  ]
    .filter(Boolean)
    .join('\n\n')

  const result =
    existing !== null && existing.length > EDIT_THRESHOLD
      ? await edited(ctx, action, existing, context)
      : await whole(ctx, action, context)
  if (!result.ok) return result
  const text = ports.redact(result.text)
  const size = Buffer.byteLength(text)
  if (size > ports.limits.maxFileBytes)
    return {
      ok: false,
      problem: `the written file would have ${size.toLocaleString('en-US')} bytes, more than the limit of ${ports.limits.maxFileBytes.toLocaleString('en-US')} (the \`max-file-bytes\` input)`
    }
  if (existing !== null && existing === text) return { ok: false, problem: 'the model returned it unchanged' }
  await ports.workspace.write(action.path, text)
  return { ok: true, note: result.note, text }
}
