// One run of the action, in the order of ARCHITECTURE.md: event -> trigger -> gate -> thread ->
// command -> effects -> record. Adapters come in as arguments, so this function reads as the flow.
import { readFile } from 'node:fs/promises'
import { commandNamed, COMMANDS } from './commands/registry.ts'
import type { BasicContext, CommandSpec, Outcome, PullRequestPort } from './commands/types.ts'
import { readGateConfig, readRunConfig, readShownSettings, type InputReader } from './config.ts'
import { EventError, parseEvent, requestKey, type TriggerEvent } from './trigger/event.ts'
import { applyOutcome } from './effects/apply-outcome.ts'
import type { NotebookRunner } from './adapters/jupyter/execute.ts'
import { changePorts } from './effects/change-ports.ts'
import { Workspace } from './adapters/git/workspace.ts'
import { describeFailure, failureMessage } from './outbox/failure.ts'
import { authorize, screen } from './trigger/gate.ts'
import type { GitHubApi, ReactionTarget } from './adapters/github/api.ts'
import { loadImages } from './conversation/images.ts'
import { Outbox } from './outbox/outbox.ts'
import { answeredBefore, loadThread } from './conversation/load-thread.ts'
import type { ModelSettings } from './llm/index.ts'
import { parseModelList, type Credentials, type ModelSpec } from './llm/providers.ts'
import { promptBudgetFor } from './conversation/budget.ts'
import type { LanguageModel } from './llm/types.ts'
import { decideSwitch } from './trigger/model-switch.ts'
import { apiFiles, loadRepoContext, workspaceFiles } from './conversation/repo-context.ts'
import { Redactor } from './outbox/secrets.ts'
import type { StampContext } from './outbox/stamp.ts'
import { renderSummary } from './record/summary.ts'
import { Transcript } from './record/transcript.ts'
import { findCommand, reviewRequestCommand, verbTable } from './trigger/grammar.ts'

export interface Logger {
  info(message: string): void
  warning(message: string): void
  /** Also an ::error annotation. */
  error(message: string, title?: string): void
}

export interface RunEnvironment {
  eventName: string
  eventPath: string
  /** GITHUB_WORKSPACE, where actions/checkout put the repository ('' when absent). */
  workspace: string
  /** Link to this run's log, or null outside GitHub Actions. */
  runUrl: string | null
  /** GITHUB_SERVER_URL (https://github.com or a GitHub Enterprise Server): its attachments get the token. */
  serverUrl: string
  /** GITHUB_RUN_ID, for unique branch names. */
  runId: string
  env: Readonly<Record<string, string | undefined>>
}

export interface Adapters {
  log: Logger
  readInput: InputReader
  connectGitHub(token: string, repo: { owner: string; repo: string }): Promise<GitHubApi>
  /** One model, or a fallback chain of several. */
  createModel(specs: readonly ModelSpec[], credentials: Credentials, settings: ModelSettings): LanguageModel
  writeSummary(markdown: string): Promise<void>
  setOutput(name: string, value: string): void
  /** Called with every secret value, so the runner masks it in the log too. */
  maskSecret(value: string): void
  /** Runs notebooks with Jupyter (without secrets in the kernel's environment). */
  notebookRunner(): NotebookRunner
}

export type RunStatus = 'ignored' | 'refused' | 'answered' | 'already-answered' | 'failed'

export interface RunResult {
  status: RunStatus
  reason: string
  posted: string[]
}

const REFUSAL = (login: string, botName: string): string =>
  `Hi @${login}, thanks for reaching out! I can only act when someone with write access to this repository asks me. A maintainer can write "${botName} comment" (or another command) here if they'd like my help.`

async function readEvent(path: string): Promise<unknown> {
  if (!path) throw new EventError('GITHUB_EVENT_PATH is not set; git-bob runs inside a GitHub Actions workflow')
  let text: string
  try {
    text = await readFile(path, 'utf8')
  } catch (error) {
    throw new EventError(
      `the event file ${path} cannot be read (${error instanceof Error ? error.message : String(error)})`
    )
  }
  try {
    return JSON.parse(text) as unknown
  } catch (error) {
    throw new EventError(`the event file is not valid JSON (${error instanceof Error ? error.message : String(error)})`)
  }
}

