// GitHubApi against the GitHub stand-in over real HTTP, through the real Octokit with its retry and throttling
// plugins: each method's exact requests (method, path, query, body; as octokit's own tests assert their
// __requestLog), the pages it follows, and what it makes of GitHub's refusals.
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { GitHubApi } from '../../../../src/adapters/github/api.ts'
import { httpStatus } from '../../../../src/errors.ts'
import { createOctokit } from '../../../../src/adapters/github/client.ts'
import { GitHubRequestCapError, MissingPermissionError } from '../../../../src/errors.ts'
import { FakeGitHub } from '../../../fakes/github.ts'

const REPO = '/repos/Codertocat/Hello-World'
const SHA = 'a'.repeat(40)

let github: FakeGitHub
beforeEach(async () => {
  github = await new FakeGitHub().start()
})
afterEach(() => github.close())

async function api(): Promise<GitHubApi> {
  const octokit = await createOctokit('ghs_test', {
    onLimit: () => undefined,
    baseUrl: github.url,
    retryBaseMs: 1,
    spacingMs: { write: 0, notifications: 0, search: 0 }
  })
  return new GitHubApi(octokit, { owner: github.owner, repo: github.repo })
}

/** The requests the stand-in received, as "METHOD path?query" and the JSON body, if any. */
function requestLog(): { request: string; body?: unknown }[] {
  return github.requests.map((r) => ({
    request: `${r.method} ${r.path}${r.query.size ? `?${r.query.toString()}` : ''}`,
    ...(r.body === undefined ? {} : { body: r.body })
  }))
}

/** The rejection a call ends in (the test fails if it resolves). */
async function refusal(call: Promise<unknown>): Promise<unknown> {
  return call.then(
    () => expect.unreachable('the call resolved'),
    (error: unknown) => error
  )
}

const notAccessible = {
  message: 'Resource not accessible by integration',
  documentation_url: 'https://docs.github.com'
}

describe('GitHubApi.limitRequests', () => {
  beforeEach(() => {
    for (let i = 0; i < 250; i++) github.addComment(5, { login: 'bob', body: `comment ${i}` })
  })

  it("refuses the model's reads once the run made as many requests as it may, before they are sent", async () => {
    const gh = await api()
    gh.limitRequests(3)
    await gh.issue(5)
    await gh.issue(5)
    expect(gh.calls).toBe(2)
    github.requests.length = 0
    // Three pages of comments: the first is the third request, the second is refused.
    await expect(gh.forModel(() => gh.issueComments(5))).rejects.toBeInstanceOf(GitHubRequestCapError)
    expect(github.requests).toHaveLength(1)
    expect(gh.calls).toBe(3)
    expect(gh.capReached).toBe(true)
    await expect(gh.forModel(() => gh.issue(5))).rejects.toThrow(
      "git-bob's limit of 3 GitHub API requests in one run (max-github-requests) is reached"
    )
    expect(github.requests).toHaveLength(1)
  })

  it("never refuses git-bob's own requests: they are counted, not capped", async () => {
    const gh = await api()
    gh.limitRequests(1)
    await gh.issue(5)
    await gh.issue(5)
    expect(gh.calls).toBe(2)
    expect(gh.capReached).toBe(false)
  })
})

