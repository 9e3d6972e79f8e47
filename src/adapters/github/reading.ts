// The reading tools' ports for threads and CI (conversation/tools/ports.ts), on the GitHub REST API.
import type { CiSource, LinkedThread, ThreadComment, ThreadSource } from '../../ports/repository.ts'
import type { GitHub, PostedMessages } from '../../ports/github.ts'
import { withPermission } from './api.ts'
import { httpStatus } from '../../errors.ts'

/** null for a 404: there is no such issue or pull request. */
async function unlessMissing<T>(read: () => Promise<T>, permission: string, what: string): Promise<T | null> {
  try {
    return await read()
  } catch (error) {
    if (httpStatus(error) === 404) return null
    throw withPermission(error, permission, what)
  }
}

export function githubThreads(api: GitHub): ThreadSource {
  return {
    thread: (number, kind) => readThread(api, number, kind),
    changedFiles: (number) => unlessMissing(() => api.pullFiles(number), 'pull-requests: read', 'pull requests')
  }
}

/** The issue or pull request with every comment; one transferred elsewhere without them. */
async function readThread(api: GitHub, number: number, kind?: 'issue' | 'pull_request'): Promise<LinkedThread | null> {
  const issue = await api.issue(number, kind)
  if (!issue) return null
  const found = issue.isPull ? 'pull_request' : 'issue'
  // Transferred elsewhere: neither its text nor its comments are read.
  if (issue.repo.toLowerCase() !== api.fullName.toLowerCase()) {
    return {
      repo: issue.repo,
      number: issue.number,
      kind: found,
      createdAt: issue.createdAt,
      title: '',
      state: issue.state,
      author: '',
      body: '',
      comments: []
    }
  }
  const posted = await api.posted(number, issue.isPull)
  return {
    repo: issue.repo,
    number: issue.number,
    kind: found,
    createdAt: issue.createdAt,
    title: issue.title,
    state: issue.state,
    author: issue.author,
    body: issue.body,
    comments: threadComments(posted)
  }
}

/** The comments, the reviews that say something and the review comments, in the order they were written. */
function threadComments(posted: PostedMessages): ThreadComment[] {
  return [
    ...posted.comments.map((c) => ({
      author: c.login,
      createdAt: c.createdAt,
      updatedAt: c.updatedAt,
      body: c.body,
      location: null
    })),
    ...posted.reviews
      .filter((r) => r.body.trim())
      .map((r) => ({
        author: r.login,
        createdAt: r.submittedAt ?? '',
        updatedAt: r.submittedAt ?? '',
        body: r.body,
        location: 'a review'
      })),
    ...posted.reviewComments.map((c) => ({
      author: c.login,
      createdAt: c.createdAt,
      updatedAt: c.updatedAt,
      body: c.body,
      location: c.line === null ? c.path : `${c.path} line ${c.line}`
    }))
  ].sort((a, b) => a.createdAt.localeCompare(b.createdAt))
}

export function githubCi(api: GitHub): CiSource {
  return {
    headSha: async (pull) =>
      (await unlessMissing(() => api.pullState(pull), 'pull-requests: read', 'pull requests'))?.headSha ?? null,
    checkRuns: (sha) => api.checkRuns(sha),
    statuses: (sha) => api.statuses(sha),
    jobLog: (jobId) => api.jobLog(jobId)
  }
}
