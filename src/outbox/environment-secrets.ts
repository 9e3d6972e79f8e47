// Which values of a step's (or a terminal's) environment are secrets, whatever their names: a value under a name
// that says so (TOKEN, KEY, SECRET, PASS, PAT, AUTH, CRED, PRIVATE, SESSION, COOKIE), any value that looks random
// enough to be a credential, and the password of every URL with credentials (postgres://u:pw@host/db -> pw).
// Conservative about what is harmless: a number, a flag, a single word of letters, a path, or a URL without
// credentials is a setting, not a secret; the runner's and the shell's own variables (PATH, HOME, RUNNER_*, the
// GITHUB_* facts, locale) and the action's inputs that are not keys are never scanned for randomness. Pure.

/** A name part that says the value is secret; PAT only as a whole part (not PATH), AUTH not as AUTHOR. */
const SECRET_NAME = /TOKEN|KEY|SECRET|PASS|AUTH(?!OR)|CRED|PRIVATE|SESSION|COOKIE|(?:^|[_-])PATS?(?:$|[_-])/i

/** Variables whose values are facts of the machine or the run, never credentials (unless their name says so). */
const HARMLESS_NAME =
  /^(?:PATH|HOME|PWD|OLDPWD|SHELL|SHLVL|USER|LOGNAME|HOSTNAME|HOSTTYPE|MACHTYPE|OSTYPE|TERM|TERM_\w+|COLORTERM|LANG|LANGUAGE|LC_\w+|TZ|TMPDIR|TEMP|TMP|EDITOR|VISUAL|PAGER|MAIL|DISPLAY|LS_COLORS|_|CI|INVOCATION_ID|JOURNAL_STREAM|XDG_\w+|RUNNER_\w+|GITHUB_\w+|ACTIONS_\w+|ImageOS|ImageVersion|AGENT_\w+|INPUT_[\w.-]+|GIT_BOB_[\w.-]+|NODE_VERSION|npm_\w+)$/

const FLAG = /^(?:true|false|yes|no|on|off|none|null|undefined)$/i
const NUMBER = /^[+-]?\d+(?:[.,:]\d+)*$/
const WORD = /^[A-Za-z]+$/
const PATH_LIKE = /^(?:~|\.{1,2})?\/[\w.@%+~:,=/-]*$|^[A-Za-z]:[\\/]/
/** Characters a key or token is made of (no spaces, quotes, commas or brackets). */
const TOKEN_CHARS = /^[A-Za-z0-9+/=_.~:-]+$/
/** A URL with a user and a password: the password is group 1. Bounded, so a long value costs one scan. */
const URL_PASSWORD = /[A-Za-z][A-Za-z0-9+.-]{0,30}:\/\/[^\s/@:?#]{0,256}:([^\s/@?#]{1,256})@/g

/** The secret values of an environment, each once. */
export function environmentSecrets(env: Readonly<Record<string, string | undefined>>): string[] {
  const found = new Set<string>()
  for (const [name, raw] of Object.entries(env)) {
    const value = raw?.trim()
    if (!value) continue
    for (const password of urlPasswords(value)) found.add(password)
    if (SECRET_NAME.test(name) ? !harmless(value) : !HARMLESS_NAME.test(name) && looksRandom(value)) found.add(value)
  }
  return [...found]
}

/** The passwords of the URLs with credentials in a text, as written and percent-decoded. */
export function urlPasswords(text: string): string[] {
  const passwords: string[] = []
  for (const m of text.matchAll(URL_PASSWORD)) {
    const password = m[1]!
    passwords.push(password)
    try {
      const decoded = decodeURIComponent(password)
      if (decoded !== password) passwords.push(decoded)
    } catch {
      // Not percent-encoding after all: the password as written is masked.
    }
  }
  return passwords
}

/** A value under a secret-sounding name that is a setting all the same. */
function harmless(value: string): boolean {
  return FLAG.test(value) || NUMBER.test(value) || WORD.test(value) || PATH_LIKE.test(value) || plainUrl(value)
}

/** A URL without a password (its password, if any, is masked on its own). */
function plainUrl(value: string): boolean {
  if (!/^[A-Za-z][A-Za-z0-9+.-]*:\S*$/.test(value)) return false
  try {
    return new URL(value).password === ''
  } catch {
    return false
  }
}

/**
 * Random enough to be a credential: characters a key is made of, with one run of at least 16 letters and digits
 * both (between `-`, `_`, `.`, `:` or `~`: "GitHub-Actions-ubuntu22" is words, not a key), no path or URL, and at
 * least 3.5 bits of entropy per character (English words have about 3; a random key of letters and digits about 4
 * and more, hex about 3.8).
 */
export function looksRandom(value: string): boolean {
  if (value.length < 16 || !TOKEN_CHARS.test(value) || PATH_LIKE.test(value) || plainUrl(value)) return false
  const mixed = value.split(/[-_.:~]/).some((run) => run.length >= 16 && /[A-Za-z]/.test(run) && /\d/.test(run))
  return mixed && entropy(value) >= 3.5
}

/** Shannon entropy in bits per character. */
function entropy(text: string): number {
  const counts = new Map<string, number>()
  for (const c of text) counts.set(c, (counts.get(c) ?? 0) + 1)
  let bits = 0
  for (const n of counts.values()) {
    const p = n / text.length
    bits -= p * Math.log2(p)
  }
  return bits
}
