// The branch story against origin, in one place: which of git-bob's branches exist, checking the target out,
// one commit of exactly the checked paths, the push (rebuilt on top when someone pushed meanwhile), and taking
// a pushed branch back when what it was for failed. Every step that uses the token checks .git first.
import { GitError, NotebookTamperError } from '../../errors.ts'
import type { Git } from './git.ts'

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

/** What the branch needs of the checkout it works in. */
export interface CheckedOutTree {
  /** The paths that differ from HEAD (new, changed, deleted). */
  changedPaths(): Promise<string[]>
  /** Changes whenever what in .git could run code or redirect the token (config, hooks) changes. */
  gitFingerprint(): Promise<string>
}

export interface BranchOptions {
  author: CommitAuthor
  /** The co-author line of the person who asked (default: GitHub's noreply address, accountAuthor). */
  coAuthorOf?: (account: CoAuthor) => CommitAuthor
  /** False from a terminal without --post: the commit stays in the checkout, nothing reaches origin. */
  publish: boolean
  /**
   * The branch of origin the checkout is a clone of, made by git-bob moments before (a terminal's temporary
   * clone): the first checkout from that branch starts at the clone's HEAD instead of fetching it again.
   */
  clonedFrom?: string
}

export class GitBranch {
  private readonly git: Git
  private readonly tree: CheckedOutTree
  private readonly author: CommitAuthor
  private readonly coAuthorOf: (account: CoAuthor) => CommitAuthor
  private readonly publish: boolean
  /** The fingerprint of .git when the branch was checked out: commit and push refuse to run if it changed. */
  private gitAtCheckout: string | null = null
  /**
   * The commit git-bob made (or rebuilt) on the branch, which HEAD is until the next checkout: push names it
   * instead of asking git for HEAD again. Null after a checkout, or when nothing was committed since.
   */
  private made: string | null = null
  /** BranchOptions.clonedFrom, until the first checkout. */
  private clonedFrom: string | null

  constructor(git: Git, tree: CheckedOutTree, options: BranchOptions) {
    this.git = git
    this.tree = tree
    this.author = options.author
    this.coAuthorOf = options.coAuthorOf ?? accountAuthor
    this.publish = options.publish
    this.clonedFrom = options.clonedFrom ?? null
  }

  /** git's options that make a commit (or a cherry-pick) as the author. */
  private get asAuthor(): string[] {
    return ['-c', `user.name=${this.author.name}`, '-c', `user.email=${this.author.email}`]
  }

