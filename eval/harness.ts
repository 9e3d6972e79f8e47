// The eval: tasks × models, each task played in a thread of its own (thread.ts) with git-bob's model and the
// simulated author's behind a meter each (meter.ts), in one of three modes: real models (keys present), the
// stand-ins (no keys, or --stand-ins: a harness check, not a score), or cassettes replayed (--replay). Prints a cost
// estimate first and stops starting tasks at --max-cost-usd; writes results.json and report.md.
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { sandboxChecks } from '../src/adapters/sandbox/checks.ts'
import { lazySandbox } from '../src/adapters/sandbox/lazy-box.ts'
import type { EvalOptions } from '../src/cli/eval-args.ts'
import { createModel } from '../src/llm/index.ts'
import { estimateCost, formatCost, PRICES_CHECKED, priceOf } from '../src/llm/prices.ts'
import { parseModelSpec, type ModelSpec, type ProviderFamily } from '../src/llm/providers.ts'
import type { CallRecorder } from '../src/llm/recorder.ts'
import type { LanguageModel } from '../src/llm/types.ts'
import { Redactor } from '../src/outbox/secrets.ts'
import { VERSION } from '../src/version.ts'
import { FakeAnthropic } from '../test/fakes/anthropic.ts'
import { FakeGemini } from '../test/fakes/gemini.ts'
import { FakeGitHub } from '../test/fakes/github.ts'
import type { LoopbackServer } from '../test/fakes/loopback.ts'
import { FakeOpenAI } from '../test/fakes/openai.ts'
import { askAuthor, scriptedAuthor, type AuthorView } from './author.ts'
import {
  CassetteSchema,
  familyOf,
  readCassette,
  responses,
  writeCassette,
  type Cassette,
  type Side
} from './cassette.ts'
import { Meter } from './meter.ts'
import { HARNESS_CHECK, report, table, type EvalResults, type TaskResult } from './report.ts'
import { taskStandIn } from './stand-in.ts'
import { loadTask, taskNames, type Task } from './task.ts'
import { playTask } from './thread.ts'

export interface EvalIo {
  print(line: string): void
  env: Readonly<Record<string, string | undefined>>
  /** Where the task folders are (eval/tasks). */
  tasksDir: string
}

type Mode = EvalResults['mode']

/** Where each family's SDK goes by default, for presets without an endpoint of their own. */
const DEFAULT_UPSTREAM: Record<ProviderFamily, string> = {
  openai: 'https://api.openai.com/v1',
  anthropic: 'https://api.anthropic.com',
  gemini: 'https://generativelanguage.googleapis.com'
}

/** With keys, the default model: the cheapest the keys reach (GitHub Models with GITHUB_TOKEN first). */
const DEFAULTS = [
  'github_models:openai/gpt-4.1-mini',
  'openai:gpt-4.1-mini',
  'anthropic:claude-haiku-4-5',
  'google:gemini-2.5-flash',
  'deepseek:deepseek-chat',
  'mistral:mistral-small-latest'
]
/** The model name the stand-ins answer as. */
const STAND_IN_MODEL = 'openai:gpt-4.1'

const keyOf = (spec: ModelSpec, env: EvalIo['env']): string | undefined =>
  spec.provider.keyEnv.map((name) => env[name]?.trim()).find(Boolean)
const hasKey = (spec: ModelSpec, env: EvalIo['env']): boolean =>
  spec.provider.keyOptional === true || keyOf(spec, env) !== undefined

/** A key the stand-ins accept (and the masking recognises as one). */
const STAND_IN_KEY = 'sk-proj-evalstandin0000000000000000000000'

const silentRecorder = (): CallRecorder => ({
  add: () => undefined,
  addToolRuns: () => undefined,
  remark: () => undefined,
  notes: { tell: () => undefined }
})

interface Plan {
  mode: Mode
  models: string[]
  authorFor: (model: string) => string
  /** Said before the run: why this mode. */
  why: string
}

