// Structured answers (JSON the model returned for a schema) as a person reads them in the job summary: the plan as
// a list, each file as a fenced block of its language, a review as its parts. An answer that does not fit its
// schema (one the repair round sent back) is shown as indented JSON. Pure.
import { z } from 'zod'
import { fenced } from '../ports/fenced.ts'

const plan = z.object({
  title: z.string(),
  summary: z.string(),
  actions: z.array(z.object({ action: z.string(), path: z.string(), source: z.string().nullish(), reason: z.string() }))
})
const file = z.object({ content: z.string(), note: z.string() })
const edits = z.object({ edits: z.array(z.object({ search: z.string(), replace: z.string() })), note: z.string() })
const cells = z.object({
  cells: z.array(z.object({ kind: z.enum(['markdown', 'code']), source: z.string() })),
  note: z.string()
})
const split = z.object({ summary: z.string(), issues: z.array(z.object({ title: z.string(), body: z.string() })) })
const review = z.object({
  fulfils: z.string(),
  risks: z.array(z.string()),
  missing: z.array(z.string()),
  comments: z.array(
    z.object({
      path: z.string(),
      line: z.number(),
      start_line: z.number().nullable(),
      body: z.string(),
      suggestion: z.string().nullable()
    })
  )
})

const LANGUAGES: Readonly<Record<string, string>> = {
  py: 'python',
  ipynb: 'json',
  r: 'r',
  jl: 'julia',
  m: 'matlab',
  js: 'javascript',
  mjs: 'javascript',
  ts: 'typescript',
  json: 'json',
  yml: 'yaml',
  yaml: 'yaml',
  cff: 'yaml',
  toml: 'toml',
  md: 'markdown',
  rst: 'rst',
  tex: 'latex',
  sh: 'bash',
  html: 'html',
  css: 'css',
  svg: 'xml',
  xml: 'xml',
  csv: 'csv',
  c: 'c',
  h: 'c',
  cpp: 'cpp',
  java: 'java',
  go: 'go',
  rs: 'rust'
}

/** The fence language of a file, by its extension; '' when not known. */
export function languageOf(path: string): string {
  const name = path.split('/').at(-1) ?? ''
  if (name === 'Dockerfile') return 'dockerfile'
  const ext = /\.([A-Za-z0-9]+)$/.exec(name)?.[1]?.toLowerCase()
  return (ext && LANGUAGES[ext]) ?? ''
}

/** The file a call is about, from its purpose ("write analysis/plot.py", "edit README.md (again)"). */
function pathIn(purpose: string): string {
  return /^(?:write|edit|repair) (.+?)(?: \((?:again|continued)\))?$/.exec(purpose)?.[1] ?? ''
}

/** A blockquote of markdown text, so that its headings and lists stay inside the answer they belong to. */
function quoted(text: string): string {
  return text
    .trim()
    .split('\n')
    .map((line) => (line ? `> ${line}` : '>'))
    .join('\n')
}

const code = (path: string): string => `\`${path.replace(/`/g, "'")}\``

function renderPlan(value: z.infer<typeof plan>): string {
  const steps = value.actions.map(
    (a, i) => `${i + 1}. ${a.action} ${code(a.path)}${a.source ? ` from ${code(a.source)}` : ''}: ${a.reason}`
  )
  return [`**${value.title}**`, '', quoted(value.summary), '', ...steps].join('\n')
}

function renderReview(value: z.infer<typeof review>): string {
  const list = (items: string[]): string[] => (items.length ? items.map((s) => `- ${s}`) : ['- (none)'])
  const lines = ['**Does it do what was asked?**', '', quoted(value.fulfils), '', '**Risks**', '', ...list(value.risks)]
  lines.push('', '**Missing**', '', ...list(value.missing), '', `**Line comments** (${value.comments.length})`, '')
  for (const c of value.comments) {
    const lines_ = c.start_line !== null && c.start_line !== c.line ? `${c.start_line}–${c.line}` : String(c.line)
    lines.push(`- ${code(c.path)} line ${lines_}: ${c.body.replace(/\n+/g, ' ')}`)
    if (c.suggestion !== null) lines.push('', fenced(c.suggestion, languageOf(c.path)).replace(/^/gm, '  '), '')
  }
  return lines.join('\n')
}

/** Markdown for a structured answer; null when the schema is not one git-bob renders or the text is not JSON. */
export function renderStructured(schema: string, purpose: string, answer: string): string | null {
  let value: unknown
  try {
    value = JSON.parse(answer)
  } catch {
    return null
  }
  const path = pathIn(purpose)
  const shapes: Record<string, () => string | null> = {
    change_plan: () => (plan.safeParse(value).success ? renderPlan(plan.parse(value)) : null),
    file_content: () => {
      const v = file.safeParse(value)
      return v.success ? `${v.data.note}\n\n${fenced(v.data.content, languageOf(path))}` : null
    },
    file_edits: () => {
      const v = edits.safeParse(value)
      if (!v.success) return null
      const language = languageOf(path)
      const parts = v.data.edits.map(
        (e, i) => `Edit ${i + 1}: replace\n\n${fenced(e.search, language)}\n\nwith\n\n${fenced(e.replace, language)}`
      )
      return [v.data.note, ...parts].join('\n\n')
    },
    notebook_cells: () => {
      const v = cells.safeParse(value)
      if (!v.success) return null
      const parts = v.data.cells.map((c) => fenced(c.source, c.kind === 'code' ? 'python' : 'markdown'))
      return [v.data.note, ...parts].join('\n\n')
    },
    split: () => {
      const v = split.safeParse(value)
      if (!v.success) return null
      const issues = v.data.issues.map(
        (issue, i) => `${i + 1}. **${issue.title}**\n\n${quoted(issue.body).replace(/^/gm, '   ')}`
      )
      return [quoted(v.data.summary), ...issues].join('\n\n')
    },
    review: () => (review.safeParse(value).success ? renderReview(review.parse(value)) : null)
  }
  return shapes[schema]?.() ?? fenced(JSON.stringify(value, null, 2), 'json')
}
