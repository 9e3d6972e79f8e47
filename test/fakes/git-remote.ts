// A local bare repository standing in for origin, and a shallow clone of it standing in for the
// workspace actions/checkout leaves: real git on both sides.
import { execFileSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'

export function git(dir: string, ...args: string[]): string {
  return execFileSync('git', ['-C', dir, ...args], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).trim()
}

const HUMAN = ['-c', 'user.name=Mona Lisa', '-c', 'user.email=mona@example.com']

export function writeFiles(dir: string, files: Record<string, string | Uint8Array>): void {
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true })
    writeFileSync(join(dir, path), content)
  }
}

/** A git fast-import stream of one commit by the person holding `files` (mode 644) and symbolic `links`. */
function initialCommit(
  branch: string,
  files: Record<string, string | Uint8Array>,
  links: Record<string, string>
): Buffer {
  const parts: Buffer[] = []
  const path = (p: string): string => {
    // An inline path must not start with a quote or hold a newline (fast-import would read it quoted).
    if (/^"|\n/.test(p)) throw new Error(`GitRemote cannot commit the path ${JSON.stringify(p)}`)
    return p
  }
  const data = (bytes: Buffer): void => {
    parts.push(Buffer.from(`data ${bytes.length}\n`), bytes, Buffer.from('\n'))
  }
  parts.push(
    Buffer.from(
      `commit refs/heads/${branch}\ncommitter Mona Lisa <mona@example.com> ${Math.floor(Date.now() / 1000)} +0000\n`
    )
  )
  data(Buffer.from('initial\n'))
  for (const [name, content] of Object.entries(files)) {
    parts.push(Buffer.from(`M 100644 inline ${path(name)}\n`))
    data(Buffer.from(content))
  }
  for (const [name, target] of Object.entries(links)) {
    parts.push(Buffer.from(`M 120000 inline ${path(name)}\n`))
    data(Buffer.from(target))
  }
  return Buffer.concat(parts)
}

export class GitRemote {
  readonly root = mkdtempSync(join(tmpdir(), 'git-bob-remote-'))
  readonly origin = join(this.root, 'origin.git')
  readonly workspace = join(this.root, 'workspace')
  private readonly seed = join(this.root, 'seed')
  private seedCloned = false

  readonly defaultBranch: string

  /** `links` are symbolic links to commit too, path -> target. */
  constructor(
    files: Record<string, string | Uint8Array>,
    defaultBranch = 'master',
    links: Record<string, string> = {}
  ) {
    this.defaultBranch = defaultBranch
    execFileSync('git', ['init', '--quiet', '--bare', '-b', defaultBranch, this.origin])
    // The first commit goes straight into origin, by one fast-import: no seed clone, add, commit and push
    // (more than half of what a repository costs to set up); the seed becomes a clone once a person pushes.
    execFileSync('git', ['--git-dir', this.origin, 'fast-import', '--quiet'], {
      input: initialCommit(defaultBranch, files, links),
      stdio: ['pipe', 'ignore', 'pipe']
    })
    // Like actions/checkout: a shallow clone of the default branch.
    execFileSync(
      'git',
      ['clone', '--quiet', '--depth', '1', '--branch', defaultBranch, `file://${this.origin}`, this.workspace],
      { stdio: 'ignore' }
    )
  }

  /** A person pushes a commit to a branch of origin (created from the default branch when new). */
  humanPush(branch: string, files: Record<string, string>, message = 'human change'): void {
    if (this.seedCloned) git(this.seed, 'fetch', '--quiet', 'origin')
    else execFileSync('git', ['clone', '--quiet', this.origin, this.seed], { stdio: 'ignore' })
    this.seedCloned = true
    const exists = git(this.seed, 'ls-remote', '--heads', 'origin', branch) !== ''
    git(this.seed, 'checkout', '--quiet', '-B', branch, exists ? `origin/${branch}` : `origin/${this.defaultBranch}`)
    writeFiles(this.seed, files)
    git(this.seed, 'add', '-A')
    git(this.seed, ...HUMAN, 'commit', '--quiet', '-m', message)
    git(this.seed, 'push', '--quiet', 'origin', `${branch}:${branch}`)
  }

  branches(): string[] {
    return git(this.origin, 'for-each-ref', '--format=%(refname:short)', 'refs/heads').split('\n').filter(Boolean)
  }

  show(branch: string, path: string): string {
    return git(this.origin, 'show', `${branch}:${path}`)
  }

  /** A file's exact bytes on a branch of origin (for files that are not text). */
  bytes(branch: string, path: string): Buffer {
    return execFileSync('git', ['-C', this.origin, 'show', `${branch}:${path}`], { maxBuffer: 64 * 1024 * 1024 })
  }

  /** Subjects, newest first. */
  log(branch: string): string[] {
    return git(this.origin, 'log', '--format=%s', branch).split('\n')
  }

  message(branch: string): string {
    return git(this.origin, 'log', '-1', '--format=%an <%ae>%n%B', branch)
  }

  files(branch: string): string[] {
    return git(this.origin, 'ls-tree', '-r', '--name-only', branch).split('\n').filter(Boolean)
  }
}
