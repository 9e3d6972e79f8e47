// git-bob from a terminal: the same run() as the action, over the event a comment would have made, with the
// terminal's adapters (adapters/local). Prints what it would post unless --post; implement and try work in
// the current checkout of that repository (when clean) or a temporary clone, and push only with --post.
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { accountAuthor } from '../adapters/git/branch.ts'
import { GitHubApi } from '../adapters/github/api.ts'
import { currentBranch, prepareCheckout, type Checkout } from '../adapters/local/checkout.ts'
import { connect, lookUp, type Looked } from '../adapters/local/lookup.ts'
import { terminalAdapters, terminalInput, type Environment } from '../wiring/terminal.ts'
import { findToken } from '../adapters/local/token.ts'
import { COMMANDS } from '../commands/registry.ts'
import { CliError } from '../errors.ts'
import { describeFailure } from '../outbox/failure.ts'
import { Redactor } from '../outbox/secrets.ts'
import { run, type Adapters } from '../run.ts'
import type { RunResult } from '../ports/run.ts'
import { parseEvent, type TriggerEvent } from '../trigger/event.ts'
import { authorize } from '../trigger/gate.ts'
import { findCommand, verbTable } from '../trigger/grammar.ts'
import { VERSION } from '../version.ts'
import { USAGE, parseCommandLine, type Invocation } from './args.ts'
import { terminalEvent } from './request.ts'
import { tokenHome } from './host.ts'

export interface Io {
  /** What would be posted, and --help. */
  out(text: string): void
  /** The log and every message about the run. */
  err(text: string): void
  cwd: string
}

const NO_TOKEN =
  'No GitHub token: set GITHUB_TOKEN (or GH_TOKEN) to a token that can read the repository, or log in with the GitHub CLI (`gh auth login`).'

/** The process exit code: 0 answered, 1 a failure or a refusal, 2 a command line that makes no sense. */
export async function runCli(argv: readonly string[], env: Environment, io: Io): Promise<number> {
  if (argv[0] === 'eval') return (await import('./eval.ts')).runEvalCommand(argv.slice(1), io)
  const parsed = parseCommandLine(argv)
  if (parsed.kind === 'help') return (io.out(USAGE), 0)
  if (parsed.kind === 'version') return (io.out(VERSION), 0)
  if (parsed.kind === 'usage-error') return (io.err(`git-bob: ${parsed.message}\nRun git-bob --help for usage.`), 2)
  // Where the token may go is settled before anything reads it or asks GitHub.
  const home = tokenHome({ target: parsed.target.server, flag: parsed.server, env })
  if (home.kind === 'refused') return (io.err(`git-bob: ${home.message}`), 1)
  const { server, apiUrl } = home
  const found = await findToken(env, new URL(server).host)
  if (!found) return (io.err(`git-bob: ${NO_TOKEN}`), 1)
  const redactor = new Redactor([found.token])
  redactor.addFromEnvironment(env)
  try {
    return await runRequest(parsed, { env, io, server, apiUrl, token: found.token, redactor })
  } catch (error) {
    const message =
      error instanceof CliError ? error.message : `${describeFailure(error).what} ${describeFailure(error).advice}`
    io.err(`git-bob: ${redactor.redact(message)}`)
    return 1
  }
}

interface Context {
  env: Environment
  io: Io
  server: string
  apiUrl: string
  token: string
  redactor: Redactor
}

async function runRequest(inv: Invocation, ctx: Context): Promise<number> {
  const { owner, repo, number } = inv.target
  if (inv.transcript) await checkTranscript(inv.transcript)
  const octokit = await connect(ctx.token, ctx.apiUrl, (m) => ctx.io.err(`warning: ${m}`))
  const looked = await lookUp(octokit, owner, repo, number)
  const request = readRequest(inv, ctx, looked)
  // The gate, asked here too so that a refusal is said in the terminal, never posted on someone's issue.
  await admit(request.event, new GitHubApi(octokit, { owner, repo }), inv)
  const verb = verbShown(request, inv)
  const checkout = verb === 'implement' || verb === 'try' ? await checkoutHere(inv, ctx, looked) : null
  if (checkout) ctx.io.err(checkout.note)
  const result = await runOnEvent(request, inv, ctx, looked, checkout)
  await tellAfter(result, inv, checkout, ctx.io)
  return result.status === 'answered' || result.status === 'already-answered' ? 0 : 1
}

/**
 * Whether the transcript's file can be written, asked before GitHub is: opened for appending, so that a run refused
 * later leaves an earlier transcript as it was (the run empties it when it starts).
 */
async function checkTranscript(path: string): Promise<void> {
  try {
    await writeFile(path, '', { flag: 'a' })
  } catch (error) {
    throw new CliError(`the transcript cannot be written to ${path}: ${whyNotWritten(error)}.`)
  }
}

