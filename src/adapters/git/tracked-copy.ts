// The copy a box gets: the files git tracks at the commit being worked on, with what git-bob wrote since, taken
// from git's objects through an index of git-bob's own (box.sh writes them out with `git checkout-index`), never
// from the working tree as it stands: an untracked, ignored or owner-only file an earlier step left in the
// checkout never enters a box.
import { lstat } from 'node:fs/promises'
import { join } from 'node:path'
import { Git } from './git.ts'

/** What a box is made from: the checkout, and the paths git-bob wrote there since it checked the branch out. */
export interface BoxSource {
  readonly dir: string
  /** Paths (relative) written, changed, moved or removed by git-bob since the checkout: the model's work. */
  written(): readonly string[]
  /** Told the paths a box's run wrote back into the checkout: they are git-bob's work from then on. */
  wrote(paths: readonly string[]): void
}

/** Whether `path` is a regular file in `dir` reached without a symbolic link on the way. */
async function regularFileAt(dir: string, path: string): Promise<boolean> {
  const parts = path.split('/')
  for (let i = 1; i <= parts.length; i++) {
    const info = await lstat(join(dir, ...parts.slice(0, i))).catch(() => null)
    if (!info || info.isSymbolicLink()) return false
    if (i === parts.length) return info.isFile()
  }
  return false
}

/**
 * Makes `indexFile` (a path that does not exist yet) the index of the box's copy: HEAD's tree with what git-bob
 * wrote. Returns the repository's git folder, from which box.sh writes the copy out (`git checkout-index`).
 */
export async function trackedIndex(source: BoxSource, indexFile: string): Promise<string> {
  const git = new Git(source.dir, null)
  await git.run(['read-tree', 'HEAD'], { indexFile })
  const present: string[] = []
  const gone: string[] = []
  for (const path of new Set(source.written())) ((await regularFileAt(source.dir, path)) ? present : gone).push(path)
  // A written file's content goes into git's objects (as the commit would put it); a removed one leaves the index.
  if (present.length)
    await git.run(['update-index', '--add', '-z', '--stdin'], { indexFile, input: `${present.join('\0')}\0` })
  if (gone.length)
    await git.run(['update-index', '--force-remove', '-z', '--stdin'], { indexFile, input: `${gone.join('\0')}\0` })
  // A plain checkout's git folder is its .git; a worktree's (.git is a file) is asked of git.
  const dotGit = join(source.dir, '.git')
  if ((await lstat(dotGit).catch(() => null))?.isDirectory()) return dotGit
  return (await git.run(['rev-parse', '--absolute-git-dir'])).stdout.trim()
}
