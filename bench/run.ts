// npm run bench: speed and size of the built action, printed as a table.
// The model stand-in answers instantly, so the numbers are git-bob's own cost.
import { readFileSync, statSync } from 'node:fs'
import { mkdtemp } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { DIST, runAction, type ActionRun } from '../test/fakes/action.ts'
import { GitRemote } from '../test/fakes/git-remote.ts'
import type { ChatRequest } from '../test/fakes/openai.ts'
import { HARNESSES } from '../test/fakes/llm-harness.ts'
import { measureAdapter } from './adapter.ts'
import { FakeGitHub } from '../test/fakes/github.ts'
import { FakeOpenAI } from '../test/fakes/openai.ts'
import { issueCommentPayload } from '../test/fakes/payloads.ts'
import { DEFAULT_REVIEW_TOKEN_BUDGET } from '../src/config.ts'
import { estimateTokens } from '../src/conversation/tokens.ts'

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
    github.addComment(1, {
      id: payload.comment.id,
      login: 'Codertocat',
      association: 'OWNER',
      body: payload.comment.body,
      createdAt: payload.comment.created_at
    })
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
    return {
      ms: run.durationMs,
      rss: Number(readFileSync(rssFile, 'utf8')),
      calls: github.requests.length,
      modelCalls: model.requests.length
    }
  } finally {
    await github.close()
    await model.close()
  }
}

/** An implement request on issue 1 against fresh stand-ins and a local bare origin; the model answers by `answer`. */
async function implementTurn(
  request: string,
  answer: (request: ChatRequest) => string
): Promise<{ run: ActionRun; github: FakeGitHub; repo: GitRemote }> {
  const github = await new FakeGitHub().start()
  const model = await new FakeOpenAI().start()
  const repo = new GitRemote({ 'README.md': '# bench\n' })
  model.fallback = answer
  try {
    const payload = issueCommentPayload({ body: request })
    github.addComment(1, {
      id: payload.comment.id,
      login: 'Codertocat',
      association: 'OWNER',
      body: payload.comment.body,
      createdAt: payload.comment.created_at
    })
    const run = await runAction({
      eventName: 'issue_comment',
      payload,
      githubUrl: github.url,
      workspace: repo.workspace,
      inputs: { model: 'openai:gpt-4.1', 'openai-api-key': 'sk-bench-key-000000000000000000', 'base-url': model.url }
    })
    if (run.code !== 0) throw new Error(`the implement run failed: ${run.stdout}\n${run.stderr}`)
    return { run, github, repo }
  } finally {
    await github.close()
    await model.close()
  }
}

const plans = (request: ChatRequest): boolean => request.response_format?.json_schema?.name === 'change_plan'

/** One "implement" turn writing n files into a new pull request. */
async function implementRun(files: number): Promise<{ ms: number; calls: number; pushed: number }> {
  const { run, github, repo } = await implementTurn('git-bob implement this', (request) => {
    if (!plans(request)) return JSON.stringify({ content: 'def f():\n    return 1\n', note: 'a function' })
    const actions = Array.from({ length: files }, (_, i) => ({
      action: 'create',
      path: `src/module_${i}.py`,
      source: null,
      reason: 'bench'
    }))
    return JSON.stringify({ title: 'Bench', summary: 'Bench change.', actions })
  })
  return { ms: run.durationMs, calls: github.requests.length, pushed: repo.files('git-bob/issue-1').length - 1 }
}

/** An implement turn that writes and runs a small plotting notebook; the job summary splits the time. */
async function notebookRun(): Promise<{ total: number; line: string }> {
  const { run, repo } = await implementTurn('git-bob implement a plot', (request) =>
    plans(request)
      ? JSON.stringify({
          title: 'Plot',
          summary: 'A plot.',
          actions: [{ action: 'create', path: 'plot.ipynb', source: null, reason: 'bench' }]
        })
      : JSON.stringify({
          cells: [
            { kind: 'markdown', source: '# Plot' },
            {
              kind: 'code',
              source:
                'import matplotlib\nmatplotlib.use("Agg")\nimport matplotlib.pyplot as plt\nplt.plot([1, 2, 3])\nplt.savefig("plot.png")'
            }
          ],
          note: 'a plot'
        })
  )
  if (!repo.files('git-bob/issue-1').includes('plot.png')) throw new Error(`the notebook did not run: ${run.stdout}`)
  return { total: run.durationMs, line: /\| time \| (.+) \|/.exec(run.summary)?.[1] ?? '?' }
}

