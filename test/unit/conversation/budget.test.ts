import { describe, expect, it } from 'vitest'
import {
  capToolResult,
  clipEnd,
  entriesTokens,
  fitEntries,
  fitInstructions,
  fitPrompt,
  fitThread,
  keepFirstLines,
  promptBudgetFor,
  renderParts,
  type PromptParts
} from '../../../src/conversation/budget.ts'
import type { InstructionText } from '../../../src/conversation/instructions.ts'
import type { RepoContext } from '../../../src/conversation/repo-context.ts'
import type { Thread, ThreadEntry } from '../../../src/conversation/thread.ts'
import { estimateTokens } from '../../../src/conversation/tokens.ts'

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
const promptTokens = (p: PromptParts): number => renderParts(p).reduce((sum, text) => sum + estimateTokens(text), 0)

/** The one policy, measured the loader's way: the messages' tokens beyond `max`. */
const within = (max: number) => (es: readonly ThreadEntry[]) => entriesTokens(es) - max
const WHY = 'to fit'

describe('fitEntries: the one policy for a conversation', () => {
  const t = thread(20, 25) // 20 comments of about 70 tokens each
  it('leaves a conversation that fits as it is, and says nothing', () => {
    expect(fitEntries(t.entries, within(1e6), WHY)).toEqual({ kept: t.entries, leftOut: [] })
  })

  it('drops the oldest messages first and keeps the newest', () => {
    const { kept } = fitEntries(t.entries, within(entriesTokens(t.entries) / 2), WHY)
    const comments = kept.filter((e) => e.kind === 'comment' && !e.isRequest).map((e) => e.author)
    expect(comments.length).toBeGreaterThan(0)
    expect(comments.at(-1)).toBe('user20')
    expect(comments).not.toContain('user1')
    // What is kept is a run of the newest: no gaps.
    expect(comments).toEqual(Array.from({ length: comments.length }, (_, i) => `user${21 - comments.length + i}`))
  })

  it('drops whole messages: no kept message is cut', () => {
    const { kept } = fitEntries(t.entries, within(entriesTokens(t.entries) / 2), WHY)
    for (const e of kept) expect(t.entries.map((o) => o.body)).toContain(e.body)
  })

  it('drops no more than needed: the newest message it dropped would not have fitted', () => {
    const max = Math.floor(entriesTokens(t.entries) / 2)
    const { kept } = fitEntries(t.entries, within(max), WHY)
    expect(entriesTokens(kept)).toBeLessThanOrEqual(max)
    const firstKept = t.entries.indexOf(kept[1]!)
    expect(entriesTokens([...kept, t.entries[firstKept - 1]!])).toBeGreaterThan(max)
  })

  it('keeps the description and the request when every other message goes', () => {
    const { kept } = fitEntries(t.entries, within(entriesTokens([t.entries[0]!, t.entries.at(-1)!])), WHY)
    expect(kept).toEqual([t.entries[0], t.entries.at(-1)])
  })

  it('says how many older messages went, and why', () => {
    const { leftOut } = fitEntries(t.entries, within(entriesTokens(t.entries) / 2), WHY)
    expect(leftOut).toEqual([expect.stringMatching(/^\d+ older messages, to fit$/)])
  })

  it('cuts the description at its end only when dropping every other message is not enough, then the request', () => {
    const long = thread(3, 5)
    long.entries[0] = entry(0, 'd'.repeat(8000))
    long.entries[4] = entry(4, 'r'.repeat(8000), true)
    const descriptionOnly = fitEntries(long.entries, within(3200), WHY)
    expect(descriptionOnly.kept.map((e) => e.kind)).toEqual(['description', 'comment'])
    expect(descriptionOnly.kept[0]!.body).toMatch(/^d+\n\[… cut to fit\]$/)
    expect(descriptionOnly.kept[1]!.body).toBe('r'.repeat(8000))
    expect(entriesTokens(descriptionOnly.kept)).toBeLessThanOrEqual(3200)
    expect(descriptionOnly.leftOut).toEqual([
      '3 older messages, to fit',
      'the end of the description by @user0, to fit'
    ])

    const both = fitEntries(long.entries, within(1000), WHY)
    expect(both.kept[1]!.body).toMatch(/^r+\n\[… cut to fit\]$/)
    expect(both.leftOut.at(-1)).toBe('the end of the comment by @user4, to fit')
    expect(entriesTokens(both.kept)).toBeLessThanOrEqual(1000)
  })
})

