import { describe, expect, it } from 'vitest'
import {
  buildNotebook,
  cellsOf,
  describeCells,
  firstError,
  keepOutputs,
  parseNotebook,
  sameCode,
  serializeNotebook,
  type Notebook
} from '../../../src/ports/notebook.ts'

const cells = [
  { kind: 'markdown' as const, source: '# Title' },
  { kind: 'code' as const, source: 'x = 1\nprint(x)\n' }
]

function executed(): Notebook {
  const nb = buildNotebook(cells)
  nb.cells[1] = {
    ...nb.cells[1]!,
    execution_count: 1,
    outputs: [{ output_type: 'stream', name: 'stdout', text: ['1\n'] }]
  }
  return nb
}

describe('buildNotebook', () => {
  it('builds nbformat 4.5 with ids, line-split sources and empty outputs', () => {
    const nb = buildNotebook(cells)
    expect(nb.nbformat).toBe(4)
    expect(nb.nbformat_minor).toBe(5)
    expect(nb.metadata).toMatchObject({ kernelspec: { name: 'python3' } })
    expect(nb.cells[0]).toMatchObject({ cell_type: 'markdown', source: ['# Title'] })
    expect(nb.cells[1]).toMatchObject({
      cell_type: 'code',
      source: ['x = 1\n', 'print(x)'],
      outputs: [],
      execution_count: null
    })
    const ids = nb.cells.map((c) => c.id!)
    expect(new Set(ids).size).toBe(2)
    for (const id of ids) expect(id).toMatch(/^[A-Za-z0-9_-]{1,64}$/)
  })

  it('is deterministic, so an unchanged notebook gives an unchanged file', () => {
    expect(serializeNotebook(buildNotebook(cells))).toBe(serializeNotebook(buildNotebook(cells)))
  })

  it('round-trips through serialize and parse', () => {
    const parsed = parseNotebook(serializeNotebook(buildNotebook(cells)))
    expect(parsed.ok && cellsOf(parsed.notebook)).toEqual([
      { kind: 'markdown', source: '# Title' },
      { kind: 'code', source: 'x = 1\nprint(x)' }
    ])
  })
})

describe('parseNotebook', () => {
  it('refuses text that is not JSON or not nbformat 4', () => {
    expect(parseNotebook('{').ok).toBe(false)
    expect(parseNotebook('{"cells": [], "metadata": {}, "nbformat": 3, "nbformat_minor": 0}').ok).toBe(false)
  })
})

describe('outputs', () => {
  it('shows the model cells without outputs', () => {
    const text = describeCells(cellsOf(executed()))
    expect(text).toContain('--- cell 2 (code) ---\nx = 1')
    expect(text).not.toContain('stdout')
  })

  it('knows when only markdown changed, and keeps the outputs then', () => {
    const before = executed()
    const after = [
      { kind: 'markdown' as const, source: '# Better title' },
      { kind: 'code' as const, source: 'x = 1\nprint(x)' }
    ]
    expect(sameCode(before, after)).toBe(true)
    expect(sameCode(before, [{ kind: 'code', source: 'x = 2' }])).toBe(false)
    const kept = keepOutputs(buildNotebook(after), before)
    expect(kept.cells[1]).toMatchObject({ execution_count: 1, outputs: [{ output_type: 'stream' }] })
  })

  it('finds the first error with its traceback, without terminal colours', () => {
    const nb = buildNotebook(cells)
    expect(firstError(nb)).toBeNull()
    nb.cells[1] = {
      ...nb.cells[1]!,
      outputs: [
        {
          output_type: 'error',
          ename: 'ZeroDivisionError',
          evalue: 'division by zero',
          traceback: ['\u001b[31mTraceback\u001b[0m', 'line 1']
        }
      ]
    }
    expect(firstError(nb)).toBe('cell 2: ZeroDivisionError: division by zero\nTraceback\nline 1')
  })
})
