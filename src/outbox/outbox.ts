// The one place where messages leave git-bob. Every body is redacted, cleared of hidden text and
// markers, its @mentions of people outside the thread broken and its issue references capped, stamped
// with version, model and run link, marked as git-bob's own, and split to fit GitHub's limit, whatever
// command wrote it: comments, reviews and their line comments, new issues, pull requests. Pull request
// titles and bodies and commit messages also lose every closing keyword but the one git-bob adds.
import { defuseTriggers } from './defuse-triggers.ts'
import type { TriggerEvent } from '../trigger/event.ts'
import { defuseMentions, defuseMentionsPlain } from './mentions.ts'
import { removeHiddenText } from './hidden.ts'
import { capReferences, capReferencesPlain, neutraliseClosing, neutraliseClosingPlain } from './references.ts'
import type { Redactor } from './secrets.ts'
import { GITHUB_BODY_LIMIT, splitMessage } from './split-message.ts'
import { stamp, type StampContext } from './stamp.ts'
import type { MarkerFacts } from '../ports/marker.ts'
import type { ModelCredit } from '../ports/credit.ts'
import { forgeWords, type Forge, type ForgeDialect } from '../ports/forge.ts'
import { defuseQuickActions, neutraliseGitLabClosing } from './gitlab-text.ts'
import { httpStatus } from '../errors.ts'
import { type CreatedIssue, type ReviewLineComment } from '../ports/github.ts'

export interface Posted {
  id: number
  url: string
}

export interface RenderOptions {
  /** Logins mentioned on purpose (e.g. maintainers asked for help), beyond the people in the thread. */
  mentions?: readonly string[]
  facts?: MarkerFacts
  /** At most this many parts; a longer body is cut with a note. */
  maxParts?: number
  compact?: boolean
}

export interface ReviewToPost {
  commitId: string
  body: string
  comments: readonly ReviewLineComment[]
  bodyWithComments: string
}

/** An issue to open; the outbox's own shape, so that it depends on no command. */
export interface IssueToOpen {
  title: string
  body: string
}

/** Edits of a progress comment per request at most, the one that ends it included. */
export const MAX_PROGRESS_EDITS = 10

/** GitHub's limit for an issue title. */
const TITLE_LIMIT = 256

export class Outbox {
  private readonly api: Forge
  private readonly stampContext: StampContext
  private readonly redactor: Redactor
  /** Lower-cased logins of the people in the thread: mentioning them notifies no stranger. */
  private readonly present = new Set<string>()
  /** The comment showing this request's progress, until a reply replaces it. */
  private progressComment: { id: number; edits: number; body: string } | null = null

  constructor(api: Forge, stampContext: StampContext, redactor: Redactor) {
    this.api = api
    this.stampContext = stampContext
    this.redactor = redactor
  }

  /** The forge it posts to (absent: GitHub), whose rules and words its messages follow. */
  get dialect(): ForgeDialect | undefined {
    return this.api.dialect
  }

  /** Adds people who are part of the thread; git-bob may mention them. */
  allowMentions(logins: Iterable<string>): void {
    for (const login of logins) this.present.add(login.toLowerCase())
  }

  private clean(body: string, mentions: readonly string[]): string {
    const visible = removeHiddenText(this.redactor.redact(body))
    const clean = capReferences(defuseMentions(visible, [...this.present, ...mentions]), undefined, this.api.dialect)
    return this.gitlab ? defuseQuickActions(clean) : clean
  }

  /** GitLab runs quick actions and reads its own closing patterns (gitlab-text.ts). */
  private get gitlab(): boolean {
    return this.api.dialect === 'gitlab'
  }

  /**
   * Plain text that leaves through git or a title (a commit message, a pull request's title): no hidden
   * markers, no mention of an outsider, no closing keyword, a limited number of issue references.
   */
  plainText(event: TriggerEvent, text: string): string {
    this.withEventPeople(event)
    const clean = defuseMentionsPlain(this.redactor.redact(text), this.present)
    const open = neutraliseClosingPlain(this.gitlab ? neutraliseGitLabClosing(clean) : clean)
    return capReferencesPlain(open, undefined, this.api.dialect).replace(/<!--(\s*git-bob-message)/gi, '<!--\u200b$1')
  }

  /** The stamped, redacted parts a body becomes; exposed for tests and the demo. */
  render(body: string, credit: ModelCredit | null, options: RenderOptions = {}): string[] {
    return this.stamped(this.clean(body, options.mentions ?? []), credit, options)
  }

  private stamped(clean: string, credit: ModelCredit | null, options: RenderOptions): string[] {
    const stampOptions = {
      ...(options.facts ? { facts: options.facts } : {}),
      ...(options.compact ? { compact: true } : {})
    }
    const overhead = stamp('', this.stampContext, credit, stampOptions).length + 40
    const parts = splitMessage(clean, GITHUB_BODY_LIMIT - overhead, options.maxParts, forgeWords(this.api.dialect).name)
    return parts.map((part, i) =>
      stamp(
        parts.length > 1 ? `*(part ${i + 1} of ${parts.length})*\n\n${part}` : part,
        this.stampContext,
        credit,
        stampOptions
      )
    )
  }

  private withEventPeople(event: TriggerEvent): void {
    this.allowMentions([event.request.author.login, event.target.author.login])
  }

