// Which repository paths git-bob may read and write: checked by code, never left to the model. Pure.
// Protected paths (everything under .github/, .gitattributes, .gitmodules, CODEOWNERS, the instruction files)
// change how GitHub, git or git-bob itself treat the repository: they are written only when the workflow allows
// it (`allow-protected-paths`) and the request, written by someone with write access, names the exact path.
import ignore, { type Ignore } from 'ignore'
import { posix } from 'node:path'

/** Where the repository's instructions for git-bob are, unless `instructions-file` says otherwise. */
export const DEFAULT_INSTRUCTIONS_FILE = '.github/git-bob.md'

/** The review memory: rules the maintainers decided, read by every review, changed by `remember` through a pull request. */
export const REVIEW_MEMORY_FILE = '.github/git-bob/review-memory.md'

export type PathVerdict = { ok: true; path: string } | { ok: false; path: string; reason: string }

export interface PathPolicy {
  /** The `allow-protected-paths` input. */
  allowProtected: boolean
  /** The request's text: a protected path is written only when the request names it exactly. */
  request: string
  /** The repository's instructions file for git-bob (the `instructions-file` input). */
  instructionsFile: string
  /** Whether a path holds a secret git-bob knows: such a path is refused, never masked. */
  holdsSecret: (path: string) => boolean
}

export interface PathRules {
  /** Patterns from .gitbobignore (gitignore syntax). */
  ignored: Ignore
  policy: PathPolicy
  /** The paths the request names, as written. */
  named: ReadonlySet<string>
}

const DEFAULT_POLICY: PathPolicy = {
  allowProtected: false,
  request: '',
  instructionsFile: DEFAULT_INSTRUCTIONS_FILE,
  holdsSecret: () => false
}

/** Most file systems refuse longer names; git hosts and checkouts struggle with longer paths. */
export const MAX_NAME_BYTES = 255
export const MAX_PATH_BYTES = 1024

export function pathRules(gitbobignore: string | null, policy: Partial<PathPolicy> = {}): PathRules {
  const full = { ...DEFAULT_POLICY, ...policy }
  return { ignored: ignore().add(gitbobignore ?? ''), policy: full, named: pathLikeWords(full.request) }
}

