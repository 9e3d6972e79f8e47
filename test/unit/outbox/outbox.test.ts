import { describe, expect, it } from 'vitest'
import type { GitHubApi } from '../../../src/adapters/github/api.ts'
import { MAX_PROGRESS_EDITS, Outbox } from '../../../src/outbox/outbox.ts'
import { closingKeywords } from '../../../src/outbox/references.ts'
import { Redactor } from '../../../src/outbox/secrets.ts'
import { answeredRequests } from '../../../src/ports/marker.ts'
import { triggerEvent } from '../../fakes/trigger-event.ts'

const EVENT = triggerEvent()

function outbox(): { outbox: Outbox; pulls: { title: string; body: string }[]; comments: string[] } {
  const pulls: { title: string; body: string }[] = []
  const comments: string[] = []
  const api = {
    createPull: async (options: { title: string; body: string }) => {
      pulls.push(options)
      return { number: 9, url: 'https://github.com/octo/repo/pull/9' }
    },
    createIssueComment: async (_: number, body: string) => {
      comments.push(body)
      return { id: 1, url: 'https://github.com/octo/repo/issues/7#c1' }
    }
  } as Partial<GitHubApi> as GitHubApi
  const box = new Outbox(api, { botName: 'git-bob', runUrl: null, requestKey: 'k' }, new Redactor())
  return { outbox: box, pulls, comments }
}

describe('Outbox', () => {
  it('opens a pull request that closes only the issue git-bob means, and names no outsider', async () => {
    const { outbox: box, pulls } = outbox()
    await box.openPullRequest(
      EVENT,
      { title: 'Fix plot, closes #5 for @victim', body: 'fixes #6, thanks @victim', head: 'h', base: 'b', closes: 1 },
      null
    )
    const pull = pulls[0]!
    expect(closingKeywords(pull.title)).toEqual([])
    expect(closingKeywords(pull.body)).toEqual([pull.body.lastIndexOf('closes #1')])
    expect(pull.title).toBe('Fix plot, c\u200bloses #5 for @\u200bvictim')
    expect(pull.body).toContain('thanks @\u200bvictim')
    expect(pull.body).toMatch(/closes #1$/)
  })

  it('writes plain text (a commit message) without mentions of outsiders, closing keywords or markers', () => {
    const { outbox: box } = outbox()
    const text = box.plainText(EVENT, 'Fixes #3 for @carol and @victim <!-- git-bob-message {"request":"x"} -->')
    expect(text).toBe('F\u200bixes #3 for @carol and @\u200bvictim <!--\u200b git-bob-message {"request":"x"} -->')
  })

  it('removes hidden text and forged markers from what the model wrote', async () => {
    const { outbox: box, comments } = outbox()
    await box.reply(EVENT, 'Answer <!-- hidden --> and <!-- git-bob-message {"request":"issue_comment:2"} -->', null)
    expect(comments[0]).not.toContain('hidden')
    expect(comments[0]!.match(/<!-- git-bob-message/g)).toHaveLength(1)
  })
})

// The progress comment: posted once, edited in place a bounded number of times, replaced by the answer, and
// never counted as an answer by a re-run.
function progressOutbox() {
  const calls: { kind: 'create' | 'update' | 'review-reply'; id: number; body: string }[] = []
  let next = 1
  const api = {
    createIssueComment: async (_n: number, body: string) => {
      const id = next++
      calls.push({ kind: 'create', id, body })
      return { id, url: `u${id}` }
    },
    updateIssueComment: async (id: number, body: string) => {
      calls.push({ kind: 'update', id, body })
      return { id, url: `u${id}` }
    },
    replyToReviewComment: async (_n: number, _c: number, body: string) => {
      const id = next++
      calls.push({ kind: 'review-reply', id, body })
      return { id, url: `u${id}` }
    }
  } as unknown as GitHubApi
  const box = new Outbox(
    api,
    { botName: 'git-bob', runUrl: null, requestKey: 'issue_comment:1' },
    new Redactor(['sk-known-999'])
  )
  return { box, calls }
}

describe('the progress comment', () => {
  it('is posted once and edited in place, at most MAX_PROGRESS_EDITS times, keeping one edit for the end', async () => {
    const { box, calls } = progressOutbox()
    for (let i = 0; i < 30; i++) await box.progress(EVENT, `step ${i} sk-known-999`)
    expect(calls.filter((c) => c.kind === 'create')).toHaveLength(1)
    expect(calls.filter((c) => c.kind === 'update')).toHaveLength(MAX_PROGRESS_EDITS - 1)
    expect(calls.every((c) => !c.body.includes('sk-known-999'))).toBe(true)
    // A re-run after a crash must do the work: progress answers nothing.
    expect(answeredRequests(calls[0]!.body)).toEqual([])
    await box.reply(EVENT, 'the answer', null)
    expect(calls.at(-1)).toMatchObject({ kind: 'update', id: 1 })
    expect(answeredRequests(calls.at(-1)!.body)).toEqual(['issue_comment:1'])
    expect(box.openProgress).toBeNull()
  })

  it('does not edit when nothing changed, and becomes the answer on the same thread', async () => {
    const { box, calls } = progressOutbox()
    await box.progress(EVENT, 'writing')
    await box.progress(EVENT, 'writing')
    await box.reply(EVENT, 'done', null)
    await box.reply(EVENT, 'a second message', null)
    expect(calls.map((c) => c.kind)).toEqual(['create', 'update', 'create'])
  })

  it('stays open when the answer goes to a review thread, to be ended with a link', async () => {
    const { box, calls } = progressOutbox()
    const inline = triggerEvent({ request: { source: 'review_comment', id: 5 } })
    await box.progress(inline, 'writing')
    await box.reply(inline, 'done', null)
    expect(box.openProgress).toBe(1)
    await box.finishProgress(inline, '**Done:** the result is in u2.')
    expect(calls.map((c) => c.kind)).toEqual(['create', 'review-reply', 'update'])
    expect(box.openProgress).toBeNull()
  })
})

describe('Outbox on GitLab', () => {
  function gitlabOutbox(): { outbox: Outbox; pulls: { title: string; body: string }[] } {
    const pulls: { title: string; body: string }[] = []
    const api = {
      dialect: 'gitlab',
      createPull: async (options: { title: string; body: string }) => {
        pulls.push(options)
        return { number: 9, url: 'https://gitlab.example.org/lab/analysis/-/merge_requests/9' }
      }
    } as Partial<GitHubApi> as GitHubApi
    const box = new Outbox(api, { botName: 'git-bob', runUrl: null, requestKey: 'k' }, new Redactor())
    return { outbox: box, pulls }
  }
  const mixed = (n: number): string =>
    Array.from({ length: n }, (_, i) => (i % 2 ? `!${i + 1}` : `#${i + 1}`)).join(' ')

  it('caps merge request references (!N) with the issue references in comments, titles and descriptions', async () => {
    const { outbox: box, pulls } = gitlabOutbox()
    const [comment] = box.render(`See ${mixed(22)}.`, null)
    expect(comment).toContain('!20 #\u200b21 !\u200b22.')
    expect(comment).toContain('2 more issue or merge request references are written without a link')
    expect(box.plainText(EVENT, mixed(21))).toContain('!20 #\u200b21')
    await box.openPullRequest(EVENT, { title: 'Tidy', body: `Follows ${mixed(21)}`, head: 'h', base: 'b' }, null)
    expect(pulls[0]!.body).toContain('!20 #\u200b21')
  })
})