  /** Answers where the request was made: in the review thread for an inline comment, else on the issue or PR. */
  async reply(
    event: TriggerEvent,
    body: string,
    credit: ModelCredit | null,
    mentions: readonly string[] = [],
    facts: MarkerFacts = {}
  ): Promise<Posted[]> {
    this.withEventPeople(event)
    const posted: Posted[] = []
    for (const part of this.render(body, credit, { mentions, facts })) {
      // The progress comment on the same thread becomes the result: one comment, not two.
      const progress = event.request.source === 'review_comment' ? null : this.progressComment
      if (progress && progress.edits < MAX_PROGRESS_EDITS) {
        this.progressComment = null
        posted.push(await this.api.updateIssueComment(progress.id, part))
        continue
      }
      const result =
        event.request.source === 'review_comment'
          ? await this.api.replyToReviewComment(event.target.number, event.request.inReplyTo ?? event.request.id, part)
          : await this.api.createIssueComment(event.target.number, part)
      posted.push(result)
    }
    return posted
  }

  /**
   * Shows a long request's progress in one comment on the issue or pull request: posted on the first call,
   * edited in place on later ones while edits are left (one is kept for the end). Its marker says it answers
   * nothing, so a re-run after a crash does the work again. The next reply on the thread replaces it.
   */
  async progress(event: TriggerEvent, body: string): Promise<void> {
    const open = this.progressComment
    if (open && (open.edits >= MAX_PROGRESS_EDITS - 1 || open.body === body)) return
    this.withEventPeople(event)
    const [part] = this.render(body, null, { maxParts: 1, facts: { progress: true } })
    if (!open) {
      const posted = await this.api.createIssueComment(event.target.number, part!)
      this.progressComment = { id: posted.id, edits: 0, body }
    } else {
      await this.api.updateIssueComment(open.id, part!)
      this.progressComment = { ...open, edits: open.edits + 1, body }
    }
  }

  /** The progress comment still showing progress, if any (the result did not replace it). */
  get openProgress(): number | null {
    return this.progressComment?.id ?? null
  }

  /** Ends the progress comment with `body` (a link to the result), if one is open and an edit is left. */
  async finishProgress(event: TriggerEvent, body: string): Promise<void> {
    const open = this.progressComment
    if (!open || open.edits >= MAX_PROGRESS_EDITS) return
    this.progressComment = null
    this.withEventPeople(event)
    const [part] = this.render(body, null, { maxParts: 1, facts: { progress: true } })
    await this.api.updateIssueComment(open.id, part!)
  }

  /**
   * Opens a pull request whose description is stamped like every message. Its title and body close no
   * issue but `closes`, which git-bob adds itself.
   */
  async openPullRequest(
    event: TriggerEvent,
    options: { title: string; body: string; head: string; base: string; closes?: number; draft?: boolean },
    credit: ModelCredit | null
  ): Promise<Posted & { number: number }> {
    this.withEventPeople(event)
    const closes = options.closes !== undefined ? `\n\ncloses #${options.closes}` : ''
    const cleaned = neutraliseClosing(this.clean(options.body, []))
    const body = this.gitlab ? neutraliseGitLabClosing(cleaned) : cleaned
    const [stamped] = this.stamped(`${body}${closes}`, credit, { maxParts: 1 })
    const title = this.plainText(event, options.title).replace(/\s+/g, ' ').trim().slice(0, TITLE_LIMIT)
    const pull = await this.api.createPull({
      title,
      body: stamped!,
      head: options.head,
      base: options.base,
      ...(options.draft ? { draft: true } : {})
    })
    return { id: pull.number, number: pull.number, url: pull.url }
  }

  /**
   * Posts a pull request review with the event COMMENT, the reviewed commit in its marker. Line
   * comments are checked against the diff before they get here; should GitHub still reject one (422),
   * the review is posted once more with every comment folded into its body.
   */
  async review(event: TriggerEvent, review: ReviewToPost, credit: ModelCredit | null): Promise<Posted> {
    this.withEventPeople(event)
    const facts = { reviewed: review.commitId }
    const comments = review.comments.map((c) => ({
      ...c,
      body: this.render(c.body, credit, { maxParts: 1, compact: true })[0]!
    }))
    let result: Posted
    try {
      result = await this.api.createReview(event.target.number, {
        commitId: review.commitId,
        body: this.render(review.body, credit, { facts, maxParts: 1 })[0]!,
        comments
      })
    } catch (error) {
      if (httpStatus(error) !== 422 || !comments.length) throw error
      result = await this.api.createReview(event.target.number, {
        commitId: review.commitId,
        body: this.render(review.bodyWithComments, credit, { facts, maxParts: 1 })[0]!,
        comments: []
      })
    }
    return result
  }

  /** Opens an issue. Its title and body can address nobody: mentions and bot commands are defused. */
  async createIssue(event: TriggerEvent, issue: IssueToOpen, credit: ModelCredit | null): Promise<CreatedIssue> {
    this.withEventPeople(event)
    const name = this.stampContext.botName
    // One line, shortened with room for the backticks defusing may add, and defused last.
    const title = defuseTriggers(
      this.plainText(event, issue.title)
        .replace(/\s+/g, ' ')
        .trim()
        .slice(0, TITLE_LIMIT - 16),
      name
    ).slice(0, TITLE_LIMIT)
    // Defused last, so that nothing done to the text afterwards can bring a command back.
    const body = this.stamped(defuseTriggers(this.clean(issue.body, []), name), credit, { maxParts: 1 })[0]!
    return await this.api.createIssue(title, body)
  }
}
