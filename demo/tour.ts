// The demo's tour: one scene per command on the local stand-ins (GitHub, a git origin, the model), each printed
// as a person reads the thread on GitHub, with where its job summary was written. The caller decides how the
// action runs: the demo runs the built dist/index.js, the tour's test runs it in process.
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { COMMANDS } from '../src/commands/registry.ts'
import { chooseMediaModel } from '../src/llm/media.ts'
import { parseModelSpec } from '../src/llm/providers.ts'
import { counted } from '../src/plural.ts'
import { findCommand, verbTable } from '../src/trigger/grammar.ts'
import { GitRemote } from '../test/fakes/git-remote.ts'
import type { FakeGitHub } from '../test/fakes/github.ts'
import type { FakeOpenAI } from '../test/fakes/openai.ts'
import { issueCommentPayload, type Payload } from '../test/fakes/payloads.ts'
import type { StepOptions } from '../test/fakes/step-environment.ts'
import type { Machine } from './machine.ts'
import { SCENES, SHOWS, type Scene } from './scenes.ts'
import { LOAD_PATCH, LOAD_TEXT, NOTE } from './stand-in.ts'

export interface TourRun {
  code: number | null
  stdout: string
  /** What the process wrote to stderr (a crash's stack), when it ran as a process. */
  stderr?: string
  summary: string
  outputs: Record<string, string>
  /** Set when the run was killed for taking too long. */
  killedAfterMs?: number | null
}

/** Runs the action once, as the runner would. */
export type Launch = (options: StepOptions) => Promise<TourRun>

export { SCENES, SHOWS, type Scene }

const VERBS = verbTable(COMMANDS)

/** The scene a request belongs in: review on a pull request, implement and try with a checkout, and so on. */
export function sceneFor(request: string): Scene {
  const command = findCommand(request, 'git-bob', VERBS)
  if (!command || command.kind === 'unknown') return 'help'
  return (SCENES as readonly string[]).includes(command.verb) ? (command.verb as Scene) : 'comment'
}

interface Thread {
  number: number
  title: string
  body: string
  pull?: boolean
}

const ISSUE: Thread = {
  number: 1,
  title: 'Plot downloads per year',
  body: 'We collect download statistics in `download_statistics/downloads.csv`. How can I plot the number of records per year?'
}
const PULL: Thread = {
  number: 2,
  title: 'Skip empty lines when loading',
  body: 'Fixes the crash on empty lines in data files.',
  pull: true
}
/** The pull request the checks scene changes: its branch has the loader and its test. */
const LOADER_PULL: Thread = {
  number: 5,
  title: 'Load the download statistics',
  body: 'A loader for `download_statistics/downloads.csv`, with its test.',
  pull: true
}
const BIG_ISSUE: Thread = {
  number: 3,
  title: 'Make the download analysis reusable',
  body: 'Loading, plotting and documenting the download statistics should each be done properly.'
}
const TALK_ISSUE: Thread = {
  number: 4,
  title: 'Material for the lab meeting',
  body: 'Slides, a short report, the numbers as a spreadsheet and a spoken summary of the downloads per year in `download_statistics/downloads.csv`, please.'
}

/** What a scene needs of this machine besides the stand-ins. */
type Need = 'notebooks' | 'checks'

interface SceneSetup {
  request: string
  thread: Thread
  /** Someone with read access only (the refusal). */
  reader?: boolean
  /** The scene writes to the repository: the run gets the checkout. */
  checkout?: boolean
  needs?: readonly Need[]
}

const SETUPS: Record<Scene, SceneSetup> = {
  comment: { request: 'git-bob think about this', thread: ISSUE },
  ask: { request: 'git-bob ask mini to think about this', thread: ISSUE },
  implement: { request: 'git-bob implement this', thread: ISSUE, checkout: true, needs: ['notebooks'] },
  try: {
    request: 'git-bob try a script downloads_per_year.py that prints the downloads per year',
    thread: ISSUE,
    checkout: true,
    needs: ['checks']
  },
  paint: { request: 'git-bob paint a sketch of the downloads per year', thread: ISSUE, checkout: true },
  files: {
    request: 'git-bob implement slides talk/slides.pptx, a report.docx, the counts as counts.xlsx and a summary.mp3',
    thread: TALK_ISSUE,
    checkout: true
  },
  checks: {
    request: 'git-bob implement per_year() in src/stats.py, tested in tests/test_stats.py',
    thread: LOADER_PULL,
    checkout: true,
    needs: ['checks']
  },
  review: { request: 'git-bob review', thread: PULL },
  remember: {
    request: 'git-bob remember: we keep the raw CSV files in the order they were collected; do not ask to sort them',
    thread: PULL,
    checkout: true
  },
  split: { request: 'git-bob split this', thread: BIG_ISSUE },
  triage: { request: 'git-bob triage', thread: ISSUE },
  deploy: { request: 'git-bob deploy', thread: ISSUE },
  go: { request: 'git-bob go', thread: ISSUE },
  help: { request: 'git-bob help', thread: BIG_ISSUE },
  refusal: { request: 'git-bob implement this', thread: ISSUE, reader: true }
}

