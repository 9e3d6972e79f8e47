// The eval task format (docs/evals.md, "Adding a task"): a folder eval/tasks/<name>/ with task.json, repo/, and
// optionally attachments/, head/ (review tasks) and checker/. The schema checks what a task says; loadTask reads a
// folder into memory, so a run never reads the task folder again.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs'
import { join, relative } from 'node:path'
import { z } from 'zod'

export const KINDS = [
  'question',
  'bugfix',
  'feature',
  'notebook',
  'review',
  'split',
  'slides',
  'disagreement',
  'image'
] as const

/** A case-insensitive regular expression, checked to compile. */
const regex = z.string().refine(
  (source) => {
    try {
      new RegExp(source, 'i')
      return true
    } catch {
      return false
    }
  },
  { message: 'not a valid regular expression' }
)

export type Check =
  | { kind: 'command'; command: string; branch: 'pr' | 'default' }
  | { kind: 'answer'; mustMention: string[]; mustNotMention: string[] }
  | { kind: 'file'; path: string; png: boolean; command?: string | undefined }
  | { kind: 'review'; bugs: { path: string; line: number; about: string }[]; maxFalseAlarms: number }
  | { kind: 'split'; items: string[][] }
  | { kind: 'all'; checks: Check[] }

const check: z.ZodType<Check> = z.lazy(() =>
  z.discriminatedUnion('kind', [
    z.strictObject({
      kind: z.literal('command'),
      command: z.string().min(1),
      branch: z.enum(['pr', 'default']).default('pr')
    }),
    z.strictObject({
      kind: z.literal('answer'),
      mustMention: z.array(regex).default([]),
      mustNotMention: z.array(regex).default([])
    }),
    z.strictObject({
      kind: z.literal('file'),
      path: z.string().min(1),
      png: z.boolean().default(false),
      command: z.string().min(1).optional()
    }),
    z.strictObject({
      kind: z.literal('review'),
      bugs: z
        .array(z.strictObject({ path: z.string().min(1), line: z.number().int().positive(), about: regex }))
        .min(1),
      maxFalseAlarms: z.number().int().min(0)
    }),
    z.strictObject({ kind: z.literal('split'), items: z.array(z.array(regex).min(1)).min(1) }),
    z.strictObject({ kind: z.literal('all'), checks: z.array(check).min(1) })
  ])
)

export const TaskSchema = z.strictObject({
  title: z.string().min(1),
  kind: z.enum(KINDS),
  issue: z.strictObject({
    title: z.string().min(1),
    body: z.string().min(1),
    author: z.string().regex(/^[A-Za-z0-9-]+$/, 'a GitHub login')
  }),
  author: z.strictObject({
    persona: z.string().min(1),
    knows: z.array(z.string().min(1)),
    accepts: z.string().min(1),
    vagueness: z.string().min(1)
  }),
  others: z
    .array(
      z.strictObject({
        login: z.string().regex(/^[A-Za-z0-9-]+$/, 'a GitHub login'),
        says: z.string().min(1),
        turn: z.number().int().positive()
      })
    )
    .default([]),
  maxTurns: z.number().int().min(1).max(20),
  pullRequest: z
    .strictObject({ title: z.string().min(1), body: z.string(), head: z.string().min(1) })
    .nullable()
    .default(null),
  check
})

export type TaskSpec = z.infer<typeof TaskSchema>

/** A task as the harness uses it: the spec and the files of its folders. */
export interface Task extends TaskSpec {
  name: string
  dir: string
  repo: Record<string, Buffer>
  /** The pull request's head (review tasks): the files as the pull request changes them. */
  head: Record<string, Buffer>
  attachments: Record<string, Buffer>
  checker: Record<string, Buffer>
}

/** Every file under a folder, by its path relative to the folder (empty when the folder is missing). */
function filesUnder(dir: string): Record<string, Buffer> {
  if (!existsSync(dir)) return {}
  const files: Record<string, Buffer> = {}
  const walk = (at: string): void => {
    for (const name of readdirSync(at).sort()) {
      const path = join(at, name)
      if (statSync(path).isDirectory()) walk(path)
      else files[relative(dir, path).split('\\').join('/')] = readFileSync(path)
    }
  }
  walk(dir)
  return files
}

/** What is wrong with a task folder, in words; empty when nothing is. */
export function taskProblems(dir: string): string[] {
  const problems: string[] = []
  const name = dir.split('/').filter(Boolean).at(-1) ?? ''
  if (!/^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(name)) problems.push(`the folder name "${name}" is not kebab-case`)
  let raw: unknown
  try {
    raw = JSON.parse(readFileSync(join(dir, 'task.json'), 'utf8'))
  } catch (error) {
    return [...problems, `task.json: ${error instanceof Error ? error.message : String(error)}`]
  }
  const parsed = TaskSchema.safeParse(raw)
  if (!parsed.success)
    return [...problems, ...parsed.error.issues.map((i) => `task.json ${i.path.join('.') || '(top)'}: ${i.message}`)]
  const spec = parsed.data
  if (!Object.keys(filesUnder(join(dir, 'repo'))).length) problems.push('repo/ holds no files')
  if (spec.kind === 'review' && !spec.pullRequest) problems.push('a review task needs its pullRequest')
  if (spec.pullRequest && !existsSync(join(dir, spec.pullRequest.head.replace(/\/$/, ''))))
    problems.push(`the pull request's head folder ${spec.pullRequest.head} is missing`)
  for (const [, file] of spec.issue.body.matchAll(/\{\{attachment:([^}]+)\}\}/g))
    if (!existsSync(join(dir, 'attachments', file!))) problems.push(`the attachment ${file} is missing`)
  if (spec.others.some((o) => o.turn > spec.maxTurns)) problems.push('a comment of others comes after maxTurns')
  return problems
}

/** A task folder read whole; throws with every problem when it is not a valid task. */
export function loadTask(dir: string): Task {
  const problems = taskProblems(dir)
  if (problems.length) throw new Error(`${dir}: ${problems.join('; ')}`)
  const spec = TaskSchema.parse(JSON.parse(readFileSync(join(dir, 'task.json'), 'utf8')))
  return {
    ...spec,
    name: dir.split('/').filter(Boolean).at(-1)!,
    dir,
    repo: filesUnder(join(dir, 'repo')),
    head: spec.pullRequest ? filesUnder(join(dir, spec.pullRequest.head.replace(/\/$/, ''))) : {},
    attachments: filesUnder(join(dir, 'attachments')),
    checker: filesUnder(join(dir, 'checker'))
  }
}

/** The task folders under a folder, by name. */
export function taskNames(root: string): string[] {
  if (!existsSync(root)) return []
  return readdirSync(root)
    .filter((name) => existsSync(join(root, name, 'task.json')))
    .sort()
}
