// The demo's command line (npm run demo -- ...): util.parseArgs, the usage text, and for --live the key each chosen
// model needs. Pure: the environment is passed in, and nothing is printed here.
import { parseArgs } from 'node:util'
import { parseModelList } from '../src/llm/providers.ts'
import { SCENES, SHOWS, type Scene } from './scenes.ts'

export const DEFAULT_MODEL = 'github_models:openai/gpt-4.1'

export type DemoArgs =
  | { kind: 'help'; text: string }
  /** exit 2: the command line is wrong (the usage follows); exit 1: it is right, but the demo cannot run so. */
  | { kind: 'error'; message: string; exitCode: 1 | 2 }
  | { kind: 'play'; live: boolean; model: string; request: string | null; scenes: readonly Scene[] }

export function usage(): string {
  const width = Math.max(...SCENES.map((s) => s.length))
  return [
    'npm run demo -- [options]',
    '',
    'Plays a tour of every command git-bob knows: each scene runs the built action (dist/index.js) against local',
    'stand-ins for GitHub, a git origin and the model, and prints the thread as a person reads it on GitHub, with',
    'where its job summary was written. Nothing leaves this machine unless --live is given.',
    '',
    'Options:',
    "  --scene <name>      play only these scenes, in the tour's order (repeat it, or separate names with commas)",
    '  --request "<text>"  play one request instead, in the scene its command belongs in',
    '                      (e.g. --request "git-bob split this")',
    '  --live              ask a real model instead of the stand-in (GitHub is still the local stand-in)',
    `  --model <p:model>   the model (default ${DEFAULT_MODEL}); with --live its key comes from the`,
    '                      environment: GITHUB_TOKEN for github_models:, OPENAI_API_KEY for openai:, ...',
    '  -h, --help          this text',
    '',
    'Scenes:',
    ...SCENES.map((s) => `  ${s.padEnd(width)}  ${wrap(SHOWS[s], 116 - width, ' '.repeat(width + 4))}`),
    '',
    'Exit code: 0 when every run ended as it should, 1 when one did not (the scene prints why), 2 for a wrong option.'
  ].join('\n')
}

/** Words in lines of at most `width` characters, the lines after the first indented. */
function wrap(text: string, width: number, indent: string): string {
  const lines: string[] = []
  for (const word of text.split(' ')) {
    const last = lines.at(-1)
    if (last !== undefined && last.length + 1 + word.length <= width) lines[lines.length - 1] = `${last} ${word}`
    else lines.push(word)
  }
  return lines.join(`\n${indent}`)
}

const isScene = (name: string): name is Scene => (SCENES as readonly string[]).includes(name)

/** The demo's arguments, or help, or what is wrong with them. */
export function parseDemoArgs(argv: readonly string[], env: Readonly<Record<string, string | undefined>>): DemoArgs {
  let values: { help?: boolean; live?: boolean; model?: string; request?: string; scene?: string[] }
  try {
    ;({ values } = parseArgs({
      args: [...argv],
      options: {
        help: { type: 'boolean', short: 'h' },
        live: { type: 'boolean' },
        model: { type: 'string' },
        request: { type: 'string' },
        scene: { type: 'string', multiple: true }
      },
      allowPositionals: false,
      strict: true
    }))
  } catch (error) {
    // parseArgs says which option it did not know, or which lacks its value.
    const why = error instanceof Error ? error.message : String(error)
    return { kind: 'error', message: `${why}\n\n${usage()}`, exitCode: 2 }
  }
  if (values.help) return { kind: 'help', text: usage() }

  const names = (values.scene ?? []).flatMap((s) => s.split(',')).map((s) => s.trim().toLowerCase())
  const unknown = names.filter((n) => !isScene(n))
  if (unknown.length)
    return {
      kind: 'error',
      message: `Unknown scene ${unknown.map((n) => `"${n}"`).join(', ')}; the scenes are ${SCENES.join(', ')}.\n\n${usage()}`,
      exitCode: 2
    }
  if (names.length && values.request !== undefined)
    return { kind: 'error', message: `Give --scene or --request, not both.\n\n${usage()}`, exitCode: 2 }

  const model = values.model ?? DEFAULT_MODEL
  if (values.live) {
    const problem = liveKeyProblem(model, env)
    if (problem) return { kind: 'error', message: problem, exitCode: 1 }
  }
  return {
    kind: 'play',
    live: values.live ?? false,
    model,
    request: values.request ?? null,
    scenes: names.length ? SCENES.filter((s) => names.includes(s)) : SCENES
  }
}

/** With --live: which variable to set for a model whose key is missing, or why the model cannot be used; null: fine. */
export function liveKeyProblem(model: string, env: Readonly<Record<string, string | undefined>>): string | null {
  let specs
  try {
    specs = parseModelList(model, '--model')
  } catch (error) {
    return error instanceof Error ? error.message.replace('The `--model` input', '--model') : String(error)
  }
  for (const spec of specs) {
    const { provider } = spec
    if (provider.keyOptional || provider.keyEnv.some((name) => env[name]?.trim())) continue
    const names = provider.keyEnv.map((n) => `\`${n}\``)
    const variable = names.length > 1 ? `${names.slice(0, -1).join(', ')} or ${names.at(-1)}` : names[0]
    const what = provider.usesGitHubToken ? 'a GitHub token with the `models: read` permission' : 'its API key'
    return `--live with ${spec.id} needs ${what}: set ${variable} in the environment, e.g. \`${provider.keyEnv[0]}=... npm run demo -- --live${model === DEFAULT_MODEL ? '' : ` --model ${model}`}\`.`
  }
  return null
}
