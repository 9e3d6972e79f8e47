// The tools that change the working copy: write a file, edit it by search and replace (all or nothing), delete,
// rename, and run the checks. Every path passes the path rules (paths.ts), every text the size limit, the
// parsers at hand (validate.ts) and the masking of secrets; what they changed is recorded for the pull request.
// The repair rounds call them with the model's answer; the tool repair (checks.ts) offers them to the model.
import { z } from 'zod'
import type { AnyTool, Tool, ToolResult } from '../../llm/tools.ts'
import type { ChangePorts, FileReport } from '../types.ts'
import { applyEdits } from './edits.ts'
import { checkWritePath, type PathRules } from '../../ports/paths.ts'
import { validateText } from './validate.ts'

/** The files a change touched, by path, with the note the pull request gives each. */
export class ChangedFiles {
  readonly byPath = new Map<string, FileReport>()
  /** Counts every change, so a caller can tell whether anything changed since it last looked. */
  version = 0

  constructor(files: readonly FileReport[] = []) {
    for (const file of files) this.byPath.set(file.path, file)
  }

  /** Records a change to `path`; a file created earlier in this change stays "created". */
  record(report: FileReport): void {
    this.version++
    const before = this.byPath.get(report.path)
    if (before && report.action === 'modify' && (before.action === 'create' || before.action === 'download')) {
      this.byPath.set(report.path, { ...before, note: `${before.note.replace(/\.?\s*$/, '')}; ${report.note}` })
      return
    }
    this.byPath.set(report.path, report)
  }

  get files(): FileReport[] {
    return [...this.byPath.values()]
  }
}

const PATH = z.string().describe('the file, relative to the repository root')

export const writeFileInput = z.object({
  path: PATH,
  content: z.string().describe('the complete new content of the file')
})
export const editFileInput = z.object({
  path: PATH,
  edits: z
    .array(
      z.object({
        search: z.string().describe('text that occurs exactly once in the file'),
        replace: z.string().describe('what replaces it')
      })
    )
    .min(1)
})
export const deleteFileInput = z.object({ path: PATH })
export const renameFileInput = z.object({ from: PATH, to: PATH })
export const runChecksInput = z.object({})

const fail = (text: string): ToolResult => ({ text, isError: true })

/** What the writing tools share: the ports, the workspace and limits as given, the path rules, the record. */
interface Writer {
  ports: ChangePorts
  workspace: ChangePorts['workspace']
  limits: ChangePorts['limits']
  rules: PathRules
  changed: ChangedFiles
}

/** The writing tools over the workspace; `runChecks` answers with the checks' result (a tool loop's last step). */
export function writingTools(
  ports: ChangePorts,
  rules: PathRules,
  changed: ChangedFiles,
  runChecks?: () => Promise<string>
): AnyTool[] {
  const { workspace, limits } = ports
  const writer: Writer = { ports, workspace, limits, rules, changed }
  const tools: AnyTool[] = [writeFileTool(writer), editFileTool(writer), deleteFileTool(writer), renameFileTool(writer)]
  if (runChecks) tools.push(runChecksTool(runChecks))
  return tools
}

/** The path a tool may change, or why not: the path rules, and at most `max-files` files per request. */
function allowed(
  { rules, changed, limits }: Writer,
  raw: string
): { ok: true; path: string } | { ok: false; result: ToolResult } {
  const verdict = checkWritePath(raw, rules)
  if (!verdict.ok) return { ok: false, result: fail(`\`${raw}\` may not be changed: ${verdict.reason}.`) }
  if (!changed.byPath.has(verdict.path) && changed.byPath.size >= limits.maxFiles)
    return {
      ok: false,
      result: fail(`at most ${limits.maxFiles} files may be changed per request (the \`max-files\` input).`)
    }
  return { ok: true, path: verdict.path }
}

/** Masks, checks size and syntax, writes. */
async function put({ ports, workspace, limits }: Writer, path: string, text: string): Promise<ToolResult | null> {
  if (path.toLowerCase().endsWith('.ipynb'))
    return fail('notebooks are written as cells by git-bob, not as JSON; change the code they import instead.')
  const masked = ports.redact(text)
  const size = Buffer.byteLength(masked)
  if (size > limits.maxFileBytes)
    return fail(`\`${path}\` would have ${size} bytes, more than the limit of ${limits.maxFileBytes}.`)
  const invalid = validateText(path, masked)
  if (invalid) return fail(`\`${path}\` was not written: it would be ${invalid}.`)
  await workspace.write(path, masked)
  return null
}

