// npm run eval (and git-bob eval from a clone): plays the tasks in eval/tasks with each model and a simulated issue
// author, and prints a table per model (docs/evals.md). Without keys the stand-ins play both roles.
//
//   npm run eval                                         every task; real models when a key is set
//   npm run eval -- --stand-ins --tasks smoke-question   a harness check on one task, nothing leaves the machine
//   npm run eval -- --model openai:gpt-4.1 --model anthropic:claude-sonnet-4-5 --max-cost-usd 5
import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { EVAL_USAGE, parseEvalArgs } from '../src/cli/eval-args.ts'

const parsed = parseEvalArgs(process.argv.slice(2))
if (parsed.kind === 'help') {
  console.log(EVAL_USAGE)
  process.exit(0)
}
if (parsed.kind === 'usage-error') {
  console.error(`${parsed.message}\n\n${EVAL_USAGE}`)
  process.exit(2)
}

// The constants the build bundles in (vitest defines them for the tests).
const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as Record<string, string>
Object.assign(globalThis, { __GIT_BOB_VERSION__: pkg.version, __GIT_BOB_HOMEPAGE__: pkg.homepage })
const { runEval } = await import('./harness.ts')
try {
  await runEval(parsed.options, {
    print: (line) => console.log(line),
    env: process.env,
    tasksDir: fileURLToPath(new URL('./tasks/', import.meta.url))
  })
} catch (error) {
  console.error(`git-bob eval: ${error instanceof Error ? error.message : String(error)}`)
  process.exitCode = 1
}
