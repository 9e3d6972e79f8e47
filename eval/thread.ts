// One task played with one model: a fresh GitHub stand-in holding the issue (and the pull request of a review
// task), a bare origin with the task's repo/, the attachments served as GitHub attachments; then the thread: the
// author's comment, git-bob's run on it, the author's next comment, ... until the author is done or the turns run
// out; then the objective check. git-bob runs in this process through runStep(), the wiring main.ts runs in a
// workflow (as the flow tests do, test/flow/stage.ts): the same run() per comment, without a build or a process
// per run, which a thread of many runs would pay each time.
import { execFileSync } from 'node:child_process'
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { SandboxChecks } from '../src/adapters/sandbox/checks.ts'
import { runStep } from '../src/wiring/actions.ts'
import { GitRemote, git } from '../test/fakes/git-remote.ts'
import type { FakeGitHub } from '../test/fakes/github.ts'
import { issueCommentPayload, type Payload } from '../test/fakes/payloads.ts'
import { capturingRunner } from '../test/fakes/runner.ts'
import { stepEnvironment } from '../test/fakes/step-environment.ts'
import { opener, type AuthorReply, type AuthorView } from './author.ts'
import { runCheck, type Outcome, type Verdict } from './check.ts'
import { renderThread, type ThreadEntry } from './report.ts'
import type { Task } from './task.ts'

const BOT = 'github-actions[bot]'
const ISSUE = 1
const DIFF_CAP = 12_000
const IMAGE = /\.(png|jpe?g|gif|webp)$/i

/** How a thread ended. */
export type Ending = 'satisfied' | 'unsatisfied' | 'turn limit'

export interface Played {
  ending: Ending
  /** Author comments (the turns played). */
  turns: number
  /** Every message on the thread: comments, reviews, line comments, pull requests and issues opened. */
  messages: number
  /** git-bob's runs that failed (exit 1). */
  failedRuns: number
  verdict: Verdict
  /** The thread as it reads on GitHub. */
  thread: string
}

export interface PlayOptions {
  task: Task
  github: FakeGitHub
  /** git-bob's inputs: the model, its key and the meter's URL as base-url. */
  inputs: Record<string, string>
  /** Asks the author for its next comment (a model through git-bob's adapter, or the scripted author). */
  author: (view: AuthorView) => Promise<AuthorReply>
  checks: SandboxChecks
  /** Model retries wait this long first (short for the stand-ins). */
  modelRetryBaseMs: number
  log: (line: string) => void
}

/** The stand-in GitHub's own URLs for the thread and a comment, as the tour sets them (demo/tour.ts). */
function payloadFor(task: Task, github: FakeGitHub, id: number, body: string, createdAt: string): Payload {
  const pull = task.pullRequest !== null
  const payload = issueCommentPayload({
    body,
    login: task.issue.author,
    association: 'OWNER',
    issueNumber: ISSUE,
    issueTitle: pull ? task.pullRequest!.title : task.issue.title,
    issueBody: pull ? task.pullRequest!.body : issueBody(task, github),
    commentId: id,
    createdAt,
    pullRequest: pull
  })
  const api = `https://api.github.com/repos/${github.owner}/${github.repo}/issues`
  const html = `https://github.com/${github.owner}/${github.repo}`
  Object.assign(payload.issue, {
    url: `${api}/${ISSUE}`,
    comments_url: `${api}/${ISSUE}/comments`,
    html_url: `${html}/${pull ? 'pull' : 'issues'}/${ISSUE}`
  })
  Object.assign(payload.comment, {
    url: `${api}/comments/${id}`,
    html_url: `${html}/issues/${ISSUE}#issuecomment-${id}`,
    issue_url: `${api}/${ISSUE}`
  })
  return payload
}

/** The attachment's URL on the stand-in: images under assets/, other files under files/. */
function attachmentUrl(github: FakeGitHub, name: string, index: number): string {
  return IMAGE.test(name)
    ? `${github.url}/user-attachments/assets/eval-${index}`
    : `${github.url}/user-attachments/files/${index}/${encodeURIComponent(name)}`
}

function issueBody(task: Task, github: FakeGitHub): string {
  const names = Object.keys(task.attachments)
  return task.issue.body.replace(/\{\{attachment:([^}]+)\}\}/g, (_, name: string) =>
    attachmentUrl(github, name, names.indexOf(name) + 1)
  )
}

const TYPES: Record<string, string> = {
  png: 'image/png',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  gif: 'image/gif',
  webp: 'image/webp',
  csv: 'text/csv',
  pdf: 'application/pdf'
}

