// The checked-out repository: switch to the branch git-bob works on, change files, commit once, push.
import { existsSync } from 'node:fs'
import { createHash } from 'node:crypto'
import { copyFile, lstat, mkdir, readdir, readFile, rename, rm, rmdir, stat, writeFile } from 'node:fs/promises'
import { dirname, join, sep } from 'node:path'
import { Git, type Credentials } from './git.ts'
import { GitError, NotebookTamperError, PathEscapeError, StepError } from '../../errors.ts'
import type { FileContent, Workspace } from '../../commands/implement/ports.ts'
import type { BoxSource } from './tracked-copy.ts'

/** Who commits: in a workflow the Actions bot, whose token pushes; from a terminal the person whose token it is. */
export interface CommitAuthor {
  name: string
  email: string
}

export const BOT_AUTHOR: CommitAuthor = {
  name: 'github-actions[bot]',
  email: '41898282+github-actions[bot]@users.noreply.github.com'
}

/** A GitHub account's author line, with the noreply address GitHub links to the account. Pure. */
export function accountAuthor(account: { login: string; id: number }): CommitAuthor {
  return { name: account.login, email: `${account.id}+${account.login}@users.noreply.github.com` }
}

export interface CoAuthor {
  login: string
  id: number
}

/** A path in the commit that was made, as `git show --name-status` reports it. */
export interface CommittedFile {
  path: string
  status: 'added' | 'modified' | 'deleted'
}

/**
 * What commit() did: the commit (null when none of the checked paths changed), the files in it, and the
 * paths that changed in the checkout but were not among the checked ones, so were left out.
 */
export interface CommitResult {
  sha: string | null
  files: CommittedFile[]
  leftOut: string[]
}

export type PushResult = { kind: 'pushed'; sha: string; rebuilt: boolean } | { kind: 'conflict'; detail: string }

/** The git checkout: the implement command's Workspace, plus what effects/ needs to publish a change. */
export class GitWorkspace implements Workspace, BoxSource {
  readonly dir: string
  private readonly git: Git
  /** What git-bob wrote, moved, removed or took back from a box since it was opened: the model's work. */
  private readonly writtenPaths = new Set<string>()
  /** gitFingerprint() when the branch was checked out: commit and push refuse to run if .git changed since. */
  private gitAtCheckout: string | null = null

  private readonly author: CommitAuthor

  constructor(dir: string, credentials: Credentials | null, author: CommitAuthor = BOT_AUTHOR) {
    this.dir = dir
    this.git = new Git(dir, credentials)
    this.author = author
  }

  /** git's options that make a commit (or a cherry-pick) as the author. */
  private get asAuthor(): string[] {
    return ['-c', `user.name=${this.author.name}`, '-c', `user.email=${this.author.email}`]
  }

  /** Milliseconds spent in git so far. */
  get gitMs(): number {
    return this.git.elapsedMs
  }

  /** The workspace of a run, or null when no repository was checked out. */
  static open(dir: string, credentials: Credentials | null): GitWorkspace | null {
    return dir && existsSync(join(dir, '.git')) ? new GitWorkspace(dir, credentials) : null
  }

