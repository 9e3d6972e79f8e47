// The implement command's Workspace (and prepare-target's BranchCheckout) in memory: a committed tree,
// a working tree, origin's branches, symbolic links that refuse writes, and a .git that a test can change.
import type { FileContent, Workspace } from '../../src/ports/workspace.ts'
import { PathEscapeError } from '../../src/errors.ts'
import type { BranchCheckout } from '../../src/effects/prepare-target.ts'

type Content = string | Uint8Array
type Tree = Map<string, Content>

function same(a: Content | undefined, b: Content | undefined): boolean {
  if (a === undefined || b === undefined) return a === b
  return Buffer.from(a).equals(Buffer.from(b))
}

export class MemoryWorkspace implements Workspace, BranchCheckout {
  /** The working tree: what the command reads and writes. */
  readonly files: Tree
  /** The last commit: what changedPaths() and restore() compare with. */
  private head: Tree
  /** Branches on origin, with their files. */
  readonly remote = new Map<string, Tree>()
  /** Paths that are symbolic links: nothing is written through them. */
  readonly links = new Set<string>()
  /** Stands for .git's config and hooks: a test changes it to play a notebook that tampers with them. */
  gitConfig = '[core]\n'
  /** Every checkout, as "branch <- from". */
  readonly checkouts: string[] = []

  constructor(files: Record<string, Content> = {}, branch = 'main') {
    this.files = new Map(Object.entries(files))
    this.head = new Map(this.files)
    this.remote.set(branch, new Map(this.files))
  }

  /** The working tree's text files, for assertions. */
  text(path: string): string | undefined {
    const content = this.files.get(path)
    return content === undefined ? undefined : Buffer.from(content).toString('utf8')
  }

  private place(path: string): string {
    const parts = path.split('/')
    for (let i = 1; i <= parts.length; i++) {
      const step = parts.slice(0, i).join('/')
      if (this.links.has(step))
        throw new PathEscapeError(`${step} is a symbolic link, and git-bob does not write through links`)
    }
    return path
  }

  async read(path: string): Promise<FileContent> {
    let content: Content | undefined
    try {
      content = this.files.get(this.place(path))
    } catch {
      return { kind: 'missing' }
    }
    if (content === undefined) return { kind: 'missing' }
    const bytes = Buffer.from(content)
    return bytes.subarray(0, 8000).includes(0)
      ? { kind: 'binary', size: bytes.length, bytes }
      : { kind: 'text', text: bytes.toString('utf8') }
  }

  async write(path: string, content: Content): Promise<void> {
    this.files.set(this.place(path), typeof content === 'string' ? content : new Uint8Array(content))
  }

  async remove(path: string): Promise<void> {
    this.files.delete(this.place(path))
  }

  async move(from: string, to: string): Promise<void> {
    const content = this.files.get(this.place(from))
    if (content === undefined) throw new Error(`ENOENT: ${from}`)
    this.files.set(this.place(to), content)
    this.files.delete(from)
  }

  async copy(from: string, to: string): Promise<void> {
    const content = this.files.get(this.place(from))
    if (content === undefined) throw new Error(`ENOENT: ${from}`)
    this.files.set(this.place(to), content)
  }

  async restore(paths: readonly string[]): Promise<void> {
    for (const path of paths) {
      const committed = this.head.get(path)
      if (committed === undefined) this.files.delete(path)
      else this.files.set(path, committed)
    }
  }

  async changedPaths(): Promise<string[]> {
    const paths = new Set([...this.files.keys(), ...this.head.keys()])
    return [...paths].filter((p) => !same(this.files.get(p), this.head.get(p))).sort()
  }

  async gitFingerprint(): Promise<string> {
    return this.gitConfig
  }

  async remoteBranches(prefix: string): Promise<string[]> {
    return [...this.remote.keys()].filter((b) => b.startsWith(prefix))
  }

  async checkout(branch: string, from: string): Promise<void> {
    const tree = this.remote.get(from)
    if (!tree) throw new Error(`fatal: couldn't find remote ref refs/heads/${from}`)
    this.checkouts.push(`${branch} <- ${from}`)
    this.head = new Map(tree)
    this.files.clear()
    for (const [path, content] of tree) this.files.set(path, content)
  }
}
