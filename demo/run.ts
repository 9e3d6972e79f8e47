// npm run demo: runs the built action (dist/index.js) against local stand-ins for GitHub, a git origin and the
// model, and prints each thread as a person would read it on GitHub (docs/development.md, "The demo").
//
//   npm run demo                                        a tour of every command; nothing leaves this machine
//   npm run demo -- --request "git-bob split this"      one request, in the scene its command belongs in
//   npm run demo -- --live --model openai:gpt-4.1       a real provider (key from OPENAI_API_KEY, ...)
import { readFileSync } from 'node:fs'
import { parseArgs } from 'node:util'
import { runAction } from '../test/fakes/action.ts'
import { FakeGitHub } from '../test/fakes/github.ts'
import { FakeOpenAI } from '../test/fakes/openai.ts'
import { standInAnswer } from './stand-in.ts'

// The constants the build bundles in (vitest defines them for the tests): the tour picks scenes with src/'s grammar.
const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as Record<string, string>
Object.assign(globalThis, { __GIT_BOB_VERSION__: pkg.version, __GIT_BOB_HOMEPAGE__: pkg.homepage })
const { sceneFor, Tour } = await import('./tour.ts')

const { values: args } = parseArgs({
  options: {
    live: { type: 'boolean', default: false },
    model: { type: 'string', default: 'github_models:openai/gpt-4.1' },
    request: { type: 'string' }
  }
})

const github = await new FakeGitHub().start()
const model = args.live ? null : await new FakeOpenAI().start()
if (model) model.fallback = standInAnswer

const inputs: Record<string, string> = args.live
  ? {
      model: args.model,
      'openai-api-key': process.env.OPENAI_API_KEY ?? '',
      'anthropic-api-key': process.env.ANTHROPIC_API_KEY ?? '',
      'google-api-key': process.env.GEMINI_API_KEY ?? process.env.GOOGLE_API_KEY ?? '',
      'deepseek-api-key': process.env.DEEPSEEK_API_KEY ?? '',
      'mistral-api-key': process.env.MISTRAL_API_KEY ?? ''
    }
  : { model: args.model, 'base-url': model!.url }
if (args.live && args.model.startsWith('github_models:')) inputs['github-token'] = process.env.GITHUB_TOKEN ?? ''

try {
  const tour = new Tour({
    github,
    launch: (options) => runAction({ ...options, timeoutMs: 300_000 }),
    inputs,
    ...(model ? { model } : {}),
    print: (line) => console.log(line),
    color: process.stdout.isTTY && !process.env.NO_COLOR
  })
  const ok = args.request ? await tour.scene(sceneFor(args.request), args.request) : await tour.play()
  console.log(
    `\nThe job summaries (prompts, answers, tokens, time) are in ${tour.summaries.length === 1 ? tour.summaries[0] : `${tour.summaries.length} files next to ${tour.summaries[0]}`}.`
  )
  if (!ok) process.exitCode = 1
} finally {
  await github.close()
  await model?.close()
}