/** With the stand-in, pictures come from its OpenAI Images API (a real small PNG), whatever the chat model. */
const PAINTER = { 'image-model': 'openai:gpt-image-1', 'openai-api-key': 'sk-demo-stand-in-0000000000000000' }
/** And recordings from its OpenAI audio.speech (real MP3 frames), so that implement can write .mp3 files too. */
const MEDIA = { ...PAINTER, 'speech-model': 'openai:gpt-4o-mini-tts' }
/** The model "ask mini to ..." may switch to: with the stand-in, another model name on the same endpoint. */
const MINI = 'github_models:openai/gpt-4.1-mini'

const CSV = 'date,count\n2023-01-04,12\n2023-06-30,7\n\n2024-02-01,40\n2024-09-12,25\n2025-03-03,31\n'
const HEAD = '2222222222222222222222222222222222222222'
/** That pull request's branch in the origin: the checks scene commits to it, and pytest finds its tests. */
const LOADER_BRANCH = 'load-statistics'
const LOAD_TEST = [
  'from src.load import load',
  '',
  '',
  'def test_skips_empty_lines(tmp_path):',
  '    data = tmp_path / "data.csv"',
  '    data.write_text("date,count\\n\\n2024-01-01,3\\n")',
  '    assert load(data) == ["date,count\\n", "2024-01-01,3\\n"]',
  ''
].join('\n')
/** The last lines of a failed run's log that the tour prints. */
const LOG_TAIL = 15

type Counts = Record<'comments' | 'reviews' | 'reviewComments', number>

export interface TourOptions {
  github: FakeGitHub
  launch: Launch
  /** The model inputs: the stand-in through base-url, or a real provider's key. */
  inputs: Record<string, string>
  /** The model stand-in, to count its calls; absent with a real provider. */
  model?: FakeOpenAI
  /** What this machine cannot run (demo/machine.ts); absent: assumed able to run everything. */
  machine?: Machine
  print: (line: string) => void
  color?: boolean
}

export class Tour {
  /** Where each run's job summary was written. */
  readonly summaries: string[] = []
  /** The scenes whose run did not end as it should. */
  readonly failed: Scene[] = []
  private readonly dir = mkdtempSync(join(tmpdir(), 'git-bob-demo-'))
  /** The repository's origin, where implement pushes its branches. */
  readonly repo: GitRemote
  private readonly options: TourOptions
  private nextComment = 9000
  private noted = false
  private readonly shown = new Map<number, Counts>()
  private readonly bold: (s: string) => string
  private readonly dim: (s: string) => string

  constructor(options: TourOptions) {
    this.options = options
    const color = options.color ?? false
    this.bold = (s) => (color ? `\x1b[1m${s}\x1b[0m` : s)
    this.dim = (s) => (color ? `\x1b[2m${s}\x1b[0m` : s)
    const files = { 'README.md': '# Hello-World\n', 'download_statistics/downloads.csv': CSV }
    this.repo = new GitRemote(files)
    const github = options.github
    for (const [path, text] of Object.entries(files)) github.files.set(path, text)
    github.permissions.set('mona', 'read')
    github.addComment(ISSUE.number, {
      login: 'mona',
      association: 'CONTRIBUTOR',
      body: 'Some lines in that file are empty, that might break things.',
      createdAt: new Date(Date.now() - 60_000).toISOString()
    })
    github.addPull(PULL.number, {
      files: [{ filename: 'src/load.py', status: 'modified', additions: 3, deletions: 1, patch: LOAD_PATCH }],
      headSha: HEAD
    })
    github.filesAt.set(HEAD, new Map([['src/load.py', LOAD_TEXT]]))
    // The checks scene's pull request, with its branch in the origin: the loader and its test.
    this.repo.humanPush(LOADER_BRANCH, { 'src/load.py': LOAD_TEXT, 'tests/test_load.py': LOAD_TEST })
    github.addPull(LOADER_PULL.number, { diff: '' })
    github.pullRequests.push({
      number: LOADER_PULL.number,
      title: LOADER_PULL.title,
      body: LOADER_PULL.body,
      head: LOADER_BRANCH,
      base: github.defaultBranch,
      state: 'open',
      headRepo: `${github.owner}/${github.repo}`
    })
    // deploy: the repository's release workflow, started by hand, which succeeds.
    github.permissions.set('Codertocat', 'admin')
    github.workflows.set('release.yml', { dispatchable: true, outcome: 'success' })
  }