/** A pull request of `count` changed Python files, each a realistic modification with its whole new text. */
async function reviewRun(
  count: number
): Promise<{ tokens: number; full: number; partial: number; none: number; calls: number; ms: number }> {
  const github = await new FakeGitHub().start()
  const model = await new FakeOpenAI().start()
  try {
    const head = 'a'.repeat(40)
    const texts = new Map<string, string>()
    const files = Array.from({ length: count }, (_, i) => {
      const path = `src/pkg_${Math.floor(i / 50)}/module_${i}.py`
      const lines = Array.from(
        { length: 120 + (i % 80) },
        (_, j) => `    value_${j} = compute(${j}, factor=${i})  # step ${j}`
      )
      texts.set(path, ['def run():', ...lines, '    return value_0', ''].join('\n'))
      const added = 6 + (i % 25)
      const patch = [
        `@@ -40,4 +40,${4 + added} @@ def run():`,
        ...lines.slice(38, 40).map((l) => ` ${l}`),
        ...lines.slice(40, 40 + added).map((l) => `+${l}`),
        ...lines.slice(40 + added, 42 + added).map((l) => ` ${l}`)
      ].join('\n')
      return { filename: path, status: 'modified' as const, additions: added, deletions: 0, patch }
    })
    github.addPull(1, { files, headSha: head })
    github.filesAt.set(head, texts)
    model.fallback = () => JSON.stringify({ fulfils: 'Yes.', risks: [], missing: [], comments: [] })
    const payload = issueCommentPayload({ body: 'git-bob review', pullRequest: true })
    github.addComment(1, {
      id: payload.comment.id,
      login: 'Codertocat',
      association: 'OWNER',
      body: payload.comment.body,
      createdAt: payload.comment.created_at
    })
    const run = await runAction({
      eventName: 'issue_comment',
      payload,
      githubUrl: github.url,
      inputs: { model: 'openai:gpt-4.1', 'openai-api-key': 'sk-bench-key-000000000000000000', 'base-url': model.url }
    })
    const review = github.postedReviews(1)[0]
    if (run.code !== 0 || !review) throw new Error(`the review run failed: ${run.stdout}\n${run.stderr}`)
    const tokens = Math.max(
      ...model.requests.map((r) => estimateTokens(r.body.messages.map((m) => String(m.content)).join('')))
    )
    const count_ = (heading: string): number =>
      Number(new RegExp(`\\*\\*${heading} \\((\\d+)\\):\\*\\*`).exec(review.body)?.[1] ?? 0)
    return {
      tokens,
      full: count_('In full'),
      partial: count_('In part'),
      none: count_('Not at all'),
      calls: github.requests.length,
      ms: run.durationMs
    }
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
  {
    measure: `comment run, wall time (median of ${RUNS}, process start to exit)`,
    value: `${ms} ms`,
    target: '< 1000 ms',
    ok: ms < 1000
  },
  { measure: 'comment run, peak memory (max)', value: mib(rss), target: '-', ok: null },
  { measure: 'GitHub API calls per comment run (short thread)', value: String(calls), target: '<= 6', ok: calls <= 6 },
  {
    measure: 'model calls per comment run',
    value: String(runs[0]!.modelCalls),
    target: '1',
    ok: runs[0]!.modelCalls === 1
  },
  { measure: 'bundle size (dist/index.js)', value: mib(bundle), target: '-', ok: null }
]

const implementCalls: number[] = []
for (const n of [1, 10, 50]) {
  const r = await implementRun(n)
  implementCalls.push(r.calls)
  rows.push({
    measure: `implement turn writing ${n} file(s): wall time (1 model call per file + plan)`,
    value: `${r.ms} ms`,
    target: '-',
    ok: r.pushed === n
  })
  rows.push({
    measure: `implement turn writing ${n} file(s): GitHub API calls`,
    value: String(r.calls),
    target: 'same for 1, 10, 50',
    ok: r.calls === implementCalls[0]
  })
}

if (process.env.GIT_BOB_BENCH_NOTEBOOK !== '0') {
  try {
    const nb = await notebookRun()
    rows.push({
      measure: 'plotting notebook, trigger to pushed commit (process)',
      value: `${nb.total} ms`,
      target: '-',
      ok: null
    })
    rows.push({ measure: 'plotting notebook, split (from the job summary)', value: nb.line, target: '-', ok: null })
  } catch (error) {
    rows.push({
      measure: 'plotting notebook (needs Jupyter on the machine)',
      value: error instanceof Error ? error.message.split('\n')[0]! : String(error),
      target: '-',
      ok: false
    })
  }
}

// The adapter's own overhead per call, per SDK, in this process (stand-ins answer instantly).
for (const make of HARNESSES) {
  const m = await measureAdapter(make)
  const overhead = m.callMs - m.rawMs
  rows.push(
    {
      measure: `adapter overhead per call, ${m.provider} SDK (median, minus a bare fetch)`,
      value: `${overhead.toFixed(2)} ms (${m.callMs.toFixed(2)} vs ${m.rawMs.toFixed(2)})`,
      target: '< 2 ms',
      ok: overhead < 2
    },
    {
      measure: `adapter heap kept per call, ${m.provider} SDK (after GC, transcript included)`,
      value: `${(m.retainedBytesPerCall / 1024).toFixed(1)} KiB`,
      target: '< 64 KiB',
      ok: m.retainedBytesPerCall < 64 * 1024
    }
  )
}

// Reviews: the prompt must stay within the review budget however large the pull request.
const budget = DEFAULT_REVIEW_TOKEN_BUDGET
for (const count of [10, 100, 1000]) {
  const r = await reviewRun(count)
  rows.push({
    measure: `review of a PR with ${count.toLocaleString('en-US')} changed files: prompt tokens (chars/4); files in full/part/not`,
    value: `${r.tokens.toLocaleString('en-US')}; ${r.full}/${r.partial}/${r.none}`,
    target: `<= ${budget.toLocaleString('en-US')}`,
    ok: r.tokens <= budget && r.full + r.partial + r.none === count
  })
  rows.push({
    measure: `review of a PR with ${count.toLocaleString('en-US')} changed files: wall time, GitHub API calls`,
    value: `${r.ms} ms, ${r.calls}`,
    target: '-',
    ok: null
  })
}

const header = ['measure', 'value', 'target', 'ok']
const cells = rows.map((r) => [r.measure, r.value, r.target, r.ok === null ? '' : r.ok ? 'yes' : 'NO'])
const width = header.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i]!.length)))
const line = (c: string[]): string => `| ${c.map((cell, i) => cell.padEnd(width[i]!)).join(' | ')} |`
console.log(line(header))
console.log(line(width.map((w) => '-'.repeat(w))))
for (const c of cells) console.log(line(c))