describe('GitHubApi reads', () => {
  it('fullName: owner/name of the repository it reads, without a request', async () => {
    const gh = await api()
    expect(gh.fullName).toBe('Codertocat/Hello-World')
    expect(requestLog()).toEqual([])
  })

  it('permission: the role name first, a 404 as no collaborator; each login asked once', async () => {
    github.permissions.set('alice', 'maintain')
    github.permissions.set('carol', 'triage')
    const gh = await api()
    expect(await gh.permission('alice')).toBe('maintain')
    expect(await gh.permission('carol')).toBe('triage')
    expect(await gh.permission('mallory')).toBe('none')
    expect(await gh.permission('Alice')).toBe('maintain')
    expect(await gh.permission('mallory')).toBe('none')
    expect(requestLog()).toEqual([
      { request: `GET ${REPO}/collaborators/alice/permission` },
      { request: `GET ${REPO}/collaborators/carol/permission` },
      { request: `GET ${REPO}/collaborators/mallory/permission` }
    ])
  })

  it('issueComments: every page of 100, following the next link, as authored comments', async () => {
    for (let i = 0; i < 201; i++) github.addComment(5, { login: 'bob', body: `comment ${i}`, createdAt: 'T' })
    const gh = await api()
    const comments = await gh.issueComments(5)
    expect(comments).toHaveLength(201)
    expect(comments[200]).toMatchObject({ body: 'comment 200', login: 'bob', userType: 'User', createdAt: 'T' })
    expect(requestLog()).toEqual([
      { request: `GET ${REPO}/issues/5/comments?per_page=100` },
      { request: `GET ${REPO}/issues/5/comments?per_page=100&page=2` },
      { request: `GET ${REPO}/issues/5/comments?per_page=100&page=3` }
    ])
    expect(gh.calls).toBe(3)
  })

  it('posted: comments alone on an issue; comments, reviews and review comments on a pull request', async () => {
    github.addComment(7, { login: 'bob', body: 'hi' })
    github.addPull(7, {
      reviews: [{ id: 11, login: 'ann', association: 'MEMBER', body: 'ok', state: 'COMMENTED', submittedAt: 'S' }],
      reviewComments: [
        {
          id: 12,
          login: 'ann',
          userType: 'User',
          association: 'MEMBER',
          body: 'here',
          createdAt: 'C',
          updatedAt: 'U',
          path: 'a.py',
          line: 3,
          inReplyTo: 10
        }
      ]
    })
    github.reactAs('carl', 12, '-1')
    github.reactAs('dora', 12, '+1')
    const gh = await api()
    const onIssue = await gh.posted(7, false)
    expect(onIssue.reviews).toEqual([])
    expect(onIssue.reviewComments).toEqual([])
    expect(requestLog()).toEqual([{ request: `GET ${REPO}/issues/7/comments?per_page=100` }])

    github.requests.length = 0
    const onPull = await gh.posted(7, true)
    expect(onPull.comments.map((c) => c.body)).toEqual(['hi'])
    expect(onPull.reviews).toEqual([
      {
        id: 11,
        body: 'ok',
        login: 'ann',
        userType: 'User',
        association: 'MEMBER',
        submittedAt: 'S',
        state: 'COMMENTED'
      }
    ])
    expect(onPull.reviewComments).toEqual([
      {
        id: 12,
        body: 'here',
        login: 'ann',
        userType: 'User',
        association: 'MEMBER',
        createdAt: 'C',
        updatedAt: 'U',
        path: 'a.py',
        line: 3,
        inReplyTo: 10,
        thumbsDown: 1
      }
    ])
    expect(
      requestLog()
        .map((r) => r.request)
        .sort()
    ).toEqual([
      `GET ${REPO}/issues/7/comments?per_page=100`,
      `GET ${REPO}/pulls/7/comments?per_page=100`,
      `GET ${REPO}/pulls/7/reviews?per_page=100`
    ])
  })

  it('reviewThreads: the GraphQL query page after page, each thread by its first comment', async () => {
    const comment = (id: number, inReplyTo?: number) => ({
      id,
      login: 'github-actions[bot]',
      userType: 'Bot' as const,
      association: 'NONE' as const,
      body: 'x',
      createdAt: 'C',
      updatedAt: 'U',
      path: 'a.py',
      line: 3,
      ...(inReplyTo ? { inReplyTo } : {})
    })
    github.addPull(7, { reviewComments: [comment(21), comment(22), comment(23, 21), comment(24)] })
    github.resolveThread(7, 21, 'maria')
    const gh = await api()
    expect(await gh.reviewThreads(7)).toEqual([
      { rootCommentId: 21, resolved: true, resolvedBy: 'maria' },
      { rootCommentId: 22, resolved: false, resolvedBy: null },
      { rootCommentId: 24, resolved: false, resolvedBy: null }
    ])
    // Pages of two threads in the stand-in: the second asked from the first's end cursor.
    expect(requestLog().map((r) => [r.request, (r.body as { variables: unknown }).variables])).toEqual([
      ['POST /graphql', { owner: 'Codertocat', repo: 'Hello-World', number: 7, cursor: null }],
      ['POST /graphql', { owner: 'Codertocat', repo: 'Hello-World', number: 7, cursor: '2' }]
    ])
    // A pull request GitHub does not know: a GraphQL error, thrown.
    await expect(gh.reviewThreads(8)).rejects.toThrow('Could not resolve to a PullRequest with the number of 8.')
  })

  it('thumbsDownOn: the people who reacted 👎 on a review comment', async () => {
    github.reactAs('carl', 12, '-1')
    github.reactAs('dora', 12, '+1')
    github.reactAs('erin', 12, '-1')
    const gh = await api()
    expect(await gh.thumbsDownOn(12)).toEqual(['carl', 'erin'])
    expect(requestLog()).toEqual([{ request: `GET ${REPO}/pulls/comments/12/reactions?content=-1&per_page=100` }])
  })

  it('pullFiles, pullState and pullDiff: the JSON files and state, the diff by its media type', async () => {
    github.addPull(3, {
      files: [{ filename: 'a.py', status: 'modified', additions: 1, deletions: 0, patch: '@@ -1 +1 @@\n+x' }],
      headSha: 'h'.repeat(40),
      baseSha: 'b'.repeat(40)
    })
    const gh = await api()
    expect(await gh.pullFiles(3)).toEqual([
      { filename: 'a.py', status: 'modified', additions: 1, deletions: 0, patch: '@@ -1 +1 @@\n+x' }
    ])
    expect(await gh.pullState(3)).toEqual({ headSha: 'h'.repeat(40), baseSha: 'b'.repeat(40) })
    expect(await gh.pullDiff(3)).toBe('diff --git a/a.py b/a.py\n--- a/a.py\n+++ b/a.py\n@@ -1 +1 @@\n+x\n')
    expect(requestLog()).toEqual([
      { request: `GET ${REPO}/pulls/3/files?per_page=100` },
      { request: `GET ${REPO}/pulls/3` },
      { request: `GET ${REPO}/pulls/3` }
    ])
    expect(github.requests.map((r) => r.headers.accept)).toEqual([
      'application/vnd.github.v3+json',
      'application/vnd.github.v3+json',
      'application/vnd.github.v3.diff'
    ])
  })

  it('pullDiff: null when GitHub will not make the diff (406, 422), asked once; other errors as they are', async () => {
    github.addPull(3)
    for (const status of [406, 422, 404]) github.faults.push({ method: 'GET', path: /\/pulls\/3$/, status, times: 1 })
    const gh = await api()
    expect(await gh.pullDiff(3)).toBeNull()
    expect(await gh.pullDiff(3)).toBeNull()
    expect(httpStatus(await refusal(gh.pullDiff(3)))).toBe(404)
    expect(requestLog()).toEqual([
      { request: `GET ${REPO}/pulls/3` },
      { request: `GET ${REPO}/pulls/3` },
      { request: `GET ${REPO}/pulls/3` }
    ])
  })

  it('compare: the basehead with one commit per page; null when GitHub cannot compare', async () => {
    github.comparisons.set('b1...h1', {
      status: 'ahead',
      files: [{ filename: 'x.md', status: 'added', additions: 2, deletions: 0 }]
    })
    const gh = await api()
    expect(await gh.compare('b1', 'h1')).toEqual({
      status: 'ahead',
      files: [{ filename: 'x.md', status: 'added', additions: 2, deletions: 0, patch: null }]
    })
    expect(await gh.compare('gone', 'h1')).toBeNull()
    expect(requestLog()).toEqual([
      { request: `GET ${REPO}/compare/b1...h1?per_page=1` },
      { request: `GET ${REPO}/compare/gone...h1?per_page=1` }
    ])
  })

  it('fileText: the raw file at a ref; null when it does not exist', async () => {
    github.files.set('docs/a b.md', '# A\n')
    const gh = await api()
    expect(await gh.fileText('docs/a b.md', 'main')).toBe('# A\n')
    expect(await gh.fileText('missing.md', 'main')).toBeNull()
    expect(requestLog()).toEqual([
      { request: `GET ${REPO}/contents/docs%2Fa%20b.md?ref=main` },
      { request: `GET ${REPO}/contents/missing.md?ref=main` }
    ])
    expect(github.requests[0]!.headers.accept).toBe('application/vnd.github.v3.raw')
  })

  it('tree: the blobs of the recursive tree, and whether GitHub cut it short; listed once per ref', async () => {
    github.files.set('a.md', '').set('src/b.ts', '')
    github.filesAt.set('c'.repeat(40), new Map([['c.md', '']]))
    const gh = await api()
    expect(await gh.tree('main')).toEqual({ paths: ['a.md', 'src/b.ts'], truncated: false })
    expect(await gh.tree('main')).toEqual({ paths: ['a.md', 'src/b.ts'], truncated: false })
    expect(await gh.tree('c'.repeat(40))).toEqual({ paths: ['c.md'], truncated: false })
    expect(requestLog()).toEqual([
      { request: `GET ${REPO}/git/trees/main?recursive=true` },
      { request: `GET ${REPO}/git/trees/${'c'.repeat(40)}?recursive=true` }
    ])
  })

  it('issue: the issue or pull request, from where it is now; null when gone', async () => {
    github.threads.set(4, { title: 'T', body: 'B', login: 'ann', pull: true })
    github.transferred.set(6, { repo: 'other/place', number: 9, title: 'Moved' })
    const gh = await api()
    expect(await gh.issue(4)).toMatchObject({
      repo: 'Codertocat/Hello-World',
      number: 4,
      isPull: true,
      title: 'T',
      body: 'B',
      author: 'ann'
    })
    expect(await gh.issue(6)).toMatchObject({ repo: 'other/place', number: 9, isPull: false, title: 'Moved' })
    expect(await gh.issue(8)).toBeNull()
    expect(requestLog()).toEqual([
      { request: `GET ${REPO}/issues/4` },
      { request: `GET ${REPO}/issues/6` },
      { request: 'GET /repos/other/place/issues/9' },
      { request: `GET ${REPO}/issues/8` }
    ])
  })

  it('checkRuns and statuses: the first 100 of a commit', async () => {
    github.checkRuns.set(SHA, [
      { id: 31, name: 'test', status: 'completed', conclusion: 'failure', title: '2 failed', summary: 'in a.py' }
    ])
    github.statuses.set(SHA, [{ context: 'ci/lint', state: 'failure', description: 'bad' }])
    const gh = await api()
    expect(await gh.checkRuns(SHA)).toMatchObject([
      {
        id: 31,
        name: 'test',
        status: 'completed',
        conclusion: 'failure',
        app: 'github-actions',
        title: '2 failed',
        summary: 'in a.py'
      }
    ])
    expect(await gh.statuses(SHA)).toMatchObject([{ context: 'ci/lint', state: 'failure', description: 'bad' }])
    expect(requestLog()).toEqual([
      { request: `GET ${REPO}/commits/${SHA}/check-runs?per_page=100` },
      { request: `GET ${REPO}/commits/${SHA}/status?per_page=100` }
    ])
  })

  it('jobLog: the redirect followed, the last bytes kept from the first whole line', async () => {
    github.jobLogs.set(77, 'first line\nsecond line\nthird line\n')
    const gh = await api()
    expect(await gh.jobLog(77)).toBe('first line\nsecond line\nthird line\n')
    expect(await gh.jobLog(77, 15)).toBe('third line\n')
    expect(requestLog()).toEqual([
      { request: `GET ${REPO}/actions/jobs/77/logs` },
      { request: 'GET /_job-logs/77?sig=signed' },
      { request: `GET ${REPO}/actions/jobs/77/logs` },
      { request: 'GET /_job-logs/77?sig=signed' }
    ])
  })

  it('searchCode: the words within this repository, as many as asked', async () => {
    github.files.set('a.py', 'def load(): pass').set('b.py', 'def save(): pass')
    const gh = await api()
    expect(await gh.searchCode('load', 5)).toEqual(['a.py'])
    expect(requestLog()).toEqual([{ request: 'GET /search/code?q=load+repo%3ACodertocat%2FHello-World&per_page=5' }])
  })

  it('spaces two code searches by the search spacing (GitHub allows 10 a minute)', async () => {
    github.files.set('a.py', 'def load(): pass')
    const octokit = await createOctokit('ghs_test', {
      onLimit: () => undefined,
      baseUrl: github.url,
      spacingMs: { write: 0, notifications: 0, search: 300 }
    })
    const gh = new GitHubApi(octokit, { owner: github.owner, repo: github.repo })
    const started = performance.now()
    await gh.searchCode('load', 5)
    await gh.searchCode('load', 5)
    // The second search starts 300 ms after the first did, at the earliest.
    expect(performance.now() - started).toBeGreaterThanOrEqual(300)
    expect(github.requests.filter((r) => r.path === '/search/code')).toHaveLength(2)
  })

  it('dispatchedRuns and workflowRun: the runs a dispatch started on a branch since a time, then one run', async () => {
    github.workflows.set('release.yml', { dispatchable: true, outcome: 'success' })
    const gh = await api()
    await gh.dispatchWorkflow('release.yml', 'master')
    const [run] = await gh.dispatchedRuns('release.yml', 'master', '2020-01-01T00:00:00Z')
    expect(run).toMatchObject({ status: 'queued', conclusion: null })
    expect(await gh.workflowRun(run!.id)).toMatchObject({ id: run!.id, status: 'in_progress' })
    expect(requestLog()).toEqual([
      { request: `POST ${REPO}/actions/workflows/release.yml/dispatches`, body: { ref: 'master' } },
      {
        request:
          `GET ${REPO}/actions/workflows/release.yml/runs` +
          '?event=workflow_dispatch&branch=master&created=%3E%3D2020-01-01T00%3A00%3A00Z&per_page=20'
      },
      { request: `GET ${REPO}/actions/runs/${run!.id}` }
    ])
  })

  it('openPullFor: the open pull request whose head is this repository’s branch', async () => {
    github.pullRequests.push({
      number: 101,
      title: 'T',
      body: '',
      head: 'git-bob/issue-1',
      base: 'master',
      state: 'open',
      headRepo: 'Codertocat/Hello-World'
    })
    const gh = await api()
    expect(await gh.openPullFor('git-bob/issue-1')).toMatchObject({ number: 101 })
    expect(await gh.openPullFor('other')).toBeNull()
    expect(await gh.pull(101)).toMatchObject({ number: 101, headRef: 'git-bob/issue-1', baseRef: 'master' })
    expect(requestLog()).toEqual([
      { request: `GET ${REPO}/pulls?state=open&head=Codertocat%3Agit-bob%2Fissue-1&per_page=1` },
      { request: `GET ${REPO}/pulls?state=open&head=Codertocat%3Aother&per_page=1` },
      { request: `GET ${REPO}/pulls/101` }
    ])
  })
})