/** The repository, the issue (or pull request) and the attachments on the stand-ins. */
function setUp(task: Task, github: FakeGitHub): GitRemote {
  const repo = new GitRemote(Object.fromEntries(Object.entries(task.repo).map(([p, b]) => [p, new Uint8Array(b)])))
  github.cloneUrl = `file://${repo.origin}`
  for (const [path, bytes] of Object.entries(task.repo)) github.files.set(path, bytes.toString('utf8'))
  github.permissions.set(task.issue.author, 'write')
  for (const [i, name] of Object.keys(task.attachments).entries()) {
    const type = TYPES[name.split('.').at(-1)!.toLowerCase()] ?? 'application/octet-stream'
    const key = IMAGE.test(name) ? `eval-${i + 1}` : `files/${i + 1}/${name}`
    github.attachments.set(key, { type, bytes: task.attachments[name]! })
  }
  const pull = task.pullRequest
  github.threads.set(ISSUE, {
    title: pull?.title ?? task.issue.title,
    body: pull?.body ?? issueBody(task, github),
    login: task.issue.author,
    ...(pull ? { pull: true } : {})
  })
  if (pull) {
    const head = 'proposed-change'
    repo.humanPush(
      head,
      Object.fromEntries(Object.entries(task.head).map(([p, b]) => [p, b.toString('utf8')])),
      pull.title
    )
    const headSha = git(repo.origin, 'rev-parse', head)
    const baseSha = git(repo.origin, 'rev-parse', repo.defaultBranch)
    const changed = git(repo.origin, 'diff', '--name-status', repo.defaultBranch, head).split('\n').filter(Boolean)
    const files = changed.map((line) => {
      const [status, filename] = line.split('\t') as [string, string]
      const diff = git(repo.origin, 'diff', '--numstat', repo.defaultBranch, head, '--', filename).split('\t')
      const patch = git(repo.origin, 'diff', repo.defaultBranch, head, '--', filename)
      return {
        filename,
        status: fileStatus(status),
        additions: Number(diff[0]) || 0,
        deletions: Number(diff[1]) || 0,
        patch: patch.slice(patch.indexOf('@@'))
      }
    })
    // Reviewed as the stand-in's pull requests are (test/fakes/github.ts): its head read at headSha.
    github.addPull(ISSUE, { files, headSha, baseSha })
    github.filesAt.set(headSha, new Map(Object.entries(task.head).map(([p, b]) => [p, b.toString('utf8')])))
  }
  return repo
}

function fileStatus(letter: string): 'added' | 'removed' | 'modified' {
  return letter === 'A' ? 'added' : letter === 'D' ? 'removed' : 'modified'
}

/** A message without what GitHub hides (markers), for a reader. */
export const visible = (body: string): string => body.replace(/<!--[\s\S]*?-->\n?/g, '').trim()

/** git-bob's answer for the answer check: what people read, without the stamp. */
const answerText = (body: string): string =>
  visible(body)
    .replace(/<sup>[\s\S]*?<\/sup>/g, '')
    .trim()

class Timeline {
  private readonly seen = new Set<string>()
  readonly keys: string[] = []

  private readonly github: FakeGitHub

  constructor(github: FakeGitHub) {
    this.github = github
  }

  /** Notes what appeared since the last look, in the order GitHub would show it. */
  look(): void {
    const { github } = this
    const pull = github.pulls.get(ISSUE)
    const keys = [
      ...(github.comments.get(ISSUE) ?? []).map((c) => `comment:${c.id}`),
      ...(pull?.reviews ?? []).map((r) => `review:${r.id}`),
      ...(pull?.reviewComments ?? []).map((c) => `line:${c.id}`),
      ...github.pullRequests.filter((p) => p.number !== ISSUE).map((p) => `pull:${p.number}`),
      ...[...github.issues.values()].map((i) => `issue:${i.number}`)
    ]
    for (const key of keys) {
      if (this.seen.has(key)) continue
      this.seen.add(key)
      this.keys.push(key)
    }
  }

  entries(task: Task): ThreadEntry[] {
    const { github } = this
    const pull = github.pulls.get(ISSUE)
    const first: ThreadEntry = {
      login: task.issue.author,
      what: task.pullRequest ? 'opened this pull request' : 'opened this issue',
      body: task.pullRequest ? task.pullRequest.body : issueBody(task, github)
    }
    return [
      first,
      ...this.keys.flatMap((key): ThreadEntry[] => {
        const [kind, id] = key.split(':') as [string, string]
        if (kind === 'comment') {
          const c = github.comments.get(ISSUE)?.find((x) => String(x.id) === id)
          return c ? [{ login: c.login, what: 'commented', body: visible(c.body) }] : []
        }
        if (kind === 'review') {
          const r = pull?.reviews.find((x) => String(x.id) === id)
          return r ? [{ login: r.login, what: `reviewed (${r.state.toLowerCase()})`, body: visible(r.body) }] : []
        }
        if (kind === 'line') {
          const c = pull?.reviewComments.find((x) => String(x.id) === id)
          return c ? [{ login: c.login, what: `commented on ${c.path} line ${c.line}`, body: visible(c.body) }] : []
        }
        if (kind === 'pull') {
          const p = github.pullRequests.find((x) => String(x.number) === id)
          return p
            ? [
                {
                  login: BOT,
                  what: `opened pull request #${p.number} "${p.title}" (${p.head} → ${p.base})`,
                  body: visible(p.body)
                }
              ]
            : []
        }
        const i = github.issues.get(Number(id))
        return i
          ? [{ login: i.login ?? BOT, what: `opened issue #${i.number} "${i.title}"`, body: visible(i.body) }]
          : []
      })
    ]
  }
}

