// Where implement and try work from a terminal: the current checkout when it is that repository and clean,
// else a temporary clone. The push happens only with --post; without it the commit stays in the checkout.
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Git, type GitCredentials } from '../git/git.ts'
import { GitWorkspace } from '../git/workspace.ts'
import type { CommitAuthor } from '../git/branch.ts'

export interface Checkout {
  dir: string
  /** A clone git-bob made (removed after a posted run), or the person's own checkout. */
  temporary: boolean
  /** Why this checkout was chosen, for the log. */
  note: string
  /** The branch a temporary clone was made of (its HEAD is that branch's tip on origin); null for the person's. */
  clonedFrom: string | null
  remove(): Promise<void>
}

/** Does a remote URL name owner/repo (https, ssh or scp-like)? */
export function namesRepository(url: string, owner: string, repo: string): boolean {
  const path = url
    .trim()
    .replace(/\.git\/?$/, '')
    .replace(/\/$/, '')
  const tail = `${owner}/${repo}`.toLowerCase()
  return path.toLowerCase().endsWith(`/${tail}`) || path.toLowerCase().endsWith(`:${tail}`)
}

async function ownCheckout(cwd: string, owner: string, repo: string): Promise<{ dir: string } | { why: string }> {
  const git = new Git(cwd, null)
  const top = await git.run(['rev-parse', '--show-toplevel']).catch(() => null)
  if (!top) return { why: 'the current folder is not a git checkout' }
  const dir = top.stdout.trim()
  const origin = await new Git(dir, null).run(['remote', 'get-url', 'origin']).catch(() => null)
  if (!origin || !namesRepository(origin.stdout, owner, repo))
    return { why: `the current checkout is not ${owner}/${repo}` }
  const status = await new Git(dir, null).run(['status', '--porcelain'])
  if (status.stdout.trim()) return { why: 'the current checkout has uncommitted changes' }
  return { dir }
}

export async function prepareCheckout(options: {
  cwd: string
  owner: string
  repo: string
  cloneUrl: string
  defaultBranch: string
  credentials: GitCredentials
}): Promise<Checkout> {
  const own = await ownCheckout(options.cwd, options.owner, options.repo)
  if ('dir' in own)
    return {
      dir: own.dir,
      temporary: false,
      note: `working in your checkout ${own.dir}`,
      clonedFrom: null,
      remove: async () => {}
    }
  const parent = await mkdtemp(join(tmpdir(), `git-bob-${options.repo}-`))
  const dir = join(parent, options.repo)
  await new Git(parent, options.credentials).run(
    ['clone', '--quiet', '--depth', '1', '--no-tags', '--branch', options.defaultBranch, options.cloneUrl, dir],
    { network: true }
  )
  return {
    dir,
    temporary: true,
    note: `working in a temporary clone, ${dir} (${own.why})`,
    clonedFrom: options.defaultBranch,
    remove: () => rm(parent, { recursive: true, force: true })
  }
}

/** A checkout whose push is real only with --post; otherwise the commit stays where it was made. */
export class TerminalWorkspace extends GitWorkspace {
  /** `clonedFrom`: Checkout.clonedFrom, when `dir` is the temporary clone. */
  constructor(
    dir: string,
    credentials: GitCredentials,
    publish: boolean,
    author: CommitAuthor,
    clonedFrom: string | null = null
  ) {
    super(dir, credentials, { author, publish, ...(clonedFrom === null ? {} : { clonedFrom }) })
  }
}

/** The branch a checkout is on, for telling where an unpushed commit is. */
export function currentBranch(dir: string): Promise<string> {
  return new Git(dir, null)
    .run(['branch', '--show-current'])
    .then((r) => r.stdout.trim())
    .catch(() => '')
}