function plan(options: EvalOptions, io: EvalIo): Plan {
  const author = (model: string): string => options.authorModel ?? model
  if (options.replay) {
    const recorded = readdirSync(options.replay)
      .filter((f) => f.endsWith('.json'))
      .map((f) => CassetteSchema.parse(JSON.parse(readFileSync(join(options.replay!, f), 'utf8'))))
    const models = options.models.length ? options.models : [...new Set(recorded.map((c) => c.model))]
    const authors = new Map(recorded.map((c) => [c.model, c.authorModel]))
    return {
      mode: 'replay',
      models,
      authorFor: (m) => options.authorModel ?? authors.get(m) ?? m,
      why: `replaying the cassettes in ${options.replay}: no model is asked`
    }
  }
  if (options.standIns)
    return { mode: 'stand-in', models: standInModels(options.models), authorFor: author, why: '--stand-ins' }
  if (options.models.length) {
    const missing = options.models.map((m) => parseModelSpec(m, '--model')).filter((s) => !hasKey(s, io.env))
    if (missing.length)
      return {
        mode: 'stand-in',
        models: standInModels(options.models),
        authorFor: author,
        why: `no key for ${missing.map((s) => `${s.id} (${s.provider.keyEnv.join(' or ')})`).join(', ')}`
      }
    return { mode: 'real', models: options.models, authorFor: author, why: 'the keys are set' }
  }
  const found = DEFAULTS.find((m) => hasKey(parseModelSpec(m), io.env))
  if (found) return { mode: 'real', models: [found], authorFor: author, why: `a key for ${found} is set` }
  return { mode: 'stand-in', models: [STAND_IN_MODEL], authorFor: author, why: 'no model key is set' }
}

/** The stand-ins speak the OpenAI wire: other providers' models are played as the stand-in model. */
function standInModels(models: readonly string[]): string[] {
  const specs = models.map((m) => parseModelSpec(m, '--model'))
  const kept = specs.filter((s) => s.provider.family === 'openai').map((s) => s.id)
  return kept.length ? kept : [STAND_IN_MODEL]
}

/** The tasks asked for, loaded (a name that is no task is an error). */
export function selectTasks(options: EvalOptions, tasksDir: string): Task[] {
  const names = taskNames(tasksDir)
  const unknown = options.tasks.filter((t) => !names.includes(t))
  if (unknown.length)
    throw new Error(`No task ${unknown.join(', ')} in ${tasksDir}; the tasks are ${names.join(', ')}.`)
  const tasks = names
    .filter((n) => !options.tasks.length || options.tasks.includes(n))
    .map((n) => loadTask(join(tasksDir, n)))
  return tasks.filter((t) => !options.kinds.length || options.kinds.includes(t.kind))
}

/** Tokens a task may take, roughly: its files and issue read on every call, a few calls per turn. */
export function taskTokens(task: Task): {
  gitBob: { inputTokens: number; outputTokens: number }
  author: { inputTokens: number; outputTokens: number }
} {
  const chars =
    Object.values(task.repo).reduce((s, b) => s + b.length, 0) +
    Object.values(task.head).reduce((s, b) => s + b.length, 0) +
    task.issue.body.length
  const context = Math.ceil(chars / 4) + 3_000
  return {
    gitBob: { inputTokens: task.maxTurns * 3 * context, outputTokens: task.maxTurns * 3 * 800 },
    author: { inputTokens: task.maxTurns * (context / 2 + 2_000), outputTokens: task.maxTurns * 300 }
  }
}

function estimate(
  tasks: readonly Task[],
  models: readonly string[],
  authorFor: (m: string) => string
): { usd: number | null; lines: string[] } {
  let usd = 0
  const unpriced: string[] = []
  for (const model of models) {
    const spec = parseModelSpec(model)
    const author = parseModelSpec(authorFor(model))
    for (const task of tasks) {
      const tokens = taskTokens(task)
      const a = estimateCost(spec.provider.name, spec.model, tokens.gitBob)
      const b = estimateCost(author.provider.name, author.model, tokens.author)
      if (a === null) unpriced.push(spec.id)
      if (b === null) unpriced.push(author.id)
      usd += (a ?? 0) + (b ?? 0)
    }
  }
  const names = [...new Set(unpriced)]
  return {
    usd: names.length === models.length * 2 && usd === 0 ? null : usd,
    lines: [
      `Cost estimate: up to ${formatCost(usd)} for ${tasks.length} tasks × ${models.length} models (each task's files and issue read ~3 times a turn for its maxTurns; prices of ${PRICES_CHECKED}, src/llm/prices.ts).`,
      ...(names.length
        ? [`No price is known for ${names.join(', ')} (not counted; GitHub Models has a free tier).`]
        : [])
    ]
  }
}

/** A stand-in server for a family, playing back a cassette's side. */
async function playbackServer(
  family: ProviderFamily,
  played: { status: number; body: unknown }[]
): Promise<LoopbackServer> {
  const server =
    family === 'anthropic' ? new FakeAnthropic() : family === 'gemini' ? new FakeGemini() : new FakeOpenAI()
  server.playback.push(...played)
  if (server instanceof FakeOpenAI)
    server.fallback = () => ({
      status: 500,
      body: { error: { message: 'the cassette has no more exchanges', type: 'server_error' } }
    })
  return server.start()
}