describe('clipEnd', () => {
  it('keeps a text that fits, with no note', () => {
    expect(clipEnd('short', 10, 'the diff')).toEqual({ text: 'short', note: null })
  })
  it('keeps the beginning within the tokens, marks the cut, and says so in tokens', () => {
    const clipped = clipEnd(`START${'x'.repeat(100_000)}`, 1000, 'the diff')
    expect(estimateTokens(clipped.text)).toBeLessThanOrEqual(1000)
    expect(clipped.text.startsWith('START')).toBe(true)
    expect(clipped.text).toMatch(/\[… the diff cut here to fit the model's input budget\]$/)
    expect(clipped.note).toBe('the end of the diff, which was longer than about 1,000 tokens')
  })
})

describe('fitThread', () => {
  it("renders the conversation within its tokens, by the same policy, with the run's notes and its own in the list", () => {
    const t = thread(100, 60)
    const fitted = fitThread(t, ['2 messages written after the request'], 2000, 'to fit the share')
    expect(estimateTokens(fitted.text)).toBeLessThanOrEqual(2000)
    expect(fitted.text).toContain('The description.')
    expect(fitted.text).toContain('comment 100 ')
    expect(fitted.text).not.toContain('comment 1 ')
    expect(fitted.leftOut).toEqual([expect.stringMatching(/^\d+ older messages, to fit the share$/)])
    expect(fitted.text).toContain(`## Left out\n\n- 2 messages written after the request\n- ${fitted.leftOut[0]}`)
  })
})

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
    expect(promptTokens(fitted)).toBeLessThanOrEqual(6500 - 800)
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
    expect(promptTokens(fitted)).toBeLessThanOrEqual(6000)
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

  it('tells people each thing it left out, the same words the model reads', () => {
    const told: string[] = []
    const fitted = fitPrompt(parts(thread(100, 60)), 6500, 800, (note) => told.push(note))
    expect(told).toEqual([...fitted.leftOut.files, ...fitted.leftOut.conversation])
    expect(told.length).toBeGreaterThanOrEqual(3)
  })

  it('cuts the diff to what is left before any message goes, and says so', () => {
    const t: Thread = {
      ...thread(2, 5),
      pull: { files: [], diff: '+x\n'.repeat(20_000), lastReviewed: null, findings: [] }
    }
    const fitted = fitPrompt(parts(t, { paths: [], files: [] }), 6500, 500)
    expect(promptTokens(fitted)).toBeLessThanOrEqual(6000)
    expect(fitted.thread.pull!.diff).toContain("[… the diff cut here to fit the model's input budget]")
    expect(fitted.thread.entries).toEqual(t.entries)
    expect(fitted.leftOut.conversation).toEqual(["most of the diff, to fit the model's input budget"])
  })
})

