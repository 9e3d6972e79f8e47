// "implement" (also "apply", "solve") and "try": plan the change with the model, then write each file
// knowing the plan and what this turn already wrote. Every path is checked by code; edits apply whole
// or not at all. Committing, pushing and proposing happen in effects.ts.
import { z } from 'zod'
import { ConfigError, DownloadError, NotebookError, PathEscapeError, StepError } from '../../errors.ts'
import type { Message } from '../../llm/types.ts'
import { fill, PROMPTS } from '../../conversation/prompts.ts'
import { fenced } from '../../conversation/thread.ts'
import { applyEdits } from './edits.ts'
import { checkWritePath, pathRules, type PathRules } from './paths.ts'
import { validateText } from './validate.ts'
import { conversationMessages } from '../comment.ts'
import { runNotebooks, writeNotebook, type WrittenNotebook } from './notebooks.ts'
import type { ChangePorts, ConversationContext, FileReport, Outcome } from '../types.ts'

const ACTIONS = ['create', 'modify', 'delete', 'rename', 'copy', 'download'] as const

export const planSchema = z.object({
  title: z.string().describe('the pull request title: imperative, under 70 characters'),
  summary: z.string().describe('what the change does and why, for reviewers (markdown)'),
  actions: z.array(
    z.object({
      action: z.enum(ACTIONS),
      path: z.string().describe('the file to write, relative to the repository root'),
      source: z.string().nullable().describe('rename/copy: the existing path; download: the URL; otherwise null'),
      reason: z.string().describe('why this file changes, one sentence')
    })
  )
})

export type Plan = z.infer<typeof planSchema>
type PlannedAction = Plan['actions'][number]

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
/** How much of this turn's already-written files each later file sees. */
const WRITTEN_CONTEXT_CHARS = 60_000

const BINARY_EXTENSIONS =
  /\.(png|jpe?g|gif|webp|bmp|tiff?|ico|pdf|zip|gz|tgz|bz2|xz|7z|npy|npz|h5|hdf5|pkl|parquet|xlsx?|docx?|pptx?|mp3|mp4|wav|czi|nd2|lif|so|dll|exe|bin)$/i

interface Written {
  path: string
  text: string | null
}

function planRules(
  plan: Plan,
  rules: PathRules,
  limits: ChangePorts['limits']
): { accepted: PlannedAction[]; problems: string[] } {
  const accepted: PlannedAction[] = []
  const problems: string[] = []
  const seen = new Set<string>()
  // Downloads first: later files may use what they fetch.
  const ordered = [...plan.actions].sort((a, b) => Number(b.action === 'download') - Number(a.action === 'download'))
  for (const action of ordered) {
    const verdict = checkWritePath(action.path, rules)
    if (!verdict.ok) {
      problems.push(`\`${action.path}\` (${action.action}) was not changed: ${verdict.reason}.`)
      continue
    }
    let source = action.source
    if ((action.action === 'rename' || action.action === 'copy') && source !== null) {
      const checked = checkWritePath(source, rules)
      if (!checked.ok) {
        problems.push(`\`${source}\` was not ${action.action === 'rename' ? 'renamed' : 'copied'}: ${checked.reason}.`)
        continue
      }
      source = checked.path
    }
    if (seen.has(verdict.path)) continue
    if (accepted.length >= limits.maxFiles) {
      problems.push(
        `\`${verdict.path}\` (${action.action}) was left out: at most ${limits.maxFiles} files are changed per request (the \`max-files\` input).`
      )
      continue
    }
    seen.add(verdict.path)
    accepted.push({ ...action, path: verdict.path, source })
  }
  return { accepted, problems }
}

function writtenContext(written: readonly Written[]): string {
  if (!written.length) return ''
  const parts: string[] = ['# Files already written in this change']
  let budget = WRITTEN_CONTEXT_CHARS
  for (const file of written) {
    if (file.text === null || file.text.length > budget) {
      parts.push(`- ${file.path} (written; content not shown)`)
      continue
    }
    budget -= file.text.length
    parts.push(`## ${file.path}`, fenced(file.text))
  }
  return parts.join('\n\n')
}

function planContext(plan: Plan): string {
  return `# The plan of this change\n\n${fenced(JSON.stringify({ title: plan.title, actions: plan.actions }, null, 2), 'json')}`
}

