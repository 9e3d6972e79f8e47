// Which repository paths git-bob may read and write: checked by code, never left to the model. Pure.
import ignore, { type Ignore } from 'ignore'
import { posix } from 'node:path'

export type PathVerdict = { ok: true; path: string } | { ok: false; path: string; reason: string }

export interface PathRules {
  /** Patterns from .gitbobignore (gitignore syntax). */
  ignored: Ignore
}

export function pathRules(gitbobignore: string | null): PathRules {
  return { ignored: ignore().add(gitbobignore ?? '') }
}

/** Normalises a path the model wrote and decides whether git-bob may write it. */
export function checkWritePath(raw: string, rules: PathRules): PathVerdict {
  const given = raw.trim().replace(/\\/g, '/')
  if (!given) return { ok: false, path: raw, reason: 'the path is empty' }
  if (given.startsWith('/') || /^[A-Za-z]:/.test(given))
    return { ok: false, path: given, reason: 'absolute paths are outside the repository' }
  if (given.includes('\0')) return { ok: false, path: given, reason: 'the path contains a NUL character' }
  const path = posix.normalize(given).replace(/^\.\//, '').replace(/\/+$/, '')
  if (path === '.' || path === '') return { ok: false, path, reason: 'the path names the repository root, not a file' }
  if (path === '..' || path.startsWith('../'))
    return { ok: false, path, reason: 'the path leads outside the repository' }
  const parts = path.split('/')
  if (parts.some((p) => p.toLowerCase() === '.git')) return { ok: false, path, reason: 'git-bob never touches .git/' }
  if (path.toLowerCase() === '.github/workflows' || path.toLowerCase().startsWith('.github/workflows/')) {
    return {
      ok: false,
      path,
      reason:
        'workflow files cannot be changed: the workflow token has no `workflows` permission, so GitHub would reject the push. A maintainer has to make this change'
    }
  }
  if (path === '.gitbobignore') return { ok: false, path, reason: '.gitbobignore is for maintainers to edit' }
  if (rules.ignored.ignores(path)) return { ok: false, path, reason: 'the path matches a pattern in .gitbobignore' }
  return { ok: true, path }
}

/** Whether a file may be shown to the model (.gitbobignore hides it). */
export function mayRead(path: string, rules: PathRules): boolean {
  const clean = posix.normalize(path.replace(/\\/g, '/')).replace(/^\.\//, '')
  if (!clean || clean === '.' || clean.startsWith('../')) return false
  return !clean.split('/').some((p) => p.toLowerCase() === '.git') && !rules.ignored.ignores(clean)
}
