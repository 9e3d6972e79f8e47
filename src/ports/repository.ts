// What the reading tools read, as ports: the repository's files (a checkout or the API), its threads, and
// the CI of its pull requests. Adapters in adapters/git and adapters/github implement them; tests fake them.
import type { CheckRunInfo, StatusInfo } from './github.ts'

/** The repository's files as the model may see them: listed and read, hiding what .gitbobignore names. */
export interface RepoFiles {
  readonly origin: string
  list(): Promise<{ paths: string[]; truncated: boolean }>
  /** The file's text, 'binary' for a file that is not text, or null when it cannot be read. */
  // eslint-disable-next-line @typescript-eslint/no-redundant-type-constituents -- the literals document the markers
  read(path: string, maxBytes: number): Promise<string | 'binary' | 'too large' | 'link' | null>
  /** A document's bytes (for .docx, .pptx, .xlsx, .pdf); absent where only text can be read. */
  readBytes?(path: string, maxBytes: number): Promise<Uint8Array | 'too large' | 'link' | null>
}

export interface SearchMatch {
  path: string
  line: number
  text: string
}

export interface SearchAnswer {
  matches: SearchMatch[]
  /** More matched than were returned. */
  truncated: boolean
  /** How the search was made, for the model: "git grep in the checkout", "GitHub code search (...)". */
  how: string
}

export interface SearchRequest {
  /** A regular expression (JavaScript/PCRE syntax), already checked to compile. */
  pattern: string
  ignoreCase: boolean
  /** The most matches to return. */
  limit: number
}

/** The repository's files: listed, read, and searched. */
export interface RepositoryFiles extends RepoFiles {
  search(request: SearchRequest, signal: AbortSignal): Promise<SearchAnswer>
}

export interface ThreadComment {
  author: string
  createdAt: string
  /** When it was last edited (a review's: when it was submitted). */
  updatedAt: string
  body: string
  /** Where a review comment sits ("src/a.ts line 12"); null for a comment on the conversation. */
  location: string | null
}

export interface LinkedThread {
  /** owner/name of its repository: another one when it was transferred. */
  repo: string
  number: number
  kind: 'issue' | 'pull_request'
  /** When it was opened. */
  createdAt: string
  title: string
  state: string
  author: string
  body: string
  comments: ThreadComment[]
}

export interface PullRequestFile {
  filename: string
  status: string
  additions: number
  deletions: number
  /** The file's diff hunks; null when GitHub shows none (binary, or too large). */
  patch: string | null
}

/** Issues and pull requests of this repository. */
export interface ThreadSource {
  /**
   * The issue or pull request with every comment; null when there is none with this number. One transferred
   * to another repository comes without its comments (they are not read), `repo` naming where it went. `kind`
   * says which it is where the reference did (GitLab numbers issues and merge requests apart).
   */
  thread(number: number, kind?: 'issue' | 'pull_request'): Promise<LinkedThread | null>
  /** A pull request's changed files with their patches; null when there is no such pull request. */
  changedFiles(number: number): Promise<PullRequestFile[] | null>
}

/** CI of this repository's commits. */
export interface CiSource {
  /** The head commit of a pull request; null when there is no such pull request. */
  headSha(pull: number): Promise<string | null>
  checkRuns(sha: string): Promise<CheckRunInfo[]>
  statuses(sha: string): Promise<StatusInfo[]>
  /** The whole log of a GitHub Actions job. */
  jobLog(jobId: number): Promise<string>
}
