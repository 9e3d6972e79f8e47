// Office files written in the test run by the Python libraries people use: python-docx, openpyxl and
// pandas (Debian's python3-docx, python3-openpyxl, python3-pandas; .ci/run installs them). Each is
// written by a short script into a temporary folder and read back as bytes. Without them the tests that
// need them are skipped; in CI (CI=true) they must run.
import { execFileSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

/** Found, not imported: importing pandas costs a second of CPU in every test worker that imports this file. */
const FIND =
  "import importlib.util as u, sys; sys.exit(0 if all(u.find_spec(m) for m in ('docx', 'openpyxl', 'pandas')) else 1)"

/** Debian's Python first: another python3 on the PATH (pyenv) may lack Debian's packages. */
function findPython(): string | null {
  for (const python of ['/usr/bin/python3', 'python3'])
    try {
      execFileSync(python, ['-c', FIND], { stdio: 'ignore' })
      return python
    } catch {
      // the next one
    }
  return null
}

const python = findPython()
export const pythonOffice = python !== null
export const PYTHON_OFFICE_MISSING =
  'python-docx, openpyxl and pandas are not installed (apt-get install python3-docx python3-openpyxl python3-pandas)'
if (!python && process.env.CI === 'true')
  throw new Error('python3-docx, python3-openpyxl and python3-pandas are required in CI (.ci/run installs them)')

/** Each script's file, written once per test worker: Python and its libraries take a second of CPU to start. */
const made = new Map<string, Uint8Array>()

/** The file a Python script writes to the path in `out` (a copy of its bytes, the caller's own). */
function written(script: string, extension: string): Uint8Array {
  const key = `${extension}\n${script}`
  let bytes = made.get(key)
  if (!bytes) {
    const dir = mkdtempSync(join(tmpdir(), 'git-bob-python-office-'))
    try {
      const out = join(dir, `out.${extension}`)
      execFileSync(python!, ['-c', `out = ${JSON.stringify(out)}\n${script}`], { stdio: 'pipe' })
      bytes = new Uint8Array(readFileSync(out))
      made.set(key, bytes)
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  }
  return bytes.slice()
}

/**
 * A python-docx document: a heading, paragraphs, a bulleted list, a table, a run hidden by its own
 * formatting ("Secret run") and one hidden by a character style ("Styled secret").
 */
export function pythonDocx(): Uint8Array {
  return written(
    `
import docx
from docx.enum.style import WD_STYLE_TYPE
d = docx.Document()
d.add_heading('Lab report', level=1)
p = d.add_paragraph('Visible start. ')
p.add_run('Secret run. ').font.hidden = True
secret = d.styles.add_style('Secret', WD_STYLE_TYPE.CHARACTER)
secret.font.hidden = True
p.add_run('Styled secret. ', style='Secret')
p.add_run('Visible end.')
d.add_paragraph('First point', style='List Bullet')
d.add_paragraph('Second point', style='List Bullet')
t = d.add_table(rows=2, cols=2)
for r, row in enumerate([['sample', 'cells'], ['A', '10']]):
    for c, text in enumerate(row):
        t.cell(r, c).text = text
d.add_paragraph('After the table & more <text>.')
d.save(out)
`,
    'docx'
  )
}

/**
 * An openpyxl workbook (relationships with Target before Id, absolute targets, shared strings): a sheet
 * of rows with a formula, a hidden row and a hidden column; a second sheet; a hidden sheet.
 */
export function openpyxlWorkbook(): Uint8Array {
  return written(
    `
import openpyxl
wb = openpyxl.Workbook()
ws = wb.active
ws.title = 'Counts'
for row in [['sample', 'cells', 'note'], ['A', 10, 'ok'], ['hidden row', 99, 'x'], ['B', 32, 'fine']]:
    ws.append(row)
ws['B5'] = '=SUM(B2:B4)'
ws['D1'] = 'secret column'
ws.row_dimensions[3].hidden = True
ws.column_dimensions['D'].hidden = True
other = wb.create_sheet('Notes & more')
other.append(['Einträge', 'über <zwei> Zeilen'])
secret = wb.create_sheet('Secret')
secret.append(['password', 'hunter2'])
secret.sheet_state = 'hidden'
wb.save(out)
`,
    'xlsx'
  )
}

/** A workbook as pandas writes a DataFrame (to_excel through openpyxl; inline strings). */
export function pandasWorkbook(rows = 3): Uint8Array {
  return written(
    `
import pandas as pd
n = ${rows}
df = pd.DataFrame({'sample': [f'S{i + 1}' for i in range(n)], 'cells': [10 * (i + 1) for i in range(n)]})
df.to_excel(out, sheet_name='Counts', index=False, engine='openpyxl')
`,
    'xlsx'
  )
}
