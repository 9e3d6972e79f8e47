// The checked-out repository: the files git-bob reads and changes, and what git says changed; the branch
// (checkout, commit, push, clean-up) is branch.ts's.
import { existsSync } from 'node:fs'
import { createHash } from 'node:crypto'
import { copyFile, lstat, mkdir, readdir, readFile, rename, rm, rmdir, stat, writeFile } from 'node:fs/promises'
import { dirname, join, sep } from 'node:path'
import { Git, type GitCredentials } from './git.ts'
import { PathEscapeError, StepError } from '../../errors.ts'
import type { FileContent, Workspace } from '../../ports/workspace.ts'
import type { BoxSource } from './tracked-copy.ts'
import { BOT_AUTHOR, GitBranch, type BranchOptions } from './branch.ts'

/** Who commits, and how the person who asked is named as co-author; GitHub's by default. */
export type CommitIdentity = Partial<Pick<BranchOptions, 'author' | 'coAuthorOf'>>

/** The git checkout: the implement command's Workspace and the box's source; its branch publishes a change. */
export class GitWorkspace implements Workspace, BoxSource {
  readonly dir: string
  private readonly git: Git
  /** The branch the checkout is on: prepared, committed to, pushed, taken back (branch.ts). */
  readonly branch: GitBranch
  /** What git-bob wrote, moved, removed or took back from a box since it was opened: the model's work. */
  private readonly writtenPaths = new Set<string>()

  constructor(
    dir: string,
    credentials: GitCredentials | null,
    options: BranchOptions = { author: BOT_AUTHOR, publish: true }
  ) {
    this.dir = dir
    this.git = new Git(dir, credentials)
    this.branch = new GitBranch(this.git, this, options)
  }

  /** Milliseconds spent in git so far. */
  get gitMs(): number {
    return this.git.elapsedMs
  }

  /** The workspace of a run, or null when no repository was checked out. */
  static open(dir: string, credentials: GitCredentials | null, identity: CommitIdentity = {}): GitWorkspace | null {
    return dir && existsSync(join(dir, '.git'))
      ? new GitWorkspace(dir, credentials, { author: BOT_AUTHOR, ...identity, publish: true })
      : null
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