interface Sides {
  gitBob: { meter: Meter; upstream: LoopbackServer | null; spec: ModelSpec }
  author: { meter: Meter; upstream: LoopbackServer | null; spec: ModelSpec; model: LanguageModel }
  view: { current: AuthorView | null }
  recorded: number
}

async function openSides(
  mode: Mode,
  task: Task,
  model: string,
  authorModel: string,
  cassette: Cassette | null,
  io: EvalIo
): Promise<Sides> {
  const redactor = new Redactor([STAND_IN_KEY])
  redactor.addFromEnvironment(io.env)
  const view: Sides['view'] = { current: null }
  const side = async (which: Side, spec: ModelSpec): Promise<{ meter: Meter; upstream: LoopbackServer | null }> => {
    let upstream: LoopbackServer | null = null
    let url: string
    if (mode === 'stand-in') {
      const fake = new FakeOpenAI()
      fake.fallback = which === 'git-bob' ? taskStandIn(task) : () => JSON.stringify(scriptedAuthor(view.current!))
      upstream = await fake.start()
      url = upstream.url
    } else if (mode === 'replay') {
      upstream = await playbackServer(familyOf(cassette!, which), responses(cassette!, which))
      url = upstream.url
    } else url = spec.provider.defaultBaseUrl ?? DEFAULT_UPSTREAM[spec.provider.family]
    const family = mode === 'replay' ? familyOf(cassette!, which) : spec.provider.family
    const meter = await new Meter(which, family, url, redactor).start()
    return { meter, upstream }
  }
  const gitBobSpec = parseModelSpec(model, '--model')
  const authorSpec = parseModelSpec(authorModel, '--author-model')
  const gitBob = { ...(await side('git-bob', gitBobSpec)), spec: gitBobSpec }
  const author = await side('author', authorSpec)
  const key = mode === 'real' ? keyOf(authorSpec, io.env) : STAND_IN_KEY
  const authorLlm = createModel(
    [authorSpec],
    { inputs: authorSpec.provider.keyInput && key ? { [authorSpec.provider.keyInput]: key } : {}, env: {} },
    {
      baseUrls: { all: author.meter.url, byProvider: {} },
      timeoutMs: 180_000,
      retry: { retries: mode === 'real' ? 3 : 0, baseDelayMs: 2_000, maxDelayMs: 30_000 },
      maxOutputTokens: 2_000,
      maxContinuations: 0,
      transcript: silentRecorder()
    }
  )
  return {
    gitBob,
    author: { ...author, spec: authorSpec, model: authorLlm },
    view,
    recorded: cassette ? cassette.exchanges.length : 0
  }
}

/** git-bob's inputs: its model, the key, and the meter as its endpoint. */
function gitBobInputs(
  mode: Mode,
  standIns: boolean,
  spec: ModelSpec,
  meterUrl: string,
  env: EvalIo['env']
): Record<string, string> {
  const key = mode === 'real' ? keyOf(spec, env) : STAND_IN_KEY
  return {
    model: spec.id,
    'base-url': meterUrl,
    ...(spec.provider.keyInput && key ? { [spec.provider.keyInput]: key } : {}),
    // The stand-in answers from the fixed context; real models read with tools, as in a workflow. A replay runs
    // with the inputs of its recording, so git-bob asks the same questions in the same order.
    // (The stand-in repairs nothing: one repair round shows the path without three runs of the checks.)
    ...(standIns ? { 'max-steps': '0', 'model-timeout-seconds': '30', 'check-repair-rounds': '1' } : {})
  }
}