function whyNotWritten(error: unknown): string {
  const code = error instanceof Error && 'code' in error ? error.code : null
  if (code === 'ENOENT') return 'its folder does not exist'
  if (code === 'EISDIR') return 'it is a folder'
  if (code === 'ENOTDIR') return 'a part of its path is a file, not a folder'
  if (code === 'EACCES' || code === 'EPERM' || code === 'EROFS') return 'permission denied'
  return error instanceof Error ? error.message : String(error)
}

/** The request typed at the terminal, as the comment event it would have been and as run() will read it. */
interface TerminalRequest {
  botName: string
  now: Date
  payload: Record<string, unknown>
  event: TriggerEvent
}

function readRequest(inv: Invocation, ctx: Context, looked: Looked): TerminalRequest {
  const botName = terminalInput('bot-name', inv.inputs, ctx.env, ctx.token) || 'git-bob'
  const now = new Date()
  const payload = terminalEvent({ ...looked, botName, command: inv.command, request: inv.request, now })
  const parsed = parseEvent('issue_comment', payload)
  if (parsed.kind !== 'trigger')
    throw new Error(`the request was not read as one: ${parsed.kind === 'ignored' ? parsed.reason : parsed.kind}`)
  return { botName, now, payload, event: parsed.event }
}

async function admit(event: TriggerEvent, api: GitHubApi, inv: Invocation): Promise<void> {
  const { owner, repo } = inv.target
  const decision = await authorize(event, [], (login) => api.permission(login))
  if (decision.kind !== 'allow')
    throw new CliError(
      `git-bob acts only for people with write access to ${owner}/${repo}, and ${decision.why.replace(/;.*$/, '')}.`
    )
}

/** The verb asked for, or null; a deploy is refused without --post, since showing it would be doing it. */
function verbShown(request: TerminalRequest, inv: Invocation): string | null {
  const { owner, repo } = inv.target
  const command = findCommand(request.event.request.body, request.botName, verbTable(COMMANDS))
  const verb = command?.kind === 'known' ? command.verb : null
  if (verb === 'deploy' && !inv.post)
    throw new CliError(
      `deploy starts ${owner}/${repo}'s release workflow, which cannot be shown without doing it: add --post to start it.`
    )
  return verb
}

function checkoutHere(inv: Invocation, ctx: Context, looked: Looked): Promise<Checkout> {
  return prepareCheckout({
    cwd: ctx.io.cwd,
    owner: inv.target.owner,
    repo: inv.target.repo,
    cloneUrl: looked.repository.clone_url,
    defaultBranch: looked.repository.default_branch,
    credentials: { token: ctx.token, serverUrl: ctx.server }
  })
}

/** run() over the event written to a file of its own, removed after the run whatever its end. */
async function runOnEvent(
  request: TerminalRequest,
  inv: Invocation,
  ctx: Context,
  looked: Looked,
  checkout: Checkout | null
): Promise<RunResult> {
  const eventDir = await mkdtemp(join(tmpdir(), 'git-bob-event-'))
  try {
    const eventPath = join(eventDir, 'event.json')
    await writeFile(eventPath, JSON.stringify(request.payload))
    if (inv.transcript) await writeFile(inv.transcript, '')
    const adapters = adaptersFor(inv, ctx, looked, checkout)
    return await run(
      {
        eventName: 'issue_comment',
        eventPath,
        workspace: checkout?.dir ?? '',
        runUrl: null,
        local: true,
        serverUrl: ctx.server,
        runId: String(request.now.getTime()),
        env: ctx.env
      },
      adapters
    )
  } finally {
    await rm(eventDir, { recursive: true, force: true })
  }
}

function adaptersFor(inv: Invocation, ctx: Context, looked: Looked, checkout: Checkout | null): Adapters {
  const { env, io, token, apiUrl, redactor } = ctx
  return terminalAdapters(
    {
      env,
      flags: inv.inputs,
      token,
      apiUrl,
      repoUrl: looked.repository.html_url,
      post: inv.post,
      author: accountAuthor(looked.viewer),
      clone: checkout?.clonedFrom ? { dir: checkout.dir, branch: checkout.clonedFrom } : null,
      transcript: inv.transcript,
      print: (text) => io.out(text),
      log: (line) => io.err(line)
    },
    redactor
  )
}

async function tellAfter(result: RunResult, inv: Invocation, checkout: Checkout | null, io: Io): Promise<void> {
  if (result.status === 'ignored' || result.status === 'refused' || result.status === 'failed')
    io.err(`git-bob: ${result.status === 'ignored' ? 'nothing to do' : result.status}: ${result.reason}`)
  if (inv.post && result.posted.length) io.err(`Posted:\n${result.posted.map((url) => `  ${url}`).join('\n')}`)
  if (checkout && !inv.post) {
    const branch = await currentBranch(checkout.dir)
    if (branch.startsWith('git-bob/'))
      io.err(
        `The change is committed on branch ${branch} in ${checkout.dir}; nothing was pushed. Add --post to push it.`
      )
    else if (checkout.temporary) await checkout.remove()
  } else if (checkout?.temporary) await checkout.remove()
  if (inv.transcript) io.err(`The run's record (every prompt and answer) is in ${inv.transcript}.`)
}
