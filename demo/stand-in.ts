// The demo's model stand-in: it answers every kind of request git-bob makes the way a model would, by the
// structure asked for (a plan, a file, notebook cells, slides, a review, a split), from what it was sent: the files
// a request names are the files it plans and writes (demo/stand-in-files.ts).
import { lastMessageText, type ChatRequest, type Step } from '../test/fakes/openai.ts'
import * as files from './stand-in-files.ts'

/** Said once per demo run (the tour prints it), not in every answer. */
export const NOTE =
  "The model's answers come from the demo's local stand-in (demo/stand-in.ts), built from what each request sends it: run `npm run demo -- --live` for a real model."

/** The pull request the review scene looks at: src/load.py, new-side lines 8 to 15. */
export const LOAD_PATCH = [
  '@@ -8,6 +8,8 @@ import csv',
  ' ',
  ' def load(path):',
  '     rows = []',
  '-    for line in open(path):',
  '+    for line in open(path, encoding="utf-8"):',
  '+        if not line.strip():',
  '+            continue',
  '         rows.append(line)',
  '     return rows'
].join('\n')

export const LOAD_TEXT = [
  'import csv',
  ...Array.from({ length: 6 }, (_, i) => `# note ${i + 1}`),
  '',
  'def load(path):',
  '    rows = []',
  '    for line in open(path, encoding="utf-8"):',
  '        if not line.strip():',
  '            continue',
  '        rows.append(line)',
  '    return rows',
  ''
].join('\n')

const PLOT_CELLS = [
  {
    kind: 'markdown',
    source: '# Downloads per year\n\nThe records of `download_statistics/downloads.csv`, summed per year.'
  },
  {
    kind: 'code',
    source: [
      'import pandas as pd',
      '',
      '# Empty lines in the file are skipped (read_csv does that by default).',
      'df = pd.read_csv("download_statistics/downloads.csv", parse_dates=["date"])',
      'per_year = df.groupby(df["date"].dt.year)["count"].sum()',
      'per_year'
    ].join('\n')
  },
  { kind: 'markdown', source: 'The same as a bar chart, saved next to the notebook.' },
  {
    kind: 'code',
    source: [
      'import matplotlib.pyplot as plt',
      '',
      'ax = per_year.plot(kind="bar", xlabel="year", ylabel="downloads", title="Downloads per year")',
      'plt.tight_layout()',
      'plt.savefig("downloads_per_year.png")'
    ].join('\n')
  }
]

function plan(): unknown {
  return {
    title: 'Plot the downloads per year',
    summary: 'Adds a notebook that sums the downloads per year and saves a bar chart, and links it from the README.',
    actions: [
      {
        action: 'create',
        path: 'downloads_per_year.ipynb',
        source: null,
        reason: 'the analysis the issue asks for, as a notebook that runs'
      },
      { action: 'modify', path: 'README.md', source: null, reason: 'say where the plot comes from' }
    ]
  }
}

function review(): unknown {
  return {
    fulfils: 'Yes: `load()` now skips empty lines, which was the crash the issue describes.',
    risks: ['A line with only spaces is now skipped too; that is probably what you want, but it is a change.'],
    missing: ['A test with an empty line in the middle of the file.'],
    comments: [
      {
        path: 'src/load.py',
        line: 11,
        start_line: null,
        body: 'Files saved by Excel start with a byte order mark, which would end up in the first column name; `utf-8-sig` removes it.',
        suggestion: '    for line in open(path, encoding="utf-8-sig"):'
      },
      {
        path: 'src/load.py',
        line: 12,
        start_line: null,
        body: 'Worth a comment that whitespace-only lines count as empty.',
        suggestion: null
      }
    ]
  }
}

const TRIAGE_ANSWER =
  'Thanks for asking! `download_statistics/downloads.csv` has one row per download with its date: ' +
  'group the rows by year and plot the counts.'

function split(): unknown {
  return {
    summary: 'Loading, plotting and documenting are separate pieces of work that different people can pick up.',
    issues: [
      {
        title: 'Load downloads.csv robustly',
        body: 'Skip empty lines and a byte order mark when loading `download_statistics/downloads.csv`.\n\n- [ ] a test with an empty line'
      },
      {
        title: 'Plot downloads per year',
        body: 'A notebook that sums the downloads per year and saves a bar chart.'
      },
      { title: 'Describe the columns of downloads.csv', body: 'A short section in the README: `date`, `count`.' }
    ]
  }
}

