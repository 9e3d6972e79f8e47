// Jupyter notebooks built by code from the model's cells, never from model-written JSON: every
// notebook git-bob writes is valid nbformat 4.5. Pure.
import { createHash } from 'node:crypto'
import { z } from 'zod'

export interface ModelCell {
  kind: 'markdown' | 'code'
  source: string
}

export const cellsSchema = z.object({
  cells: z
    .array(
      z.object({
        kind: z.enum(['markdown', 'code']),
        source: z.string().describe('the cell text; code cells are Python')
      })
    )
    .min(1),
  note: z.string().describe('one line for the pull request: what the notebook does')
})

const output = z.object({ output_type: z.string() }).passthrough()

const cell = z
  .object({
    cell_type: z.enum(['markdown', 'code', 'raw']),
    source: z.union([z.string(), z.array(z.string())]),
    metadata: z.record(z.string(), z.unknown()).default({}),
    id: z.string().optional(),
    outputs: z.array(output).optional(),
    execution_count: z.number().nullable().optional()
  })
  .passthrough()

const notebookSchema = z
  .object({
    cells: z.array(cell),
    metadata: z.record(z.string(), z.unknown()),
    nbformat: z.literal(4),
    nbformat_minor: z.number()
  })
  .passthrough()

export type Notebook = z.infer<typeof notebookSchema>

export function parseNotebook(text: string): { ok: true; notebook: Notebook } | { ok: false; problem: string } {
  let data: unknown
  try {
    data = JSON.parse(text)
  } catch (error) {
    return { ok: false, problem: `not JSON: ${error instanceof Error ? error.message : String(error)}` }
  }
  const parsed = notebookSchema.safeParse(data)
  return parsed.success
    ? { ok: true, notebook: parsed.data }
    : { ok: false, problem: `not an nbformat 4 notebook: ${parsed.error.issues[0]?.message ?? ''}` }
}

export function sourceText(source: string | string[]): string {
  return Array.isArray(source) ? source.join('') : source
}

/** nbformat stores source as lines that keep their newline, the last one without. */
function sourceLines(text: string): string[] {
  if (!text) return []
  const lines = text.replace(/\r\n?/g, '\n').split('\n')
  return lines.map((line, i) => (i < lines.length - 1 ? `${line}\n` : line))
}

function cellId(index: number, text: string): string {
  return `${createHash('sha1').update(`${index}\0${text}`).digest('hex').slice(0, 8)}-${index}`
}

/** The cells a model sees: kinds and sources only, no outputs (they waste tokens and may be huge). */
export function cellsOf(notebook: Notebook): ModelCell[] {
  return notebook.cells
    .filter((c) => c.cell_type !== 'raw')
    .map((c) => ({ kind: c.cell_type === 'code' ? 'code' : 'markdown', source: sourceText(c.source) }))
}

/** A notebook as text for a prompt: cells numbered, outputs left out. */
export function describeCells(cells: readonly ModelCell[]): string {
  return cells.map((c, i) => `--- cell ${i + 1} (${c.kind}) ---\n${c.source}`).join('\n')
}

export function buildNotebook(cells: readonly ModelCell[], previous: Notebook | null = null): Notebook {
  return {
    cells: cells.map((c, i) => {
      const text = c.source.trim()
      const base = { id: cellId(i, text), metadata: {}, source: sourceLines(text) }
      return c.kind === 'code'
        ? { ...base, cell_type: 'code' as const, execution_count: null, outputs: [] }
        : { ...base, cell_type: 'markdown' as const }
    }),
    metadata: {
      kernelspec: { display_name: 'Python 3', language: 'python', name: 'python3' },
      language_info: { name: 'python' },
      ...(previous?.metadata ?? {})
    },
    nbformat: 4,
    nbformat_minor: 5
  }
}

function codeSources(cells: readonly ModelCell[]): string[] {
  return cells.filter((c) => c.kind === 'code').map((c) => c.source.trim())
}

/** True when the code cells are the same as before (markdown may differ): no need to run again. */
export function sameCode(before: Notebook, after: readonly ModelCell[]): boolean {
  const a = codeSources(cellsOf(before))
  const b = codeSources(after)
  return a.length === b.length && a.every((source, i) => source === b[i])
}

/** Carries the outputs of unchanged code cells over from the previous notebook. */
export function keepOutputs(built: Notebook, previous: Notebook): Notebook {
  const old = previous.cells.filter((c) => c.cell_type === 'code')
  let k = 0
  return {
    ...built,
    cells: built.cells.map((c) => {
      if (c.cell_type !== 'code') return c
      const match = old[k++]
      return match ? { ...c, outputs: match.outputs ?? [], execution_count: match.execution_count ?? null } : c
    })
  }
}

// eslint-disable-next-line no-control-regex -- terminal colour codes start with ESC
const ANSI = /\u001b\[[0-9;]*[A-Za-z]/g

/** The first error a run left in the outputs, as plain text for people and for the model; null when none. */
export function firstError(notebook: Notebook): string | null {
  for (const [i, c] of notebook.cells.entries()) {
    for (const out of c.outputs ?? []) {
      if (out.output_type !== 'error') continue
      const ename = typeof out.ename === 'string' ? out.ename : 'Error'
      const evalue = typeof out.evalue === 'string' ? out.evalue : ''
      const traceback = Array.isArray(out.traceback)
        ? out.traceback.filter((t): t is string => typeof t === 'string').join('\n')
        : ''
      return `cell ${i + 1}: ${ename}: ${evalue}\n${traceback.replace(ANSI, '')}`.slice(0, 6000)
    }
  }
  return null
}

/** Jupyter's own layout: one-space indentation and a final newline, so diffs stay small. */
export function serializeNotebook(notebook: Notebook): string {
  return `${JSON.stringify(notebook, null, 1)}\n`
}
