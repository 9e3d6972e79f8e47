// Gathering, as one stage: everything the command needs, in the order a mistake should surface. The
// settings first (a wrong one is reported on the thread before any work), then the model, the
// conversation, the repository's files, the instructions file and the images, fitted to the budgets.
// What is left out on the way goes to the run's notes.
import { checkoutFiles } from '../adapters/git/checkout-files.ts'
import type { GitWorkspace } from '../adapters/git/workspace.ts'
import { githubCi, githubThreads } from '../adapters/github/reading.ts'
import { apiFiles } from '../adapters/github/repo-files.ts'
import type { GitHubApi, PostedMessages } from '../adapters/github/api.ts'
import { COMMANDS } from '../commands/registry.ts'
import type { Ready } from '../commands/run-command.ts'
import type { BasicContext, CommandSpec, ConversationContext, PullRequestPort } from '../commands/types.ts'
import { readDeployConfig, readRunConfig, readShownSettings, type GateConfig, type RunConfig } from '../config.ts'
import { changePorts } from '../effects/change-ports.ts'
import { workflowPort } from '../effects/workflow-port.ts'
import { withMaskedPrompts } from '../llm/masked-prompts.ts'
import { imageTypes, type ImageType } from '../llm/capabilities.ts'
import { createMediaModels } from '../llm/media.ts'
import { parseModelList, type ModelSpec } from '../llm/providers.ts'
import type { LanguageModel } from '../llm/types.ts'
import type { AnyTool } from '../llm/tools.ts'
import type { Outbox } from '../outbox/outbox.ts'
import type { Redactor } from '../outbox/secrets.ts'
import type { RunRecord } from '../record/record.ts'
import type { Notes } from '../record/notes.ts'
import { counted } from '../plural.ts'
import type { Adapters, RunEnvironment } from '../run-types.ts'
import type { TriggerEvent } from '../trigger/event.ts'
import { mayTrigger } from '../trigger/gate.ts'
import type { Command } from '../trigger/grammar.ts'
import { decideSwitch } from '../trigger/model-switch.ts'
import { promptBudgetFor } from './budget.ts'
import { shareImages } from './document-pictures.ts'
import { loadDocuments } from './documents.ts'
import { DEFAULT_IMAGE_LIMITS, loadImages } from './images.ts'
import { loadThread } from './load-thread.ts'
import type { Thread } from './thread.ts'
import { loadRepoContext } from './repo-context.ts'
import { documentKind } from '../media/read-document.ts'
import { speechMp3 } from '../media/encode-mp3.ts'
import { readingTools } from './tools/index.ts'

export interface GatherSources {
  event: TriggerEvent
  command: Command
  gate: GateConfig
  environment: RunEnvironment
  adapters: Adapters
  api: GitHubApi
  /** What is written on the thread, read once when "already answered" was decided. */
  posted: PostedMessages
  outbox: Outbox
  record: RunRecord
  redactor: Redactor
}

export type Gathered =
  /** `workspace`: the repository checkout, when there is one, for the effects. */
  | { kind: 'ready'; ready: Ready; workspace: GitWorkspace | null }
  /** "ask <model> to ..." named a model the repository does not allow: say so, do nothing else. */
  | { kind: 'refused'; reason: string; message: string }

export type ModelChoice =
  { kind: 'chosen'; specs: ModelSpec[]; note: string | null } | { kind: 'refused'; reason: string; message: string }

/** "ask <model> to ...": one command with another model, only one the repository allows. Pure. */
export function chooseModels(asked: string | undefined, verb: string, config: RunConfig, botName: string): ModelChoice {
  if (!asked) return { kind: 'chosen', specs: parseModelList(config.model), note: null }
  const decision = decideSwitch(asked, verb, config.allowedModels, botName)
  if (decision.kind === 'refused')
    return { kind: 'refused', reason: `model ${asked} not allowed`, message: decision.message }
  const note = `Asked for ${decision.spec.id} in the comment instead of the configured \`${config.model}\`.`
  return { kind: 'chosen', specs: [decision.spec], note }
}

/**
 * actions/checkout's default (`persist-credentials: true`) leaves the workflow token in the checkout's git
 * configuration, where any step after it can read it. git-bob needs none there (it hands git the token per
 * command) and the box never sees `.git`; the job summary and the log say how to leave it out.
 */
