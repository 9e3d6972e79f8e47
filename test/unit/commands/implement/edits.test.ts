import { describe, expect, it } from 'vitest'
import { applyEdits, type Edit, type EditResult } from '../../../../src/commands/implement/edits.ts'

function content(result: EditResult): string {
  if (!result.ok) throw new Error(`expected the edits to apply, got: ${result.problem}`)
  return result.content
}

function problem(result: EditResult): string {
  if (result.ok) throw new Error(`expected the edits to fail, got content: ${result.content}`)
  return result.problem
}

const FILE = ['function a() {', '  return 1', '}', '', 'function b() {', '  return 2', '}', ''].join('\n')

describe('applyEdits', () => {
  it('replaces a unique search text', () => {
    expect(applyEdits(FILE, [{ search: '  return 1', replace: '  return 10' }])).toEqual({
      ok: true,
      content: FILE.replace('return 1', 'return 10')
    })
  })

  it('applies several edits in order', () => {
    const result = applyEdits(FILE, [
      { search: 'function a()', replace: 'function first()' },
      { search: 'function b()', replace: 'function second()' }
    ])
    expect(content(result)).toBe(
      FILE.replace('function a()', 'function first()').replace('function b()', 'function second()')
    )
  })

  it('applies each edit to the result of the previous one', () => {
    // The second search text only exists after the first edit.
    const result = applyEdits('alpha', [
      { search: 'alpha', replace: 'beta' },
      { search: 'beta', replace: 'gamma' }
    ])
    expect(content(result)).toBe('gamma')
  })

  it('lets an earlier edit make a later search text unique', () => {
    const result = applyEdits('x x', [
      { search: 'x x', replace: 'x y' },
      { search: 'y', replace: 'z' }
    ])
    expect(content(result)).toBe('x z')
  })

  it('fails a later edit whose search text an earlier edit removed', () => {
    const result = applyEdits('one two', [
      { search: 'two', replace: 'three' },
      { search: 'two', replace: 'four' }
    ])
    expect(problem(result)).toMatch(/^edit 2: the search text does not occur in the file/)
  })

  it('refuses an empty list of edits', () => {
    expect(applyEdits(FILE, [])).toEqual({ ok: false, problem: 'no edits were given' })
  })

  it('refuses an empty search text, naming the edit', () => {
    expect(applyEdits(FILE, [{ search: '', replace: 'x' }])).toEqual({
      ok: false,
      problem: 'edit 1 has an empty search text'
    })
    expect(
      problem(
        applyEdits(FILE, [
          { search: 'function a', replace: 'function A' },
          { search: '', replace: 'x' }
        ])
      )
    ).toBe('edit 2 has an empty search text')
  })

  it('refuses a search text that does not occur, quoting it', () => {
    const p = problem(applyEdits(FILE, [{ search: 'return 3', replace: 'return 4' }]))
    expect(p).toMatch(
      /^edit 1: the search text does not occur in the file \(it must match exactly, including white space\):\n/
    )
    expect(p.endsWith('\nreturn 3')).toBe(true)
  })

  it('matches white space exactly', () => {
    expect(problem(applyEdits(FILE, [{ search: 'return  1', replace: 'x' }]))).toMatch(/does not occur/)
    expect(problem(applyEdits(FILE, [{ search: '\treturn 1', replace: 'x' }]))).toMatch(/does not occur/)
    expect(problem(applyEdits('a\r\nb', [{ search: 'a\nb', replace: 'x' }]))).toMatch(/does not occur/)
  })

  it('is case-sensitive', () => {
    expect(problem(applyEdits(FILE, [{ search: 'FUNCTION A', replace: 'x' }]))).toMatch(/does not occur/)
  })

  it('refuses a search text found more than once, saying how many times', () => {
    const p = problem(applyEdits(FILE, [{ search: '}', replace: '};' }]))
    expect(p).toMatch(/^edit 1: the search text occurs 2 times; include more surrounding lines so it is unique:\n\}$/)
    expect(problem(applyEdits('x x x x x', [{ search: 'x', replace: 'y' }]))).toContain('occurs 5 times')
    expect(problem(applyEdits('ab ab ab', [{ search: 'ab', replace: 'y' }]))).toContain('occurs 3 times')
  })

  it('quotes at most 500 characters of a long search text', () => {
    const search = 'q'.repeat(800)
    const p = problem(applyEdits('nothing here', [{ search, replace: '' }]))
    expect(p).toContain('q'.repeat(500))
    expect(p).not.toContain('q'.repeat(501))
  })

  it('is all or nothing: a failing edit returns no content at all', () => {
    const edits: Edit[] = [
      { search: 'function a()', replace: 'function changed()' },
      { search: 'not in the file', replace: 'x' },
      { search: 'function b()', replace: 'function also()' }
    ]
    const result = applyEdits(FILE, edits)
    expect(result.ok).toBe(false)
    expect(result).not.toHaveProperty('content')
    expect(problem(result)).toMatch(/^edit 2: /)
  })

  it('stops at the first failing edit', () => {
    const result = applyEdits('a b', [
      { search: 'a', replace: 'c' },
      { search: 'zzz', replace: 'x' },
      { search: '', replace: 'y' }
    ])
    expect(problem(result)).toMatch(/^edit 2: the search text does not occur/)
  })

  it('does not change the input edits', () => {
    const edits: Edit[] = [{ search: 'a', replace: 'b' }]
    const copy = structuredClone(edits)
    applyEdits('a', edits)
    expect(edits).toEqual(copy)
  })

  it('allows the replacement to contain the search text', () => {
    expect(content(applyEdits('x = 1', [{ search: 'x = 1', replace: 'x = 1\ny = x = 1' }]))).toBe('x = 1\ny = x = 1')
    expect(content(applyEdits('ab', [{ search: 'a', replace: 'aaa' }]))).toBe('aaab')
  })

  it('inserts special replacement patterns literally', () => {
    expect(content(applyEdits('price', [{ search: 'price', replace: "$& $$ $1 $` $' $<name>" }]))).toBe(
      "$& $$ $1 $` $' $<name>"
    )
    expect(content(applyEdits('a.b', [{ search: '.', replace: '$&$&' }]))).toBe('a$&$&b')
  })

  it('treats regular-expression characters in the search text literally', () => {
    expect(content(applyEdits('a.*b and axxb', [{ search: '.*', replace: '+' }]))).toBe('a+b and axxb')
    expect(content(applyEdits('f(x) [y] ^z$', [{ search: '(x) [y] ^z$', replace: '' }]))).toBe('f')
  })

  it('can delete text with an empty replacement', () => {
    expect(content(applyEdits('keep drop keep2', [{ search: ' drop', replace: '' }]))).toBe('keep keep2')
  })

  it('can replace the whole file', () => {
    expect(content(applyEdits(FILE, [{ search: FILE, replace: 'new' }]))).toBe('new')
  })

  it('handles edits at the very start and end of the file', () => {
    expect(
      content(
        applyEdits('start middle end', [
          { search: 'start', replace: 'S' },
          { search: 'end', replace: 'E' }
        ])
      )
    ).toBe('S middle E')
  })

  it('handles multi-line search texts and unicode', () => {
    const text = 'héllo\nwörld 🎉\n'
    expect(content(applyEdits(text, [{ search: 'wörld 🎉\n', replace: 'welt 🌍\n' }]))).toBe('héllo\nwelt 🌍\n')
  })

  it('finds nothing in an empty file', () => {
    expect(problem(applyEdits('', [{ search: 'x', replace: 'y' }]))).toMatch(/does not occur/)
  })
})

describe('applyEdits: overlapping matches', () => {
  it('counts overlapping occurrences, so an ambiguous edit is refused', () => {
    const result = applyEdits('aaa', [{ search: 'aa', replace: 'X' }])
    expect(result.ok).toBe(false)
    if (!result.ok) expect(result.problem).toContain('occurs 2 times')
  })
})