/** Plays a task's thread and checks the outcome. */
export async function playTask(options: PlayOptions): Promise<Played> {
  const { task, github, log } = options
  const repo = setUp(task, github)
  const timeline = new Timeline(github)
  let comment = opener(task)
  let ending: Ending = 'turn limit'
  let turns = 0
  let failedRuns = 0
  let clock = Date.now() - 3_600_000
  const at = (): string => new Date((clock += 60_000)).toISOString()
  for (let turn = 1; turn <= task.maxTurns; turn++) {
    turns = turn
    for (const other of task.others.filter((o) => o.turn === turn)) {
      github.permissions.set(other.login, 'write')
      github.addComment(ISSUE, { login: other.login, body: other.says, association: 'COLLABORATOR', createdAt: at() })
    }
    const createdAt = at()
    const id = github.addComment(ISSUE, { login: task.issue.author, body: comment, association: 'OWNER', createdAt })
    timeline.look()
    const before = (github.comments.get(ISSUE) ?? []).filter((c) => c.login === BOT).length
    log(`  turn ${turn}: @${task.issue.author}: ${comment.split('\n')[0]!.slice(0, 100)}`)
    const code = await runGitBob(options, repo, payloadFor(task, github, id, comment, createdAt))
    if (code !== 0) failedRuns++
    timeline.look()
    const bot = (github.comments.get(ISSUE) ?? []).filter((c) => c.login === BOT)
    const reply = await options.author({
      task,
      turn,
      maxTurns: task.maxTurns,
      thread: renderThread(task.pullRequest?.title ?? task.issue.title, timeline.entries(task)),
      pullRequests: botPulls(github).map((p) => ({ title: p.title, head: p.head, diff: diffOf(repo, p.head) })),
      issues: github.issues.size,
      reviewed: (github.pulls.get(ISSUE)?.reviews ?? []).some((r) => r.login === BOT),
      answered: bot.length > before
    })
    if (reply.done) {
      ending = reply.satisfied ? 'satisfied' : 'unsatisfied'
      break
    }
    comment = reply.comment.trim() || 'git-bob think about this again'
  }
  const lastBot = (github.comments.get(ISSUE) ?? []).filter((c) => c.login === BOT).at(-1)
  const pull = github.pulls.get(ISSUE)
  const outcome: Outcome = {
    lastAnswer: lastBot ? answerText(lastBot.body) : null,
    branch: botPulls(github).at(-1)?.head ?? null,
    defaultBranch: repo.defaultBranch,
    origin: repo.origin,
    lineComments: (pull?.reviewComments ?? []).filter((c) => c.login === BOT),
    issues: [...github.issues.values()].map((i) => ({ title: i.title, body: i.body }))
  }
  const verdict = await runCheck(task.check, task, outcome, options.checks)
  const entries = timeline.entries(task)
  return {
    ending,
    turns,
    messages: entries.length,
    failedRuns,
    verdict,
    thread: renderThread(task.pullRequest?.title ?? task.issue.title, entries)
  }
}

const botPulls = (github: FakeGitHub): FakeGitHub['pullRequests'] =>
  github.pullRequests.filter((p) => p.number !== ISSUE)

function diffOf(repo: GitRemote, branch: string): string {
  const diff = git(repo.origin, 'diff', repo.defaultBranch, branch)
  return diff.length > DIFF_CAP ? `${diff.slice(0, DIFF_CAP)}\n[... ${diff.length - DIFF_CAP} characters more]` : diff
}

/** One run of git-bob on a comment, as the workflow would start it: a fresh checkout of the default branch. */
async function runGitBob(options: PlayOptions, repo: GitRemote, payload: Payload): Promise<number> {
  const workspace = mkdtempSync(join(tmpdir(), 'git-bob-eval-checkout-'))
  execFileSync('git', ['clone', '--quiet', '--depth', '1', `file://${repo.origin}`, workspace], { stdio: 'ignore' })
  const { env } = await stepEnvironment(
    {
      eventName: 'issue_comment',
      payload,
      githubUrl: options.github.url,
      inputs: options.inputs,
      workspace,
      // The stand-in also plays github.com: attachments on it are GitHub's.
      env: { GITHUB_SERVER_URL: options.github.url }
    },
    'git-bob-eval-run-'
  )
  const runner = capturingRunner()
  const code = await runStep(env, runner, {
    githubRetryBaseMs: 10,
    githubSpacingMs: { write: 0, notifications: 0, search: 0 },
    modelRetryBaseMs: options.modelRetryBaseMs,
    checks: options.checks
  })
  for (const line of runner.lines.filter((l) => l.startsWith('::error'))) options.log(`    ${line}`)
  return code
}
