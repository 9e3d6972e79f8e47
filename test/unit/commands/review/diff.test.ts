import { describe, expect, it } from 'vitest'
import { numberedPatch, numberedText, parsePatch, rightSideRanges } from '../../../../src/commands/review/diff.ts'

const PATCH = [
  '@@ -1,4 +1,5 @@ def load(path):',
  ' import csv',
  '-import os',
  '+import sys',
  '+import pathlib',
  ' ',
  ' def load(path):',
  '@@ -20,3 +21,2 @@ def save(rows):',
  ' x = 1',
  '-y = 2',
  ' z = 3',
  '\\ No newline at end of file'
].join('\n')

describe('parsePatch', () => {
  it('numbers context and added lines on the new side, and not removed lines', () => {
    const hunks = parsePatch(PATCH)
    expect(hunks).toHaveLength(2)
    expect(hunks[0]!.lines.map((l) => [l.kind, l.newLine])).toEqual([
      ['context', 1],
      ['removed', null],
      ['added', 2],
      ['added', 3],
      ['context', 4],
      ['context', 5]
    ])
    expect(hunks[1]!.newStart).toBe(21)
    expect(hunks[1]!.lines.map((l) => l.newLine)).toEqual([21, null, 22])
  })

  it('skips git file headers and "no newline" markers', () => {
    const hunks = parsePatch(`diff --git a/x b/x\nindex 1..2 100644\n--- a/x\n+++ b/x\n${PATCH}`)
    expect(hunks).toHaveLength(2)
    expect(hunks.flatMap((h) => h.lines).some((l) => l.text.includes('No newline'))).toBe(false)
  })

  it('reads a header without counts as one line', () => {
    const [hunk] = parsePatch('@@ -3 +3 @@\n-a\n+b')
    expect(hunk).toMatchObject({ oldStart: 3, newStart: 3, newLines: 1 })
    expect(hunk!.lines.map((l) => l.newLine)).toEqual([null, 3])
  })

  it('reads a new file from line 1 and a deleted file with no new lines', () => {
    expect(rightSideRanges('@@ -0,0 +1,3 @@\n+a\n+b\n+c')).toEqual([{ start: 1, end: 3 }])
    expect(rightSideRanges('@@ -1,2 +0,0 @@\n-a\n-b')).toEqual([])
  })

  it('accepts CRLF line ends', () => {
    expect(rightSideRanges('@@ -1,1 +1,2 @@\r\n a\r\n+b\r\n')).toEqual([{ start: 1, end: 2 }])
  })

  it('counts an empty context line that lost its leading space', () => {
    expect(parsePatch('@@ -1,3 +1,3 @@\n a\n\n c')[0]!.lines.map((l) => l.newLine)).toEqual([1, 2, 3])
  })

  it('gives nothing for an empty patch', () => {
    expect(parsePatch('')).toEqual([])
  })
})

describe('rightSideRanges', () => {
  it('gives the new-side span of each hunk', () => {
    expect(rightSideRanges(PATCH)).toEqual([
      { start: 1, end: 5 },
      { start: 21, end: 22 }
    ])
  })
})

describe('numberedPatch', () => {
  it('prefixes new-side numbers, aligned, and leaves removed lines unnumbered', () => {
    const text = numberedPatch(parsePatch(PATCH))
    expect(text.split('\n')).toEqual([
      '@@ -1,4 +1,5 @@ def load(path):',
      ' 1   import csv',
      '   - import os',
      ' 2 + import sys',
      ' 3 + import pathlib',
      ' 4',
      ' 5   def load(path):',
      '@@ -20,3 +21,2 @@ def save(rows):',
      '21   x = 1',
      '   - y = 2',
      '22   z = 3'
    ])
  })
})

describe('numberedText', () => {
  it('numbers every line, aligned, without a phantom last line', () => {
    const text = numberedText(Array.from({ length: 10 }, (_, i) => `line ${i + 1}`).join('\n') + '\n')
    const lines = text.split('\n')
    expect(lines).toHaveLength(10)
    expect(lines[0]).toBe(' 1  line 1')
    expect(lines[9]).toBe('10  line 10')
  })
})
