// npm run demo: runs the built action on a sample issue thread, against the local GitHub stand-in and
// a local model stand-in, and prints the thread as a person would read it on GitHub.
//
//   npm run demo                                   offline, nothing leaves this machine
//   npm run demo -- --live --model openai:gpt-4.1  a real provider (key from OPENAI_API_KEY, ...)
import { parseArgs } from 'node:util'
import { runAction } from '../test/fakes/action.ts'
import { FakeGitHub } from '../test/fakes/github.ts'
import { FakeOpenAI, lastMessageText, type ChatRequest } from '../test/fakes/openai.ts'
import { issueCommentPayload } from '../test/fakes/payloads.ts'
import { counted } from '../src/plural.ts'

const { values: args } = parseArgs({
  options: {
    live: { type: 'boolean', default: false },
    model: { type: 'string', default: 'github_models:openai/gpt-4.1' },
    request: { type: 'string', default: 'git-bob think about this' }
  }
})

const bold = (s: string): string => `\x1b[1m${s}\x1b[0m`
const dim = (s: string): string => `\x1b[2m${s}\x1b[0m`
const rule = dim('─'.repeat(78))

/** The stand-in model answers from what it was sent, so the demo shows the real prompt flow. */
function standInAnswer(request: ChatRequest): string {
  const prompt = lastMessageText(request)
  const people = [...new Set([...prompt.matchAll(/ by @([\w-]+) \(/g)].map((m) => m[1]))]
  const files = [...prompt.matchAll(/^## Content of (.+)$/gm)].map((m) => m[1])
  return [
    '*(This answer comes from the local model stand-in: run `npm run demo -- --live` for a real model.)*',
    '',
    `I read the whole conversation (${people.map((p) => `@${p}`).join(', ')})${files.length ? ` and ${files.join(', ')}` : ''}.`,
    '',
    'For counting records per year, group on the parsed date column:',
    '',
    '```python',
    'import pandas as pd',
    '',
    'df = pd.read_csv("download_statistics/downloads.csv", parse_dates=["date"])',
    'per_year = df.groupby(df["date"].dt.year).size()',
    'per_year.plot(kind="bar")',
    '```',
    '',
    'Empty lines in the CSV are skipped by `read_csv` by default (`skip_blank_lines=True`).'
  ].join('\n')
}

function show(author: string, when: string, body: string): void {
  console.log(`${bold(`@${author}`)} ${dim(`commented ${when}`)}`)
  const visible = body
    .replace(/<!--[\s\S]*?-->\n?/g, '')
    .replace(/<sup>([\s\S]*?)<\/sup>/g, (_, stamp: string) => dim(stamp.replace(/\[([^\]]+)\]\(([^)]+)\)/g, '$1 <$2>')))
  console.log(visible.trim().replace(/^/gm, '  '))
  console.log(rule)
}

const github = await new FakeGitHub().start()
const model = args.live ? null : await new FakeOpenAI().start()
if (model) model.fallback = standInAnswer

try {
  const title = 'Plot downloads per year'
  const body =
    'We collect download statistics in `download_statistics/downloads.csv`. How can I plot the number of records per year?'
  github.files.set('download_statistics/downloads.csv', 'date,count\n2023-01-04,12\n\n2024-02-01,40\n')
  github.files.set('README.md', '# Hello-World\n')
  github.permissions.set('mona', 'read')
  github.addComment(1, {
    login: 'mona',
    association: 'CONTRIBUTOR',
    body: 'Some lines in that file are empty, that might break things.',
    createdAt: '2019-05-15T15:10:00Z'
  })
  const payload = issueCommentPayload({ body: args.request, issueTitle: title, issueBody: body })
  github.addComment(1, {
    id: payload.comment.id,
    login: 'Codertocat',
    association: 'OWNER',
    body: args.request,
    createdAt: payload.comment.created_at
  })

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

  const run = await runAction({ eventName: 'issue_comment', payload, githubUrl: github.url, inputs })

  console.log(`\n${bold(`${title} #1`)}  ${dim('Codertocat/Hello-World')}\n${rule}`)
  show('Codertocat', 'on 2019-05-15', body)
  for (const c of github.comments.get(1) ?? []) {
    const reactions = github.reactions
      .filter((r) => r.target === `issue_comment:${c.id}`)
      .map((r) => (r.content === 'eyes' ? '👀' : r.content))
    show(
      c.login,
      c.login === 'github-actions[bot]' ? 'just now' : `on ${c.createdAt.slice(0, 10)}`,
      c.body + (reactions.length ? `\n\n${reactions.join(' ')}` : '')
    )
  }
  console.log(
    dim(
      `run: exit ${run.code}, status ${run.outputs.status ?? '-'}, ${counted(github.requests.length, 'GitHub API call')}, ${model ? counted(model.requests.length, 'model call') : '? model calls'}, ${run.durationMs} ms`
    )
  )
  for (const line of run.stdout.split('\n').filter((l) => l.startsWith('::error') || l.startsWith('::warning')))
    console.log(line)
  if (run.code !== 0) process.exitCode = 1
} finally {
  await github.close()
  await model?.close()
}
