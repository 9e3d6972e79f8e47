import { describe, expect, it } from 'vitest'
import {
  contentCandidates,
  coverageOf,
  isGenerated,
  mayFitContent,
  planDiffs,
  renderMaterial,
  withContent,
  withoutContent,
  type ChangedFile
} from '../../../../src/commands/review/budget.ts'
import { estimateTokens } from '../../../../src/conversation/tokens.ts'

/** A modified file whose patch has `hunks` hunks of `lines` added lines each. */
function file(path: string, hunks = 1, lines = 3, status = 'modified'): ChangedFile {
  const patch = Array.from({ length: hunks }, (_, h) => {
    const start = h * 100 + 1
    return [
      `@@ -${start},1 +${start},${lines + 1} @@`,
      ' ctx',
      ...Array.from({ length: lines }, (_, i) => `+${path} hunk ${h} line ${i} ${'x'.repeat(40)}`)
    ].join('\n')
  }).join('\n')
  return { path, status, additions: hunks * lines, deletions: 0, patch }
}

describe('planDiffs', () => {
  it('sends every diff whole when they fit', () => {
    const plan = planDiffs([file('a.py'), file('b.py')], 10_000)
    expect(plan.files.map((p) => p.hunksSent === p.hunksTotal && p.diff !== null)).toEqual([true, true])
    expect(plan.usedTokens).toBe(estimateTokens(renderMaterial(plan)))
  })

  it('takes small diffs before large ones, and cuts the one that does not fit at a hunk boundary', () => {
    const big = file('big.py', 6, 20)
    const small = file('small.py', 1, 2)
    const plan = planDiffs([big, small], 1200)
    const [bigPlan, smallPlan] = plan.files
    expect(smallPlan!.hunksSent).toBe(1)
    expect(bigPlan!.hunksSent).toBeGreaterThan(0)
    expect(bigPlan!.hunksSent).toBeLessThan(6)
    expect(bigPlan!.diff).toContain(`the first ${bigPlan!.hunksSent} of 6 hunks`)
    expect(plan.usedTokens).toBeLessThanOrEqual(1200)
  })

  it('puts generated files last', () => {
    const plan = planDiffs(
      [file('package-lock.json', 1, 1), file('src/main.ts', 1, 30)],
      estimateTokens(planDiffs([file('src/main.ts', 1, 30)], 1e6).files[0]!.diff!) + 10
    )
    expect(plan.files[1]!.diff).not.toBeNull()
    expect(plan.files[0]!.diff).toBeNull()
  })

  it('sends the beginning of a single hunk too large to fit whole', () => {
    const plan = planDiffs([file('huge.py', 1, 400)], 1000)
    expect(plan.files[0]!.hunksSent).toBe(0)
    expect(plan.files[0]!.diff).toContain('lines of the first of 1 hunks')
    expect(coverageOf(plan)[0]).toMatchObject({
      coverage: 'partial',
      detail: 'the beginning of its first change; the rest did not fit the token budget'
    })
  })

  it('sends nothing with no budget, and lists every file as not reviewed', () => {
    const plan = planDiffs([file('a.py'), file('b.py')], 0)
    expect(renderMaterial(plan)).toBe('')
    expect(coverageOf(plan).map((c) => c.coverage)).toEqual(['none', 'none'])
  })

  it('never plans more than the budget, for many files and many budgets', () => {
    const files = Array.from({ length: 300 }, (_, i) => file(`f${i}.py`, 1 + (i % 7), 1 + ((i * 13) % 40)))
    for (const budget of [0, 100, 1000, 5000, 20_000, 100_000]) {
      const plan = planDiffs(files, budget)
      expect(plan.usedTokens).toBeLessThanOrEqual(budget)
      expect(estimateTokens(renderMaterial(plan))).toBeLessThanOrEqual(plan.usedTokens)
    }
  })

  it('leaves out a file without a text diff, saying why', () => {
    const plan = planDiffs([{ path: 'logo.png', status: 'added', additions: 0, deletions: 0, patch: null }], 10_000)
    expect(coverageOf(plan)).toEqual([
      { path: 'logo.png', coverage: 'none', detail: 'GitHub shows no text diff (binary, or too large)' }
    ])
    expect(coverageOf(plan, 'GitLab')[0]!.detail).toBe('GitLab shows no text diff (binary, or too large)')
  })
})

