// Gathering, as one stage: everything the command needs to know, in the order a mistake should surface. The
// settings first (a wrong one is reported on the thread before any work), then the model (made by the session,
// so a missing key is said before anything is read), the conversation, the repository's files, the
// instruction files and the images, fitted to the budgets. What is left out on the way goes to the run's
// notes. It returns data: the session (wiring/session.ts) adds the ports the command works through.
import { forgeWords, type Forge } from '../ports/forge.ts'
import type { PostedMessages } from '../ports/github.ts'
import type { RepoFiles } from '../ports/repository.ts'
import type { Notes } from '../record/notes.ts'
import {
  readDeployConfig,
  readRunConfig,
  readShownSettings,
  type DeployConfig,
  type GateConfig,
  type InputReader,
  type RunConfig
} from '../config.ts'
import { imageTypes, type ImageType } from '../llm/capabilities.ts'
import { parseModelList, type ModelSpec } from '../llm/providers.ts'
import type { Outbox } from '../outbox/outbox.ts'
import type { Redactor } from '../outbox/secrets.ts'
import type { RunRecord } from '../record/record.ts'
import type { Logger } from '../ports/run.ts'
import type { TriggerEvent } from '../trigger/event.ts'
import { mayTrigger } from '../trigger/gate.ts'
import type { Command } from '../trigger/grammar.ts'
import { decideSwitch } from '../trigger/model-switch.ts'
import { INSTRUCTIONS_SHARE, promptBudgetFor } from './budget.ts'
import type { Basics, ConversationData } from './context.ts'
import { shareImages, type PicturesOf } from './document-pictures.ts'
import { loadDocuments } from './documents.ts'
import { DEFAULT_IMAGE_LIMITS, loadImages } from './images.ts'
import { loadThread } from './load-thread.ts'
import type { Thread } from './thread.ts'
import { loadRepoContext, type RepoContext } from './repo-context.ts'
import { namedFiles } from './instructions.ts'
import { loadInstructions, type LoadedInstructions } from './load-instructions.ts'
import { loadReviewMemory } from './review-memory.ts'
import { counted } from '../plural.ts'
import { REVIEW_MEMORY_FILE } from '../ports/paths.ts'
import { documentKind } from '../media/read-document.ts'

export interface GatherSources {
  event: TriggerEvent
  command: Command
  gate: GateConfig
  readInput: InputReader
  log: Logger
  /** Every secret value read from the inputs, so the runner masks it in the log too. */
  maskSecret(value: string): void
  serverUrl: string
  api: Forge
  /** What is written on the thread, read once when "already answered" was decided. */
  posted: PostedMessages
  outbox: Outbox
  record: RunRecord
  redactor: Redactor
  /** The repository's files: the checkout's, or the API's (the session chose). */
  files: RepoFiles
  /** The session makes the model now, so that a missing key or a wrong setting is said before any reading. */
  prepareModel(specs: readonly ModelSpec[], config: RunConfig): void
}

/** What the command needs: nothing beyond the request, GitHub Actions, or the conversation. */
export type Needs = 'nothing' | 'actions' | 'conversation'

export type Gathered =
  | { kind: 'nothing'; basics: Basics }
  | { kind: 'actions'; basics: Basics; settings: DeployConfig }
  /** `config` and `specs` for the session's ports; `conversation`, the thread's text, to read files it names again. */
  | { kind: 'conversation'; data: ConversationData; config: RunConfig; specs: ModelSpec[]; conversation: string }
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

/** The command as gathering sees it: its name and what it needs. */
export interface GatherFor {
  name: string
  needs: Needs
}

