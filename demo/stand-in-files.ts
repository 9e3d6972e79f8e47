// What the demo's model stand-in writes when a request names files: a plan with those files, and for each one
// the structured content implement asks for (slides, a document, a workbook, a recording's words, a picture's
// prompt, a text file), built from what the prompt shows of the repository: the downloads per year of
// download_statistics/downloads.csv, and a plot picture when the repository has one. Pure.

/** The file kinds a request can name, by extension, and why the plan writes each. */
const REASONS: Record<string, string> = {
  pptx: 'the slides the request asks for: the downloads per year, with the plot when the repository has one',
  docx: 'the document the request asks for: the downloads per year as a table',
  xlsx: 'the downloads per year as a workbook, with their total as a formula',
  mp3: 'a short spoken summary of the downloads per year',
  wav: 'a short spoken summary of the downloads per year',
  png: 'a picture of the downloads per year',
  ipynb: 'the analysis as a notebook that runs',
  py: 'a script that sums the downloads per year',
  md: 'the downloads per year, written up',
  txt: 'the downloads per year, written up',
  csv: 'the downloads per year as a table'
}

const NAMED = new RegExp(
  `(?<![\\w/.:-])((?:[\\w-]+/)*[\\w-][\\w.-]*\\.(?:${Object.keys(REASONS).join('|')}))(?![\\w])`,
  'gi'
)

/** The text of every user message of a request: the thread, the repository and the task. */
export function userText(messages: readonly { role: string; content: unknown }[]): string {
  return messages
    .filter((m) => m.role === 'user')
    .map((m) => (typeof m.content === 'string' ? m.content : JSON.stringify(m.content)))
    .join('\n\n')
}

