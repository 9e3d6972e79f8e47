// A small wrapper around the git command line, in the working tree actions/checkout left.
// The token reaches git only through the environment of the network commands that need it
// (GIT_CONFIG_* variables), never through .git/config or the command line.
import { execFile } from 'node:child_process'
import { GitError } from '../../errors.ts'

export interface GitResult {
  stdout: string
  stderr: string
}

export interface GitCredentials {
  token: string
  /** e.g. https://github.com: the header is sent only to this server. */
  serverUrl: string
}

const PASSED_THROUGH = [
  'PATH',
  'HOME',
  'TMPDIR',
  'TEMP',
  'TMP',
  'SYSTEMROOT',
  'HTTPS_PROXY',
  'HTTP_PROXY',
  'NO_PROXY',
  'https_proxy',
  'http_proxy',
  'no_proxy',
  'SSL_CERT_FILE',
  'GIT_SSL_CAINFO'
]

function safeEnvironment(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {}
  for (const name of PASSED_THROUGH) if (process.env[name] !== undefined) env[name] = process.env[name]
  return env
}

export class Git {
  /** Milliseconds spent in git commands, for the run record. */
  elapsedMs = 0
  readonly dir: string
  private readonly credentials: GitCredentials | null

  constructor(dir: string, credentials: GitCredentials | null) {
    this.dir = dir
    this.credentials = credentials
  }

  run(args: string[], options: { network?: boolean; input?: string; indexFile?: string } = {}): Promise<GitResult> {
    // Git gets a minimal environment (none of the action's inputs or secrets), no hooks and no fsmonitor,
    // whatever the repository's own configuration says; and no housekeeping of its own after a commit or a fetch
    // (a `git maintenance run --auto` process each time) in a checkout that the job throws away.
    const env: NodeJS.ProcessEnv = { ...safeEnvironment(), GIT_TERMINAL_PROMPT: '0', LC_ALL: 'C' }
    // An index of git-bob's own (the box's copy), so the checkout's index is not touched.
    if (options.indexFile) env.GIT_INDEX_FILE = options.indexFile
    const safety = ['-c', 'core.hooksPath=/dev/null', '-c', 'core.fsmonitor=false']
    safety.push('-c', 'maintenance.auto=false', '-c', 'gc.auto=0')
    if (options.network && this.credentials) {
      const basic = Buffer.from(`x-access-token:${this.credentials.token}`).toString('base64')
      env.GIT_CONFIG_COUNT = '1'
      env.GIT_CONFIG_KEY_0 = `http.${this.credentials.serverUrl.replace(/\/$/, '')}/.extraheader`
      env.GIT_CONFIG_VALUE_0 = `AUTHORIZATION: basic ${basic}`
    }
    const started = Date.now()
    return new Promise((resolve, reject) => {
      const child = execFile(
        'git',
        ['-C', this.dir, ...safety, ...args],
        { env, maxBuffer: 512 * 1024 * 1024, encoding: 'utf8' },
        (error, stdout, stderr) => {
          this.elapsedMs += Date.now() - started
          if (error)
            reject(
              new GitError(
                args,
                stderr || error.message,
                typeof error.code === 'number' || typeof error.code === 'string' ? error.code : null
              )
            )
          else resolve({ stdout, stderr })
        }
      )
      if (options.input !== undefined) child.stdin?.end(options.input)
    })
  }

  async ok(args: string[], options: { network?: boolean } = {}): Promise<boolean> {
    try {
      await this.run(args, options)
      return true
    } catch {
      return false
    }
  }
}