async function tellPersistedCredentials(workspace: GitWorkspace | null, sources: GatherSources): Promise<void> {
  const found = workspace ? await workspace.persistedCredentials() : []
  if (!found.length) return
  const message = `the checkout keeps a credential in its git configuration (${found.map((name) => `\`${name}\``).join(', ')}), where every later step of the job can read it; git-bob does not need it and never lets model-written code see it. Add \`with: persist-credentials: false\` to the actions/checkout step (as in examples/git-bob.yml).`
  sources.record.fact('checkout', message)
  sources.adapters.log.warning(`git-bob: ${message}`)
}

export async function gather(spec: CommandSpec, sources: GatherSources): Promise<Gathered> {
  const { environment, gate } = sources
  const workspace = sources.adapters.openWorkspace(environment.workspace, {
    token: gate.githubToken,
    serverUrl: environment.serverUrl
  })
  sources.record.spent.git = workspace
  await tellPersistedCredentials(workspace, sources)
  const shown = readShownSettings(sources.adapters.readInput)
  const basic: BasicContext = {
    event: sources.event,
    command: sources.command,
    botName: gate.botName,
    modelId: shown.model,
    allowedModels: shown.allowedModels,
    imageModel: shown.imageModel,
    deployWorkflow: shown.deployWorkflow,
    commands: COMMANDS
  }
  if (spec.needs === 'nothing') return { kind: 'ready', workspace, ready: { needs: 'nothing', spec, context: basic } }
  if (spec.needs === 'actions') {
    const context = {
      ...basic,
      settings: readDeployConfig(sources.adapters.readInput),
      workflows: workflowPort(sources.api)
    }
    return { kind: 'ready', workspace, ready: { needs: 'actions', spec, context } }
  }

  const config = readRunConfig(sources.adapters.readInput)
  for (const value of Object.values(config.apiKeyInputs)) {
    sources.redactor.add(value)
    if (value) sources.adapters.maskSecret(value)
  }
  const choice = chooseModels(sources.command.model, spec.name, config, gate.botName)
  if (choice.kind === 'refused') {
    sources.adapters.log.info(`Not switching the model: ${choice.message}`)
    return choice
  }
  if (choice.note) sources.record.notes.tell(choice.note)
  const context = await conversationContext(basic, config, choice.specs, workspace, sources)
  return { kind: 'ready', workspace, ready: { needs: 'conversation', spec, context } }
}