function reactionTarget(event: TriggerEvent): ReactionTarget | null {
  switch (event.request.source) {
    case 'issue_comment':
      return { kind: 'issue_comment', id: event.request.id }
    case 'review_comment':
      return { kind: 'review_comment', id: event.request.id }
    case 'issue_body':
      return { kind: 'issue', number: event.target.number }
    case 'review':
    case 'review_request':
      return null // GitHub has no reactions on reviews, and a review request has no text to react to
  }
}

/** What people should know about how the answer came about (images left out, a fallback) goes under it. */
function withNotes(outcome: Outcome, notes: readonly string[]): Outcome {
  if (!notes.length || outcome.kind !== 'reply') return outcome
  return { ...outcome, body: `${outcome.body}\n\n> [!NOTE]\n${notes.map((n) => `> ${n}`).join('\n>\n')}` }
}

function timeLine(totalMs: number, modelMs: number, notebookMs: number, gitMs: number): string {
  const s = (ms: number): string => `${(ms / 1000).toFixed(1)} s`
  const other = Math.max(0, totalMs - modelMs - notebookMs - gitMs)
  return `total ${s(totalMs)}: model ${s(modelMs)}, notebooks ${s(notebookMs)}, git ${s(gitMs)}, GitHub and the rest ${s(other)}`
}

export async function run(environment: RunEnvironment, adapters: Adapters): Promise<RunResult> {
  const { log } = adapters
  // Event and trigger: a malformed event is an ::error and nothing else (there is no thread to tell).
  const parsed = parseEvent(environment.eventName, await readEvent(environment.eventPath))
  if (parsed.kind === 'ignored') {
    log.info(`Nothing to do: ${parsed.reason}.`)
    return { status: 'ignored', reason: parsed.reason, posted: [] }
  }
  const event = parsed.event
  const gateConfig = readGateConfig(adapters.readInput)
  const command =
    event.request.source === 'review_request'
      ? reviewRequestCommand(event.request.requestedReviewer, gateConfig.botLogin)
      : findCommand(event.request.body, gateConfig.botName, verbTable(COMMANDS))
  const screened = screen(event, command, gateConfig.allowedBots)
  if (screened.kind === 'ignore' || !command) {
    log.info(`Nothing to do: ${screened.why}.`)
    return { status: 'ignored', reason: screened.why, posted: [] }
  }

  const started = Date.now()
  // What the command used, for the time record.
  const used: Used = { workspace: null, notebooks: null }
  const redactor = new Redactor([gateConfig.githubToken])
  redactor.addFromEnvironment(environment.env)
  const transcript = new Transcript()
  const stampContext: StampContext = {
    botName: gateConfig.botName,
    runUrl: environment.runUrl,
    requestKey: requestKey(event)
  }
  const api = await adapters.connectGitHub(gateConfig.githubToken, { owner: event.repo.owner, repo: event.repo.name })
  const outbox = new Outbox(api, stampContext, redactor)
  const facts: [string, string][] = [
    ['request', `[${event.request.source.replace('_', ' ')} by @${event.request.author.login}](${event.request.url})`],
    [
      'command',
      (command.kind === 'known' ? command.verb : `unknown ("${command.word}")`) +
        (command.model ? `, asking for the model ${command.model}` : '')
    ]
  ]
  let result: RunResult

  // Until the permission is known, nothing is posted: a stranger's comment must not get even a failure report.
  let decision: Awaited<ReturnType<typeof authorize>>
  try {
    decision = await authorize(event, gateConfig.allowedBots, (login) => api.permission(login))
  } catch (error) {
    const report = describeFailure(error)
    log.error(
      redactor.redact(
        `The permission of @${event.request.author.login} could not be checked: ${report.what} ${report.advice}`
      ),
      'git-bob failed'
    )
    adapters.setOutput('status', 'failed')
    return { status: 'failed', reason: report.what, posted: [] }
  }

  try {
    facts.push(['permission', decision.why])
    if (decision.kind !== 'allow') {
      log.info(`Refusing: ${decision.why}.`)
      if (await answeredBefore(event, api, gateConfig.botLogin)) {
        result = { status: 'already-answered', reason: decision.why, posted: [] }
      } else {
        const posted = await outbox.reply(event, REFUSAL(event.request.author.login, gateConfig.botName), null)
        result = { status: 'refused', reason: decision.why, posted: posted.map((p) => p.url) }
      }
    } else {
      const shown = readShownSettings(adapters.readInput)
      result = await answer(event, command.kind === 'known' ? commandNamed(command.verb)! : commandNamed('help')!, {
        basic: {
          event,
          command,
          botName: gateConfig.botName,
          modelId: shown.model,
          allowedModels: shown.allowedModels,
          commands: COMMANDS
        },
        githubToken: gateConfig.githubToken,
        botLogin: gateConfig.botLogin,
        environment,
        adapters,
        api,
        outbox,
        transcript,
        redactor,
        used
      })
    }
  } catch (error) {
    const report = describeFailure(error)
    log.error(redactor.redact(`${report.what} ${report.advice}`), 'git-bob failed')
    let posted: string[] = []
    try {
      posted = (await outbox.reply(event, failureMessage(report), transcript.credit(), [], { failed: true })).map(
        (p) => p.url
      )
    } catch (postError) {
      log.error(
        redactor.redact(`The failure could not be reported on the thread either: ${describeFailure(postError).what}`),
        'git-bob could not comment'
      )
    }
    result = { status: 'failed', reason: report.what, posted }
  }

  const modelMs = transcript.calls.reduce((sum, c) => sum + c.durationMs, 0)
  facts.push(
    ['outcome', result.status + (result.posted.length ? `: ${result.posted.join(', ')}` : '')],
    ['GitHub API calls', String(api.calls)],
    ['time', timeLine(Date.now() - started, modelMs, used.notebooks?.elapsedMs ?? 0, used.workspace?.gitMs ?? 0)]
  )
  await adapters.writeSummary(
    renderSummary({ title: `git-bob on #${event.target.number}`, rows: facts }, transcript, (t) => redactor.redact(t))
  )
  adapters.setOutput('status', result.status)
  if (result.posted[0]) adapters.setOutput('comment-url', result.posted[0])
  return result
}