  async remoteBranches(prefix: string): Promise<string[]> {
    const { stdout } = await this.git.run(['ls-remote', '--heads', 'origin', `refs/heads/${prefix}*`], {
      network: true
    })
    return stdout
      .split('\n')
      .map((line) => line.split('\t')[1]?.replace(/^refs\/heads\//, ''))
      .filter((b): b is string => Boolean(b))
  }

  /** Checks out `branch` at the tip of `from` on origin (a new branch starts from the base). */
  async checkout(branch: string, from: string): Promise<void> {
    await this.git.run(['fetch', '--quiet', '--no-tags', 'origin', `refs/heads/${from}`], { network: true })
    await this.git.run(['checkout', '--quiet', '--force', '-B', branch, 'FETCH_HEAD'])
    await this.git.run(['clean', '--quiet', '-fd'])
    this.gitAtCheckout = await this.gitFingerprint()
  }

  /** Throws when .git's config, hooks or info changed since checkout (or nothing was checked out). */
  private async verifyGit(what: string): Promise<void> {
    if (this.gitAtCheckout === null) throw new Error(`nothing can be ${what} before a branch is checked out`)
    if ((await this.gitFingerprint()) !== this.gitAtCheckout)
      throw new NotebookTamperError(
        `the repository's .git folder (its configuration or hooks) changed after git-bob checked out the branch, so nothing was ${what}. Look at the notebook code in the conversation before asking again.`
      )
  }

  written(): readonly string[] {
    return [...this.writtenPaths]
  }

  /** Paths written into the checkout from outside this class (what a box's run wrote, copied back). */
  wrote(paths: readonly string[]): void {
    for (const path of paths) this.writtenPaths.add(path)
  }

  /**
   * The settings of the checkout's git configuration (includes followed, as actions/checkout writes them) that
   * hold a credential: an http extraheader or a credential helper. Their names only, never their values.
   */
  async persistedCredentials(): Promise<string[]> {
    const { stdout } = await this.git
      .run([
        'config',
        '--local',
        '--includes',
        '--name-only',
        '--get-regexp',
        '^(http\\..*\\.extraheader|credential\\..*)$'
      ])
      .catch(() => ({ stdout: '' }))
    return [...new Set(stdout.split('\n').filter(Boolean))]
  }

  async listFiles(): Promise<string[]> {
    const { stdout } = await this.git.run(['ls-files', '-z'])
    return stdout.split('\0').filter(Boolean)
  }

  /**
   * The file's place on disk, refusing any symbolic link on the way: a repository may contain a link
   * such as `data -> /etc`, and writing `data/x` must not reach outside the working tree.
   */
  private async place(path: string): Promise<string> {
    const full = join(this.dir, path)
    if (!full.startsWith(this.dir.replace(/[\\/]+$/, '') + sep))
      throw new PathEscapeError(`${path} is outside the repository`)
    const parts = path.split('/')
    for (let i = 1; i <= parts.length; i++) {
      const step = join(this.dir, ...parts.slice(0, i))
      const info = await lstat(step).catch(() => null)
      if (!info) break
      if (info.isSymbolicLink())
        throw new PathEscapeError(
          `${parts.slice(0, i).join('/')} is a symbolic link, and git-bob does not write through links`
        )
    }
    return full
  }

  async read(path: string): Promise<FileContent> {
    const full = await this.place(path).catch(() => null)
    if (!full) return { kind: 'missing' }
    try {
      const info = await stat(full)
      if (!info.isFile()) return { kind: 'missing' }
      const bytes = await readFile(full)
      return bytes.subarray(0, 8000).includes(0)
        ? { kind: 'binary', size: bytes.length, bytes }
        : { kind: 'text', text: bytes.toString('utf8') }
    } catch {
      return { kind: 'missing' }
    }
  }

  async write(path: string, content: string | Uint8Array): Promise<void> {
    const full = await this.place(path)
    this.writtenPaths.add(path)
    await asStep(async () => {
      await mkdir(dirname(full), { recursive: true })
      await writeFile(full, content)
    })
  }

  async remove(path: string): Promise<void> {
    const full = await this.place(path)
    this.writtenPaths.add(path)
    await asStep(() => rm(full, { force: true }))
  }

  /** Undoes a change to one path: back to its committed content, or gone if it is new. */
  // One git call for any number of paths: a notebook may leave thousands of files to undo.
  async restore(paths: readonly string[]): Promise<void> {
    if (!paths.length) return
    const places = await Promise.all(paths.map((path) => this.place(path)))
    const tracked = new Set(
      (await this.git.run(['ls-tree', '-r', '-z', '--name-only', 'HEAD'])).stdout.split('\0').filter(Boolean)
    )
    const committed = paths.filter((path) => tracked.has(path))
    if (committed.length)
      await this.git.run(['checkout', '--quiet', 'HEAD', '--pathspec-from-file=-', '--pathspec-file-nul'], {
        input: `${committed.map((path) => `:(literal)${path}`).join('\0')}\0`
      })
    const root = this.dir.replace(/[\\/]+$/, '')
    for (const [i, path] of paths.entries()) {
      if (tracked.has(path)) continue
      await rm(places[i]!, { force: true, recursive: true })
      // Folders the new files made go too, when nothing else is in them.
      for (let dir = dirname(places[i]!); dir.startsWith(root + sep); dir = dirname(dir)) {
        if (
          !(await rmdir(dir).then(
            () => true,
            () => false
          ))
        )
          break
      }
    }
  }

  async move(from: string, to: string): Promise<void> {
    const [source, target] = [await this.place(from), await this.place(to)]
    this.wrote([from, to])
    await asStep(async () => {
      await mkdir(dirname(target), { recursive: true })
      await rename(source, target)
    })
  }

  async copy(from: string, to: string): Promise<void> {
    const [source, target] = [await this.place(from), await this.place(to)]
    this.writtenPaths.add(to)
    await asStep(async () => {
      await mkdir(dirname(target), { recursive: true })
      await copyFile(source, target)
    })
  }

  /**
   * A fingerprint of what in .git could make git run code or send the token elsewhere (config, hooks,
   * info): code git-bob runs (notebooks) must not change it, and push checks it did not.
   */
  async gitFingerprint(): Promise<string> {
    const hash = createHash('sha256')
    const walk = async (relative: string): Promise<void> => {
      const full = join(this.dir, '.git', relative)
      const info = await lstat(full).catch(() => null)
      if (!info) {
        hash.update(`${relative}:none\0`)
      } else if (info.isDirectory()) {
        for (const name of (await readdir(full)).sort()) await walk(join(relative, name))
      } else {
        hash.update(`${relative}:${info.isSymbolicLink() ? 'link' : (await readFile(full)).toString('base64')}\0`)
      }
    }
    for (const part of ['config', 'hooks', 'info', 'config.worktree']) await walk(part)
    return hash.digest('hex')
  }

  /** The paths that differ from HEAD, as git sees them (new, changed, deleted); stages nothing. */
  async changedPaths(): Promise<string[]> {
    const { stdout } = await this.git.run(['status', '--porcelain=v1', '-z', '--untracked-files=all', '--no-renames'])
    const paths = stdout
      .split('\0')
      .filter(Boolean)
      .map((entry) => entry.slice(3))
    return [...new Set(paths)].sort()
  }

  /** The files of a commit, from git itself. */
  private async filesOf(sha: string): Promise<CommittedFile[]> {
    const { stdout } = await this.git.run(['show', '--name-status', '--no-renames', '-z', '--format=', sha])
    const fields = stdout.replace(/^\n+/, '').split('\0').filter(Boolean)
    const files: CommittedFile[] = []
    for (let i = 0; i + 1 < fields.length; i += 2) {
      const letter = fields[i]!.trim()
      files.push({ path: fields[i + 1]!, status: letter === 'A' ? 'added' : letter === 'D' ? 'deleted' : 'modified' })
    }
    return files
  }

  /**
   * One commit of exactly the `checked` paths that changed (staged by name, never `git add --all`); every
   * other change in the checkout is left out and returned. `.git` is verified right before. The message is
   * built from what is staged.
   */
  async commit(
    checked: readonly string[],
    message: (staged: readonly string[]) => string,
    coAuthor: CoAuthor | null
  ): Promise<CommitResult> {
    await this.verifyGit('committed')
    // Whatever someone else staged (a notebook can run git) is dropped: the index starts as HEAD.
    await this.git.run(['read-tree', 'HEAD'])
    const wanted = new Set(checked)
    const changed = await this.changedPaths()
    const staged = changed.filter((path) => wanted.has(path))
    const leftOut = changed.filter((path) => !wanted.has(path))
    if (!staged.length) return { sha: null, files: [], leftOut }
    await this.git.run(['update-index', '--add', '--remove', '-z', '--stdin'], { input: `${staged.join('\0')}\0` })
    // The person who asked is named as co-author, unless they are the author already (a terminal run).
    const co = coAuthor ? accountAuthor(coAuthor) : null
    const trailer = co && co.email !== this.author.email ? `\n\nCo-authored-by: ${co.name} <${co.email}>` : ''
    await this.git.run([...this.asAuthor, 'commit', '--quiet', '--no-verify', '--file', '-'], {
      input: `${message(staged).trim()}${trailer}\n`
    })
    const sha = (await this.git.run(['rev-parse', 'HEAD'])).stdout.trim()
    return { sha, files: await this.filesOf(sha), leftOut }
  }

  /**
   * Pushes HEAD to the branch. When someone pushed in the meantime, the commit is rebuilt on top of
   * their work (cherry-picked onto the new tip) and pushed once more; a conflict is never forced.
   */
  async push(branch: string, options: { rebuild: boolean } = { rebuild: true }): Promise<PushResult> {
    await this.verifyGit('pushed')
    const sha = (await this.git.run(['rev-parse', 'HEAD'])).stdout.trim()
    try {
      await this.git.run(['push', '--quiet', '--porcelain', 'origin', `HEAD:refs/heads/${branch}`], { network: true })
      return { kind: 'pushed', sha, rebuilt: false }
    } catch (error) {
      if (!(error instanceof GitError) || !/rejected|non-fast-forward|fetch first/i.test(error.stderr)) throw error
      // A branch git-bob meant to create exists after all (made meanwhile): not ours to build on.
      if (!options.rebuild) return { kind: 'conflict', detail: 'the branch was created by someone else meanwhile' }
    }
    await this.git.run(['fetch', '--quiet', '--no-tags', 'origin', `refs/heads/${branch}`], { network: true })
    await this.git.run(['checkout', '--quiet', '--force', '-B', branch, 'FETCH_HEAD'])
    try {
      await this.git.run([...this.asAuthor, 'cherry-pick', '--allow-empty', sha])
    } catch (error) {
      await this.git.ok(['cherry-pick', '--abort'])
      return {
        kind: 'conflict',
        detail: error instanceof GitError ? error.stderr.trim().split('\n').slice(-2).join(' ') : String(error)
      }
    }
    const rebuilt = (await this.git.run(['rev-parse', 'HEAD'])).stdout.trim()
    await this.verifyGit('pushed')
    await this.git.run(['push', '--quiet', '--porcelain', 'origin', `HEAD:refs/heads/${branch}`], { network: true })
    return { kind: 'pushed', sha: rebuilt, rebuilt: true }
  }

  /**
   * Removes a branch git-bob pushed, when what it was for failed: no half-done work is left behind.
   * Only while the branch still points at git-bob's commit, so nobody's later push is lost.
   */
  async deleteRemoteBranch(branch: string, sha: string): Promise<boolean> {
    // The token goes nowhere a changed .git could send it.
    if ((await this.gitFingerprint()) !== this.gitAtCheckout) return false
    return this.git.ok(
      ['push', '--quiet', `--force-with-lease=refs/heads/${branch}:${sha}`, 'origin', `:refs/heads/${branch}`],
      { network: true }
    )
  }
}

/** What the file system says about a path, in words; the step is skipped, the rest of the change goes on. */
const REFUSALS: Readonly<Record<string, string>> = {
  EISDIR: 'the path names a directory, not a file',
  ENOTDIR: 'a part of the path is a file, not a directory',
  EEXIST: 'a part of the path is a file, not a directory',
  ENAMETOOLONG: 'the path or a name in it is too long for the file system',
  EINVAL: 'the file system does not accept this name',
  EILSEQ: 'the file system does not accept this name'
}

async function asStep<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work()
  } catch (error) {
    const code = (error as NodeJS.ErrnoException | null)?.code
    const refusal = code ? REFUSALS[code] : undefined
    if (refusal) throw new StepError(refusal)
    throw error
  }
}
