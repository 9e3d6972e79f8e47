import { describe, expect, it } from 'vitest'
import { fitPrompt, promptBudgetFor, renderParts, type PromptParts } from '../../../src/conversation/budget.ts'
import type { RepoContext } from '../../../src/conversation/repo-context.ts'
import type { Thread, ThreadEntry } from '../../../src/conversation/thread.ts'

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
  return { repo: 'o/r', kind: 'issue', number: 1, title: 'T', url: 'u', entries }
}

const repo: RepoContext = {
  paths: Array.from({ length: 500 }, (_, i) => `src/file_${i}.py`),
  files: [{ path: 'src/file_1.py', text: 'x = 1\n'.repeat(2000) }]
}
const none = { conversation: [], files: [] }
const parts = (t: Thread, r: RepoContext = repo): PromptParts => ({ thread: t, repo: r, leftOut: none })
const chars = (p: PromptParts): number => renderParts(p).join('').length

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
    expect(fitPrompt(parts(t), 100_000, 500)).toEqual(parts(t))
  })

  it('fits a long thread into the budget: file contents, then the list, then the oldest comments go, the request stays', () => {
    const fitted = fitPrompt(parts(thread(100, 60)), 6500, 800)
    expect(chars(fitted)).toBeLessThanOrEqual((6500 - 800) * 4)
    expect(fitted.repo.files).toEqual([])
    expect(fitted.thread.entries.at(-1)!.isRequest).toBe(true)
    expect(fitted.thread.entries[0]!.kind).toBe('description')
    expect(fitted.thread.entries.some((e) => e.body.includes('comment 100 '))).toBe(true)
    expect(fitted.thread.entries.some((e) => e.body.includes('comment 1 '))).toBe(false)
    expect(fitted.leftOut.conversation.join(' ')).toMatch(/older messages?, to fit the model's input budget/)
    expect(fitted.leftOut.files.join(' ')).toContain("src/file_1.py (its content did not fit the model's input budget)")
    expect(renderParts(fitted).join('')).toContain('## Files left out\n\n- src/file_1.py (its content did not fit')
  })

  it('cuts a huge request itself as a last resort, saying so', () => {
    const t = thread(0, 0)
    t.entries[1] = entry(1, 'x'.repeat(100_000), true)
    const fitted = fitPrompt(parts(t, { paths: [], files: [] }), 6500, 500)
    expect(chars(fitted)).toBeLessThanOrEqual(6000 * 4 + 500)
    expect(fitted.thread.entries[1]!.body).toContain("cut to fit the model's input budget")
  })

  it("keeps what the run's notes already left out, and adds to a copy of them", () => {
    const leftOut = { conversation: ['2 messages written after the request'], files: ['a.bin (not a text file)'] }
    const fitted = fitPrompt({ thread: thread(100, 60), repo, leftOut }, 6500, 800)
    expect(fitted.leftOut.conversation[0]).toBe('2 messages written after the request')
    expect(fitted.leftOut.files[0]).toBe('a.bin (not a text file)')
    expect(leftOut.conversation).toHaveLength(1)
    expect(renderParts(fitted)[0]).toContain('## Left out\n\n- 2 messages written after the request')
  })
})