  /** Branches on origin whose names start with `prefix`. */
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
    this.made = null
    // A clone git-bob has just made of `from` is at its tip already; any other checkout may be behind origin.
    const cloned = this.clonedFrom === from
    this.clonedFrom = null
    if (!cloned)
      await this.git.run(['fetch', '--quiet', '--no-tags', 'origin', `refs/heads/${from}`], { network: true })
    await this.git.run(['checkout', '--quiet', '--force', '-B', branch, cloned ? 'HEAD' : 'FETCH_HEAD'])
    await this.git.run(['clean', '--quiet', '-fd'])
    this.gitAtCheckout = await this.tree.gitFingerprint()
  }

  /** Throws when .git's config, hooks or info changed since checkout (or nothing was checked out). */
  private async verifyGit(what: string): Promise<void> {
    if (this.gitAtCheckout === null) throw new Error(`nothing can be ${what} before a branch is checked out`)
    if ((await this.tree.gitFingerprint()) !== this.gitAtCheckout)
      throw new NotebookTamperError(
        `the repository's .git folder (its configuration or hooks) changed after git-bob checked out the branch, so nothing was ${what}. Look at the notebook code in the conversation before asking again.`
      )
  }

  /** The commit HEAD is and its files, from git itself, in one call. */
  private async headCommit(): Promise<{ sha: string; files: CommittedFile[] }> {
    // `--format=%H -z`: the sha and a NUL, then the name-status fields, each ended by a NUL.
    const { stdout } = await this.git.run([
      'show',
      '--no-show-signature',
      '--name-status',
      '--no-renames',
      '-z',
      '--format=%H',
      'HEAD'
    ])
    const end = stdout.indexOf('\0')
    const sha = stdout.slice(0, end).trim()
    if (end < 0 || !/^[0-9a-f]{40,64}$/.test(sha)) throw new Error(`git show named no commit: ${stdout.slice(0, 80)}`)
    const fields = stdout
      .slice(end + 1)
      .replace(/^\n+/, '')
      .split('\0')
      .filter(Boolean)
    const files: CommittedFile[] = []
    for (let i = 0; i + 1 < fields.length; i += 2) {
      const letter = fields[i]!.trim()
      files.push({ path: fields[i + 1]!, status: letter === 'A' ? 'added' : letter === 'D' ? 'deleted' : 'modified' })
    }
    return { sha, files }
  }

  private async head(): Promise<string> {
    return (await this.git.run(['rev-parse', 'HEAD'])).stdout.trim()
  }

  /** HEAD: the commit git-bob made or rebuilt last on this branch, else asked of git. */
  private async tip(): Promise<string> {
    return this.made ?? this.head()
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
    const changed = await this.tree.changedPaths()
    const staged = changed.filter((path) => wanted.has(path))
    const leftOut = changed.filter((path) => !wanted.has(path))
    if (!staged.length) return { sha: null, files: [], leftOut }
    await this.git.run(['update-index', '--add', '--remove', '-z', '--stdin'], { input: `${staged.join('\0')}\0` })
    // The person who asked is named as co-author, unless they are the author already (a terminal run).
    const co = coAuthor ? this.coAuthorOf(coAuthor) : null
    const trailer = co && co.email !== this.author.email ? `\n\nCo-authored-by: ${co.name} <${co.email}>` : ''
    this.made = null
    await this.git.run([...this.asAuthor, 'commit', '--quiet', '--no-verify', '--file', '-'], {
      input: `${message(staged).trim()}${trailer}\n`
    })
    const made = await this.headCommit()
    this.made = made.sha
    return { ...made, leftOut }
  }

  /**
   * Pushes the commit git-bob made (HEAD when it made none since the checkout) to the branch. When someone pushed
   * in the meantime, the commit is rebuilt on top of their work (cherry-picked onto the new tip) and pushed once
   * more; a conflict is never forced.
   * `rebuild: false` is for a branch git-bob creates: one that exists after all is not ours to build on.
   */
  async push(branch: string, options: { rebuild: boolean } = { rebuild: true }): Promise<PushResult> {
    if (!this.publish) return { kind: 'pushed', sha: await this.tip(), rebuilt: false }
    await this.verifyGit('pushed')
    const sha = await this.tip()
    try {
      // The commit by its sha, so what is pushed is what is reported.
      await this.git.run(['push', '--quiet', '--porcelain', 'origin', `${sha}:refs/heads/${branch}`], { network: true })
      return { kind: 'pushed', sha, rebuilt: false }
    } catch (error) {
      if (!(error instanceof GitError) || !/rejected|non-fast-forward|fetch first/i.test(error.stderr)) throw error
      if (!options.rebuild) return { kind: 'conflict', detail: 'the branch was created by someone else meanwhile' }
    }
    return this.rebuild(branch, sha)
  }

  /** The commit cherry-picked onto origin's new tip of the branch and pushed; nothing pushed on a conflict. */
  private async rebuild(branch: string, sha: string): Promise<PushResult> {
    // HEAD leaves git-bob's commit here (origin's tip, then the commit rebuilt on it, or origin's tip on a conflict).
    this.made = null
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
    const rebuilt = await this.head()
    this.made = rebuilt
    await this.verifyGit('pushed')
    await this.git.run(['push', '--quiet', '--porcelain', 'origin', `${rebuilt}:refs/heads/${branch}`], {
      network: true
    })
    return { kind: 'pushed', sha: rebuilt, rebuilt: true }
  }

  /**
   * Removes a branch git-bob pushed, when what it was for failed: no half-done work is left behind.
   * Only while the branch still points at git-bob's commit, so nobody's later push is lost.
   */
  async deleteRemoteBranch(branch: string, sha: string): Promise<boolean> {
    if (!this.publish) return true
    // The token goes nowhere a changed .git could send it.
    if ((await this.tree.gitFingerprint()) !== this.gitAtCheckout) return false
    return this.git.ok(
      ['push', '--quiet', `--force-with-lease=refs/heads/${branch}:${sha}`, 'origin', `:refs/heads/${branch}`],
      { network: true }
    )
  }

  /** What a pushed new branch is for (its pull request); when that fails, the branch goes again and the error stands. */
  async usedOrDeleted<T>(branch: string, sha: string, use: () => Promise<T>): Promise<T> {
    try {
      return await use()
    } catch (error) {
      await this.deleteRemoteBranch(branch, sha)
      throw error
    }
  }
}