/** Runs the eval; returns the results (also written to options.out). */
export async function runEval(options: EvalOptions, io: EvalIo): Promise<EvalResults> {
  const tasks = selectTasks(options, io.tasksDir)
  if (!tasks.length) throw new Error('No task matches --tasks and --kinds.')
  const { mode, models, authorFor, why } = plan(options, io)
  const cassettes = new Map<string, Cassette>()
  if (mode === 'replay')
    for (const model of models)
      for (const task of tasks) cassettes.set(`${task.name}|${model}`, readCassette(options.replay!, task.name, model))
  const standIns = mode === 'stand-in' || [...cassettes.values()].some((c) => c.standIns)
  io.print(
    `git-bob eval: ${tasks.length} tasks × ${models.length} models (${models.join(', ')}); ${mode === 'stand-in' ? `the stand-ins play both roles (${why}): ${HARNESS_CHECK}` : mode === 'replay' ? why : `real models (${why})`}.`
  )
  const cost = estimate(tasks, models, authorFor)
  // With the stand-ins no model is asked: the estimate says what real models would cost for these tasks.
  if (mode !== 'replay') for (const line of cost.lines) io.print(mode === 'real' ? line : `(With real models) ${line}`)
  const checks = sandboxChecks(lazySandbox({ env: io.env }))
  const results: TaskResult[] = []
  let spentUsd = 0
  for (const model of models) {
    for (const task of tasks) {
      const authorModel = authorFor(model)
      const base = {
        task: task.name,
        kind: task.kind,
        model,
        authorModel,
        usage: { inputTokens: 0, outputTokens: 0 },
        authorUsage: { inputTokens: 0, outputTokens: 0 },
        costUsd: null,
        authorCostUsd: null
      }
      if (options.maxCostUsd !== null && spentUsd >= options.maxCostUsd) {
        results.push({
          ...base,
          skipped: `the eval had cost ${formatCost(spentUsd)}, --max-cost-usd ${formatCost(options.maxCostUsd)}`,
          solved: false,
          ending: null,
          turns: 0,
          messages: 0,
          failedRuns: 0,
          check: [],
          wallMs: 0,
          thread: ''
        })
        continue
      }
      io.print(`▶ ${task.name} (${task.kind}) with ${model}`)
      const started = Date.now()
      const sides = await openSides(mode, task, model, authorModel, cassettes.get(`${task.name}|${model}`) ?? null, io)
      const github = await new FakeGitHub().start()
      try {
        const played = await playTask({
          task,
          github,
          inputs: gitBobInputs(mode, standIns, sides.gitBob.spec, sides.gitBob.meter.url, io.env),
          author: async (view) => {
            sides.view.current = view
            return askAuthor(sides.author.model, view)
          },
          checks,
          modelRetryBaseMs: mode === 'real' ? 1_000 : 10,
          log: (line) => io.print(line)
        })
        const usage = { ...sides.gitBob.meter.usage }
        const authorUsage = { ...sides.author.meter.usage }
        const priced = (spec: ModelSpec, u: typeof usage): number | null =>
          priceOf(spec.provider.name, spec.model) ? estimateCost(spec.provider.name, spec.model, u) : null
        const costUsd = priced(sides.gitBob.spec, usage)
        const authorCostUsd = priced(sides.author.spec, authorUsage)
        spentUsd += (costUsd ?? 0) + (authorCostUsd ?? 0)
        const calls = sides.gitBob.meter.calls + sides.author.meter.calls
        results.push({
          ...base,
          skipped: null,
          solved: played.verdict.passed,
          ending: played.ending,
          turns: played.turns,
          messages: played.messages,
          failedRuns: played.failedRuns,
          check: played.verdict.details,
          usage,
          costUsd,
          authorUsage,
          authorCostUsd,
          wallMs: Date.now() - started,
          thread: played.thread,
          ...(mode === 'replay' ? { beyondCassette: Math.max(0, calls - sides.recorded) } : {})
        })
        io.print(`  ${played.verdict.passed ? 'solved' : 'not solved'} (${played.ending}, ${played.turns} turns)`)
        if (options.record) {
          const file = writeCassette(options.record, {
            task: task.name,
            model,
            authorModel,
            recorded: new Date().toISOString(),
            standIns,
            exchanges: [...sides.gitBob.meter.exchanges, ...sides.author.meter.exchanges]
          })
          io.print(`  cassette: ${file}`)
        }
      } finally {
        await github.close()
        await Promise.all([
          sides.gitBob.meter.close(),
          sides.author.meter.close(),
          sides.gitBob.upstream?.close(),
          sides.author.upstream?.close()
        ])
      }
    }
  }
  const results_: EvalResults = {
    label: standIns ? HARNESS_CHECK : 'score',
    mode,
    date: new Date().toISOString().slice(0, 10),
    gitBobVersion: VERSION,
    models,
    authorModels: [...new Set(models.map(authorFor))],
    estimateUsd: mode === 'real' ? cost.usd : null,
    maxCostUsd: options.maxCostUsd,
    results
  }
  mkdirSync(options.out, { recursive: true })
  writeFileSync(join(options.out, 'results.json'), `${JSON.stringify(results_, null, 2)}\n`)
  writeFileSync(join(options.out, 'report.md'), report(results_))
  io.print('')
  io.print(table(results_))
  io.print('')
  io.print(`Results: ${join(options.out, 'results.json')}; the threads: ${join(options.out, 'report.md')}.`)
  return results_
}