export async function gather(command: GatherFor, sources: GatherSources): Promise<Gathered> {
  const { gate, readInput } = sources
  const { needs } = command
  const shown = readShownSettings(readInput)
  const basics: Basics = {
    event: sources.event,
    command: sources.command,
    botName: gate.botName,
    ...(sources.api.dialect ? { forge: sources.api.dialect } : {}),
    modelId: shown.model,
    allowedModels: shown.allowedModels,
    imageModel: shown.imageModel,
    deployWorkflow: shown.deployWorkflow
  }
  if (needs === 'nothing') return { kind: 'nothing', basics }
  if (needs === 'actions') return { kind: 'actions', basics, settings: readDeployConfig(readInput) }

  const config = readRunConfig(readInput)
  for (const value of Object.values(config.apiKeyInputs)) {
    sources.redactor.add(value)
    if (value) sources.maskSecret(value)
  }
  const choice = chooseModels(sources.command.model, command.name, config, gate.botName)
  if (choice.kind === 'refused') {
    sources.log.info(`Not switching the model: ${choice.message}`)
    return choice
  }
  if (choice.note) sources.record.notes.tell(choice.note)
  sources.prepareModel(choice.specs, config)
  return conversationData(command.name, basics, config, choice.specs, sources)
}

async function conversationData(
  commandName: string,
  basics: Basics,
  config: RunConfig,
  specs: ModelSpec[],
  sources: GatherSources
): Promise<Gathered> {
  const { record, log } = sources
  const budgets = budgetsFor(specs, config)
  const thread = await readThread(sources)
  const conversation = thread.entries.map((e) => e.shown ?? e.body).join('\n')
  // Documents' pictures are read only when a model of the chain reads images (fallbacks too: the model
  // layer leaves out what one model cannot read).
  const accepted = [...new Set(specs.flatMap((s): readonly ImageType[] => imageTypes(s)))]
  const instructionTokens = Math.floor(
    INSTRUCTIONS_SHARE * (commandName === 'review' ? budgets.reviewTokenBudget : budgets.promptTokenBudget)
  )
  const read = await readAround(thread, conversation, accepted, instructionTokens, config, sources)
  attachMedia(thread, read, accepted, specs, record.notes)
  leaveOut(record.notes, read.instructions.leftOut)
  sayInstructions(read.instructions, sources)
  if (commandName === 'review') sayReviewMemory(read.reviewMemory, sources)
  for (const note of record.notes.forModel.conversation) log.info(`Left out of the conversation: ${note}`)
  // People who wrote in the thread may be mentioned; anyone else the model names is not notified.
  sources.outbox.allowMentions(thread.entries.filter((e) => e.standing !== 'self').map((e) => e.author))
  const data = dataOf(basics, thread, read, config, budgets, record.notes)
  return { kind: 'conversation', data, config, specs, conversation }
}

interface Budgets {
  promptTokenBudget: number
  reviewTokenBudget: number
}

/** The input budget of the chain of models, and the review's within it. */
function budgetsFor(specs: readonly ModelSpec[], config: RunConfig): Budgets {
  const promptTokenBudget = promptBudgetFor(
    specs.map((s) => s.provider.name),
    config.promptTokenBudget
  )
  return { promptTokenBudget, reviewTokenBudget: Math.min(config.reviewTokenBudget, promptTokenBudget) }
}

/** What is read beside the thread, all at once. */
interface ReadAround {
  repo: RepoContext
  repoPictures: PicturesOf[]
  instructions: LoadedInstructions
  images: Awaited<ReturnType<typeof loadImages>>
  documents: Awaited<ReturnType<typeof loadDocuments>>
  reviewMemory: string[]
}