interface AnswerContext {
  basic: BasicContext
  /** For images attached to the thread (private attachments need it); commands never see it. */
  githubToken: string
  botLogin: string | null
  environment: RunEnvironment
  adapters: Adapters
  api: GitHubApi
  outbox: Outbox
  transcript: Transcript
  redactor: Redactor
  used: Used
}

interface Used {
  workspace: Workspace | null
  notebooks: NotebookRunner | null
}

async function answer(event: TriggerEvent, spec: CommandSpec, ctx: AnswerContext): Promise<RunResult> {
  const { api, adapters, outbox, transcript, redactor } = ctx
  adapters.setOutput('command', spec.name)
  const workspace = Workspace.open(ctx.environment.workspace, {
    token: ctx.githubToken,
    serverUrl: ctx.environment.serverUrl
  })
  ctx.used.workspace = workspace
  const target = reactionTarget(event)
  if (target) {
    await api
      .react(target, 'eyes')
      .catch((error: unknown) =>
        adapters.log.warning(`Could not add the eyes reaction: ${describeFailure(error).what}`)
      )
  }

  let outcome: Outcome
  if (spec.needs === 'nothing') {
    if (await answeredBefore(event, api, ctx.botLogin))
      return { status: 'already-answered', reason: 'already answered', posted: [] }
    outcome = spec.run(ctx.basic)
  } else {
    // Configuration is checked before any work, and a mistake is reported on the thread.
    const config = readRunConfig(adapters.readInput)
    for (const value of Object.values(config.apiKeyInputs)) {
      redactor.add(value)
      if (value) adapters.maskSecret(value)
    }
    // "ask <model> to ...": one command with another model, only one the repository allows.
    const asked = ctx.basic.command.model
    let specs: ModelSpec[]
    if (asked) {
      const decision = decideSwitch(asked, spec.name, config.allowedModels, ctx.basic.botName)
      if (decision.kind === 'refused') {
        adapters.log.info(`Not switching the model: ${decision.message}`)
        if (await answeredBefore(event, api, ctx.botLogin))
          return { status: 'already-answered', reason: 'already answered', posted: [] }
        const posted = await outbox.reply(event, decision.message, null)
        return { status: 'refused', reason: `model ${asked} not allowed`, posted: posted.map((p) => p.url) }
      }
      specs = [decision.spec]
      transcript.note(`Asked for ${decision.spec.id} in the comment instead of the configured \`${config.model}\`.`)
    } else {
      specs = parseModelList(config.model)
    }
    const promptTokenBudget = promptBudgetFor(
      specs.map((s) => s.provider.name),
      config.promptTokenBudget
    )
    const model = adapters.createModel(
      specs,
      { inputs: config.apiKeyInputs, env: ctx.environment.env },
      {
        baseUrls: config.baseUrls,
        timeoutMs: config.modelTimeoutMs,
        retry: { retries: config.modelRetries, baseDelayMs: 1000, maxDelayMs: 30_000 },
        maxOutputTokens: config.maxOutputTokens,
        maxContinuations: 3,
        transcript,
        onRetry: (message) => adapters.log.warning(redactor.redact(message))
      }
    )
    const thread = await loadThread(event, api, (login) => api.permission(login), undefined, ctx.botLogin)
    if (thread.alreadyAnswered) {
      adapters.log.info('This request was already answered (the workflow was re-run); nothing more is posted.')
      return { status: 'already-answered', reason: 'already answered', posted: [] }
    }
    const conversation = thread.entries.map((e) => e.body).join('\n')
    const files = workspaceFiles(ctx.environment.workspace) ?? apiFiles(api, event.repo.defaultBranch)
    const imageSources = thread.entries.map((e) => ({ where: `${e.kind} by @${e.author}`, body: e.body }))
    // The instructions file is read from the default branch, never from a pull request's head.
    const [repo, instructions, images] = await Promise.all([
      loadRepoContext(files, conversation),
      api.fileText(config.instructionsFile, event.repo.defaultBranch),
      loadImages(
        imageSources,
        thread.entries.findIndex((e) => e.isRequest),
        { serverUrl: ctx.environment.serverUrl, token: ctx.githubToken }
      )
    ])
    if (images.images.length) thread.images = images.images
    for (const note of images.notes) {
      thread.notes.push(note)
      transcript.note(`Left out: ${note}.`)
    }
    for (const note of thread.notes) adapters.log.info(`Left out of the conversation: ${note}`)
    const notebooks = config.executeNotebooks ? adapters.notebookRunner() : null
    ctx.used.notebooks = notebooks
    const changes = workspace
      ? changePorts({
          event,
          api,
          environment: ctx.environment,
          githubToken: ctx.githubToken,
          redactor,
          config,
          workspace,
          notebooks,
          repoContext: () => loadRepoContext(files, conversation)
        })
      : null
    // People who wrote in the thread may be mentioned; anyone else the model names is not notified.
    outbox.allowMentions(thread.entries.filter((e) => e.standing !== 'self').map((e) => e.author))
    const number = event.target.number
    const pull: PullRequestPort | null =
      event.target.kind === 'pull_request'
        ? {
            state: () => api.pullState(number),
            compare: (base, head) => api.compare(base, head),
            fileAt: (path, ref) => api.fileText(path, ref)
          }
        : null
    outcome = await spec.run({
      ...ctx.basic,
      thread,
      repo,
      instructions,
      maintainers: config.maintainers,
      model,
      changes,
      pull,
      reviewTokenBudget: Math.min(config.reviewTokenBudget, promptTokenBudget),
      promptTokenBudget
    })
  }
  const posted = await applyOutcome(withNotes(outcome, transcript.notes), event, transcript.credit(), {
    outbox,
    workspace,
    serverUrl: ctx.environment.serverUrl,
    addSubIssue: (parent, childId) => api.addSubIssue(parent, childId),
    redact: (text) => redactor.redact(text),
    botName: ctx.basic.botName
  })
  return { status: 'answered', reason: spec.name, posted: posted.map((p) => p.url) }
}