  /** Plays the scenes in the tour's order; true when every run ended as it should. */
  async play(scenes: readonly Scene[] = SCENES): Promise<boolean> {
    let ok = true
    for (const scene of SCENES.filter((s) => scenes.includes(s))) ok = (await this.scene(scene)) && ok
    return ok
  }

  /** The inputs of a scene's run: the model's, and what the scene shows besides. */
  private inputsFor(scene: Scene): Record<string, string> {
    const { inputs, model } = this.options
    // "ask mini": the stand-in answers as another model; a real provider is asked for the configured model again.
    const mini = model ? MINI : (inputs.model ?? '').split(',')[0]!.trim()
    const base = { 'allowed-models': `mini=${mini}`, ...inputs }
    if (scene === 'deploy') return { ...base, 'deploy-workflow': 'release.yml', 'deploy-poll-seconds': '0.05' }
    // The stand-in paints and speaks; a real provider paints with its own image model, or says why it cannot.
    if (model && scene === 'paint' && !inputs['image-model']) return { ...base, ...PAINTER }
    if (model && SETUPS[scene].checkout && !inputs['speech-model']) return { ...MEDIA, ...base }
    return base
  }

  /** Plays one scene, with its own request or the one given; true when the run ended as it should. */
  async scene(scene: Scene, request = SETUPS[scene].request): Promise<boolean> {
    const { github, model } = this.options
    const setup = SETUPS[scene]
    const { thread } = setup
    const login = setup.reader ? 'mona' : 'Codertocat'
    const association = setup.reader ? 'CONTRIBUTOR' : 'OWNER'
    const id = this.nextComment++
    const createdAt = new Date().toISOString()
    const payload = this.payload(thread, { id, login, association, request, createdAt })
    const seen = { ...this.seen(thread.number), pullRequests: github.pullRequests.length, issues: github.issues.size }
    github.addComment(thread.number, { id, login, association, body: request, createdAt })
    const calls = { github: github.requests.length, model: model?.requests.length ?? 0 }
    const inputs = this.inputsFor(scene)
    const painter = scene === 'paint' && model !== undefined && !this.options.inputs['image-model']

    const { print, bold, dim } = { print: this.options.print, bold: this.bold, dim: this.dim }
    // Once, before the first scene: every answer below is the stand-in's, not a model's.
    if (model && !this.noted) print(dim(NOTE))
    this.noted = true
    print('')
    print(bold(`▶ ${scene}: "${request}"`) + dim(`  by @${login}${setup.reader ? ', who has read access only' : ''}`))
    print(dim(`  ${SHOWS[scene]}`))
    for (const why of this.cannot(setup, inputs)) print(`⚠ ${why}`)

    const run = await this.options.launch({
      eventName: 'issue_comment',
      payload,
      githubUrl: github.url,
      inputs,
      ...(setup.checkout ? { workspace: this.repo.workspace } : {})
    })

    const summary = join(this.dir, `${this.summaries.length + 1}-${scene}.md`)
    writeFileSync(summary, run.summary)
    this.summaries.push(summary)

    print('')
    print(`${bold(`${thread.title} #${thread.number}`)}  ${dim('Codertocat/Hello-World')}`)
    print(this.rule())
    if (!this.shown.has(thread.number)) this.message('Codertocat', 'opened', thread.body)
    const posted = this.postedBodies(thread.number, calls.github)
    let bot = 0
    for (const c of (github.comments.get(thread.number) ?? []).slice(seen.comments)) {
      const reactions = github.reactions
        .filter((r) => r.target === `issue_comment:${c.id}`)
        .map((r) => (r.content === 'eyes' ? '👀' : r.content))
      const states = c.login === 'github-actions[bot]' ? this.states(c.id, posted[bot++], calls.github) : []
      if (states.length > 1) this.progress(states)
      this.message(
        c.login,
        states.length > 1 ? 'commented (edited)' : 'commented',
        c.body + (reactions.length ? `\n\n${reactions.join(' ')}` : '')
      )
    }
    const pull = github.pulls.get(thread.number)
    for (const review of pull?.reviews.slice(seen.reviews) ?? []) this.message(review.login, 'reviewed', review.body)
    for (const c of pull?.reviewComments.slice(seen.reviewComments) ?? [])
      this.message(c.login, `commented on ${c.path} line ${c.line}`, c.body)
    for (const opened of github.pullRequests.slice(seen.pullRequests)) {
      print('')
      print(`${bold(`${opened.title} #${opened.number}`)}  ${dim(`pull request: ${opened.head} → ${opened.base}`)}`)
      print(this.rule())
      this.message('github-actions[bot]', 'opened', opened.body)
    }
    for (const issue of [...github.issues.values()].slice(seen.issues)) {
      print('')
      print(`${bold(`${issue.title} #${issue.number}`)}  ${dim(`new issue, a sub-issue of #${thread.number}`)}`)
      print(this.rule())
      this.message('github-actions[bot]', 'opened', issue.body)
    }
    if (painter) this.withoutPainter()
    const modelCalls = model ? counted(model.requests.length - calls.model, 'model call') : 'model calls: see the log'
    print(
      dim(
        `run: exit ${run.code}, status ${run.outputs.status ?? '-'}, ${counted(github.requests.length - calls.github, 'GitHub API call')}, ${modelCalls}`
      )
    )
    for (const line of run.stdout.split('\n').filter((l) => l.startsWith('::error') || l.startsWith('::warning')))
      print(line)
    const ok = run.code === 0
    if (!ok) this.why(scene, run, github.requests.length - calls.github, posted.length)
    print(dim(`job summary: ${summary}`))
    this.shown.set(thread.number, this.counts(thread.number))
    return ok
  }

  /** The event of a comment written in the demo, its URLs naming that comment, so "Requested by" links to it. */
  private payload(
    thread: Thread,
    c: { id: number; login: string; association: string; request: string; createdAt: string }
  ): Payload {
    const { github } = this.options
    const payload = issueCommentPayload({
      body: c.request,
      login: c.login,
      association: c.association,
      issueNumber: thread.number,
      issueTitle: thread.title,
      issueBody: thread.body,
      commentId: c.id,
      createdAt: c.createdAt,
      pullRequest: thread.pull ?? false
    })
    // The stand-in GitHub's own URLs for this issue and comment (test/fakes/github.ts), not the example's.
    const api = `https://api.github.com/repos/${github.owner}/${github.repo}/issues`
    const html = `https://github.com/${github.owner}/${github.repo}`
    Object.assign(payload.issue, {
      url: `${api}/${thread.number}`,
      labels_url: `${api}/${thread.number}/labels{/name}`,
      comments_url: `${api}/${thread.number}/comments`,
      events_url: `${api}/${thread.number}/events`,
      html_url: `${html}/${thread.pull ? 'pull' : 'issues'}/${thread.number}`
    })
    Object.assign(payload.comment, {
      url: `${api}/comments/${c.id}`,
      html_url: `${html}/issues/${thread.number}#issuecomment-${c.id}`,
      issue_url: `${api}/${thread.number}`
    })
    return payload
  }

  /** What this machine cannot run of a scene, in the adapters' words. */
  private cannot(setup: SceneSetup, inputs: Record<string, string>): string[] {
    const { machine } = this.options
    const reasons: string[] = []
    if (setup.needs?.includes('notebooks') && inputs['execute-notebooks'] !== 'false' && machine?.notebooks)
      reasons.push(
        `This machine cannot run notebooks: ${machine.notebooks}. The scene still plays; the pull request says the notebook did not run, and why.`
      )
    if (setup.needs?.includes('checks') && machine?.checks)
      reasons.push(
        `This machine cannot run the checks: ${machine.checks}. The scene still plays; the answer says which checks did not run, and why.`
      )
    return reasons
  }

  /** Where the stand-in GitHub's routes of this repository start. */
  private get repoPath(): string {
    return `/repos/${this.options.github.owner}/${this.options.github.repo}`
  }

  /** The bodies git-bob posted as new comments on a thread since a request count, in order. */
  private postedBodies(thread: number, since: number): string[] {
    const path = `${this.repoPath}/issues/${thread}/comments`
    return this.options.github.requests
      .slice(since)
      .filter((r) => r.method === 'POST' && r.path === path)
      .map((r) => (r.body as { body?: string } | undefined)?.body ?? '')
  }

  /** Every text a comment showed, from the one posted to the last edit, when it was edited. */
  private states(id: number, first: string | undefined, since: number): string[] {
    const path = `${this.repoPath}/issues/comments/${id}`
    const edits = this.options.github.requests
      .slice(since)
      .filter((r) => r.method === 'PATCH' && r.path === path)
      .map((r) => (r.body as { body?: string } | undefined)?.body ?? '')
    return first === undefined ? edits : [first, ...edits]
  }

  /** A progress comment's states before its last: the first whole, then the lines each edit brought. */
  private progress(states: readonly string[]): void {
    const { print } = this.options
    print(
      this.dim(
        `(a progress comment, edited ${counted(states.length - 1, 'time')} in place; it showed first, then what changed:)`
      )
    )
    const shown = states.slice(0, -1).map((state) =>
      this.visible(state)
        .replace(/<sup>[\s\S]*?<\/sup>\s*/g, '')
        .trim()
    )
    for (const [i, state] of shown.entries()) {
      const before = new Set(i ? shown[i - 1]!.split('\n') : [])
      const lines = state.split('\n').filter((line) => line.trim() && !before.has(line))
      print(`${this.dim(`  ${i + 1}.`)} ${lines.join('\n').replace(/\n/g, '\n     ')}`)
    }
  }

  /** Why a run did not end as it should: how it ended, the end of its log, and what it posted. */
  private why(scene: Scene, run: TourRun, githubCalls: number, posted: number): void {
    const { print } = this.options
    this.failed.push(scene)
    const how =
      run.killedAfterMs != null
        ? `killed after ${Math.round(run.killedAfterMs / 1000)} s`
        : run.code === null
          ? 'no exit code'
          : `exit ${run.code}`
    print(this.bold(`✗ ${scene} did not end as it should (${how}).`))
    // The ::error and ::warning lines are printed above; masks are for the runner, not for people.
    const log = run.stdout
      .trimEnd()
      .split('\n')
      .filter((l) => !/^::(add-mask|error|warning)\b/.test(l))
      .slice(-LOG_TAIL)
    print(`  The last ${counted(log.length, 'line')} of its log, besides its errors and warnings above:`)
    for (const line of log) print(`  | ${line}`)
    const stderr = run.stderr?.trim()
    if (stderr) {
      print('  What it wrote to stderr:')
      for (const line of stderr.split('\n').slice(-LOG_TAIL)) print(`  | ${line}`)
    }
    print(
      posted
        ? `  It posted ${counted(posted, 'comment')} (shown above), in ${counted(githubCalls, 'GitHub API call')}.`
        : `  It posted no comment, in ${counted(githubCalls, 'GitHub API call')}.`
    )
  }

  /** What the paint scene would have answered without the stand-in's image model: the chat model's provider's word. */
  private withoutPainter(): void {
    const chat = parseModelSpec(this.options.inputs.model ?? '')
    const choice = chooseMediaModel('image', '', chat)
    const { print, dim } = { print: this.options.print, dim: this.dim }
    print(dim(`(the picture came from the stand-in's OpenAI Images API, \`image-model: ${PAINTER['image-model']}\`)`))
    if (!choice.ok) print(dim(`without \`image-model\`, ${chat.id} gets: "I can't paint here: ${choice.reason}."`))
  }

  /** What of a thread was printed already. */
  private seen(thread: number): Counts {
    return this.shown.get(thread) ?? { comments: 0, reviews: 0, reviewComments: 0 }
  }

  private counts(thread: number): Counts {
    const { github } = this.options
    const pull = github.pulls.get(thread)
    return {
      comments: github.comments.get(thread)?.length ?? 0,
      reviews: pull?.reviews.length ?? 0,
      reviewComments: pull?.reviewComments.length ?? 0
    }
  }

  private rule(): string {
    return this.dim('─'.repeat(78))
  }

  /** A message as GitHub shows it: the hidden marker gone, the stamp small, links as text. */
  private message(author: string, what: string, body: string): void {
    const { print } = this.options
    print(`${this.bold(`@${author}`)} ${this.dim(what)}`)
    const visible = this.visible(body).replace(/<sup>([\s\S]*?)<\/sup>/g, (_, stamp: string) =>
      this.dim(stamp.replace(/\[([^\]]+)\]\(([^)]+)\)/g, '$1 <$2>'))
    )
    print(visible.trim().replace(/^/gm, '  '))
    print(this.rule())
  }

  /** A text without what GitHub hides: its markers. */
  private visible(body: string): string {
    return body.replace(/<!--[\s\S]*?-->\n?/g, '')
  }
}
