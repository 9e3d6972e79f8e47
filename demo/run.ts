// npm run demo: runs the built action (dist/index.js) against local stand-ins for GitHub, a git origin and the
// model, and prints each thread as a person would read it on GitHub (docs/development.md, "The demo").
//
//   npm run demo                                        a tour of every command; nothing leaves this machine
//   npm run demo -- --help                              the options and the scenes
//   npm run demo -- --scene checks                      one scene of the tour (or several: --scene try,files)
//   npm run demo -- --request "git-bob split this"      one request, in the scene its command belongs in
//   npm run demo -- --live --model openai:gpt-4.1       a real provider (key from OPENAI_API_KEY, ...)
import { spawnSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { parseDemoArgs } from './args.ts'

const args = parseDemoArgs(process.argv.slice(2), process.env)
if (args.kind === 'help') {
  console.log(args.text)
  process.exit(0)
}
if (args.kind === 'error') {
  console.error(args.message)
  process.exit(args.exitCode)
}

// The demo runs what the action ships: dist/, built from the sources first.
const build = spawnSync('npm', ['run', '--silent', 'build'], { stdio: 'inherit' })
if (build.status !== 0) {
  console.error('The build failed (npm run build), so the demo cannot run dist/index.js.')
  process.exit(build.status ?? 1)
}

// The constants the build bundles in (vitest defines them for the tests): the tour picks scenes with src/'s grammar.
const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as Record<string, string>
Object.assign(globalThis, { __GIT_BOB_VERSION__: pkg.version, __GIT_BOB_HOMEPAGE__: pkg.homepage })
const { sceneFor, Tour } = await import('./tour.ts')
const { runAction } = await import('../test/fakes/action.ts')
const { FakeGitHub } = await import('../test/fakes/github.ts')
const { FakeOpenAI } = await import('../test/fakes/openai.ts')
const { standInAnswer } = await import('./stand-in.ts')
const { machine } = await import('./machine.ts')

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

const TIMEOUT_MS = 300_000
try {
  const tour = new Tour({
    github,
    launch: async (options) => {
      const run = await runAction({ ...options, timeoutMs: TIMEOUT_MS })
      return { ...run, killedAfterMs: run.code === null ? TIMEOUT_MS : null }
    },
    inputs,
    ...(model ? { model } : {}),
    machine: await machine(process.env),
    print: (line) => console.log(line),
    color: process.stdout.isTTY && !process.env.NO_COLOR
  })
  const started = Date.now()
  const ok = args.request ? await tour.scene(sceneFor(args.request), args.request) : await tour.play(args.scenes)
  const seconds = ((Date.now() - started) / 1000).toFixed(0)
  console.log(
    `\n${tour.summaries.length === 1 ? 'The run' : `${tour.summaries.length} runs`} took ${seconds} s. The job summaries (prompts, answers, tokens, time) are in ${tour.summaries.length === 1 ? tour.summaries[0] : `${tour.summaries.length} files next to ${tour.summaries[0]}`}.`
  )
  if (!ok) {
    console.log(`Not every run ended as it should: ${tour.failed.join(', ')} (each says why above).`)
    process.exitCode = 1
  }
} finally {
  await github.close()
  await model?.close()
}