async function conversationContext(
  basic: BasicContext,
  config: RunConfig,
  specs: ModelSpec[],
  workspace: GitWorkspace | null,
  sources: GatherSources
): Promise<ConversationContext> {
  const { event, api, environment, adapters, record, redactor, gate } = sources
  const { notes } = record
  const promptTokenBudget = promptBudgetFor(
    specs.map((s) => s.provider.name),
    config.promptTokenBudget
  )
  const model = createModel(specs, config, sources)
  const number = event.target.number
  const isPull = event.target.kind === 'pull_request'
  const thread = await readThread(sources)
  const conversation = thread.entries.map((e) => e.shown ?? e.body).join('\n')
  const checkout = checkoutFiles(environment.workspace)
  const repoFiles = checkout ?? apiFiles(api, event.repo.defaultBranch)
  // Found in the messages as shown, with their addresses: the model's text has none.
  const imageSources = thread.entries.map((e) => ({ where: `${e.kind} by @${e.author}`, body: e.shown ?? e.body }))
  // Documents' pictures are read only when a model of the chain reads images (fallbacks too: the model
  // layer leaves out what one model cannot read).
  const accepted = [...new Set(specs.flatMap((s): readonly ImageType[] => imageTypes(s)))]
  const maxPictures = accepted.length ? DEFAULT_IMAGE_LIMITS.maxImages : 0
  const requestIndex = thread.entries.findIndex((e) => e.isRequest)
  // The instructions file is read from the default branch, never from a pull request's head.
  const [{ pictures: repoPictures, ...repo }, instructions, images, documents] = await Promise.all([
    loadRepoContext(repoFiles, conversation, notes, undefined, maxPictures),
    api.fileText(config.instructionsFile, event.repo.defaultBranch),
    loadImages(imageSources, requestIndex, { serverUrl: environment.serverUrl, token: gate.githubToken }),
    loadDocuments(imageSources, {
      serverUrl: environment.serverUrl,
      token: gate.githubToken,
      maxPictures,
      requestIndex
    })
  ])
  const shown = shareImages(images.images, [...documents.pictures, ...repoPictures], accepted, DEFAULT_IMAGE_LIMITS)
  if (shown.images.length) thread.images = shown.images
  if (documents.documents.length) thread.documents = documents.documents
  const readDocuments = documents.documents.length + repo.files.filter((f) => documentKind(f.path)).length
  const noPictures =
    !accepted.length && readDocuments
      ? [`the pictures in documents: ${specs[0]!.id} does not read images, so only their text is shown`]
      : []
  for (const note of [...images.notes, ...documents.notes, ...shown.notes, ...noPictures]) {
    notes.leftOut('conversation', note)
    notes.tell(`Left out: ${note}.`)
  }
  for (const note of notes.forModel.conversation) adapters.log.info(`Left out of the conversation: ${note}`)
  const notebooks = config.executeNotebooks
    ? adapters.notebookRunner({ sandbox: config.sandbox, setup: config.setupCommand })
    : null
  record.spent.notebooks = notebooks
  const checks = adapters.checkRunner(config.sandbox)
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
        progress: { show: (markdown) => sources.outbox.progress(event, markdown) },
        // After the target branch is checked out: its files replace what the default branch had.
        repoContext: () => {
          notes.startOver('files')
          return loadRepoContext(repoFiles, conversation, notes)
        }
      })
    : null
  // People who wrote in the thread may be mentioned; anyone else the model names is not notified.
  sources.outbox.allowMentions(thread.entries.filter((e) => e.standing !== 'self').map((e) => e.author))
  const pull: PullRequestPort | null = isPull
    ? {
        state: () => api.pullState(number),
        compare: (base, head) => api.compare(base, head),
        fileAt: (path, ref) => api.fileText(path, ref)
      }
    : null
  // The model's reads stop at the run's cap of GitHub requests (withinRequestCap).
  api.limitRequests(config.maxGithubRequests)
  return {
    ...basic,
    thread,
    repo,
    notes,
    instructions,
    maintainers: config.maintainers,
    model,
    changes,
    pull,
    reviewTokenBudget: Math.min(config.reviewTokenBudget, promptTokenBudget),
    promptTokenBudget,
    // The reading tools the model may call; their results are masked like everything git-bob shows.
    // Through the API the list is the one already read; a checkout is listed again (implement changes branch).
    tools:
      config.maxSteps > 0
        ? readingTools(
            {
              files: checkout ?? { ...repoFiles, list: async () => ({ paths: repo.paths, truncated: false }) },
              threads: githubThreads(api),
              ci: githubCi(api)
            },
            {
              repo: `${event.repo.owner}/${event.repo.name}`,
              current: { number, kind: event.target.kind },
              requestTime: event.request.createdAt,
              conversation: thread,
              redact: (text) => redactor.redact(text)
            }
          ).map((tool) => withinRequestCap(tool, api, config.maxGithubRequests, notes))
        : [],
    toolLimits: {
      maxSteps: config.maxSteps,
      maxCallsPerStep: config.maxToolCallsPerStep,
      maxCostUsd: config.maxCostUsd
    },
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

/** The conversation from what is posted; on a pull request with its changed files and diff. */
async function readThread(sources: GatherSources): Promise<Thread> {
  const { event, api } = sources
  const number = event.target.number
  const pull =
    event.target.kind === 'pull_request'
      ? await Promise.all([api.pullFiles(number), api.pullDiff(number)]).then(([files, diff]) => ({ files, diff }))
      : null
  return loadThread(event, {
    posted: sources.posted,
    pull,
    // Who may instruct git-bob in the conversation is who may make it act: the gate's rule.
    mayInstruct: async (login) => mayTrigger(await api.permission(login)),
    botLogin: sources.gate.botLogin,
    notes: sources.record.notes
  })
}

function createModel(specs: ModelSpec[], config: RunConfig, sources: GatherSources): LanguageModel {
  const { adapters, redactor } = sources
  const model = adapters.createModel(
    specs,
    { inputs: config.apiKeyInputs, env: sources.environment.env },
    {
      baseUrls: config.baseUrls,
      timeoutMs: config.modelTimeoutMs,
      retry: { retries: config.modelRetries, baseDelayMs: 1000, maxDelayMs: 30_000 },
      maxOutputTokens: config.maxOutputTokens,
      maxContinuations: 3,
      transcript: sources.record.transcript,
      onRetry: (message) => adapters.log.warning(redactor.redact(message))
    }
  )
  return withMaskedPrompts(model, (text) => redactor.redactKnown(text))
}

/**
 * A tool whose GitHub requests count toward the run's cap (max-github-requests): beyond it the tool reads
 * nothing and says why (its result); people are told under the answer.
 */
function withinRequestCap(tool: AnyTool, api: GitHubApi, max: number, notes: Notes): AnyTool {
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
