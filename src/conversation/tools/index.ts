// The read-only tools comment, review, split and implement's planning offer the model: files, search,
// linked threads, a pull request's diff and its CI. Every result passes one policy (result.ts): arguments
// checked, failures reported, secrets masked, size capped.
import { pathRules, type PathRules } from '../../ports/paths.ts'
import type { AnyTool } from '../../llm/tools.ts'
import { forgeWords, type ForgeDialect } from '../../ports/forge.ts'
import type { Thread } from '../thread.ts'
import { redactRepositorySecrets } from '../../outbox/repository-secrets.ts'
import { readCiTool } from './ci.ts'
import { listFilesTool, readFileTool } from './files.ts'
import type { CiSource, RepositoryFiles, ThreadSource } from '../../ports/repository.ts'
import { readingTool, type ResultPolicy } from './result.ts'
import { searchTool } from './search.ts'
import { readPullRequestDiffTool, readThreadTool } from './threads.ts'

export interface ReadingPorts {
  files: RepositoryFiles
  threads: ThreadSource
  ci: CiSource
}

export interface ReadingOptions {
  /** owner/name of this repository: the only one whose threads are read. */
  repo: string
  /** The issue or pull request the request was made on. */
  current: { number: number; kind: 'issue' | 'pull_request' }
  /** When the request was made (ISO): threads are read as they were then. */
  requestTime: string
  /** The current thread as the thread loader read it; read_thread on it returns this. */
  conversation: Thread
  /** Masks the values git-bob knows are secret, and key shapes (Redactor.redact). */
  redact(text: string): string
  /** The forge (GitHub, GitLab): its references, its words, its name where results say what it did not show; absent: GitHub. */
  forge?: ForgeDialect
  /** The most tokens one result may take; default 2,000 (a quarter of the smallest prompt budget). */
  maxResultTokens?: number
}

const DEFAULT_RESULT_TOKENS = 2000
const MAX_FILE_BYTES = 1_000_000
const MAX_LISTED = 500
const IGNORE_FILE_BYTES = 64 * 1024

export function readingTools(ports: ReadingPorts, options: ReadingOptions): AnyTool[] {
  const maxTokens = options.maxResultTokens ?? DEFAULT_RESULT_TOKENS
  const redact = (text: string): string => redactRepositorySecrets(options.redact(text))
  const policy: ResultPolicy = { redact, maxTokens }
  const rules = once(async (): Promise<PathRules> => {
    const text = await ports.files.read('.gitbobignore', IGNORE_FILE_BYTES).catch(() => null)
    return pathRules(
      typeof text === 'string' && text !== 'binary' && text !== 'too large' && text !== 'link' ? text : null
    )
  })
  const files = {
    files: ports.files,
    rules,
    limits: { maxListed: MAX_LISTED, maxFileBytes: MAX_FILE_BYTES, maxTokens },
    ...(options.forge ? { forge: forgeWords(options.forge).name } : {})
  }
  const threads = {
    threads: ports.threads,
    repo: options.repo,
    current: options.current,
    rules,
    maxTokens,
    requestTime: options.requestTime,
    conversation: options.conversation,
    ...(options.forge ? { dialect: options.forge } : {})
  }
  const tools = [
    readingTool(listFilesTool(files), policy),
    readingTool(readFileTool(files), policy),
    readingTool(searchTool({ files: ports.files, rules, redact }), policy),
    readingTool(readThreadTool(threads), policy),
    readingTool(readPullRequestDiffTool(threads), policy),
    readingTool(
      readCiTool({
        ci: ports.ci,
        current: options.current,
        maxLogs: 3,
        tailLines: 60,
        redact
      }),
      policy
    )
  ]
  return tools
}

/** The .gitbobignore rules are read on the first call that needs them, once per run. */
function once<T>(load: () => Promise<T>): () => Promise<T> {
  let promise: Promise<T> | null = null
  return () => (promise ??= load())
}