/** The repository's files, the instruction files, the images and documents, and the review memory. */
async function readAround(
  thread: Thread,
  conversation: string,
  accepted: readonly ImageType[],
  instructionTokens: number,
  config: RunConfig,
  sources: GatherSources
): Promise<ReadAround> {
  const { event, api, serverUrl, record, gate, files } = sources
  const { notes } = record
  // Where a file the server redirects may be fetched from: the forge's rule (adapters/github/fetch-capped.ts).
  const forge = api.dialect ? { forge: api.dialect } : {}
  // Found in the messages as shown, with their addresses: the model's text has none.
  const imageSources = thread.entries.map((e) => ({ where: `${e.kind} by @${e.author}`, body: e.shown ?? e.body }))
  const maxPictures = accepted.length ? DEFAULT_IMAGE_LIMITS.maxImages : 0
  const requestIndex = thread.entries.findIndex((e) => e.isRequest)
  const repoContext = loadRepoContext(files, conversation, notes, undefined, maxPictures, forgeWords(api.dialect).name)
  // The instruction files are read from the default branch, never from a pull request's head; which apply
  // depends on the files the request touches: a pull request's changes, or the files the thread names.
  const instructionsRead = loadInstructions(api, {
    ref: event.repo.defaultBranch,
    touched: thread.pull
      ? Promise.resolve(thread.pull.files.map((f) => f.filename))
      : repoContext.then((r) => r.files.map((f) => f.path)),
    sources: config.instructionFiles,
    instructionsFile: config.instructionsFile,
    maxTokens: instructionTokens
  })
  const [{ pictures: repoPictures, ...repo }, instructions, images, documents, reviewMemory] = await Promise.all([
    repoContext,
    instructionsRead,
    loadImages(imageSources, requestIndex, { serverUrl, token: gate.githubToken, ...forge }),
    loadDocuments(imageSources, { serverUrl, token: gate.githubToken, maxPictures, requestIndex, ...forge }),
    loadReviewMemory((path, ref) => api.fileText(path, ref), event, sources.command)
  ])
  return { repo, repoPictures, instructions, images, documents, reviewMemory }
}

/** The images and documents the model is shown, on the thread; what is not, in the notes. */
function attachMedia(
  thread: Thread,
  read: ReadAround,
  accepted: readonly ImageType[],
  specs: readonly ModelSpec[],
  notes: Notes
): void {
  const { images, documents, repo, repoPictures } = read
  const shown = shareImages(images.images, [...documents.pictures, ...repoPictures], accepted, DEFAULT_IMAGE_LIMITS)
  if (shown.images.length) thread.images = shown.images
  if (documents.documents.length) thread.documents = documents.documents
  const readDocuments = documents.documents.length + repo.files.filter((f) => documentKind(f.path)).length
  const noPictures =
    !accepted.length && readDocuments
      ? [`the pictures in documents: ${specs[0]!.id} does not read images, so only their text is shown`]
      : []
  leaveOut(notes, [...images.notes, ...documents.notes, ...shown.notes, ...noPictures])
}

/** Left out of the conversation: told to the model and to people. */
function leaveOut(notes: Notes, leftOut: readonly string[]): void {
  for (const note of leftOut) {
    notes.leftOut('conversation', note)
    notes.tell(`Left out: ${note}.`)
  }
}

/** Which instruction files were read, in the log and the record. */
function sayInstructions(instructions: LoadedInstructions, sources: GatherSources): void {
  const { event, log, record } = sources
  if (instructions.problem) log.info(`Instruction files: ${instructions.problem}; the usual paths were read instead.`)
  const instructionNames = instructions.files.length
    ? namedFiles(instructions.files)
    : `none found on ${event.repo.defaultBranch}`
  record.fact('instructions', instructionNames)
  log.info(`Instructions: ${instructionNames}`)
}

/** What the review memory holds, in the log and the record. */
function sayReviewMemory(reviewMemory: readonly string[], sources: GatherSources): void {
  const { event, log, record } = sources
  const memory = reviewMemory.length
    ? `${counted(reviewMemory.length, 'rule')} from ${REVIEW_MEMORY_FILE} on ${event.repo.defaultBranch}`
    : `none on ${event.repo.defaultBranch}`
  record.fact('review memory', memory)
  log.info(`Review memory: ${memory}`)
}

/** What the command reads, with the budgets and limits it works within. */
function dataOf(
  basics: Basics,
  thread: Thread,
  read: ReadAround,
  config: RunConfig,
  budgets: Budgets,
  notes: Notes
): ConversationData {
  return {
    ...basics,
    thread,
    repo: read.repo,
    notes,
    instructions: read.instructions.files,
    ...(read.reviewMemory.length ? { reviewMemory: read.reviewMemory } : {}),
    maintainers: config.maintainers,
    reviewTokenBudget: budgets.reviewTokenBudget,
    promptTokenBudget: budgets.promptTokenBudget,
    toolLimits: {
      maxSteps: config.maxSteps,
      maxCallsPerStep: config.maxToolCallsPerStep,
      maxCostUsd: config.maxCostUsd
    }
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
    notes: sources.record.notes,
    forge: forgeWords(api.dialect).name
  })
}
