// Every task folder in eval/tasks is a valid task (eval/task.ts, docs/evals.md): the schema, the folders it names.
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { TaskSchema, taskNames, taskProblems } from '../../eval/task.ts'

const TASKS = fileURLToPath(new URL('../../eval/tasks/', import.meta.url))

describe('eval tasks', () => {
  it('has the smoke tasks the harness test plays', () => {
    expect(taskNames(TASKS)).toEqual(
      expect.arrayContaining(['smoke-bugfix', 'smoke-never-implement', 'smoke-question'])
    )
  })

  it.each(taskNames(TASKS))('%s is a valid task', (name) => {
    expect(taskProblems(join(TASKS, name))).toEqual([])
  })

  it('refuses what the format does not allow', () => {
    const bad = TaskSchema.safeParse({
      title: 't',
      kind: 'poem',
      issue: { title: 't', body: 'b', author: 'a b' },
      author: { persona: 'p', knows: [], accepts: 'a', vagueness: 'v' },
      maxTurns: 0,
      check: { kind: 'answer', mustMention: ['('] }
    })
    expect(bad.success).toBe(false)
    const paths = bad.error!.issues.map((i) => i.path.join('.'))
    expect(paths).toEqual(expect.arrayContaining(['kind', 'issue.author', 'maxTurns', 'check.mustMention.0']))
  })
})
