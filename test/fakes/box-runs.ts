// Runs that put the box to work, for the layers that attack it: the e2e layer's run of dist/index.js (box.sh and
// run-notebook.py as the bundle carries them) and the flow layer's runs in process. Each run gets a temporary
// folder of its own (TMPDIR), where its boxes' run folders are made, so that what is left there is its own.
import { execFileSync } from 'node:child_process'
import { mkdtempSync, readdirSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { expect } from 'vitest'
import { VERSION } from '../../src/version.ts'
import { everythingSaid, expectListedAsCommitted } from './everything-said.ts'
import type { GitRemote } from './git-remote.ts'
import type { FakeGitHub } from './github.ts'
import { lastMessageText, type ChatRequest, type FakeOpenAI } from './openai.ts'
import type { CommentScenario } from './payloads.ts'
import type { Printed } from './said.ts'

/** Lines of Python. */
export const py = (...lines: string[]): string => lines.join('\n')

/** A run of either layer: what it printed and summarised. */
type BoxRun = Printed & { summary: string }

/** A stage of either layer, as these runs use it. */
export interface BoxStage<Run extends BoxRun> {
  github: FakeGitHub
  model: FakeOpenAI
  comment(
    scenario: CommentScenario,
    options: { workspace: string; inputs: Record<string, string>; env: Record<string, string> }
  ): Promise<Run>
  said(run: Printed): string
}

export interface Boxed<Run extends BoxRun> {
  repo: GitRemote
  run: Run
  /** The files on the pushed branch (none when nothing was pushed). */
  files: string[]
  /** The temporary folder the action ran with (TMPDIR): its boxes' run folders were there. */
  temp: string
}

/** "git-bob implement this" on `repo`, with a temporary folder of its own (TMPDIR). */
async function implementRun<Run extends BoxRun>(
  stage: BoxStage<Run>,
  repo: GitRemote,
  inputs: Record<string, string>
): Promise<Boxed<Run>> {
  const temp = mkdtempSync(join(tmpdir(), 'git-bob-temp-'))
  const run = await stage.comment(
    { body: 'git-bob implement this' },
    { workspace: repo.workspace, inputs, env: { TMPDIR: temp } }
  )
  const pushed = repo.branches().includes('git-bob/issue-1')
  return { repo, run, files: pushed ? repo.files('git-bob/issue-1') : [], temp }
}

/** The action on "git-bob implement this", the model answering with one notebook of these cells. */
export function notebookRun<Run extends BoxRun>(
  stage: BoxStage<Run>,
  repo: GitRemote,
  cells: string[],
  inputs: Record<string, string> = {},
  plan: { path: string } = { path: 'probe.ipynb' }
): Promise<Boxed<Run>> {
  answerWithNotebook(stage.model, plan.path, cells)
  return implementRun(stage, repo, inputs)
}

/** The model plans one new notebook at `path` and writes it with these code cells. */
export function answerWithNotebook(model: FakeOpenAI, path: string, cells: readonly string[]): void {
  answerWithNotebooks(model, { [path]: cells })
}

/** The model plans a new notebook for each path, in this order, and writes each with its code cells. */
export function answerWithNotebooks(model: FakeOpenAI, notebooks: Record<string, readonly string[]>): void {
  model.fallback = (request: ChatRequest) => {
    if (request.response_format?.json_schema?.name === 'change_plan')
      return JSON.stringify({
        title: 'Analyse',
        summary: 'A notebook.',
        actions: Object.keys(notebooks).map((path) => ({ action: 'create', path, source: null, reason: 'asked' }))
      })
    // The prompts for a notebook's cells and for its repair name it first (prompts/implement-notebook.md,
    // notebook-repair.md); a repair gets the same cells again, and so does any other request where one is planned.
    const paths = Object.keys(notebooks)
    const named = /^(?:Write the Jupyter notebook|The notebook) `([^`]+)`/m.exec(lastMessageText(request))?.[1]
    const cells = notebooks[named ?? (paths.length === 1 ? paths[0]! : '')] ?? [
      'raise SystemExit("no cells scripted for this notebook")'
    ]
    return JSON.stringify({ cells: cells.map((source) => ({ kind: 'code', source })), note: 'does as told' })
  }
}

/** A change whose check is `check`; no repair, so the check's one run is what the pull request reports. */
export function checkRun<Run extends BoxRun>(
  stage: BoxStage<Run>,
  repo: GitRemote,
  check: string,
  inputs: Record<string, string>
): Promise<Boxed<Run>> {
  stage.model.fallback = (request: ChatRequest) =>
    request.response_format?.json_schema?.name === 'change_plan'
      ? JSON.stringify({
          title: 'Notes',
          summary: 'A note.',
          actions: [{ action: 'create', path: 'notes.md', source: null, reason: 'asked' }]
        })
      : JSON.stringify({ content: '# Notes\n', note: 'a note' })
  return implementRun(stage, repo, {
    'check-command': check,
    'check-repair-rounds': '0',
    'max-steps': '0',
    ...inputs
  })
}

/** One stamped report, the files listed exactly those committed, no secret anywhere, nothing left on the host. */
export function expectContained<Run extends BoxRun>(
  stage: BoxStage<Run>,
  { repo, run, files, temp }: Boxed<Run>,
  secrets: string[]
): void {
  expect(run.code, stage.said(run)).toBe(0)
  const posted = stage.github.postedComments(1)
  expect(posted, stage.said(run)).toHaveLength(1)
  expect(posted[0]!.body, stage.said(run)).toContain(`version: ${VERSION}`)
  expectListedAsCommitted(stage, repo, files)
  const everything = everythingSaid(stage, run, repo, files)
  for (const secret of secrets.flatMap((s) => [s, Buffer.from(s).toString('base64')]))
    expect(everything, run.stdout).not.toContain(secret)
  // Nothing of the run is left: no run folder in its temporary folder, no process of its box's user id.
  expect(readdirSync(temp).filter((name) => name.startsWith('git-bob-box-'))).toEqual([])
  const uid = /box uid (\d+)/.exec(files.map((path) => repo.show('git-bob/issue-1', path)).join('\n'))?.[1]
  if (uid) {
    const alive = execFileSync('sh', ['-c', `ps -o stat= -u ${uid} | grep -v '^ *Z' || true`], { encoding: 'utf8' })
    expect(alive.trim()).toBe('')
  }
}
