import { describe, expect, it } from 'vitest'
import { triageCandidates } from '../../../src/conversation/triage-candidates.ts'
import type { OpenIssue, PostedMessages } from '../../../src/ports/github.ts'

const issue = (number: number, extra: Partial<OpenIssue> = {}): OpenIssue => ({
  number,
  title: `#${number}`,
  body: '',
  author: { login: 'ann', id: 1, isBot: false },
  association: 'NONE',
  createdAt: '2025-01-01T00:00:00Z',
  url: `https://github.com/o/r/issues/${number}`,
  labels: [],
  ...extra
})

const none: PostedMessages = { comments: [], reviews: [], reviewComments: [] }
const own: PostedMessages = {
  ...none,
  comments: [
    {
      id: 1,
      login: 'github-actions[bot]',
      userType: 'Bot',
      association: 'NONE',
      body: '<!-- git-bob-message {"request":"x"} -->\nHi',
      createdAt: 'C',
      updatedAt: 'C'
    }
  ]
}

describe('triageCandidates', () => {
  it("skips labelled issues, bots' issues and those git-bob wrote on, up to max, reading no more than needed", async () => {
    const read: number[] = []
    const picked = await triageCandidates(
      [
        issue(1, { labels: ['bug'] }),
        issue(2, { author: { login: 'bot[bot]', id: 2, isBot: true } }),
        issue(3),
        issue(4),
        issue(5),
        issue(6)
      ],
      2,
      async (n) => {
        read.push(n)
        return n === 3 ? own : none
      },
      null
    )
    expect(picked.map((i) => i.number)).toEqual([4, 5])
    expect(read).toEqual([3, 4, 5])
  })

  it('a marker a person typed does not count as git-bob having answered', async () => {
    const forged: PostedMessages = { ...none, comments: [{ ...own.comments[0]!, login: 'eve', userType: 'User' }] }
    const picked = await triageCandidates([issue(7)], 5, async () => forged, null)
    expect(picked).toHaveLength(1)
  })
})
