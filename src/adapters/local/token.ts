// The GitHub token of the person at the terminal: GITHUB_TOKEN, GH_TOKEN, or the GitHub CLI's login.
import { execFile } from 'node:child_process'

export interface FoundToken {
  token: string
  /** Where it came from, for the log. */
  source: string
}

type Environment = Readonly<Record<string, string | undefined>>

/**
 * `gh auth token` for the host, or null when gh is not installed or not logged in. gh is found on, and started
 * with, the environment the command line was given (the process's own, from a terminal), not read from the process.
 */
function ghToken(host: string, env: Environment): Promise<string | null> {
  const args = ['auth', 'token', ...(host === 'github.com' ? [] : ['--hostname', host])]
  return new Promise((resolve) => {
    execFile('gh', args, { encoding: 'utf8', timeout: 10_000, env: { ...env } }, (error, stdout) =>
      resolve(error ? null : stdout.trim() || null)
    )
  })
}

export async function findToken(
  env: Environment,
  host: string,
  gh: (host: string) => Promise<string | null> = (h) => ghToken(h, env)
): Promise<FoundToken | null> {
  for (const name of ['GITHUB_TOKEN', 'GH_TOKEN']) {
    const token = env[name]?.trim()
    if (token) return { token, source: name }
  }
  const token = await gh(host)
  return token ? { token, source: 'gh auth token' } : null
}