describe('GitHubApi writes', () => {
  it('react: on an issue comment, a review comment and an issue', async () => {
    const gh = await api()
    await gh.react({ kind: 'issue_comment', id: 1 }, 'eyes')
    await gh.react({ kind: 'review_comment', id: 2 }, 'confused')
    await gh.react({ kind: 'issue', number: 3 }, 'eyes')
    expect(requestLog()).toEqual([
      { request: `POST ${REPO}/issues/comments/1/reactions`, body: { content: 'eyes' } },
      { request: `POST ${REPO}/pulls/comments/2/reactions`, body: { content: 'confused' } },
      { request: `POST ${REPO}/issues/3/reactions`, body: { content: 'eyes' } }
    ])
  })

  it('createIssueComment and updateIssueComment: the body as given; their id and address', async () => {
    const gh = await api()
    const created = await gh.createIssueComment(1, 'Working on it')
    const updated = await gh.updateIssueComment(created.id, 'Done')
    expect(updated).toEqual(created)
    expect(created.url).toMatch(/\/issues\/1#issuecomment-\d+$/)
    expect(requestLog()).toEqual([
      { request: `POST ${REPO}/issues/1/comments`, body: { body: 'Working on it' } },
      { request: `PATCH ${REPO}/issues/comments/${created.id}`, body: { body: 'Done' } }
    ])
  })

  it('createReview: a COMMENT review, line comments on the RIGHT side, a range only when it has a start', async () => {
    const patch = '@@ -1,2 +1,4 @@\n a\n+b\n+c\n d'
    github.addPull(2, { files: [{ filename: 'a.py', status: 'modified', additions: 2, deletions: 0, patch }] })
    const gh = await api()
    await gh.createReview(2, {
      commitId: 'e'.repeat(40),
      body: 'Summary',
      comments: [
        { path: 'a.py', line: 2, body: 'one' },
        { path: 'a.py', line: 3, startLine: 2, body: 'two' }
      ]
    })
    expect(requestLog()).toEqual([
      {
        request: `POST ${REPO}/pulls/2/reviews`,
        body: {
          commit_id: 'e'.repeat(40),
          body: 'Summary',
          event: 'COMMENT',
          comments: [
            { path: 'a.py', line: 2, side: 'RIGHT', body: 'one' },
            { path: 'a.py', line: 3, side: 'RIGHT', start_line: 2, start_side: 'RIGHT', body: 'two' }
          ]
        }
      }
    ])
  })

  it('createIssue and addSubIssue: the child is linked by its id, not its number', async () => {
    const gh = await api()
    const child = await gh.createIssue('Part one', 'Body')
    await gh.addSubIssue(1, child.id)
    expect(github.subIssues.get(1)).toEqual([child.number])
    expect(requestLog()).toEqual([
      { request: `POST ${REPO}/issues`, body: { title: 'Part one', body: 'Body' } },
      { request: `POST ${REPO}/issues/1/sub_issues`, body: { sub_issue_id: child.id } }
    ])
  })

  it('openIssues, labelNames and addLabels: what triage reads and writes', async () => {
    const gh = await api()
    github.issues.set(5, {
      id: 500,
      number: 5,
      title: 'Old',
      body: '',
      createdAt: '2025-01-01T00:00:00Z',
      login: 'ann'
    })
    github.issues.set(6, {
      id: 600,
      number: 6,
      title: 'New',
      body: 'b',
      createdAt: '2025-02-01T00:00:00Z',
      login: 'bo'
    })
    github.labels.set(5, ['bug'])
    github.repoLabels.push('bug', 'question')
    const issues = await gh.openIssues(5)
    expect(issues.map((i) => [i.number, i.author.login, i.labels])).toEqual([
      [6, 'bo', []],
      [5, 'ann', ['bug']]
    ])
    expect(await gh.labelNames()).toEqual(['bug', 'question'])
    await gh.addLabels(6, ['question'])
    expect(github.labels.get(6)).toEqual(['question'])
    expect(requestLog()).toEqual([
      { request: `GET ${REPO}/issues?state=open&sort=created&direction=desc&per_page=20` },
      { request: `GET ${REPO}/labels?per_page=100` },
      { request: `POST ${REPO}/issues/6/labels`, body: { labels: ['question'] } }
    ])
  })

  it('removeLabel: takes the label off by its name, and says false when it was not on', async () => {
    const gh = await api()
    github.labels.set(1, ['git-bob:think', 'bug'])
    expect(await gh.removeLabel(1, 'git-bob:think')).toBe(true)
    expect(await gh.removeLabel(1, 'git-bob:think')).toBe(false)
    expect(github.labels.get(1)).toEqual(['bug'])
    expect(requestLog().map((r) => r.request)).toEqual([
      `DELETE ${REPO}/issues/1/labels/git-bob%3Athink`,
      `DELETE ${REPO}/issues/1/labels/git-bob%3Athink`
    ])
  })

  it('replyToReviewComment: in the thread of the comment', async () => {
    github.addPull(2, {
      reviewComments: [
        {
          id: 40,
          login: 'ann',
          userType: 'User',
          association: 'MEMBER',
          body: 'why?',
          createdAt: 'C',
          updatedAt: 'C',
          path: 'a.py',
          line: 1
        }
      ]
    })
    const gh = await api()
    await gh.replyToReviewComment(2, 40, 'Because.')
    expect(requestLog()).toEqual([{ request: `POST ${REPO}/pulls/2/comments/40/replies`, body: { body: 'Because.' } }])
  })

  it('createPull: maintainers may change it; a draft when asked', async () => {
    const gh = await api()
    const pull = await gh.createPull({ title: 'T', body: 'B', head: 'git-bob/issue-1', base: 'master', draft: true })
    expect(github.pullRequests[0]).toMatchObject({ number: pull.number, draft: true })
    expect(requestLog()).toEqual([
      {
        request: `POST ${REPO}/pulls`,
        body: {
          title: 'T',
          body: 'B',
          head: 'git-bob/issue-1',
          base: 'master',
          draft: true,
          maintainer_can_modify: true
        }
      }
    ])
  })
})

describe('GitHubApi on a ref outside the branches (the ledger)', () => {
  const REF = 'refs/git-bob/ledger'

  it('refFile: null without the ref; else the commit and the file at it (two requests)', async () => {
    const gh = await api()
    expect(await gh.refFile(REF, 'ledger.json')).toBeNull()
    const commit = github.commitFile(REF, 'ledger.json', '{"a":1}')
    github.requests.length = 0
    expect(await gh.refFile(REF, 'ledger.json')).toEqual({ commit, text: '{"a":1}' })
    expect(await gh.refFile(REF, 'other.json')).toEqual({ commit, text: null })
    expect(requestLog().slice(0, 2)).toEqual([
      { request: `GET ${REPO}/git/ref/git-bob%2Fledger` },
      { request: `GET ${REPO}/contents/ledger.json?ref=${commit}` }
    ])
  })

  it('writeRefFile: a tree with the text inline, a commit, the ref created; then moved without force', async () => {
    const gh = await api()
    expect(await gh.writeRefFile(REF, 'ledger.json', 'one', null)).toBe(true)
    const first = github.git.refs.get(REF)!
    expect(await gh.writeRefFile(REF, 'ledger.json', 'two', first)).toBe(true)
    expect(github.refText(REF, 'ledger.json')).toBe('two')
    expect(github.git.commits.get(github.git.refs.get(REF)!)!.parents).toEqual([first])
    const log = requestLog()
    expect(log.map((r) => r.request)).toEqual([
      `POST ${REPO}/git/trees`,
      `POST ${REPO}/git/commits`,
      `POST ${REPO}/git/refs`,
      `POST ${REPO}/git/trees`,
      `POST ${REPO}/git/commits`,
      `PATCH ${REPO}/git/refs/git-bob%2Fledger`
    ])
    expect(log[0]!.body).toEqual({ tree: [{ path: 'ledger.json', mode: '100644', type: 'blob', content: 'one' }] })
    expect(log[2]!.body).toMatchObject({ ref: REF })
    expect(log[5]!.body).toMatchObject({ force: false })
  })

  it('writeRefFile: false, and the ref left alone, when another run wrote first (422 from GitHub)', async () => {
    const gh = await api()
    const before = github.commitFile(REF, 'ledger.json', 'theirs')
    // Creating a ref that exists, and moving one from a commit it is no longer at: both refused.
    expect(await gh.writeRefFile(REF, 'ledger.json', 'mine', null)).toBe(false)
    const stale = github.commitFile('refs/elsewhere', 'ledger.json', 'old')
    expect(await gh.writeRefFile(REF, 'ledger.json', 'mine', stale)).toBe(false)
    expect(github.git.refs.get(REF)).toBe(before)
    expect(github.refText(REF, 'ledger.json')).toBe('theirs')
  })
})

describe("GitHubApi and GitHub's refusals", () => {
  it('a 403 for a missing permission names the permission to add, for every read that needs one', async () => {
    for (const path of [/\/issues\/1$/, /\/check-runs$/, /\/status$/, /\/logs$/, /^\/search\/code$/])
      github.faults.push({ method: 'GET', path, status: 403, body: notAccessible, times: 1 })
    const gh = await api()
    const refused = [
      await refusal(gh.issue(1)),
      await refusal(gh.checkRuns(SHA)),
      await refusal(gh.statuses(SHA)),
      await refusal(gh.jobLog(1)),
      await refusal(gh.searchCode('x', 1))
    ]
    for (const error of refused) expect(error).toBeInstanceOf(MissingPermissionError)
    expect(refused.map((e) => (e as MissingPermissionError).permission)).toEqual([
      'issues: read',
      'checks: read',
      'statuses: read',
      'actions: read',
      'contents: read'
    ])
    expect((refused[1] as Error).message).toBe(
      "git-bob's token cannot read check runs: add `checks: read` to the workflow's permissions"
    )
    // Each refusal is final: not retried.
    expect(github.requests).toHaveLength(5)
  })

  it('a 403 in GitHub\'s other wording ("must have ... access") is a missing permission too', async () => {
    const body = { message: 'You must have admin access to read job logs.' }
    github.faults.push({ method: 'GET', path: /\/logs$/, status: 403, body, times: 1 })
    const gh = await api()
    const error = await refusal(gh.jobLog(1))
    expect(error).toBeInstanceOf(MissingPermissionError)
    expect((error as MissingPermissionError).permission).toBe('actions: read')
  })

  it('a 403 that is not about a permission (a rate limit, a block) stays what it was', async () => {
    github.faults.push({ method: 'GET', path: /\/check-runs$/, status: 403, body: { message: 'Forbidden' }, times: 1 })
    const gh = await api()
    const error = await refusal(gh.checkRuns(SHA))
    expect(error).not.toBeInstanceOf(MissingPermissionError)
    expect(httpStatus(error)).toBe(403)
  })

  it('a 404 or 410 issue is none; a 404 on a write or a 422 is thrown with its status, sent once', async () => {
    github.faults.push({ method: 'GET', path: /\/issues\/1$/, status: 410, times: 1 })
    const gh = await api()
    expect(await gh.issue(1)).toBeNull()
    github.requests.length = 0
    expect(httpStatus(await refusal(gh.replyToReviewComment(9, 1, 'x')))).toBe(404)
    expect(httpStatus(await refusal(gh.addSubIssue(1, 12345)))).toBe(422)
    github.pullRequests.push({
      number: 101,
      title: 'T',
      body: '',
      head: 'b',
      base: 'master',
      state: 'open',
      headRepo: 'Codertocat/Hello-World'
    })
    const exists = await refusal(gh.createPull({ title: 'T', body: '', head: 'b', base: 'master' }))
    expect(httpStatus(exists)).toBe(422)
    expect((exists as Error).message).toContain('A pull request already exists for Codertocat:b.')
    expect(requestLog().map((r) => r.request)).toEqual([
      `POST ${REPO}/pulls/9/comments/1/replies`,
      `POST ${REPO}/issues/1/sub_issues`,
      `POST ${REPO}/pulls`
    ])
  })

  it('a 404 permission read means no collaborator, but a 500 is not mistaken for one', async () => {
    github.faults.push({ method: 'GET', path: /\/permission$/, status: 500, times: 10 })
    const gh = await api()
    expect(httpStatus(await refusal(gh.permission('alice')))).toBe(500)
  })
})