describe('fitPrompt with documents', () => {
  const doc = (name: string, chars: number, fromRequest = false) => ({
    where: 'comment by @ada',
    name,
    url: `https://github.com/user-attachments/files/1/${name}`,
    text: `${name} says `.repeat(chars / 10).slice(0, chars),
    ...(fromRequest ? { fromRequest } : {})
  })

  it("counts attached documents' texts and cuts the one that does not fit at its end, the messages kept", () => {
    const t: Thread = { ...thread(2, 5), documents: [doc('r.pdf', 100_000, true)] }
    const fitted = fitPrompt(parts(t, { paths: [], files: [] }), 6500, 500)
    expect(promptTokens(fitted)).toBeLessThanOrEqual(6000)
    expect(fitted.thread.entries).toEqual(t.entries)
    expect(fitted.thread.documents![0]!.text).toMatch(
      /^r\.pdf says .*\[… the text of the document r\.pdf in the comment by @ada cut here/s
    )
    expect(estimateTokens(fitted.thread.documents![0]!.text)).toBeGreaterThan(3000)
    expect(fitted.leftOut.conversation).toEqual([
      "the end of the document r.pdf in the comment by @ada, to fit the model's input budget"
    ])
  })

  it("leaves out the least important first: documents the request does not carry, and keeps the request's whole", () => {
    const t: Thread = {
      ...thread(2, 5),
      documents: [doc('old.docx', 30_000), doc('mid.pptx', 2_000), doc('asked.pdf', 20_000, true)]
    }
    const fitted = fitPrompt(parts(t, { paths: [], files: [] }), 6500, 500)
    expect(promptTokens(fitted)).toBeLessThanOrEqual(6000)
    expect(fitted.thread.documents!.map((d) => d.name)).toEqual(['mid.pptx', 'asked.pdf'])
    expect(fitted.thread.documents![1]!.text).toBe(t.documents![2]!.text)
    // Of old.docx, too little would be left to be worth keeping.
    expect(fitted.leftOut.conversation).toEqual([
      "the document old.docx in the comment by @ada, to fit the model's input budget"
    ])
  })

  it('keeps the beginning of a repository document the request names once plain files and the list are gone', () => {
    const t = thread(1, 5)
    t.entries[2] = entry(2, 'git-bob summarise docs/report.pdf', true)
    const r: RepoContext = {
      paths: ['docs/report.pdf', 'src/a.py', ...Array.from({ length: 300 }, (_, i) => `src/f${i}.py`)],
      files: [
        { path: 'src/a.py', text: 'y = 2\n'.repeat(3000) },
        { path: 'docs/report.pdf', text: 'The report. '.repeat(4000) }
      ]
    }
    const fitted = fitPrompt(parts(t, r), 6500, 500)
    expect(promptTokens(fitted)).toBeLessThanOrEqual(6000)
    expect(fitted.repo.files.map((f) => f.path)).toEqual(['docs/report.pdf'])
    expect(fitted.repo.files[0]!.text).toContain('[… the text of docs/report.pdf cut here')
    expect(fitted.repo.paths).toEqual(['docs/report.pdf'])
    expect(fitted.leftOut.files).toEqual([
      "src/a.py (its content did not fit the model's input budget)",
      "the list of the repository's 302 files (the model's input budget is small)",
      "the end of docs/report.pdf (it did not fit the model's input budget)"
    ])
  })
})

describe('capToolResult', () => {
  it('leaves text within the cap alone', () => {
    expect(capToolResult('short', 10)).toBe('short')
  })

  it('cuts at a line end near the cap and says how much is left', () => {
    const text = Array.from({ length: 100 }, (_, i) => `line ${i}`).join('\n')
    const capped = capToolResult(text, 60)
    expect(capped.length).toBeLessThanOrEqual(240)
    expect(capped).toMatch(/\nline \d+\n\[cut here: [\d,]+ more characters not shown; ask for less/)
  })
})

describe('fitInstructions', () => {
  const file = (path: string, tokens: number, review = ''): InstructionText => ({
    path,
    general: 'x'.repeat(tokens * 4),
    review,
    trimmed: false
  })

  it('keeps every file that fits', () => {
    const files = [file('.github/git-bob.md', 100), file('AGENTS.md', 100)]
    expect(fitInstructions(files, 1000)).toEqual({ kept: files, leftOut: [] })
  })

  it('leaves out the least important files whole first, saying which', () => {
    const files = [
      file('.github/git-bob.md', 100),
      file('AGENTS.md', 300),
      file('CLAUDE.md', 300),
      file('GEMINI.md', 50)
    ]
    const fitted = fitInstructions(files, 500)
    expect(fitted.kept.map((f) => f.path)).toEqual(['.github/git-bob.md', 'AGENTS.md'])
    expect(fitted.leftOut).toEqual([
      "the instructions in GEMINI.md, to fit their share of the model's input budget",
      "the instructions in CLAUDE.md, to fit their share of the model's input budget"
    ])
  })

  it('cuts the most important file at its end when it alone is too long, keeping its review sections first', () => {
    const fitted = fitInstructions([file('AGENTS.md', 2000, '## Review\n\nFlag loops.'), file('CLAUDE.md', 10)], 500)
    expect(fitted.kept).toHaveLength(1)
    const [kept] = fitted.kept
    expect(kept!.trimmed).toBe(true)
    expect(kept!.review).toBe('## Review\n\nFlag loops.')
    expect(kept!.general).toMatch(/cut here to fit the model's input budget\]$/)
    expect(estimateTokens(kept!.general) + estimateTokens(kept!.review)).toBeLessThanOrEqual(500)
    expect(fitted.leftOut).toContain(
      "the end of the instructions in AGENTS.md, to fit their share of the model's input budget"
    )
  })
})

describe('keepFirstLines', () => {
  it('keeps the first lines that fit, in order, and counts the rest', () => {
    // Each "- abc" line with its newline is two tokens (6 characters).
    expect(keepFirstLines(['- abc', '- def', '- ghi'], 4)).toEqual({ kept: ['- abc', '- def'], dropped: 1 })
    expect(keepFirstLines(['- abc'], 0)).toEqual({ kept: [], dropped: 1 })
    expect(keepFirstLines([], 10)).toEqual({ kept: [], dropped: 0 })
  })
})
