// Markdown anyone can write that micromark cannot read in time, or at all (15,000 nested quotes overflow its
// stack; thousands of "*a" in one paragraph take seconds): wherever it comes in or goes out, the run ends
// normally, with one message, and the safe side is taken (markdown/limits.ts, docs/security.md).
import { describe, expect, it } from 'vitest'
import { useShortReadDeadline } from '../fakes/read-deadline.ts'
import { useStage } from './stage.ts'

const stage = useStage()
const BEFORE = '2019-05-15T15:00:00Z'
const DEEP = '> '.repeat(15_000)
const SLOW = '*a'.repeat(32_000)
// Within every limit, but micromark's time grows with its square: 47 s to read 32,000 lazy continuation lines.
// The read's deadline bounds each run below; a run that read it would take minutes (no times are asserted).
const LAZY = `> a${'\na'.repeat(32_000)}`
const BOUND = 120_000

describe('markdown too complex to read', () => {
  it.each([
    ['15,000 nested quotes', `${DEEP}git-bob comment`],
    ['a paragraph of 32,000 emphasis openers', `${SLOW}\n\ngit-bob comment`]
  ])('a request of %s runs no command and tells the person why, once', async (_name, body) => {
    const run = await stage.comment({ body })
    expect(run.code).toBe(0)
    expect(stage.model.requests).toHaveLength(0)
    const posted = stage.github.postedComments(1)
    expect(posted).toHaveLength(1)
    expect(posted[0]!.body).toMatch(/I took no command from your comment: it (nests|has too many)/)
    expect(run.outputs.command).toBe('help')
  })

  it('a request that does not address git-bob is ignored, without a message', async () => {
    const run = await stage.comment({ body: `${DEEP}just a deep quote` })
    expect(run.code).toBe(0)
    expect(stage.github.postedComments(1)).toHaveLength(0)
  })

  it('leaves messages it cannot read out of the prompt, with a note; the rest is answered as usual', async () => {
    for (const body of [`${DEEP}a <!-- INJECTED -->`, `${SLOW}\n\n<!-- INJECTED -->`])
      stage.github.addComment(1, { login: 'alice', association: 'CONTRIBUTOR', body, createdAt: BEFORE })
    stage.model.fallback = () => 'Fine.'
    const run = await stage.comment({ body: 'git-bob comment', issueBody: `${DEEP}[x]: INJECTED` })
    expect(run.code).toBe(0)
    expect(stage.model.requests).toHaveLength(1)
    const prompt = String(stage.model.requests[0]!.body.messages[1]!.content)
    expect(prompt).not.toContain('INJECTED')
    expect(prompt.match(/\[This message \([\d,]+ characters\) is left out: it/g)).toHaveLength(3)
    expect(stage.github.postedComments(1)).toHaveLength(1)
  })

  it('posts model text it cannot read once, on the safe side: no mention or hidden text', async () => {
    stage.model.fallback = () => `${DEEP}@victim <!-- HIDDEN -->\n\n${'*a'.repeat(15_000)}`
    const run = await stage.comment({ body: 'git-bob comment' })
    expect(run.code).toBe(0)
    const posted = stage.github.postedComments(1)
    expect(posted).toHaveLength(1)
    const body = posted[0]!.body
    expect(body).toContain('@\u200bvictim')
    expect(body).toContain('&lt;!-- HIDDEN -->')
    expect(body).toContain('*a*a*a')
  })

  describe('a text within the limits that takes longer than the deadline to read', () => {
    // Half a second instead of 2 s for each read past it: the lazy text takes micromark 47 s either way.
    useShortReadDeadline()
    it(
      'as the request: no command, and the person is told why, once',
      async () => {
        const run = await stage.comment({ body: `${LAZY}\n\ngit-bob comment` })
        expect(run.code).toBe(0)
        expect(stage.model.requests).toHaveLength(0)
        const posted = stage.github.postedComments(1)
        expect(posted).toHaveLength(1)
        expect(posted[0]!.body).toMatch(/I took no command from your comment: it takes more than 0.5 seconds to read/)
        expect(run.outputs.command).toBe('help')
      },
      BOUND
    )

    it(
      'as a comment that does not name git-bob: the run ends before the gate, without a call to GitHub',
      async () => {
        const run = await stage.comment({ body: `${LAZY}\n\njust a long quote, git bob` })
        expect(run.code).toBe(0)
        expect(run.stdout).toContain('Nothing to do: the text does not address git-bob.')
        expect(stage.github.requests).toEqual([])
      },
      BOUND
    )

    it(
      'in the thread: the request is answered, and the message left out with a note',
      async () => {
        stage.github.addComment(1, {
          login: 'alice',
          association: 'CONTRIBUTOR',
          body: `${LAZY}\n<!-- INJECTED -->`,
          createdAt: BEFORE
        })
        stage.model.fallback = () => 'Fine.'
        const run = await stage.comment({ body: 'git-bob comment' })
        expect(run.code).toBe(0)
        expect(stage.model.requests).toHaveLength(1)
        const prompt = String(stage.model.requests[0]!.body.messages[1]!.content)
        expect(prompt).not.toContain('INJECTED')
        expect(prompt).toContain('is left out: it takes more than 0.5 seconds to read')
        const posted = stage.github.postedComments(1)
        expect(posted).toHaveLength(1)
        expect(posted[0]!.body).toContain('Fine.')
      },
      BOUND
    )

    it(
      'as the answer: posted once, on the safe side',
      async () => {
        stage.model.fallback = () => `${LAZY}\n@victim fixes #1 <!-- HIDDEN -->`
        const run = await stage.comment({ body: 'git-bob comment' })
        expect(run.code).toBe(0)
        const posted = stage.github.postedComments(1)
        expect(posted).toHaveLength(1)
        expect(posted[0]!.body).toContain('@\u200bvictim')
        expect(posted[0]!.body).toContain('&lt;!-- HIDDEN -->')
      },
      BOUND
    )
  })
})