describe('whole files', () => {
  it('are candidates only for modified files whose whole diff was sent', () => {
    const files = [
      file('mod.py'),
      file('new.py', 1, 3, 'added'),
      file('gone.py', 1, 3, 'removed'),
      file('cut.py', 5, 50)
    ]
    const plan = planDiffs(files, 600)
    expect(contentCandidates(plan)).toEqual(['mod.py'])
  })

  it('are added when they fit, making the file reviewed in full', () => {
    let plan = planDiffs([file('mod.py')], 10_000)
    plan = withContent(plan, 'mod.py', 'import csv\nprint(1)\n')
    expect(plan.files[0]!.content).toContain('New content of mod.py')
    expect(plan.files[0]!.content).toContain('2  print(1)')
    expect(coverageOf(plan)[0]!.coverage).toBe('full')
    expect(plan.usedTokens).toBe(estimateTokens(renderMaterial(plan)))
  })

  it('are left out when they do not fit, making the file reviewed in part', () => {
    let plan = planDiffs([file('mod.py')], 200)
    plan = withContent(plan, 'mod.py', 'x'.repeat(10_000))
    expect(plan.files[0]!.content).toBeNull()
    expect(coverageOf(plan)[0]).toEqual({
      path: 'mod.py',
      coverage: 'partial',
      detail: 'the whole diff, not the rest of the file (the rest of the file did not fit the budget)'
    })
    expect(plan.usedTokens).toBeLessThanOrEqual(200)
  })

  it('are left out when binary or unreadable, or when not read at all', () => {
    const plan = planDiffs([file('a.py'), file('b.py'), file('c.py')], 10_000)
    const after = withoutContent(
      withContent(withContent(plan, 'a.py', 'bin\u0000ary'), 'b.py', null),
      'c.py',
      'at most 40 whole files are read'
    )
    expect(coverageOf(after).map((c) => c.detail)).toEqual([
      'the whole diff, not the rest of the file (it is not a text file)',
      'the whole diff, not the rest of the file (its new text could not be read)',
      'the whole diff, not the rest of the file (at most 40 whole files are read)'
    ])
  })

  it('new and deleted files are complete with their diff', () => {
    const plan = planDiffs([file('new.py', 1, 3, 'added'), file('gone.py', 1, 3, 'removed')], 10_000)
    expect(coverageOf(plan).map((c) => [c.coverage, c.detail])).toEqual([
      ['full', 'new; the whole file'],
      ['full', 'deleted; the whole diff']
    ])
  })
})

describe('isGenerated', () => {
  it.each([
    'package-lock.json',
    'web/yarn.lock',
    'dist/index.js',
    'a/b.min.js',
    'x.snap',
    'go.sum',
    'notebooks/a.ipynb'
  ])('%s is generated', (p) => {
    expect(isGenerated(p)).toBe(true)
  })
  it.each(['src/index.ts', 'distance.py', 'README.md', 'lockfile.py'])('%s is not', (p) => {
    expect(isGenerated(p)).toBe(false)
  })
})

describe('mayFitContent', () => {
  it('is false when the new-side lines of the diff alone exceed the budget left', () => {
    const big = file('big.py', 1, 200)
    const tight = planDiffs([big], estimateTokens(planDiffs([big], 1e6).files[0]!.diff!) + 50)
    expect(mayFitContent(tight, 'big.py')).toBe(false)
    expect(mayFitContent(planDiffs([big], 1e6), 'big.py')).toBe(true)
    expect(mayFitContent(tight, 'unknown.py')).toBe(false)
  })
})
