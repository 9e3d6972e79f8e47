// The terminal's side, as adapters/actions.ts is the runner's: inputs from flags and GIT_BOB_* variables, the
// log on stderr, what would be posted on stdout (or posted, with --post), the job summary into the
// --transcript file, and a checkout that pushes only with --post.
import { existsSync } from 'node:fs'
import { appendFile } from 'node:fs/promises'
import { join } from 'node:path'
import { createModel } from '../llm/index.ts'
import type { Redactor } from '../outbox/secrets.ts'
import type { Adapters } from '../run-types.ts'
import type { Logger } from '../ports/run.ts'
import { createOctokit } from '../adapters/github/client.ts'
import type { CommitAuthor } from '../adapters/git/branch.ts'
import { jupyterRunner } from '../adapters/jupyter/execute.ts'
import { sandboxChecks } from '../adapters/sandbox/checks.ts'
import { lazySandbox } from '../adapters/sandbox/lazy-box.ts'
import { TerminalWorkspace } from '../adapters/local/checkout.ts'
import { PrintingGitHubApi, TerminalGitHubApi } from '../adapters/local/printing-github.ts'
import { openSession, type SessionAdapters } from './session.ts'

export type Environment = Readonly<Record<string, string | undefined>>

export interface TerminalOptions {
  env: Environment
  /** Inputs given as flags, by input name. */
  flags: Readonly<Record<string, string>>
  token: string
  apiUrl: string
  /** The repository's web address, for what is printed. */
  repoUrl: string
  post: boolean
  /** Who the commits of an implement run are by: the person whose token it is. */
  author: CommitAuthor
  /** The temporary clone git-bob made for this run and the branch it is of, which needs no fetch; null if none. */
  clone: { dir: string; branch: string } | null
  transcript: string | null
  /** Where what would be posted goes (stdout). */
  print(text: string): void
  /** Where the log goes (stderr). */
  log(line: string): void
}

/** An input: its flag, else GIT_BOB_<NAME> (GIT_BOB_MODEL, ...); the token is the one the terminal found. */
export function terminalInput(name: string, flags: TerminalOptions['flags'], env: Environment, token: string): string {
  if (name === 'github-token') return token
  return (flags[name] ?? env[`GIT_BOB_${name.replace(/-/g, '_').toUpperCase()}`] ?? '').trim()
}

export function terminalAdapters(options: TerminalOptions, redactor: Redactor): Adapters {
  const line = (prefix: string) => (message: string) => options.log(`${prefix}${redactor.redact(message)}`)
  const log: Logger = { info: line(''), warning: line('warning: '), error: line('error: ') }
  const session: SessionAdapters = {
    log,
    createModel,
    openWorkspace: (dir, credentials) =>
      dir && existsSync(join(dir, '.git'))
        ? new TerminalWorkspace(
            dir,
            credentials,
            options.post,
            options.author,
            options.clone?.dir === dir ? options.clone.branch : null
          )
        : null,
    sandbox: (settings) => lazySandbox({ ...settings, env: options.env }),
    notebookRunner: ({ box, setup }) => jupyterRunner(options.env, box, setup),
    checkRunner: (box) => sandboxChecks(box)
  }
  return {
    log,
    readInput: (name) => terminalInput(name, options.flags, options.env, options.token),
    connectGitHub: async (token, repo) => {
      const octokit = await createOctokit(token, { baseUrl: options.apiUrl, onLimit: (m) => log.warning(m) })
      return options.post
        ? new TerminalGitHubApi(octokit, repo)
        : new PrintingGitHubApi(octokit, repo, options.repoUrl, (text) => options.print(text))
    },
    writeSummary: async (markdown) => {
      if (options.transcript) await appendFile(options.transcript, redactor.redact(markdown))
    },
    setOutput: () => {},
    maskSecret: () => {},
    now: Date.now,
    openSession: (request) => openSession(session, request)
  }
}
