// GitHub as git-bob sees it: the data its REST calls return, and the GitHub interface the stages work with.
// adapters/github/api.ts implements it over Octokit; the terminal's printing stand-in (adapters/local/) extends
// that; tests fake it over HTTP. Types only.

export interface RepoRef {
  owner: string
  repo: string
}

export type Permission = 'admin' | 'maintain' | 'write' | 'triage' | 'read' | 'none'

export interface IssueComment {
  id: number
  body: string
  login: string
  userType: string
  association: string
  createdAt: string
  updatedAt: string
}

export interface Review {
  id: number
  body: string
  login: string
  userType: string
  association: string
  submittedAt: string | null
  state: string
}

export interface ReviewComment extends IssueComment {
  path: string
  line: number | null
  inReplyTo: number | null
  /** How many 👎 reactions it has (GitHub's reaction summary); who gave them is a read of its own. */
  thumbsDown: number
}

/** A review thread on a pull request as GitHub's GraphQL API tells it (REST has no resolved flag). */
export interface ReviewThreadState {
  /** The REST id of the thread's first comment. */
  rootCommentId: number
  resolved: boolean
  /** Who resolved it; null when it is open, or the account is gone. */
  resolvedBy: string | null
}

export interface PullFile {
  filename: string
  status: string
  additions: number
  deletions: number
  /** The file's diff hunks; null when GitHub shows none (binary, or too large). */
  patch: string | null
}

/** Where a pull request stands now. */
export interface PullState {
  headSha: string
  baseSha: string
}

export interface Comparison {
  /** ahead, behind, diverged or identical */
  status: string
  files: PullFile[]
}

/** A line comment of a review, on the new side (RIGHT) of the diff. */
export interface ReviewLineComment {
  path: string
  line: number
  startLine?: number
  body: string
}

export interface CreatedIssue {
  /** The id GitHub's sub-issue API wants. */
  id: number
  number: number
  url: string
}

/** A pull request to open. */
export interface NewPull {
  title: string
  body: string
  head: string
  base: string
  /** Opened as a draft: its checks still fail. */
  draft?: boolean
}

export interface PullInfo {
  number: number
  url: string
  state: string
  headRef: string
  headRepo: string | null
  baseRef: string
}

/** A workflow run, as `deploy` reports it. */
export interface WorkflowRun {
  id: number
  url: string
  /** queued, in_progress, completed, ... */
  status: string
  /** success, failure, cancelled, ... once completed; null before. */
  conclusion: string | null
  createdAt: string
}

/** Everything written on an issue or pull request: comments, and on a pull request its reviews and line comments. */
export interface PostedMessages {
  comments: IssueComment[]
  reviews: Review[]
  reviewComments: ReviewComment[]
}

export type ReactionTarget =
  { kind: 'issue_comment'; id: number } | { kind: 'review_comment'; id: number } | { kind: 'issue'; number: number }

export interface IssueInfo {
  /** owner/name of the repository it is in now: another one when it was transferred (GitHub redirects). */
  repo: string
  number: number
  isPull: boolean
  title: string
  body: string
  state: string
  author: string
  createdAt: string
}

/** An open issue, as triage sees it in the list (pull requests left out). */
export interface OpenIssue {
  number: number
  title: string
  body: string
  author: { login: string; id: number; isBot: boolean }
  association: string
  createdAt: string
  url: string
  labels: string[]
}

export interface CheckRunInfo {
  id: number
  name: string
  /** queued, in_progress, completed, ... */
  status: string
  /** success, failure, timed_out, cancelled, skipped, neutral, action_required, ...; null while running. */
  conclusion: string | null
  /** The app that made it: 'github-actions' for workflow jobs, whose check run id is the job id. */
  app: string | null
  title: string | null
  summary: string | null
  url: string | null
}

export interface StatusInfo {
  context: string
  state: string
  description: string | null
  url: string | null
}

/** A user as GitHub's JSON gives it (the terminal builds an event from these). */
export interface GitHubUser {
  login: string
  id: number
  type: string
}

/** The fields of GitHub's repository object the event carries. */
export interface RepositoryJson {
  name: string
  full_name: string
  owner: { login: string }
  default_branch: string
  html_url: string
}

/** The fields of GitHub's issue object (a pull request is an issue too) the event carries. */
export interface IssueJson {
  number: number
  title: string
  body?: string | null
  user: GitHubUser | null
  author_association: string
  created_at: string
  html_url: string
  pull_request?: unknown
}

