// The session: what one run's command works through, opened once the request is admitted. It opens the
// checkout, chooses how the repository's files are read (the checkout's or the API's), makes the model, the
// notebook and check runners and the reading tools, and puts them with the gathered data into the command's
// context (wiring/ports.ts builds the ports). The stages get it from run()'s adapters and never build ports.
import { checkoutFiles } from '../adapters/git/checkout-files.ts'
import type { GitCredentials } from '../adapters/git/git.ts'
import type { GitWorkspace } from '../adapters/git/workspace.ts'
import { githubCi, githubThreads } from '../adapters/github/reading.ts'
import { apiFiles } from '../adapters/github/repo-files.ts'
import type { JupyterRunner } from '../adapters/jupyter/execute.ts'
import type { SandboxChecks } from '../adapters/sandbox/checks.ts'
import type { LazyBox } from '../adapters/sandbox/lazy-box.ts'
import { COMMANDS } from '../commands/registry.ts'
import type { CommandSpec, ConversationContext, PullRequestPort } from '../commands/types.ts'
import type { RunConfig } from '../config.ts'
import type { ConversationData } from '../conversation/context.ts'
import type { Gathered } from '../conversation/gather.ts'
import { loadRepoContext } from '../conversation/repo-context.ts'
import { readingTools } from '../conversation/tools/index.ts'
import type { ModelSettings } from '../llm/index.ts'
import { withMaskedPrompts } from '../llm/masked-prompts.ts'
import { createMediaModels } from '../llm/media.ts'
import type { Credentials, ModelSpec } from '../llm/providers.ts'
import type { AnyTool } from '../llm/tools.ts'
import type { LanguageModel } from '../llm/types.ts'
import { speechMp3 } from '../media/encode-mp3.ts'
import { counted } from '../plural.ts'
import type { GitHub } from '../ports/github.ts'
import type { Logger } from '../ports/run.ts'
import type { SandboxSettings } from '../ports/sandbox.ts'
import type { Notes } from '../record/notes.ts'
import type { Session, SessionRequest } from '../run-types.ts'
import { changePorts, pullRequestPort, workflowPort } from './ports.ts'

/** The adapters a session is made of: the runner's (wiring/actions.ts) or the terminal's (wiring/terminal.ts). */
export interface SessionAdapters {
  log: Logger
  /** The checkout in `dir` the change is written into; null when there is none. */
  openWorkspace(dir: string, credentials: GitCredentials): GitWorkspace | null
  /** One model, or a fallback chain of several. */
  createModel(specs: readonly ModelSpec[], credentials: Credentials, settings: ModelSettings): LanguageModel
  /** The run's sandbox with the `sandbox-*` settings, opened when first needed: one per run, for notebooks and checks. */
  sandbox(settings: SandboxSettings): LazyBox
  /** Runs notebooks with Jupyter in the sandbox (adapters/sandbox: a box of its own, a copy, no secrets). */
  notebookRunner(options: { box: LazyBox; setup: string | null }): JupyterRunner
  /** Runs the repository's checks in the sandbox (adapters/sandbox/checks.ts). */
  checkRunner(box: LazyBox): SandboxChecks
}

export async function openSession(adapters: SessionAdapters, request: SessionRequest): Promise<Session> {
  const { environment, gate, event, api, record } = request
  const workspace = adapters.openWorkspace(environment.workspace, {
    token: gate.githubToken,
    serverUrl: environment.serverUrl
  })
  record.spent.git = workspace
  await tellPersistedCredentials(workspace, request, adapters.log)
  const checkout = checkoutFiles(environment.workspace)
  const files = checkout ?? apiFiles(api, event.repo.defaultBranch)
  let model: LanguageModel | null = null
  return {
    files,
    branch: workspace?.branch ?? null,
    prepareModel: (specs, config) => {
      model = createModel(adapters, specs, config, request)
    },
    ready: (spec, gathered) => {
      const context = { commands: COMMANDS }
      switch (gathered.kind) {
        case 'nothing':
          return { needs: 'nothing', spec: only(spec, 'nothing'), context: { ...gathered.basics, ...context } }
        case 'actions':
          return {
            needs: 'actions',
            spec: only(spec, 'actions'),
            context: { ...gathered.basics, ...context, settings: gathered.settings, workflows: workflowPort(api) }
          }
        case 'conversation': {
          if (!model) throw new Error('the session made no model before the conversation was gathered')
          const ports = { workspace, checkout, files, model, adapters, request }
          return {
            needs: 'conversation',
            spec: only(spec, 'conversation'),
            context: conversationContext(gathered, ports)
          }
        }
      }
    }
  }
}

function only<N extends CommandSpec['needs']>(spec: CommandSpec, needs: N): Extract<CommandSpec, { needs: N }> {
  if (spec.needs !== needs) throw new Error(`${spec.name} needs ${spec.needs}, not ${needs}`)
  return spec as Extract<CommandSpec, { needs: N }>
}

/**
 * actions/checkout's default (`persist-credentials: true`) leaves the workflow token in the checkout's git
 * configuration, where any step after it can read it. git-bob needs none there (it hands git the token per
 * command) and the box never sees `.git`; the job summary and the log say how to leave it out.
 */
