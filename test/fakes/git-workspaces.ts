// Origins and checkouts for the git adapter's unit tests: each a bare origin with a shallow clone (git-remote.ts),
// opened as a GitWorkspace, and all removed when the file's tests are done.
import { rmSync } from 'node:fs'
import { afterAll } from 'vitest'
import { GitWorkspace } from '../../src/adapters/git/workspace.ts'
import { GitRemote } from './git-remote.ts'

export function useGitRemotes(): {
  remote: (files: Record<string, string | Uint8Array>, links?: Record<string, string>) => GitRemote
  open: (r: GitRemote) => GitWorkspace
} {
  const remotes: GitRemote[] = []
  afterAll(() => {
    for (const r of remotes) rmSync(r.root, { recursive: true, force: true })
  })
  return {
    remote: (files, links = {}) => {
      const r = new GitRemote(files, 'main', links)
      remotes.push(r)
      return r
    },
    open: (r) => {
      const ws = GitWorkspace.open(r.workspace, null)
      if (!ws) throw new Error('no workspace')
      return ws
    }
  }
}