/** The REST calls git-bob makes (adapters/github/api.ts): reads, posts through the outbox only, and the cap on reads made for the model. */
export interface GitHub {
  /** Every REST call made, for the run record and the benchmark. */
  readonly calls: number
  /** Whether a read on the model's behalf was refused at the cap (limitRequests). */
  readonly capReached: boolean
  /**
   * Once the run has made `max` requests (every request counts), reads made through forModel() are refused
   * with a GitHubRequestCapError. git-bob's own requests (the thread, the answer) are not: they are few and
   * bounded by code, while the model can ask for reads without end.
   */
  limitRequests(max: number): void
  /** Runs reads the model asked for (its tools): within the cap of limitRequests(). */
  forModel<T>(read: () => Promise<T>): Promise<T>
  /** The repository role of a user: a 404 means the user is no collaborator. Asked once per login. */
  permission(login: string): Promise<Permission>
  react(target: ReactionTarget, content: 'eyes' | 'confused'): Promise<void>
  issueComments(issueNumber: number): Promise<IssueComment[]>
  /** Every comment (every page); on a pull request also its reviews and review comments. */
  posted(number: number, isPull: boolean): Promise<PostedMessages>
  reviews(pullNumber: number): Promise<Review[]>
  reviewComments(pullNumber: number): Promise<ReviewComment[]>
  /** The review threads of a pull request: which are resolved, and by whom (GraphQL; at most 1,000 threads). */
  reviewThreads(pullNumber: number): Promise<ReviewThreadState[]>
  /** The logins that reacted 👎 on a review comment (the first 100). */
  thumbsDownOn(commentId: number): Promise<string[]>
  pullFiles(pullNumber: number): Promise<PullFile[]>
  /** The pull request's head and base commits now (JSON, not the diff). */
  pullState(pullNumber: number): Promise<PullState>
  /**
   * The files changed from one commit to another (GitHub lists at most 300); null when GitHub cannot
   * compare them (a commit no longer exists, e.g. after a force-push).
   */
  compare(base: string, head: string): Promise<Comparison | null>
  /** The unified diff of a pull request; null when GitHub will not produce one (too large). */
  pullDiff(pullNumber: number): Promise<string | null>
  /** A file's text at a ref; null when it does not exist. */
  fileText(path: string, ref: string): Promise<string | null>
  /** Every file path at a ref, and whether GitHub cut the list short. */
  tree(ref: string): Promise<{ paths: string[]; truncated: boolean }>
  /** owner/name of the repository this client reads. */
  readonly fullName: string
  /**
   * An issue or pull request (both are issues to GitHub); null when there is none. One that was transferred
   * comes back from its new repository (GitHub redirects), which `repo` says. `kind` says which it is where the
   * number alone does not (GitLab numbers issues and merge requests apart: only that one is read); GitHub needs no
   * kind.
   */
  issue(number: number, kind?: 'issue' | 'pull_request'): Promise<IssueInfo | null>
  /** The check runs of a commit (the first 100: more is not what a question about CI needs). */
  checkRuns(sha: string): Promise<CheckRunInfo[]>
  /** The latest commit status of each context (the combined status). */
  statuses(sha: string): Promise<StatusInfo[]>
  /**
   * The end of a GitHub Actions job's plain-text log (GitHub answers with a redirect to a download URL, which
   * gets no token). Streamed, keeping only the last `maxBytes`: a log can be hundreds of megabytes.
   */
  jobLog(jobId: number, maxBytes?: number): Promise<string>
  /** Paths of files GitHub's code search finds for the words in this repository (its default branch). */
  searchCode(words: string, limit: number): Promise<string[]>
  createIssueComment(issueNumber: number, body: string): Promise<{ id: number; url: string }>
  updateIssueComment(commentId: number, body: string): Promise<{ id: number; url: string }>
  /** A review that only comments: git-bob never approves or requests changes. */
  createReview(
    pullNumber: number,
    review: { commitId: string; body: string; comments: readonly ReviewLineComment[] }
  ): Promise<{ id: number; url: string }>
  createIssue(title: string, body: string): Promise<CreatedIssue>
  /** Makes an issue a sub-issue of another; `subIssueId` is the child's id, not its number. */
  addSubIssue(parentNumber: number, subIssueId: number): Promise<void>
  /** The newest open issues (not pull requests), newest first, at most `limit`. */
  openIssues(limit: number): Promise<OpenIssue[]>
  /** The names of the repository's labels (the first 100): triage chooses among them and never makes one. */
  labelNames(): Promise<string[]>
  /** Adds existing labels to an issue. */
  addLabels(issueNumber: number, names: readonly string[]): Promise<void>
  /**
   * Takes a label off an issue or pull request; false when it was not on it (taken off already). `kind` says which
   * it is where the number alone does not (GitLab numbers issues and merge requests apart).
   */
  removeLabel(issueNumber: number, name: string, kind?: 'issue' | 'pull_request'): Promise<boolean>
  replyToReviewComment(pullNumber: number, commentId: number, body: string): Promise<{ id: number; url: string }>
  pull(pullNumber: number): Promise<PullInfo>
  /** The open pull request whose head is this repository's branch, if any. */
  openPullFor(branch: string): Promise<{ number: number; url: string } | null>
  createPull(options: NewPull): Promise<{ number: number; url: string }>
  /** Starts a workflow that has a workflow_dispatch trigger, on a branch (GitHub answers 204, no run id). */
  dispatchWorkflow(workflow: string, ref: string): Promise<void>
  /** The workflow's runs started by workflow_dispatch on a branch since a time, newest first. */
  dispatchedRuns(workflow: string, branch: string, since: string): Promise<WorkflowRun[]>
  workflowRun(id: number): Promise<WorkflowRun>
  /**
   * A file on a ref outside the branches (the budget's ledger): the commit the ref points at and the file's
   * text there (null when the commit has no such file); null when there is no such ref. On GitLab the ref is a
   * branch's name, and the commit the last one that changed the file (the branch's head when the file is not there).
   */
  refFile(ref: string, path: string): Promise<{ commit: string; text: string | null } | null>
  /**
   * Commits `text` as the only file `path` of a new commit on `ref` whose parent is `parent` (null: the ref is
   * created, without a parent). Compare-and-swap: false, and nothing changed, when the ref is no longer at
   * `parent` (or exists already when `parent` is null), because another run wrote first; any other refusal is
   * thrown. On GitLab: the file updated with `parent` as its last_commit_id, or created with the branch.
   */
  writeRefFile(ref: string, path: string, text: string, parent: string | null): Promise<boolean>
}