function file(prompt: string): unknown {
  const path = /(?:Write the complete content of|Change the existing file) `([^`]+)`/.exec(prompt)?.[1] ?? ''
  if (path === 'README.md' && prompt.includes('downloads_per_year.ipynb'))
    return {
      content: '# Hello-World\n\nDownloads per year: see [downloads_per_year.ipynb](downloads_per_year.ipynb).\n',
      note: 'links the new notebook'
    }
  return files.textFile(path, prompt)
}

function text(request: ChatRequest): string {
  const prompt = lastMessageText(request)
  const people = [...new Set([...prompt.matchAll(/ by @([\w-]+) \(/g)].map((m) => m[1]))]
  const files = [...prompt.matchAll(/^## Content of (.+)$/gm)].map((m) => m[1])
  return [
    `I read the whole conversation (${people.map((p) => `@${p}`).join(', ')})${files.length ? ` and ${files.join(', ')}` : ''}.`,
    '',
    'For counting records per year, group on the parsed date column:',
    '',
    '```python',
    'import pandas as pd',
    '',
    'df = pd.read_csv("download_statistics/downloads.csv", parse_dates=["date"])',
    'per_year = df.groupby(df["date"].dt.year)["count"].sum()',
    'per_year.plot(kind="bar")',
    '```',
    '',
    'Empty lines in the CSV are skipped by `read_csv` by default (`skip_blank_lines=True`).'
  ].join('\n')
}

const REPAIR_DIAGNOSIS =
  'The empty line in downloads.csv has no date and count to split, so `per_year` failed on it; it now skips empty lines.'

/** The module the failing check is about: the stats module the checks scene wrote. */
function failingModule(prompt: string): string {
  return /(?<![\w/])((?:[\w-]+\/)*stats\.py)\b/.exec(prompt)?.[1] ?? 'src/stats.py'
}

/**
 * The repair of the checks scene, in one tool conversation (the request offers `run_checks`): write the fixed
 * module, run the checks, then say what was wrong. Null when the request is no such conversation.
 */
function repairWithTools(request: ChatRequest): Step | null {
  if (!request.tools?.some((t) => t.function.name === 'run_checks')) return null
  const last = request.messages.findLast((m) => m.role === 'assistant')?.tool_calls?.at(-1)?.function.name
  if (!last)
    return {
      reply: '',
      toolCalls: [
        {
          name: 'write_file',
          arguments: { path: failingModule(files.userText(request.messages)), content: files.statsModule(true) }
        }
      ]
    }
  if (last === 'write_file') return { reply: '', toolCalls: [{ name: 'run_checks', arguments: {} }] }
  return { reply: REPAIR_DIAGNOSIS }
}

/** Which answer a request reading with tools asks for: its system prompt names the JSON schema's fields. */
function schemaAskedInText(request: ChatRequest): string | undefined {
  const system = request.messages.find((m) => m.role === 'system')
  const content = typeof system?.content === 'string' ? system.content : ''
  const at = content.indexOf('matching this JSON schema:')
  if (at < 0) return undefined
  const schema = content.slice(at)
  if (schema.includes('"fulfils"')) return 'review'
  if (schema.includes('"labels"')) return 'triage'
  if (schema.includes('"issues"')) return 'split'
  if (schema.includes('"actions"')) return 'change_plan'
  return undefined
}

/** The answer to any request, by the structure it asks for (or, repairing with tools, the tool it calls). */
export function standInAnswer(request: ChatRequest): string | Step {
  // Like a real model: asked for JSON in the text (reading with tools), it answers with JSON.
  const schema = request.response_format?.json_schema?.name ?? schemaAskedInText(request)
  const prompt = files.userText(request.messages)
  const repairing = schema ? null : repairWithTools(request)
  if (repairing) return repairing
  switch (schema) {
    case 'check_repair':
      return JSON.stringify({
        diagnosis: REPAIR_DIAGNOSIS,
        changes: [
          {
            tool: 'write_file',
            path: failingModule(prompt),
            content: files.statsModule(true),
            edits: null,
            source: null
          }
        ]
      })
    case 'change_plan':
      return JSON.stringify(files.planForNamedFiles(prompt) ?? plan())
    case 'slides':
      return JSON.stringify(files.slides(prompt))
    case 'document':
      return JSON.stringify(files.document(prompt))
    case 'workbook':
      return JSON.stringify(files.workbook(prompt))
    case 'speech':
      return JSON.stringify(files.speech(prompt))
    case 'picture':
      return JSON.stringify(files.picture(prompt))
    case 'notebook_cells':
      return JSON.stringify({ cells: PLOT_CELLS, note: 'sums the downloads per year and saves a bar chart' })
    case 'file_content':
      return JSON.stringify(file(lastMessageText(request)))
    case 'review':
      return JSON.stringify(review())
    case 'split':
      return JSON.stringify(split())
    case 'triage':
      return JSON.stringify({
        action: 'answer',
        labels: [],
        reason: 'A question the repository answers.',
        answer: TRIAGE_ANSWER
      })
    case 'picture_request':
      return JSON.stringify({
        title: 'Add a picture of the downloads per year',
        summary: 'A sketch of the yearly downloads, for the README.',
        path: 'images/downloads-per-year.png',
        prompt: 'A hand-drawn bar chart of downloads per year, 2023 to 2025, rising, pastel colours'
      })
    default:
      return text(request)
  }
}
