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
import { LOAD_PATCH, LOAD_TEXT, NOTE } from './stand-in.ts'

export interface TourRun {
  code: number | null
  stdout: string
  summary: string
  outputs: Record<string, string>
}

/** Runs the action once, as the runner would. */
export type Launch = (options: StepOptions) => Promise<TourRun>

export const SCENES = ['comment', 'implement', 'paint', 'review', 'split', 'deploy', 'help', 'refusal'] as const
export type Scene = (typeof SCENES)[number]

const VERBS = verbTable(COMMANDS)

/** The scene a request belongs in: review on a pull request, implement and try with a checkout, and so on. */
export function sceneFor(request: string): Scene {
  const command = findCommand(request, 'git-bob', VERBS)
  if (!command || command.kind === 'unknown') return 'help'
  if (command.verb === 'try') return 'implement'
  return (SCENES as readonly string[]).includes(command.verb) ? (command.verb as Scene) : 'comment'
}

const DEFAULT_REQUESTS: Record<Scene, string> = {
  comment: 'git-bob think about this',
  implement: 'git-bob implement this',
  paint: 'git-bob paint a sketch of the downloads per year',
  review: 'git-bob review',
  split: 'git-bob split this',
  deploy: 'git-bob deploy',
  help: 'git-bob help',
  refusal: 'git-bob implement this'
}

const ISSUE = {
  number: 1,
  title: 'Plot downloads per year',
  body: 'We collect download statistics in `download_statistics/downloads.csv`. How can I plot the number of records per year?'
}
const PULL = {
  number: 2,
  title: 'Skip empty lines when loading',
  body: 'Fixes the crash on empty lines in data files.'
}
const BIG_ISSUE = {
  number: 3,
  title: 'Make the download analysis reusable',
  body: 'Loading, plotting and documenting the download statistics should each be done properly.'
}
/** With the stand-in, pictures come from its OpenAI Images API (a real small PNG), whatever the chat model. */
const PAINTER = { 'image-model': 'openai:gpt-image-1', 'openai-api-key': 'sk-demo-stand-in-0000000000000000' }
/** And recordings from its OpenAI audio.speech (real MP3 frames), so that implement can write .mp3 files too. */
const MEDIA = { ...PAINTER, 'speech-model': 'openai:gpt-4o-mini-tts' }

const CSV = 'date,count\n2023-01-04,12\n2023-06-30,7\n\n2024-02-01,40\n2024-09-12,25\n2025-03-03,31\n'
const HEAD = '2222222222222222222222222222222222222222'

type Counts = Record<'comments' | 'reviews' | 'reviewComments', number>

export interface TourOptions {
  github: FakeGitHub
  launch: Launch
  /** The model inputs: the stand-in through base-url, or a real provider's key. */
  inputs: Record<string, string>
  /** The model stand-in, to count its calls; absent with a real provider. */
  model?: FakeOpenAI
  print: (line: string) => void
  color?: boolean
}

export class Tour {
  /** Where each run's job summary was written. */
  readonly summaries: string[] = []
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
    // deploy: the repository's release workflow, started by hand, which succeeds.
    github.permissions.set('Codertocat', 'admin')
    github.workflows.set('release.yml', { dispatchable: true, outcome: 'success' })
  }

  /** Plays every scene in order; the exit codes of the runs that should have succeeded. */
  async play(): Promise<boolean> {
    let ok = true
    for (const scene of SCENES) ok = (await this.scene(scene)) && ok
    return ok
  }

  /** Plays one scene, with the default request or the one given; true when the run ended as it should. */
  async scene(scene: Scene, request = DEFAULT_REQUESTS[scene]): Promise<boolean> {
    const { github, model } = this.options
    const refusal = scene === 'refusal'
    const login = refusal ? 'mona' : 'Codertocat'
    const thread = scene === 'review' ? PULL : scene === 'split' || scene === 'help' ? BIG_ISSUE : ISSUE
    const id = this.nextComment++
    const createdAt = new Date().toISOString()
    const payload: Payload = issueCommentPayload({
      body: request,
      login,
      association: refusal ? 'CONTRIBUTOR' : 'OWNER',
      issueNumber: thread.number,
      issueTitle: thread.title,
      issueBody: thread.body,
      commentId: id,
      createdAt,
      pullRequest: thread === PULL
    })
    const seen = { ...this.seen(thread.number), pullRequests: github.pullRequests.length, issues: github.issues.size }
    github.addComment(thread.number, {
      id,
      login,
      association: refusal ? 'CONTRIBUTOR' : 'OWNER',
      body: request,
      createdAt
    })
    const calls = { github: github.requests.length, model: model?.requests.length ?? 0 }
    // The stand-in paints; a real provider paints with its own image model, or says why it cannot.
    const painter = scene === 'paint' && model !== undefined && !this.options.inputs['image-model']
    const media = scene === 'implement' && model !== undefined && !this.options.inputs['speech-model']
    const inputs =
      scene === 'deploy'
        ? { ...this.options.inputs, 'deploy-workflow': 'release.yml', 'deploy-poll-seconds': '0.05' }
        : painter
          ? { ...this.options.inputs, ...PAINTER }
          : media
            ? { ...MEDIA, ...this.options.inputs }
            : this.options.inputs
    const run = await this.options.launch({
      eventName: 'issue_comment',
      payload,
      githubUrl: github.url,
      inputs,
      ...(scene === 'implement' || scene === 'paint' ? { workspace: this.repo.workspace } : {})
    })

    const summary = join(this.dir, `${this.summaries.length + 1}-${scene}.md`)
    writeFileSync(summary, run.summary)
    this.summaries.push(summary)

    const { print, bold, dim } = { print: this.options.print, bold: this.bold, dim: this.dim }
    // Once, before the first scene: every answer below is the stand-in's, not a model's.
    if (model && !this.noted) print(dim(NOTE))
    this.noted = true
    print('')
    print(bold(`▶ ${scene}: "${request}"`) + dim(`  by @${login}${refusal ? ', who has read access only' : ''}`))
    print('')
    print(`${bold(`${thread.title} #${thread.number}`)}  ${dim('Codertocat/Hello-World')}`)
    print(this.rule())
    if (!this.shown.has(thread.number)) this.message('Codertocat', 'opened', thread.body)
    for (const c of (github.comments.get(thread.number) ?? []).slice(seen.comments)) {
      const reactions = github.reactions
        .filter((r) => r.target === `issue_comment:${c.id}`)
        .map((r) => (r.content === 'eyes' ? '👀' : r.content))
      this.message(c.login, 'commented', c.body + (reactions.length ? `\n\n${reactions.join(' ')}` : ''))
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
    print(dim(`job summary: ${summary}`))
    this.shown.set(thread.number, this.counts(thread.number))
    return run.code === 0
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
    const visible = body
      .replace(/<!--[\s\S]*?-->\n?/g, '')
      .replace(/<sup>([\s\S]*?)<\/sup>/g, (_, stamp: string) =>
        this.dim(stamp.replace(/\[([^\]]+)\]\(([^)]+)\)/g, '$1 <$2>'))
      )
    print(visible.trim().replace(/^/gm, '  '))
    print(this.rule())
  }
}
