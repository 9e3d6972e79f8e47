// A local bare repository standing in for origin, and a shallow clone of it standing in for the
// workspace actions/checkout leaves: real git on both sides.
import { execFileSync } from 'node:child_process'
import { createHash } from 'node:crypto'
import { appendFileSync, cpSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'

export function git(dir: string, ...args: string[]): string {
  return execFileSync('git', ['-C', dir, ...args], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).trim()
}

export function writeFiles(dir: string, files: Record<string, string | Uint8Array>): void {
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true })
    writeFileSync(join(dir, path), content)
  }
}

/**
 * A git fast-import stream of one commit by the person holding `files` (mode 644) and symbolic `links`: the first
 * commit of `branch`, or (with `parent`, a commit-ish) one on top of it, changing only these paths.
 */
function commitStream(
  branch: string,
  message: string,
  files: Record<string, string | Uint8Array>,
  links: Record<string, string> = {},
  parent?: string
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
  data(Buffer.from(`${message}\n`))
  // `^0`: the commit the repository holds, not a branch of this fast-import's own (which starts with none).
  if (parent) parts.push(Buffer.from(`from ${parent}^0\n`))
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

/**
 * Origins with their checkouts as first made, by what they hold: made once per test worker, then copied. Three git
 * processes make one (a fifth of a second of CPU); a copy is a few file copies and gives the same repositories.
 */
const templates = new Map<string, string>()

/** A folder holding origin.git and workspace for these files: made by git the first time, a copy of that after. */
function originAndCheckout(
  root: string,
  files: Record<string, string | Uint8Array>,
  defaultBranch: string,
  links: Record<string, string>
): void {
  const hash = createHash('sha256').update(JSON.stringify([defaultBranch, links]))
  for (const [path, content] of Object.entries(files)) hash.update(`\0${path}\0`).update(content)
  const key = hash.digest('hex')
  let template = templates.get(key)
  if (!template) {
    template = mkdtempSync(join(tmpdir(), 'git-bob-remote-template-'))
    const origin = join(template, 'origin.git')
    execFileSync('git', ['init', '--quiet', '--bare', '-b', defaultBranch, origin])
    // The server's housekeeping is not under test: no `git gc --auto` process after every push it receives.
    appendFileSync(join(origin, 'config'), '[receive]\n\tautogc = false\n')
    // The first commit goes straight into origin, by one fast-import: no seed clone, add, commit and push
    // (more than half of what a repository costs to set up).
    execFileSync('git', ['--git-dir', origin, 'fast-import', '--quiet'], {
      input: commitStream(defaultBranch, 'initial', files, links),
      stdio: ['pipe', 'ignore', 'pipe']
    })
    // Like actions/checkout: a shallow clone of the default branch.
    execFileSync(
      'git',
      ['clone', '--quiet', '--depth', '1', '--branch', defaultBranch, `file://${origin}`, join(template, 'workspace')],
      { stdio: 'ignore' }
    )
    templates.set(key, template)
  }
  cpSync(template, root, { recursive: true, verbatimSymlinks: true })
  // The checkout's origin is the copy's: the one path git wrote into a configuration.
  const config = join(root, 'workspace', '.git', 'config')
  writeFileSync(config, readFileSync(config, 'utf8').replaceAll(`file://${template}/`, `file://${root}/`))
}

export class GitRemote {
  readonly root = mkdtempSync(join(tmpdir(), 'git-bob-remote-'))
  readonly origin = join(this.root, 'origin.git')
  readonly workspace = join(this.root, 'workspace')

  readonly defaultBranch: string

  /** `links` are symbolic links to commit too, path -> target. */
  constructor(
    files: Record<string, string | Uint8Array>,
    defaultBranch = 'master',
    links: Record<string, string> = {}
  ) {
    this.defaultBranch = defaultBranch
    originAndCheckout(this.root, files, defaultBranch, links)
  }

  /**
   * A person pushes a commit to a branch of origin (created from the default branch when new): written into origin
   * by one fast-import, as the push of a clone would leave it, without the clone, add, commit and push.
   */
  humanPush(branch: string, files: Record<string, string>, message = 'human change'): void {
    const exists = this.branches().includes(branch)
    this.fastImport(commitStream(branch, message, files, {}, `refs/heads/${exists ? branch : this.defaultBranch}`))
  }

  private fastImport(stream: Buffer): void {
    execFileSync('git', ['--git-dir', this.origin, 'fast-import', '--quiet'], {
      input: stream,
      stdio: ['pipe', 'ignore', 'pipe']
    })
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
