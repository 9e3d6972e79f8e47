// `git-bob eval` and `npm run eval`'s command line (util.parseArgs, as args.ts): which tasks, which models, the
// simulated author's model, the cost cap, recording and replaying, where the results go. Pure: what to run, or
// what is wrong with the line.
import { parseArgs } from 'node:util'
import { closest } from './closest.ts'

export interface EvalOptions {
  /** Task names; empty: every task. */
  tasks: string[]
  /** Task kinds; empty: every kind. */
  kinds: string[]
  /** "provider:model", each played on every task; empty: the default for the keys present. */
  models: string[]
  /** The simulated author's model; null: the same as each model. */
  authorModel: string | null
  maxCostUsd: number | null
  record: string | null
  replay: string | null
  out: string
  /** Force the stand-ins, whatever keys there are. */
  standIns: boolean
}

export type EvalParsed =
  { kind: 'run'; options: EvalOptions } | { kind: 'help' } | { kind: 'usage-error'; message: string }

export const DEFAULT_OUT = '.tmp/eval'

export const EVAL_USAGE = `Usage: git-bob eval [options]   (or, in a clone of git-bob: npm run eval -- [options])

Plays the tasks in eval/tasks with each model: a simulated issue author (a second model) discusses the issue with
git-bob in a local GitHub stand-in until it asks for the change and is satisfied, or the turns run out; then the
task's check runs in the box. Prints a table per model; writes results.json and report.md.

Options:
  --tasks <a,b>            only these tasks (by folder name)
  --kinds <a,b>            only tasks of these kinds (question, bugfix, feature, notebook, review, ...)
  --model <p:model>        git-bob's model (repeat it: every task is played with each); default: GitHub Models
                           with GITHUB_TOKEN, else the first provider whose key is set
  --author-model <p:model> the simulated author's model (default: the same as each --model)
  --max-cost-usd <n>       stop starting new tasks once the eval has cost this much (git-bob and the author)
  --record <dir>           keep every model exchange (masked) as a cassette per task and model
  --replay <dir>           play those cassettes back from a local server instead of asking a model (offline)
  --out <dir>              where results.json and report.md go (default ${DEFAULT_OUT})
  --stand-ins              stand-ins play both roles even when keys are set: a harness check, not a score
  -h, --help               this text

Without a key for the model (OPENAI_API_KEY, ANTHROPIC_API_KEY, GITHUB_TOKEN, ...), the stand-ins play both roles.`

const OPTIONS = {
  tasks: { type: 'string', multiple: true },
  kinds: { type: 'string', multiple: true },
  model: { type: 'string', multiple: true },
  'author-model': { type: 'string' },
  'max-cost-usd': { type: 'string' },
  record: { type: 'string' },
  replay: { type: 'string' },
  out: { type: 'string' },
  'stand-ins': { type: 'boolean' },
  help: { type: 'boolean', short: 'h' }
} as const

const list = (values: readonly string[] | undefined): string[] =>
  (values ?? [])
    .flatMap((v) => v.split(','))
    .map((v) => v.trim())
    .filter(Boolean)

export function parseEvalArgs(argv: readonly string[]): EvalParsed {
  let values
  try {
    ;({ values } = parseArgs({ args: [...argv], options: OPTIONS, allowPositionals: false, strict: true }))
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error)
    const flag = /Unknown option '--([^']+)'/.exec(message)?.[1]
    const near = flag ? closest(flag, Object.keys(OPTIONS)) : null
    return { kind: 'usage-error', message: near ? `${message}: did you mean --${near}?` : message }
  }
  if (values.help) return { kind: 'help' }
  let maxCostUsd: number | null = null
  if (values['max-cost-usd'] !== undefined) {
    maxCostUsd = Number(values['max-cost-usd'])
    if (!Number.isFinite(maxCostUsd) || maxCostUsd <= 0)
      return {
        kind: 'usage-error',
        message: `--max-cost-usd wants a positive number of US dollars, not "${values['max-cost-usd']}".`
      }
  }
  if (values.record !== undefined && values.replay !== undefined)
    return { kind: 'usage-error', message: 'Give --record or --replay, not both.' }
  const models = list(values.model)
  if (models.some((m) => !m.includes(':')))
    return {
      kind: 'usage-error',
      message: `--model wants provider:model, e.g. openai:gpt-4.1 (got ${models.join(', ')}).`
    }
  return {
    kind: 'run',
    options: {
      tasks: list(values.tasks),
      kinds: list(values.kinds),
      models,
      authorModel: values['author-model'] ?? null,
      maxCostUsd,
      record: values.record ?? null,
      replay: values.replay ?? null,
      out: values.out ?? DEFAULT_OUT,
      standIns: values['stand-ins'] ?? false
    }
  }
}
