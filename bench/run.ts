// npm run bench: speed and size of the built action, printed as a table.
// The model stand-in answers instantly, so the numbers are git-bob's own cost.
import { readFileSync, statSync } from 'node:fs'
import { mkdtemp } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { DIST, runAction } from '../test/fakes/action.ts'
import { HARNESSES } from '../test/fakes/llm-harness.ts'
import { measureAdapter } from './adapter.ts'
import { FakeGitHub } from '../test/fakes/github.ts'
import { FakeOpenAI } from '../test/fakes/openai.ts'
import { issueCommentPayload } from '../test/fakes/payloads.ts'

const RUNS = 7
const preload = fileURLToPath(new URL('./report-rss.ts', import.meta.url))

interface Row {
  measure: string
  value: string
  target: string
  ok: boolean | null
}

const median = (values: number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!
const mib = (bytes: number): string => `${(bytes / 1024 / 1024).toFixed(1)} MiB`

async function commentRun(): Promise<{ ms: number; rss: number; calls: number; modelCalls: number }> {
  const github = await new FakeGitHub().start()
  const model = await new FakeOpenAI().start()
  try {
    const payload = issueCommentPayload({ body: 'How do I read a CSV file?\n\ngit-bob comment' })
    github.addComment(1, { id: payload.comment.id, login: 'Codertocat', association: 'OWNER', body: payload.comment.body, createdAt: payload.comment.created_at })
    const rssFile = join(await mkdtemp(join(tmpdir(), 'git-bob-bench-')), 'rss')
    const run = await runAction({
      eventName: 'issue_comment',
      payload,
      githubUrl: github.url,
      inputs: { model: 'openai:gpt-4.1', 'openai-api-key': 'sk-bench-key-000000000000000000', 'base-url': model.url },
      env: { GIT_BOB_BENCH_RSS_FILE: rssFile },
      nodeArgs: ['--import', preload]
    })
    if (run.code !== 0) throw new Error(`the run failed: ${run.stdout}\n${run.stderr}`)
    return { ms: run.durationMs, rss: Number(readFileSync(rssFile, 'utf8')), calls: github.requests.length, modelCalls: model.requests.length }
  } finally {
    await github.close()
    await model.close()
  }
}

const runs: Awaited<ReturnType<typeof commentRun>>[] = []
for (let i = 0; i < RUNS; i++) runs.push(await commentRun())

const ms = median(runs.map((r) => r.ms))
const rss = Math.max(...runs.map((r) => r.rss))
const calls = Math.max(...runs.map((r) => r.calls))
const bundle = statSync(DIST).size

const rows: Row[] = [
  { measure: `comment run, wall time (median of ${RUNS}, process start to exit)`, value: `${ms} ms`, target: '< 1000 ms', ok: ms < 1000 },
  { measure: 'comment run, peak memory (max)', value: mib(rss), target: '-', ok: null },
  { measure: 'GitHub API calls per comment run (short thread)', value: String(calls), target: '<= 6', ok: calls <= 6 },
  { measure: 'model calls per comment run', value: String(runs[0]!.modelCalls), target: '1', ok: runs[0]!.modelCalls === 1 },
  { measure: 'bundle size (dist/index.js)', value: mib(bundle), target: '-', ok: null }
]

// The adapter's own overhead per call, per SDK, in this process (stand-ins answer instantly).
for (const make of HARNESSES) {
  const m = await measureAdapter(make)
  const overhead = m.callMs - m.rawMs
  rows.push(
    { measure: `adapter overhead per call, ${m.provider} SDK (median, minus a bare fetch)`, value: `${overhead.toFixed(2)} ms (${m.callMs.toFixed(2)} vs ${m.rawMs.toFixed(2)})`, target: '< 2 ms', ok: overhead < 2 },
    { measure: `adapter heap kept per call, ${m.provider} SDK (after GC, transcript included)`, value: `${(m.retainedBytesPerCall / 1024).toFixed(1)} KiB`, target: '< 64 KiB', ok: m.retainedBytesPerCall < 64 * 1024 }
  )
}

const width = [Math.max(...rows.map((r) => r.measure.length)), Math.max(...rows.map((r) => r.value.length)), 9]
const line = (cells: string[]): string => `| ${cells.map((c, i) => c.padEnd(width[i] ?? 4)).join(' | ')} |`
console.log(line(['measure', 'value', 'target', 'ok']))
console.log(line(width.map((w) => '-'.repeat(w)).concat('--').slice(0, 4)))
for (const r of rows) console.log(line([r.measure, r.value, r.target, r.ok === null ? '' : r.ok ? 'yes' : 'NO']))
