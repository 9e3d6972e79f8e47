import { describe, expect, it } from 'vitest'
import type { EarlierFinding } from '../../../../src/conversation/earlier-findings.ts'
import { findDismissed, findingPlace, type DismissalPort } from '../../../../src/commands/review/dismissed.ts'
import type { ReviewThreadState } from '../../../../src/ports/github.ts'

const finding = (id: number, over: Partial<EarlierFinding> = {}): EarlierFinding => ({
  id,
  path: 'src/load.py',
  line: 10 + id,
  text: `Finding ${id}.\n\nMore words.`,
  replies: [],
  thumbsDown: 0,
  ...over
})

function port(
  writers: string[],
  threads: ReviewThreadState[] = [],
  thumbs: Record<number, string[]> = {}
): DismissalPort & { asked: string[]; reactionReads: number[] } {
  const asked: string[] = []
  const reactionReads: number[] = []
  return {
    asked,
    reactionReads,
    reviewThreads: () => Promise.resolve(threads),
    thumbsDownOn: (id) => {
      reactionReads.push(id)
      return Promise.resolve(thumbs[id] ?? [])
    },
    mayDismiss: (login) => {
      asked.push(login)
      return Promise.resolve(writers.includes(login))
    }
  }
}

describe('findDismissed', () => {
  it('a thread resolved, a dismissing reply or a 👎, each by someone with write access', async () => {
    const findings = [
      finding(1),
      finding(2, { replies: [{ login: 'maria', isBot: false, body: "Won't fix: it is intended." }] }),
      finding(3, { thumbsDown: 1 }),
      finding(4)
    ]
    const p = port(['maria', 'lead'], [{ rootCommentId: 1, resolved: true, resolvedBy: 'lead' }], { 3: ['maria'] })
    const { dismissed, unchecked } = await findDismissed(findings, p)
    expect(dismissed.map((d) => [d.finding.id, d.ways])).toEqual([
      [1, ['@lead resolved the thread']],
      [2, ['@maria replied "won\'t fix"']],
      [3, ['@maria marked it 👎']]
    ])
    expect(dismissed[1]!.reply).toEqual({ login: 'maria', body: "Won't fix: it is intended." })
    expect(unchecked).toEqual([])
    // Reactions are read only where the summary counts a 👎.
    expect(p.reactionReads).toEqual([3])
  })

  it('an outsider, a bot, or a reply that agrees dismisses nothing', async () => {
    const findings = [
      finding(1),
      finding(2, { replies: [{ login: 'stranger', isBot: false, body: 'Not an issue.' }] }),
      finding(3, { replies: [{ login: 'helper[bot]', isBot: true, body: 'Not an issue.' }] }),
      finding(4, { replies: [{ login: 'maria', isBot: false, body: 'Good catch, will fix.' }] }),
      finding(5, { thumbsDown: 2 })
    ]
    const p = port(['maria', 'helper[bot]'], [{ rootCommentId: 1, resolved: true, resolvedBy: 'author' }], {
      5: ['stranger', 'author']
    })
    expect((await findDismissed(findings, p)).dismissed).toEqual([])
  })

  it('a failed read of the threads is said, and the replies still count', async () => {
    const findings = [
      finding(1, { replies: [{ login: 'maria', isBot: false, body: 'Intended.' }] }),
      finding(2, { replies: [{ login: 'maria', isBot: false, body: 'Not a bug.' }] })
    ]
    const p: DismissalPort = {
      ...port(['maria']),
      reviewThreads: () => Promise.reject(new Error('Something went wrong while executing your query.'))
    }
    const { dismissed, unchecked } = await findDismissed(findings, p)
    expect(dismissed).toHaveLength(2)
    expect(unchecked).toEqual([
      "which threads are resolved (GitHub's GraphQL API answered: Something went wrong while executing your query.)"
    ])
  })

  it('asks no one when there are no findings', async () => {
    const p = port([])
    expect(await findDismissed([], p)).toEqual({ dismissed: [], unchecked: [] })
    expect(p.asked).toEqual([])
  })
})

describe('findingPlace', () => {
  it('the file, and the line when GitHub still places it', () => {
    expect(findingPlace(finding(1))).toBe('`src/load.py`, line 11')
    expect(findingPlace(finding(1, { line: null }))).toBe('`src/load.py`')
  })
})
