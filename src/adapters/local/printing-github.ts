// The GitHub port as the command line uses it. The request typed in the terminal is no comment on GitHub, so
// nothing reacts to it; without --post every write is printed as a person would read it, and none is sent.
import { CliError } from '../../errors.ts'
import type { Octokit } from '../github/client.ts'
import { GitHubApi } from '../github/api.ts'
import { type CreatedIssue, type NewPull, type RepoRef, type ReviewLineComment } from '../../ports/github.ts'

/** Posts for real (--post), but adds no reaction: there is no comment to react to. */
export class TerminalGitHubApi extends GitHubApi {
  override async react(): Promise<void> {}
}

const MARKER = /<!-- git-bob-message \{[^\n]*?\} -->\n?/g

/** What people would see: the hidden marker left out. */
export function visible(body: string): string {
  return body.replace(MARKER, '').trim()
}

const NOT_POSTED = 'not posted'

/** Prints every write instead of sending it; reads still go to GitHub. */
export class PrintingGitHubApi extends TerminalGitHubApi {
  private readonly print: (text: string) => void
  private readonly repoUrl: string
  private next = 1

  constructor(octokit: Octokit, ref: RepoRef, repoUrl: string, print: (text: string) => void) {
    super(octokit, ref)
    this.repoUrl = repoUrl
    this.print = print
  }

  private show(what: string, body: string): void {
    this.print(`──── ${what} (${NOT_POSTED}: add --post to post it) ────\n\n${visible(body)}\n`)
  }

  private unsent(): { id: number; url: string } {
    return { id: this.next++, url: `(${NOT_POSTED})` }
  }

  override async createIssueComment(issueNumber: number, body: string): Promise<{ id: number; url: string }> {
    this.show(`comment on ${this.repoUrl}/issues/${issueNumber}`, body)
    return this.unsent()
  }

  /** A progress comment edited in place, and the answer that replaces it: printed as they come. */
  override async updateIssueComment(commentId: number, body: string): Promise<{ id: number; url: string }> {
    this.show(`comment ${commentId}, updated`, body)
    return { id: commentId, url: `(${NOT_POSTED})` }
  }

  override async replyToReviewComment(
    pullNumber: number,
    _commentId: number,
    body: string
  ): Promise<{ id: number; url: string }> {
    this.show(`reply in a review thread of ${this.repoUrl}/pull/${pullNumber}`, body)
    return this.unsent()
  }

  override async createReview(
    pullNumber: number,
    review: { commitId: string; body: string; comments: readonly ReviewLineComment[] }
  ): Promise<{ id: number; url: string }> {
    const lines = review.comments.map((c) => {
      const where = c.startLine !== undefined ? `${c.path}:${c.startLine}-${c.line}` : `${c.path}:${c.line}`
      return `\n── on ${where}:\n\n${visible(c.body)}\n`
    })
    this.show(`review of ${this.repoUrl}/pull/${pullNumber}`, `${review.body}\n${lines.join('')}`)
    return this.unsent()
  }

  override async createIssue(title: string, body: string): Promise<CreatedIssue> {
    this.show(`new issue "${title}"`, body)
    const { id } = this.unsent()
    return { id, number: 0, url: `(${NOT_POSTED})` }
  }

  override async addSubIssue(): Promise<void> {}

  override async addLabels(issueNumber: number, names: readonly string[]): Promise<void> {
    this.show(`labels for ${this.repoUrl}/issues/${issueNumber}`, names.join(', '))
  }

  override async removeLabel(): Promise<boolean> {
    return false
  }

  override async createPull(options: NewPull): Promise<{ number: number; url: string }> {
    const draft = options.draft ? ' (a draft)' : ''
    this.show(`pull request "${options.title}"${draft} from ${options.head} into ${options.base}`, options.body)
    return { number: 0, url: `(${NOT_POSTED})` }
  }

  /** Never reached (the command line asks for --post first): a dry run must not start a release. */
  override async dispatchWorkflow(workflow: string): Promise<void> {
    throw new CliError(`${workflow} was not started: deploy starts a workflow only with --post.`)
  }

  /** A dry run spends nothing worth recording in the repository's ledger: it is read, never written. */
  override async writeRefFile(): Promise<boolean> {
    return true
  }
}
