// Text in through the built action: a comment micromark would take 47 s to read is read by the bundle's worker
// (dist/markdown-worker.js) within the deadline, or not at all.
import { describe, expect, it } from 'vitest'
import { useStage } from './scenario.ts'

const stage = useStage()
// 32,000 lazy continuation lines after "> a": within every limit, 47 s for micromark.
const LAZY = `> a${'\na'.repeat(32_000)}`
// The read's deadline bounds the run; a run that read it would take minutes (no times are asserted).
const BOUND = 120_000

describe('the built action, text in', () => {
  it(
    'a comment past the read deadline as the request: no command, the person told why, once',
    async () => {
      const run = await stage.comment({ body: `${LAZY}\n\ngit-bob comment` })
      expect(run.code, stage.said(run)).toBe(0)
      expect(stage.model.requests, stage.said(run)).toHaveLength(0)
      const posted = stage.github.postedComments(1)
      expect(posted, stage.said(run)).toHaveLength(1)
      expect(posted[0]!.body, stage.said(run)).toMatch(
        /I took no command from your comment: it takes more than 2 seconds to read/
      )
    },
    BOUND
  )

  it(
    'a comment past the read deadline that does not name git-bob: the run ends, nothing asked or posted',
    async () => {
      const run = await stage.comment({ body: `${LAZY}\n\njust a long quote` })
      expect(run.code, stage.said(run)).toBe(0)
      expect(run.stdout).toContain('Nothing to do: the text does not address git-bob.')
      expect(stage.github.requests, stage.said(run)).toEqual([])
    },
    BOUND
  )
})
