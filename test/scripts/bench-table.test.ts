import { describe, expect, it } from 'vitest'
import { missed, renderTable, type Row } from '../../bench/table.ts'

const rows: Row[] = [
  { measure: 'comment run: wall time', value: '640 ms', target: '< 1000 ms', ok: true },
  { measure: 'dist/ size', value: '1.2 MiB', target: null, ok: true },
  { measure: 'GitHub API calls per comment run', value: '8', target: '<= 6', ok: false },
  {
    measure: 'plotting notebook, trigger to pushed commit',
    value: null,
    target: null,
    ok: false,
    reason: 'Jupyter is not installed (`jupyter nbconvert --version` failed).'
  }
]

describe('the bench table', () => {
  it('says met or MISSED only where there is a target, and numbers the reasons of rows not measured', () => {
    const lines = renderTable(rows)
    expect(lines[0]).toMatch(/^\| measure +\| value +\| target +\| result \|$/)
    expect(lines.find((l) => l.includes('comment run: wall time'))).toMatch(/\| 640 ms +\| < 1000 ms +\| met +\|$/)
    expect(lines.find((l) => l.includes('dist/ size'))).toMatch(/\| 1\.2 MiB +\| +\| +\|$/)
    expect(lines.find((l) => l.includes('GitHub API calls'))).toMatch(/\| 8 +\| <= 6 +\| MISSED \|$/)
    expect(lines.find((l) => l.includes('plotting notebook'))).toContain('| not measured (1) |')
    expect(lines.at(-1)).toBe('(1) Jupyter is not installed (`jupyter nbconvert --version` failed).')
  })

  it('fits the width given, wrapping the measure column', () => {
    const long: Row = { measure: 'a long measure '.repeat(12).trim(), value: '1 ms', target: '< 2 ms', ok: true }
    const lines = renderTable([...rows, long], 80)
    for (const line of lines) expect(line.length, line).toBeLessThanOrEqual(80)
    const wrapped = lines.filter((l) => l.includes('a long measure'))
    expect(wrapped.length).toBeGreaterThan(1)
    expect(wrapped.join(' ').replace(/[| ]+/g, ' ')).toContain('a long measure a long measure')
  })

  it('fails on measured rows that missed their target, not on rows without a target or a value', () => {
    expect(missed(rows).map((r) => r.measure)).toEqual(['GitHub API calls per comment run'])
  })
})