async function tellPersistedCredentials(
  workspace: GitWorkspace | null,
  request: SessionRequest,
  log: Logger
): Promise<void> {
  const found = workspace ? await workspace.persistedCredentials() : []
  if (!found.length) return
  const message = `the checkout keeps a credential in its git configuration (${found.map((name) => `\`${name}\``).join(', ')}), where every later step of the job can read it; git-bob does not need it and never lets model-written code see it. Add \`with: persist-credentials: false\` to the actions/checkout step (as in examples/git-bob.yml).`
  request.record.fact('checkout', message)
  log.warning(`git-bob: ${message}`)
}

interface SessionParts {
  workspace: GitWorkspace | null
  checkout: ReturnType<typeof checkoutFiles>
  files: ReturnType<typeof apiFiles>
  model: LanguageModel
  adapters: SessionAdapters
  request: SessionRequest
}

type GatheredConversation = Extract<Gathered, { kind: 'conversation' }>

/** The gathered data with the ports a command that reads the conversation works through. */
function conversationContext(gathered: GatheredConversation, parts: SessionParts): ConversationContext {
  const { data, config, specs } = gathered
  const { workspace, adapters, request } = parts
  const { event, api, environment, record, redactor, gate, outbox } = request
  const { notes } = data
  // Notebooks and checks run with the same settings (the sandbox-* inputs, the same environment): one sandbox,
  // probed once, whichever needs it first; each run is still a box of its own.
  const box = adapters.sandbox(config.sandbox)
  const notebooks = config.executeNotebooks ? adapters.notebookRunner({ box, setup: config.setupCommand }) : null
  record.spent.notebooks = notebooks
  const checks = adapters.checkRunner(box)
  record.spent.checks = checks
  const changes = workspace
    ? changePorts({
        event,
        api,
        environment,
        githubToken: gate.githubToken,
        redactor,
        config,
        workspace,
        notebooks,
        checks,
        progress: { show: (markdown) => outbox.progress(event, markdown) },
        // After the target branch is checked out: its files replace what the default branch had.
        repoContext: () => {
          notes.startOver('files')
          return loadRepoContext(parts.files, gathered.conversation, notes)
        }
      })
    : null
  const number = event.target.number
  const pull: PullRequestPort | null = event.target.kind === 'pull_request' ? pullRequestPort(api, number) : null
  // The model's reads stop at the run's cap of GitHub requests (withinRequestCap).
  api.limitRequests(config.maxGithubRequests)
  return {
    ...data,
    commands: COMMANDS,
    model: parts.model,
    changes,
    pull,
    tools: config.maxSteps > 0 ? tools(data, config, parts) : [],
    media: createMediaModels(
      specs[0]!,
      { image: config.imageModel, speech: config.speechModel },
      {
        credentials: { inputs: config.apiKeyInputs, env: environment.env },
        baseUrls: config.baseUrls,
        timeoutMs: config.modelTimeoutMs,
        transcript: record.transcript,
        mp3: speechMp3
      }
    )
  }
}

/**
 * The reading tools the model may call; their results are masked like everything git-bob shows. Through the
 * API the list is the one already read; a checkout is listed again (implement changes branch).
 */
function tools(data: ConversationData, config: RunConfig, parts: SessionParts): AnyTool[] {
  const { event, api, redactor } = parts.request
  return readingTools(
    {
      files: parts.checkout ?? { ...parts.files, list: async () => ({ paths: data.repo.paths, truncated: false }) },
      threads: githubThreads(api),
      ci: githubCi(api)
    },
    {
      repo: `${event.repo.owner}/${event.repo.name}`,
      current: { number: event.target.number, kind: event.target.kind },
      requestTime: event.request.createdAt,
      conversation: data.thread,
      ...(data.forge ? { forge: data.forge } : {}),
      redact: (text) => redactor.redact(text)
    }
  ).map((tool) => withinRequestCap(tool, api, config.maxGithubRequests, data.notes))
}

function createModel(
  adapters: SessionAdapters,
  specs: readonly ModelSpec[],
  config: RunConfig,
  request: SessionRequest
): LanguageModel {
  const { redactor, environment, record } = request
  const model = adapters.createModel(
    specs,
    { inputs: config.apiKeyInputs, env: environment.env },
    {
      baseUrls: config.baseUrls,
      timeoutMs: config.modelTimeoutMs,
      retry: { retries: config.modelRetries, baseDelayMs: 1000, maxDelayMs: 30_000 },
      maxOutputTokens: config.maxOutputTokens,
      maxContinuations: 3,
      transcript: record.transcript,
      onRetry: (message) => adapters.log.warning(redactor.redact(message))
    }
  )
  return withMaskedPrompts(model, (text) => redactor.redactKnown(text))
}

/**
 * A tool whose GitHub requests count toward the run's cap (max-github-requests): beyond it the tool reads
 * nothing and says why (its result); people are told under the answer.
 */
function withinRequestCap(tool: AnyTool, api: GitHub, max: number, notes: Notes): AnyTool {
  return {
    ...tool,
    run: async (input, signal) => {
      const result = await api.forModel(() => tool.run(input, signal))
      if (api.capReached)
        notes.tell(
          `The model's tools read nothing more from GitHub once the run had made ${counted(max, 'API request')} (max-github-requests).`
        )
      return result
    }
  }
}
