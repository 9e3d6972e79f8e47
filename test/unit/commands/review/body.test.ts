import { describe, expect, it } from 'vitest'
import type { MovedComment, ProposedComment } from '../../../../src/commands/review/anchor.ts'
import {
  commentItem,
  coverageList,
  decidedList,
  reviewBody,
  type ReviewFacts,
  type Verdict
} from '../../../../src/commands/review/body.ts'
import type { CoverageEntry } from '../../../../src/commands/review/budget.ts'

const HEAD = '1234567890abcdef1234567890abcdef12345678'
const verdict: Verdict = { fulfils: 'Yes, it reads empty lines now.', risks: ['Slower on huge files'], missing: [] }
const coverage: CoverageEntry[] = [
  { path: 'a.py', coverage: 'full', detail: 'the whole diff and the whole new file' },
  {
    path: 'b.py',
    coverage: 'partial',
    detail: 'the whole diff, not the rest of the file (the rest of the file did not fit the budget)'
  },
  { path: 'c.py', coverage: 'none', detail: 'did not fit the token budget' },
  { path: 'd.py', coverage: 'none', detail: 'did not fit the token budget' }
]
const facts: ReviewFacts = {
  head: HEAD,
  scope: { kind: 'full', why: 'this is the first review' },
  coverage,
  usedTokens: 12_345,
  budgetTokens: 50_000
}

describe('reviewBody', () => {
  it('has the verdict, the risks, what is missing, what was reviewed, and says it only comments', () => {
    const { body } = reviewBody(verdict, facts, [], [])
    expect(body).toContain(
      '**Review of the whole pull request** at 1234567 (4 changed files; this is the first review).'
    )
    expect(body).toContain('**Does it do what was asked?** Yes, it reads empty lines now.')
    expect(body).toContain('**Risks**\n\n- Slower on huge files')
    expect(body).toContain('**Missing**\n\n- nothing found')
    expect(body).toContain('**In full (1):**\n\n- the whole diff and the whole new file: `a.py`')
    expect(body).toContain('**In part (1):**')
    expect(body).toContain('**Not at all (2):**\n\n- did not fit the token budget: `c.py`, `d.py`')
    // The estimate says it is one, beside the stamp's count by the provider (e.g. 1,352 estimated, 1,200 counted).
    expect(body).toContain(
      'The prompt took about 12,345 of the 50,000 tokens the review budget allows, as git-bob estimates them before sending (characters ÷ 4); the stamp gives the tokens the provider counted, over every model call of this run.'
    )
    expect(body).toContain('I never approve, request changes or merge')
  })

  it('names an incremental review with both commits', () => {
    const { body } = reviewBody(
      verdict,
      { ...facts, scope: { kind: 'since', since: 'abcdef0' + '0'.repeat(33) } },
      [],
      []
    )
    expect(body).toContain('**Review of the changes since my last review** (abcdef0 → 1234567, 4 changed files).')
  })

  it('lists moved comments with why, and folds placed ones in only for the fallback body', () => {
    const moved: MovedComment[] = [
      {
        path: 'a.py',
        line: 99,
        startLine: null,
        body: 'Off by one.',
        suggestion: 'i + 1',
        why: 'line 99 of `a.py` is not part of the diff'
      }
    ]
    const placed: ProposedComment[] = [{ path: 'a.py', line: 3, startLine: 1, body: 'Rename this.', suggestion: null }]
    const { body, withInline } = reviewBody(verdict, facts, moved, placed)
    expect(body).toContain('### Comments that could not be placed on the diff')
    expect(body).toContain('- **`a.py`, line 99** (line 99 of `a.py` is not part of the diff): Off by one.')
    expect(body).toContain('  Suggested replacement:\n\n  ```\n  i + 1\n  ```')
    expect(body).not.toContain('Rename this.')
    expect(withInline).toContain('### Line comments\n\n- **`a.py`, lines 1–3**: Rename this.')
  })

  it('collapses the list of a large pull request', () => {
    const many = Array.from({ length: 30 }, (_, i): CoverageEntry => ({
      path: `f${i}.py`,
      coverage: 'none',
      detail: 'did not fit the token budget'
    }))
    const { body } = reviewBody(verdict, { ...facts, coverage: many }, [], [])
    expect(body).toContain('<details><summary>0 files in full, 0 in part, 30 not at all</summary>')
    expect(body).toContain('`f29.py`')
  })
})

describe('coverageList', () => {
  it('shortens a very long list with counts instead of names', () => {
    const many = Array.from({ length: 1000 }, (_, i): CoverageEntry => ({
      path: `src/module_${i}/file.py`,
      coverage: 'none',
      detail: 'did not fit the token budget'
    }))
    const list = coverageList(many, 2000)
    expect(list.length).toBeLessThan(2400)
    expect(list).toContain('**Not at all (1000):**')
    expect(list).toMatch(/, and \d+ more/)
    expect(list).toMatch(/\d+ file names are left out of this list/)
    expect(list).toContain("within GitHub's size limit")
    expect(coverageList(many, 2000, 'GitLab')).toContain("within GitLab's size limit")
  })
})

describe('commentItem', () => {
  it('flattens the comment onto one bullet', () => {
    expect(commentItem({ path: 'x', line: 1, startLine: null, body: 'a\n\nb', suggestion: null }, null)).toBe(
      '- **`x`, line 1**: a b'
    )
  })
})

describe('decidedList', () => {
  it('how many earlier findings were left out, where they are and who decided, not their text', () => {
    const items = [
      { place: '`a.py`, line 3', ways: ['@maria resolved the thread', '@maria replied "won\'t fix"'] },
      { place: '`b.py`', ways: ['@lee marked it 👎'] }
    ]
    expect(decidedList(items)).toBe(
      '### Already decided\n\n2 earlier findings were left out: already decided in this pull request.\n\n' +
        '- `a.py`, line 3 (@maria resolved the thread; @maria replied "won\'t fix")\n- `b.py` (@lee marked it 👎)'
    )
    expect(decidedList(items.slice(0, 1))).toContain('1 earlier finding was left out')
    expect(decidedList([])).toBe('')
  })

  it('comes before what was reviewed, in both bodies', () => {
    const withDecided = { ...facts, decided: [{ place: '`a.py`', ways: ['@maria marked it 👎'] }] }
    for (const text of Object.values(reviewBody(verdict, withDecided, [], [])))
      expect(text.indexOf('### Already decided')).toBeLessThan(text.indexOf('### What I reviewed'))
  })
})