/** The request being answered, as the prompt marks it. */
function requestOf(prompt: string): string {
  return /THIS IS THE REQUEST YOU ANSWER\n+([\s\S]*?)(?:\n\n#|$)/.exec(prompt)?.[1] ?? ''
}

/** The repository's files, from the prompt's file list. */
function repositoryFiles(prompt: string): string[] {
  const list = /^# Repository files\n\n```\n([\s\S]*?)```/m.exec(prompt)?.[1] ?? ''
  return list.split('\n').filter(Boolean)
}

/** The files the request names, each once, in the order named. */
export function namedFiles(prompt: string): string[] {
  return [...new Set([...requestOf(prompt).matchAll(NAMED)].map((m) => m[1]!))]
}

/** Downloads per year, summed from the `date,count` lines the prompt shows. */
export function downloadsPerYear(prompt: string): [number, number][] {
  const sums = new Map<number, number>()
  for (const m of prompt.matchAll(/^(\d{4})-\d\d-\d\d,(\d+)\s*$/gm))
    sums.set(Number(m[1]), (sums.get(Number(m[1])) ?? 0) + Number(m[2]))
  return [...sums].sort((a, b) => a[0] - b[0])
}

/** A PNG the repository has (or this change wrote), the demo's plot first. */
function plotPicture(prompt: string): string | null {
  const written = [...prompt.matchAll(/^- (\S+\.png) \(written/gm)].map((m) => m[1]!)
  const pngs = [...repositoryFiles(prompt), ...written].filter((p) => /\.png$/i.test(p))
  return pngs.find((p) => p.includes('downloads')) ?? pngs[0] ?? null
}

const extension = (path: string): string => /\.(\w+)$/.exec(path)?.[1]?.toLowerCase() ?? ''

/** A plan that creates (or, when it exists, modifies) every file the request names; null when it names none. */
export function planForNamedFiles(prompt: string): unknown {
  const named = namedFiles(prompt)
  if (!named.length) return null
  const existing = new Set(repositoryFiles(prompt))
  const list = named.map((p) => `\`${p}\``)
  const joined = list.length > 1 ? `${list.slice(0, -1).join(', ')} and ${list.at(-1)}` : list[0]!
  const title = `Add ${named.join(', ')}`
  return {
    title: title.length < 70 ? title : 'Add the files the request names',
    summary: `Adds ${joined}, as the request asks, from the downloads per year in \`download_statistics/downloads.csv\`.`,
    actions: named.map((path) => ({
      action: existing.has(path) ? 'modify' : 'create',
      path,
      source: null,
      reason: /(^|\/)tests?\//.test(path) ? 'its test' : (REASONS[extension(path)] ?? 'the file the request names')
    }))
  }
}

/** "19 downloads in 2023, 65 in 2024 and 31 in 2025" */
function spokenYears(years: [number, number][]): string {
  const said = years.map(([year, n], i) => `${n}${i ? '' : ' downloads'} in ${year}`)
  return said.length > 1 ? `${said.slice(0, -1).join(', ')} and ${said.at(-1)}` : (said[0] ?? 'no downloads yet')
}

export function slides(prompt: string): unknown {
  const years = downloadsPerYear(prompt)
  const total = years.reduce((sum, [, n]) => sum + n, 0)
  const picture = plotPicture(prompt)
  return {
    title: 'Downloads per year',
    slides: [
      {
        title: 'Downloads per year',
        bullets: [],
        image: null,
        notes: 'What our download statistics say, year by year.'
      },
      {
        title: 'The numbers',
        bullets: [...years.map(([year, n]) => `${year}: ${n} downloads`), `In all: ${total}`],
        image: null,
        notes: 'Summed per year from download_statistics/downloads.csv; empty lines are skipped.'
      },
      ...(picture
        ? [{ title: 'The plot', bullets: [], image: picture, notes: 'The same numbers as a bar chart.' }]
        : [])
    ],
    note: `a deck on the downloads per year${picture ? `, with \`${picture}\`` : ''}`
  }
}

export function document(prompt: string): unknown {
  const years = downloadsPerYear(prompt)
  const picture = plotPicture(prompt)
  const block = { level: null, text: null, items: null, rows: null, image: null }
  return {
    title: 'Downloads per year',
    blocks: [
      { ...block, kind: 'heading', level: 1, text: 'Downloads per year' },
      {
        ...block,
        kind: 'paragraph',
        text: 'The records of **download_statistics/downloads.csv**, summed per year (empty lines skipped).'
      },
      { ...block, kind: 'table', rows: [['year', 'downloads'], ...years.map(([y, n]) => [String(y), String(n)])] },
      ...(picture ? [{ ...block, kind: 'image', image: picture }] : [])
    ],
    note: 'a report with a table of the downloads per year'
  }
}

export function workbook(prompt: string): unknown {
  const years = downloadsPerYear(prompt)
  const last = years.length + 1
  return {
    sheets: [
      {
        name: 'Downloads per year',
        rows: [['year', 'downloads'], ...years, ['total', null]],
        formulas: [{ cell: `B${last + 1}`, formula: `SUM(B2:B${last})` }]
      }
    ],
    note: 'the downloads per year, with their total as a SUM formula'
  }
}

export function speech(prompt: string): unknown {
  const years = downloadsPerYear(prompt)
  const total = years.reduce((sum, [, n]) => sum + n, 0)
  return {
    text: `Our download statistics, summed per year: ${spokenYears(years)}. That makes ${total} downloads in all.`,
    note: 'a spoken summary of the downloads per year'
  }
}

export function picture(prompt: string): unknown {
  const years = downloadsPerYear(prompt)
  return {
    prompt: `A clean bar chart of downloads per year (${years.map(([y, n]) => `${y}: ${n}`).join(', ')}), labelled axes, pastel colours`,
    note: 'a bar chart of the downloads per year'
  }
}

/**
 * The checks scene's module, first with the bug the issue warns of: the empty line in downloads.csv does not split
 * into a date and a count, so the repository's pytest fails until the repair skips it.
 */
export function statsModule(repaired: boolean): string {
  return [
    'def per_year(path):',
    '    """The downloads per year, from a CSV file with a date and a count column."""',
    '    sums = {}',
    '    with open(path, encoding="utf-8") as f:',
    '        next(f)  # the header',
    '        for line in f:',
    ...(repaired ? ['            if not line.strip():', '                continue  # empty lines are no records'] : []),
    '            date, count = line.strip().split(",")',
    '            sums[int(date[:4])] = sums.get(int(date[:4]), 0) + int(count)',
    '    return sums',
    ''
  ].join('\n')
}

/** The checks scene's test of that module, against the repository's own data. */
export const STATS_TEST = [
  'from src.stats import per_year',
  '',
  '',
  'def test_downloads_per_year():',
  '    assert per_year("download_statistics/downloads.csv") == {2023: 19, 2024: 65, 2025: 31}',
  ''
].join('\n')

/** A text file's content: a script, a write-up with a table, or a placeholder for kinds it does not know. */
export function textFile(path: string, prompt: string): { content: string; note: string } {
  const years = downloadsPerYear(prompt)
  if (/(^|\/)stats\.py$/.test(path)) return { content: statsModule(false), note: 'sums the downloads per year' }
  if (/(^|\/)test_stats\.py$/.test(path))
    return { content: STATS_TEST, note: 'tests `per_year` on `download_statistics/downloads.csv`' }
  if (extension(path) === 'py')
    return {
      content: [
        'import pandas as pd',
        '',
        'df = pd.read_csv("download_statistics/downloads.csv", parse_dates=["date"])',
        'print(df.groupby(df["date"].dt.year)["count"].sum())',
        ''
      ].join('\n'),
      note: 'prints the downloads per year'
    }
  if (['md', 'txt'].includes(extension(path)))
    return {
      content: `# Downloads per year\n\n| year | downloads |\n| --- | --- |\n${years.map(([y, n]) => `| ${y} | ${n} |`).join('\n')}\n`,
      note: 'a table of the downloads per year'
    }
  if (extension(path) === 'csv')
    return {
      content: `year,downloads\n${years.map(([y, n]) => `${y},${n}`).join('\n')}\n`,
      note: 'the downloads per year'
    }
  return { content: `# ${path}\n`, note: `a placeholder for ${path}` }
}