/** The path-like words of a request, with a leading "./" and sentence punctuation after them removed. */
export function pathLikeWords(request: string): Set<string> {
  const named = new Set<string>()
  for (const word of request.match(/[^\s`'"<>()[\]{},;*]+/g) ?? []) {
    named.add(word.replace(/^\.\//, '').replace(/[.:!?]+$/, ''))
  }
  return named
}

// C0 and C1 controls, DEL, line and paragraph separators, and the characters that reorder or hide text.
// eslint-disable-next-line no-control-regex
const ODD_CHARACTER = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]/

/** Normalises a path the model wrote and decides whether git-bob may write it. */
export function checkWritePath(raw: string, rules: PathRules): PathVerdict {
  const given = raw.trim().replace(/\\/g, '/')
  if (!given) return { ok: false, path: raw, reason: 'the path is empty' }
  if (given.startsWith('/') || /^[A-Za-z]:/.test(given))
    return { ok: false, path: given, reason: 'absolute paths are outside the repository' }
  if (given.includes('\0')) return { ok: false, path: given, reason: 'the path contains a NUL character' }
  if (ODD_CHARACTER.test(raw))
    return {
      ok: false,
      path: given,
      reason: 'the path contains a control or invisible character (a line break, tab, or one that reorders text)'
    }
  if (rules.policy.holdsSecret(given)) return { ok: false, path: '***', reason: 'the path holds a secret' }
  const path = posix.normalize(given).replace(/^\.\//, '').replace(/\/+$/, '')
  if (path === '.' || path === '') return { ok: false, path, reason: 'the path names the repository root, not a file' }
  if (path === '..' || path.startsWith('../'))
    return { ok: false, path, reason: 'the path leads outside the repository' }
  const parts = path.split('/')
  if (parts.some((p) => p.toLowerCase() === '.git')) return { ok: false, path, reason: 'git-bob never touches .git/' }
  if (given.split('/').includes('..'))
    return { ok: false, path, reason: 'the path goes up with `..`; the file has to be named directly' }
  if (parts.some((p) => p.startsWith('-')))
    return { ok: false, path, reason: 'a name in the path starts with `-`, which tools would read as an option' }
  if (Buffer.byteLength(path) > MAX_PATH_BYTES)
    return { ok: false, path, reason: `the path is longer than ${MAX_PATH_BYTES} bytes` }
  if (parts.some((p) => Buffer.byteLength(p) > MAX_NAME_BYTES))
    return {
      ok: false,
      path,
      reason: `a name in the path is longer than ${MAX_NAME_BYTES} bytes, more than most file systems allow`
    }
  const lower = path.toLowerCase()
  if (lower === '.github/workflows' || lower.startsWith('.github/workflows/')) {
    return {
      ok: false,
      path,
      reason:
        'workflow files cannot be changed: the workflow token has no `workflows` permission, so GitHub would reject the push. A maintainer has to make this change'
    }
  }
  if (path === '.gitbobignore') return { ok: false, path, reason: '.gitbobignore is for maintainers to edit' }
  const guarded = protectedBecause(path, rules.policy.instructionsFile)
  if (guarded) {
    const allowed = rules.policy.allowProtected && rules.named.has(path)
    if (!allowed) {
      const needs = rules.policy.allowProtected
        ? 'the request has to name this exact path'
        : 'the workflow has to set `allow-protected-paths: true` and the request has to name this exact path'
      return { ok: false, path, reason: `${guarded}, so it is protected: ${needs}` }
    }
  }
  if (rules.ignored.ignores(path)) return { ok: false, path, reason: 'the path matches a pattern in .gitbobignore' }
  return { ok: true, path }
}

/** Why a path is protected, or null when it is not. Compared without case: a checkout may not tell them apart. */
export function protectedBecause(path: string, instructionsFile: string): string | null {
  const lower = path.toLowerCase()
  const name = lower.slice(lower.lastIndexOf('/') + 1)
  const instructions = posix.normalize(instructionsFile).replace(/^\.\//, '').toLowerCase()
  if (lower === instructions) return "it is git-bob's own instructions file"
  if (lower === REVIEW_MEMORY_FILE) return "it is git-bob's review memory, which the `remember` command changes"
  // Read as instructions once merged (conversation/instructions.ts), like git-bob's own file.
  if (name === 'agents.md' || lower === 'claude.md' || lower === 'gemini.md')
    return 'AI assistants, git-bob among them, follow it as instructions once it is on the default branch'
  if (['codeowners', 'docs/codeowners', '.github/codeowners'].includes(lower))
    return 'CODEOWNERS decides who must approve changes'
  if (lower === '.github' || lower.startsWith('.github/'))
    return "files under `.github/` configure the repository on GitHub (actions, templates, Dependabot, git-bob's own instructions)"
  if (name === '.gitattributes') return '.gitattributes decides how git filters, diffs and merges files'
  if (name === '.gitmodules') return '.gitmodules points git at other repositories'
  return null
}

/** A path as it may be shown in a message or the log: control characters escaped, backticks replaced, capped. */
export function shownPath(path: string, max = 120): string {
  const escaped = path
    .replace(new RegExp(ODD_CHARACTER.source, 'g'), (c) => {
      const named: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t', '\0': '\\0' }
      return named[c] ?? `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`
    })
    .replace(/`/g, "'")
  return escaped.length > max ? `${escaped.slice(0, max - 1)}…` : escaped
}

/** Whether a file may be shown to the model (.gitbobignore hides it). */
export function mayRead(path: string, rules: PathRules): boolean {
  const clean = posix.normalize(path.replace(/\\/g, '/')).replace(/^\.\//, '')
  if (!clean || clean === '.' || clean.startsWith('../')) return false
  return !clean.split('/').some((p) => p.toLowerCase() === '.git') && !rules.ignored.ignores(clean)
}
