import { describe, expect, it } from 'vitest'
import { fitPrompt, promptBudgetFor } from '../../../src/conversation/budget.ts'
import type { RepoContext } from '../../../src/conversation/repo-context.ts'
import { renderRepoContext } from '../../../src/conversation/repo-context.ts'
import { renderThread, type Thread, type ThreadEntry } from '../../../src/conversation/thread.ts'

function entry(i: number, body: string, isRequest = false): ThreadEntry {
  return {
    kind: i === 0 ? 'description' : 'comment',
    author: `user${i}`,
    standing: 'maintainer',
    createdAt: '2026-01-01T00:00:00Z',
    body,
    isRequest
  }
}

function thread(comments: number, each: number): Thread {
  const entries = [
    entry(0, 'The description.'),
    ...Array.from({ length: comments }, (_, i) => entry(i + 1, `comment ${i + 1} `.repeat(each))),
    entry(comments + 1, 'git-bob comment', true)
  ]
  return { repo: 'o/r', kind: 'issue', number: 1, title: 'T', url: 'u', entries, notes: [], alreadyAnswered: false }
}

const repo: RepoContext = {
  paths: Array.from({ length: 500 }, (_, i) => `src/file_${i}.py`),
  files: [{ path: 'src/file_1.py', text: 'x = 1\n'.repeat(2000) }],
  notes: []
}
const chars = (t: Thread, r: RepoContext): number => renderThread(t).length + renderRepoContext(r).length

describe('promptBudgetFor', () => {
  it('is small for GitHub Models, large otherwise, the smallest of a chain, and the configured one when set', () => {
    expect(promptBudgetFor(['github_models'], null)).toBe(6500)
    expect(promptBudgetFor(['openai'], null)).toBe(100_000)
    expect(promptBudgetFor(['openai', 'github_models'], null)).toBe(6500)
    expect(promptBudgetFor(['github_models'], 30_000)).toBe(30_000)
  })
})

describe('fitPrompt', () => {
  it('leaves a prompt that fits unchanged', () => {
    const t = thread(2, 5)
    expect(fitPrompt(t, repo, 100_000, 500)).toEqual({ thread: t, repo })
  })

  it('fits a long thread into the budget: file contents, then the list, then the oldest comments go, the request stays', () => {
    const fitted = fitPrompt(thread(100, 60), repo, 6500, 800)
    expect(chars(fitted.thread, fitted.repo)).toBeLessThanOrEqual((6500 - 800) * 4)
    expect(fitted.repo.files).toEqual([])
    expect(fitted.thread.entries.at(-1)!.isRequest).toBe(true)
    expect(fitted.thread.entries[0]!.kind).toBe('description')
    expect(fitted.thread.entries.some((e) => e.body.includes('comment 100 '))).toBe(true)
    expect(fitted.thread.entries.some((e) => e.body.includes('comment 1 '))).toBe(false)
    expect(fitted.thread.notes.join(' ')).toMatch(/older message\(s\), to fit the model's input budget/)
    expect(fitted.repo.notes.join(' ')).toContain("src/file_1.py (its content did not fit the model's input budget)")
  })

  it('cuts a huge request itself as a last resort, saying so', () => {
    const t = thread(0, 0)
    t.entries[1] = entry(1, 'x'.repeat(100_000), true)
    const fitted = fitPrompt(t, { paths: [], files: [], notes: [] }, 6500, 500)
    expect(chars(fitted.thread, { paths: [], files: [], notes: [] })).toBeLessThanOrEqual(6000 * 4 + 500)
    expect(fitted.thread.entries[1]!.body).toContain("cut to fit the model's input budget")
  })
})