function writeFileTool(writer: Writer): Tool<z.infer<typeof writeFileInput>> {
  const { workspace, changed } = writer
  return {
    name: 'write_file',
    description: 'Create a file or replace its whole content.',
    input: writeFileInput,
    async run({ path: raw, content }) {
      const checked = allowed(writer, raw)
      if (!checked.ok) return checked.result
      const path = checked.path
      const before = await workspace.read(path)
      if (before.kind === 'binary') return fail(`\`${path}\` is a binary file; binary files are not rewritten as text.`)
      const refused = await put(writer, path, content)
      if (refused) return refused
      changed.record({
        path,
        action: before.kind === 'missing' ? 'create' : 'modify',
        source: null,
        note: 'rewritten to make the checks pass'
      })
      return { text: `wrote \`${path}\`` }
    }
  }
}

function editFileTool(writer: Writer): Tool<z.infer<typeof editFileInput>> {
  const { workspace, changed } = writer
  return {
    name: 'edit_file',
    description:
      'Change a file by search and replace: each search text must occur exactly once; if one does not, nothing is changed.',
    input: editFileInput,
    async run({ path: raw, edits }) {
      const checked = allowed(writer, raw)
      if (!checked.ok) return checked.result
      const path = checked.path
      const before = await workspace.read(path)
      if (before.kind !== 'text')
        return fail(before.kind === 'missing' ? `\`${path}\` does not exist.` : `\`${path}\` is a binary file.`)
      const applied = applyEdits(before.text, edits)
      if (!applied.ok) return fail(`no edit was applied to \`${path}\`: ${applied.problem}`)
      const refused = await put(writer, path, applied.content)
      if (refused) return refused
      changed.record({ path, action: 'modify', source: null, note: 'edited to make the checks pass' })
      return { text: `edited \`${path}\` (${edits.length} ${edits.length === 1 ? 'edit' : 'edits'})` }
    }
  }
}

function deleteFileTool(writer: Writer): Tool<z.infer<typeof deleteFileInput>> {
  const { workspace, changed } = writer
  return {
    name: 'delete_file',
    description: 'Delete a file.',
    input: deleteFileInput,
    async run({ path: raw }) {
      const checked = allowed(writer, raw)
      if (!checked.ok) return checked.result
      const path = checked.path
      if ((await workspace.read(path)).kind === 'missing') return fail(`\`${path}\` does not exist.`)
      await workspace.remove(path)
      const before = changed.byPath.get(path)
      // A file this change created and now deletes leaves no trace.
      if (before?.action === 'create') {
        changed.byPath.delete(path)
        changed.version++
      } else changed.record({ path, action: 'delete', source: null, note: 'deleted to make the checks pass' })
      return { text: `deleted \`${path}\`` }
    }
  }
}

function renameFileTool(writer: Writer): Tool<z.infer<typeof renameFileInput>> {
  const { workspace, changed } = writer
  return {
    name: 'rename_file',
    description: 'Rename (move) a file.',
    input: renameFileInput,
    async run({ from: rawFrom, to: rawTo }) {
      const from = allowed(writer, rawFrom)
      if (!from.ok) return from.result
      const to = allowed(writer, rawTo)
      if (!to.ok) return to.result
      if ((await workspace.read(from.path)).kind === 'missing') return fail(`\`${from.path}\` does not exist.`)
      if ((await workspace.read(to.path)).kind !== 'missing') return fail(`\`${to.path}\` already exists.`)
      await workspace.move(from.path, to.path)
      changed.record({ path: to.path, action: 'rename', source: from.path, note: 'renamed to make the checks pass' })
      return { text: `renamed \`${from.path}\` to \`${to.path}\`` }
    }
  }
}

function runChecksTool(runChecks: () => Promise<string>): Tool<z.infer<typeof runChecksInput>> {
  return {
    name: 'run_checks',
    description: "Run the repository's checks on the working copy and read how they ended (the end of their output).",
    input: runChecksInput,
    run: async () => ({ text: await runChecks() })
  }
}