async function writeFile(
  ctx: ConversationContext,
  ports: ChangePorts,
  plan: Plan,
  action: PlannedAction,
  written: Written[]
): Promise<{ note: string; text: string }> {
  const current = action.action === 'modify' ? await ports.workspace.read(action.path) : { kind: 'missing' as const }
  if (action.action === 'modify' && current.kind === 'missing')
    throw new StepError(`it does not exist, so it cannot be modified`)
  if (current.kind === 'binary') throw new StepError('it is a binary file, and binary files are not rewritten as text')
  if (action.action === 'create' && BINARY_EXTENSIONS.test(action.path))
    throw new StepError(
      'binary files cannot be written as text; attach the file in the issue and ask me to download it'
    )
  const existing = current.kind === 'text' ? current.text : null
  const context = [
    planContext(plan),
    writtenContext(written),
    existing !== null ? `# Current content of ${action.path}\n\n${fenced(existing)}` : ''
  ]
    .filter(Boolean)
    .join('\n\n')

  let text: string
  let note: string
  if (existing !== null && existing.length > EDIT_THRESHOLD) {
    const task = fill(PROMPTS.implementEdit, { path: action.path, reason: action.reason, context })
    const messages = conversationMessages(ctx, task)
    let reply = await ctx.model.generateObject({
      purpose: `edit ${action.path}`,
      messages,
      schema: editSchema,
      schemaName: 'file_edits'
    })
    let result = applyEdits(existing, reply.value.edits)
    if (!result.ok) {
      // One more round with the reason; never applied half-way.
      const retry: Message[] = [
        ...messages,
        { role: 'assistant', content: reply.text },
        {
          role: 'user',
          content: `These edits cannot be applied: ${result.problem}\nReturn the complete, corrected list of edits.`
        }
      ]
      reply = await ctx.model.generateObject({
        purpose: `edit ${action.path} (again)`,
        messages: retry,
        schema: editSchema,
        schemaName: 'file_edits'
      })
      result = applyEdits(existing, reply.value.edits)
      if (!result.ok)
        throw new StepError(`the model's edits did not match the file twice (${result.problem.split('\n')[0]})`)
    }
    text = result.content
    note = reply.value.note
    const invalid = validateText(action.path, text)
    if (invalid) throw new StepError(`after the model's edits, the file would be ${invalid}`)
  } else {
    const task = fill(PROMPTS.implementFile, {
      path: action.path,
      action: action.action === 'create' ? 'a new file' : 'an existing file',
      reason: action.reason,
      context
    })
    const messages = conversationMessages(ctx, task)
    let reply = await ctx.model.generateObject({
      purpose: `write ${action.path}`,
      messages,
      schema: fileSchema,
      schemaName: 'file_content'
    })
    let invalid = validateText(action.path, reply.value.content)
    if (invalid) {
      // One more round with the parser's complaint; an invalid file is never committed.
      const retry: Message[] = [
        ...messages,
        { role: 'assistant', content: reply.text },
        { role: 'user', content: `The content is ${invalid}. Return the corrected complete file.` }
      ]
      reply = await ctx.model.generateObject({
        purpose: `write ${action.path} (again)`,
        messages: retry,
        schema: fileSchema,
        schemaName: 'file_content'
      })
      invalid = validateText(action.path, reply.value.content)
      if (invalid) throw new StepError(`the model wrote ${invalid} twice`)
    }
    text = reply.value.content
    note = reply.value.note
  }
  text = ports.redact(text)
  const size = Buffer.byteLength(text)
  if (size > ports.limits.maxFileBytes)
    throw new StepError(
      `the written file would have ${size.toLocaleString('en-US')} bytes, more than the limit of ${ports.limits.maxFileBytes.toLocaleString('en-US')} (the \`max-file-bytes\` input)`
    )
  if (existing !== null && existing === text) throw new StepError('the model returned it unchanged')
  await ports.workspace.write(action.path, text)
  return { note, text }
}

async function carryOut(
  ctx: ConversationContext,
  ports: ChangePorts,
  plan: Plan,
  action: PlannedAction,
  written: Written[],
  notebooks: WrittenNotebook[]
): Promise<FileReport> {
  const report = (note: string): FileReport => ({
    path: action.path,
    action: action.action,
    source: action.source,
    note
  })
  switch (action.action) {
    case 'create':
    case 'modify': {
      if (action.path.toLowerCase().endsWith('.ipynb')) {
        const context = [planContext(plan), writtenContext(written)].filter(Boolean).join('\n\n')
        try {
          const notebook = await writeNotebook(ctx, ports, action.path, action.action, action.reason, context)
          notebooks.push(notebook)
          written.push({ path: action.path, text: null })
          return report(notebook.note)
        } catch (error) {
          if (error instanceof NotebookError) throw new StepError(error.message)
          throw error
        }
      }
      const { note, text } = await writeFile(ctx, ports, plan, action, written)
      written.push({ path: action.path, text })
      return report(note)
    }
    case 'delete': {
      if ((await ports.workspace.read(action.path)).kind === 'missing') throw new StepError('it does not exist')
      await ports.workspace.remove(action.path)
      written.push({ path: action.path, text: null })
      return report(action.reason)
    }
    case 'rename':
    case 'copy': {
      if (!action.source || (await ports.workspace.read(action.source)).kind === 'missing')
        throw new StepError(`its source \`${action.source ?? '(none)'}\` does not exist`)
      if (action.action === 'rename') await ports.workspace.move(action.source, action.path)
      else await ports.workspace.copy(action.source, action.path)
      written.push({ path: action.path, text: null })
      return report(action.reason)
    }
    case 'download': {
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
      return report(action.reason)
    }
  }
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

  const ignoreFile = await ports.workspace.read('.gitbobignore')
  const rules = pathRules(ignoreFile.kind === 'text' ? ignoreFile.text : null)
  const { value: plan } = await ctx.model.generateObject({
    purpose: 'plan',
    messages: conversationMessages(ctx, PROMPTS.implementPlan),
    schema: planSchema,
    schemaName: 'change_plan'
  })
  const { accepted, problems } = planRules(plan, rules, ports.limits)

  const files: FileReport[] = []
  const written: Written[] = []
  const notebooks: WrittenNotebook[] = []
  for (const action of accepted) {
    try {
      files.push(await carryOut(ctx, ports, plan, action, written, notebooks))
    } catch (error) {
      if (!(error instanceof StepError || error instanceof PathEscapeError)) throw error
      problems.push(`\`${action.path}\` (${action.action}) was not changed: ${error.message}.`)
    }
  }

  if (notebooks.length) {
    const run = await runNotebooks(ctx, ports, notebooks, rules)
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
