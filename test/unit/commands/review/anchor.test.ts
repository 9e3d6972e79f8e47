import { describe, expect, it } from 'vitest'
import { inlineBody, placeComments, type ProposedComment } from '../../../../src/commands/review/anchor.ts'

const PATCHES = new Map<string, string | null>([
  ['src/a.py', '@@ -10,3 +10,4 @@\n x\n+y\n+z\n w\n@@ -40,2 +41,2 @@\n p\n-q\n+r'],
  ['logo.png', null],
  ['old.py', '@@ -1,2 +0,0 @@\n-a\n-b']
])

function comment(
  path: string,
  line: number,
  startLine: number | null = null,
  suggestion: string | null = null
): ProposedComment {
  return { path, line, startLine, body: `about ${path}:${line}`, suggestion }
}

describe('placeComments', () => {
  it('keeps comments on new-side lines inside a hunk, context or added', () => {
    const { inline, moved } = placeComments(
      [comment('src/a.py', 10), comment('src/a.py', 12), comment('src/a.py', 13), comment('src/a.py', 42)],
      PATCHES
    )
    expect(inline.map((c) => c.line)).toEqual([10, 12, 13, 42])
    expect(moved).toEqual([])
  })

  it('moves a comment on a line between or outside the hunks, saying why', () => {
    const { inline, moved } = placeComments(
      [comment('src/a.py', 14), comment('src/a.py', 30), comment('src/a.py', 9), comment('src/a.py', 43)],
      PATCHES
    )
    expect(inline).toEqual([])
    expect(moved.map((c) => c.line)).toEqual([14, 30, 9, 43])
    expect(moved[1]!.why).toBe('line 30 of `src/a.py` is not part of the diff')
  })

  it('moves comments on files outside the pull request, without a text diff, or deleted', () => {
    const { inline, moved } = placeComments(
      [comment('src/b.py', 1), comment('logo.png', 1), comment('old.py', 1)],
      PATCHES
    )
    expect(inline).toEqual([])
    expect(moved[0]!.why).toContain('not one of the files this pull request changes')
    expect(moved[1]!.why).toContain('no text diff')
    expect(moved[2]!.why).toContain('not part of the diff')
  })

  it('keeps a multi-line comment within one hunk, with its start line', () => {
    const { inline } = placeComments([comment('src/a.py', 12, 10, 'y2\nz2')], PATCHES)
    expect(inline).toEqual([
      { path: 'src/a.py', line: 12, startLine: 10, body: 'about src/a.py:12\n\n```suggestion\ny2\nz2\n```' }
    ])
  })

  it('moves a multi-line comment spanning two hunks, or with its start after its end', () => {
    const { inline, moved } = placeComments([comment('src/a.py', 42, 12), comment('src/a.py', 11, 12)], PATCHES)
    expect(inline).toEqual([])
    expect(moved.map((c) => c.why)).toEqual([
      'lines 12–42 of `src/a.py` are not one continuous part of the diff',
      'lines 12–11 of `src/a.py` are not one continuous part of the diff'
    ])
  })

  it('moves a comment whose line is not a whole number, even inside a hunk', () => {
    const { inline, moved } = placeComments([comment('src/a.py', 11.5), comment('src/a.py', 12, 10.2)], PATCHES)
    expect(inline).toEqual([])
    expect(moved.map((c) => c.why)).toEqual([
      '11.5 is not a line number of `src/a.py`',
      '10.2 is not a line number of `src/a.py`'
    ])
  })

  it('treats a start line equal to the line as a single-line comment', () => {
    const { inline } = placeComments([comment('src/a.py', 12, 12)], PATCHES)
    expect(inline[0]).not.toHaveProperty('startLine')
  })

  it('moves comments beyond the limit into the summary', () => {
    const many = Array.from({ length: 5 }, () => comment('src/a.py', 11))
    const { inline, moved } = placeComments(many, PATCHES, 3)
    expect(inline).toHaveLength(3)
    expect(moved).toHaveLength(2)
    expect(moved[0]!.why).toContain('more than 3 comments')
  })
})

describe('inlineBody', () => {
  it('adds a suggestion block whose fence outlasts backticks inside', () => {
    const body = inlineBody({ ...comment('a', 1), suggestion: 'x = "```"' })
    expect(body).toBe('about a:1\n\n````suggestion\nx = "```"\n````')
  })

  it('keeps an empty suggestion (delete the lines) and drops one trailing newline', () => {
    expect(inlineBody({ ...comment('a', 1), suggestion: '' })).toBe('about a:1\n\n```suggestion\n\n```')
    expect(inlineBody({ ...comment('a', 1), suggestion: 'y\n' })).toBe('about a:1\n\n```suggestion\ny\n```')
  })
})

describe('inlineBody on GitLab', () => {
  it("writes GitLab's suggestion syntax: the commented line alone, or the lines above it that it replaces too", () => {
    expect(inlineBody({ ...comment('a', 12), suggestion: 'y2' }, 'gitlab')).toBe(
      'about a:12\n\n```suggestion:-0+0\ny2\n```'
    )
    expect(inlineBody({ ...comment('a', 12, 10), suggestion: 'x2\ny2\nz2' }, 'gitlab')).toBe(
      'about a:12\n\n```suggestion:-2+0\nx2\ny2\nz2\n```'
    )
    expect(inlineBody({ ...comment('a', 12, 10), suggestion: 'x2' }, 'github')).toBe(
      'about a:12\n\n```suggestion\nx2\n```'
    )
  })

  it('places a multi-line suggestion on GitLab with the lines it replaces, and says "merge request" for a file it does not change', () => {
    const { inline, moved } = placeComments(
      [comment('src/a.py', 12, 10, 'y2\nz2'), comment('other.py', 1)],
      PATCHES,
      30,
      'gitlab'
    )
    expect(inline).toEqual([
      { path: 'src/a.py', line: 12, startLine: 10, body: 'about src/a.py:12\n\n```suggestion:-2+0\ny2\nz2\n```' }
    ])
    expect(moved[0]!.why).toBe('`other.py` is not one of the files this merge request changes')
  })
})
