// The command line, parsed with node's util.parseArgs: `git-bob <command> <issue or PR> [--request text]
// [--post] [--transcript file] [--<input> value ...]`. Every action input except the token is a flag of
// the same name. Pure: what to do, or what is wrong with the line.
import { parseArgs, type ParseArgsOptionsConfig } from 'node:util'
import { closest } from './closest.ts'
import { TARGET_FORMS, parseTarget, type Target } from './target.ts'

/** The action's inputs, as flags (github-token comes from GITHUB_TOKEN, GH_TOKEN or `gh auth token`). */
export const INPUT_FLAGS = [
  'model',
  'allowed-models',
  'openai-api-key',
  'anthropic-api-key',
  'google-api-key',
  'deepseek-api-key',
  'mistral-api-key',
  'custom-api-key',
  'image-model',
  'speech-model',
  'base-url',
  'bot-name',
  'allowed-bots',
  'bot-login',
  'label-prefix',
  'assign-command',
  'triage-max-issues',
  'fix-checks-attempts',
  'maintainers',
  'instructions-file',
  'instruction-files',
  'deploy-workflow',
  'deploy-wait-seconds',
  'deploy-poll-seconds',
  'model-timeout-seconds',
  'model-retries',
  'max-output-tokens',
  'max-files',
  'max-steps',
  'max-tool-calls-per-step',
  'max-github-requests',
  'max-cost-usd',
  'max-file-bytes',
  'allow-protected-paths',
  'execute-notebooks',
  'notebook-repair-rounds',
  'notebook-cell-timeout-seconds',
  'notebook-timeout-seconds',
  'sandbox-network',
  'sandbox-memory-mb',
  'sandbox-processes',
  'sandbox-cpu-seconds',
  'sandbox-disk-mb',
  'sandbox-visible-paths',
  'check-command',
  'setup-command',
  'check-repair-rounds',
  'prompt-token-budget',
  'review-token-budget',
  'budget-daily-usd',
  'budget-monthly-usd',
  'budget-daily-requests',
  'confirm-above-usd'
] as const

export interface Invocation {
  kind: 'run'
  command: string
  target: Target
  request: string
  post: boolean
  transcript: string | null
  /** --server: the GitHub (Enterprise) server the token may go to besides github.com. */
  server: string | null
  /** Input values given as flags, by input name. */
  inputs: Record<string, string>
}

export type Parsed = Invocation | { kind: 'help' } | { kind: 'version' } | { kind: 'usage-error'; message: string }

export const USAGE = `Usage: git-bob <command> <issue or pull request> [options]

  <command>   comment, implement, try, review, split, deploy, help (as in a comment: "think" and the other
              aliases work too)
  <issue>     ${TARGET_FORMS}

Options:
  -r, --request <text>   what you ask, as you would write it after the command in a comment
  --post                 post the answer (and push, for implement and try); without it git-bob only prints
                         what it would post
  --transcript <file>    write the run's record (every prompt and answer) to a markdown file
  --server <url>         your GitHub Enterprise Server (also GITHUB_SERVER_URL or GH_HOST): the token goes only
                         to https://github.com or this server
  --<input> <value>      any input of the action, e.g. --model anthropic:claude-sonnet-4-6; also read from
                         GIT_BOB_<INPUT> (GIT_BOB_MODEL, ...). Keys also from OPENAI_API_KEY, ANTHROPIC_API_KEY, ...
  -h, --help             this text
  -v, --version          git-bob's version

git-bob eval [options] runs the evals from a clone of git-bob (git-bob eval --help).

The GitHub token comes from GITHUB_TOKEN, GH_TOKEN or the GitHub CLI's login (gh auth token).`

export function parseCommandLine(argv: readonly string[]): Parsed {
  let parsed: { values: Values; positionals: string[] }
  try {
    parsed = parse(argv)
  } catch (error) {
    return {
      kind: 'usage-error',
      message: unknownOption(error) ?? (error instanceof Error ? error.message : String(error))
    }
  }
  const { values, positionals } = parsed
  if (values.help === true) return { kind: 'help' }
  if (values.version === true) return { kind: 'version' }
  const [command, where, ...extra] = positionals
  // "git-bob help" alone asks for the commands; with an issue it is a request like any other.
  if (command?.toLowerCase() === 'help' && !where) return { kind: 'help' }
  if (!command || !where)
    return {
      kind: 'usage-error',
      message: 'Name a command and an issue or pull request, e.g. git-bob comment owner/repo#12.'
    }
  if (extra.length)
    return {
      kind: 'usage-error',
      message: `Unexpected ${extra.map((e) => `"${e}"`).join(' ')}: put what you ask after --request, in quotes.`
    }
  if (!/^[A-Za-z][A-Za-z-]*$/.test(command)) return { kind: 'usage-error', message: `"${command}" is not a command.` }
  const target = parseTarget(where)
  if (!target) return { kind: 'usage-error', message: `"${where}" is not ${TARGET_FORMS}.` }
  const inputs: Record<string, string> = {}
  for (const name of INPUT_FLAGS) {
    const value = values[name]
    if (typeof value === 'string') inputs[name] = value
  }
  const text = (name: string): string | null => {
    const value = values[name]
    return typeof value === 'string' ? value : null
  }
  return {
    kind: 'run',
    command: command.toLowerCase(),
    target,
    request: text('request') ?? '',
    post: values.post === true,
    transcript: text('transcript'),
    server: text('server'),
    inputs
  }
}

const OPTIONS: ParseArgsOptionsConfig = {
  request: { type: 'string', short: 'r' },
  post: { type: 'boolean' },
  transcript: { type: 'string' },
  server: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
  version: { type: 'boolean', short: 'v' },
  ...Object.fromEntries(INPUT_FLAGS.map((name) => [name, { type: 'string' }]))
}

/** What to say of an unknown flag: the closest known one when there is one near it. */
function unknownOption(error: unknown): string | null {
  if (!(error instanceof Error) || (error as { code?: unknown }).code !== 'ERR_PARSE_ARGS_UNKNOWN_OPTION') return null
  const flag = /Unknown option '([^']+)'/.exec(error.message)?.[1]
  if (!flag) return null
  const said = `Unknown option '${flag}'`
  if (flag === '--github-token')
    return `${said}: the token comes from GITHUB_TOKEN, GH_TOKEN or the GitHub CLI's login (gh auth token).`
  const near = flag.startsWith('--') ? closest(flag.slice(2), Object.keys(OPTIONS)) : null
  return near ? `${said}: did you mean --${near}?` : `${said}.`
}

type Values = Record<string, string | boolean | undefined>

function parse(argv: readonly string[]): { values: Values; positionals: string[] } {
  const { values, positionals } = parseArgs({ args: [...argv], allowPositionals: true, strict: true, options: OPTIONS })
  return { values: values as Values, positionals }
}
