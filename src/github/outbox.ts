// The one place where messages leave git-bob. Every body is redacted, stamped with version, model
// and run link, marked as git-bob's own, and split to fit GitHub's limit, whatever command wrote it.
import type { TriggerEvent } from '../event.ts'
import type { Redactor } from '../secrets.ts'
import { GITHUB_BODY_LIMIT, splitMessage } from '../split.ts'
import { stamp, type ModelCredit, type StampContext } from '../stamp.ts'
import type { GitHubApi } from './api.ts'

export interface Posted {
  id: number
  url: string
}

export class Outbox {
  readonly posted: Posted[] = []
  private readonly api: GitHubApi
  private readonly stampContext: StampContext
  private readonly redactor: Redactor

  constructor(api: GitHubApi, stampContext: StampContext, redactor: Redactor) {
    this.api = api
    this.stampContext = stampContext
    this.redactor = redactor
  }

  /** The stamped, redacted parts a body becomes; exposed for tests and the demo. */
  render(body: string, credit: ModelCredit | null, maxParts = 4): string[] {
    const clean = this.redactor.redact(body)
    const overhead = stamp('', this.stampContext, credit).length + 40
    const parts = splitMessage(clean, GITHUB_BODY_LIMIT - overhead, maxParts)
    return parts.map((part, i) => stamp(parts.length > 1 ? `*(part ${i + 1} of ${parts.length})*\n\n${part}` : part, this.stampContext, credit))
  }

  /** Answers where the request was made: in the review thread for an inline comment, else on the issue or PR. */
  async reply(event: TriggerEvent, body: string, credit: ModelCredit | null): Promise<Posted[]> {
    if (event.request.source !== 'review_comment') return this.comment(event.target.number, body, credit)
    const posted: Posted[] = []
    // GitHub threads replies under the first comment of a review thread.
    for (const part of this.render(body, credit)) posted.push(await this.api.replyToReviewComment(event.target.number, event.request.inReplyTo ?? event.request.id, part))
    this.posted.push(...posted)
    return posted
  }

  /** Opens a pull request whose description is stamped like every message. */
  async openPullRequest(options: { title: string; body: string; head: string; base: string }, credit: ModelCredit | null): Promise<Posted & { number: number }> {
    const [body] = this.render(options.body, credit, 1)
    const pull = await this.api.createPull({ ...options, title: this.redactor.redact(options.title), body: body! })
    this.posted.push({ id: pull.number, url: pull.url })
    return { id: pull.number, number: pull.number, url: pull.url }
  }

  /** Comments on an issue or pull request other than the one the request came from. */
  async comment(issueNumber: number, body: string, credit: ModelCredit | null): Promise<Posted[]> {
    const posted: Posted[] = []
    for (const part of this.render(body, credit)) posted.push(await this.api.createIssueComment(issueNumber, part))
    this.posted.push(...posted)
    return posted
  }
}
