// What looks like a secret in text a tool reads out of the repository or a CI log, beyond what the Redactor
// masks (known values, API key shapes): a private key block, an AWS key id, a value assigned to a
// secret-looking name. Not used on git-bob's own answers, where `API_KEY = "your-key-here"` is an example,
// not a leak. Pure.

const MASK = '***'

/** The lines that open and close a private key block (PEM, OpenSSH). */
export const KEY_BLOCK_BEGIN = /-----BEGIN [A-Z ]*PRIVATE KEY-----/g
export const KEY_BLOCK_END = /-----END [A-Z ]*PRIVATE KEY-----/g

const SHAPES: readonly RegExp[] = [
  new RegExp(String.raw`${KEY_BLOCK_BEGIN.source}[\s\S]*?(?:${KEY_BLOCK_END.source}|$)`, 'g'),
  /\b(?:AKIA|ASIA)[0-9A-Z]{16}\b/g
]

// Each pattern runs in time linear in the text (a CI log or a file an attacker may have written): a name is read
// from the start of its run of name characters only, with the secret word found by a lookahead inside that run,
// and the spaces before a name stay on its line. Matching from every start inside a run, as `\b[\w.-]*KEY[\w.-]*`
// does, took 18 s for 200 KB of `a.a.a.`, and `^\s*` 63 s for 200 KB of blank lines (npm run bench has a row).
const SECRET_NAME = String.raw`(?=[\w.-]*?(?:KEY|TOKEN|SECRET|PASSWORD|PASSWD|CREDENTIAL))[\w.-]+`
/** Spaces within a line: `\s` without the line ends that `^` starts a line after. */
const INLINE_SPACE = String.raw`[^\S\r\n\u2028\u2029]`
/**
 * `NAME=value` or `name: value` at the start of a line (a .env file, YAML, a YAML list's `- `), the value not code
 * (no brackets, `$`); also after what a tool puts before a line (read_file's `12: `, a diff's `+` or `-`).
 */
const LINE_ASSIGNMENT = new RegExp(
  String.raw`^((?:\d+: |[+-])?${INLINE_SPACE}*(?:-${INLINE_SPACE}+)?(?:export${INLINE_SPACE}+)?["']?${SECRET_NAME}["']?\s*[=:]\s*["']?)(?!\d+(?:["'\s,;]|$))([^\s"'\`,;()[\]{}$]{8,})(?=["'\s,;]|$)`,
  'gim'
)
/** `name = "value"`, `"name": "value"` anywhere (code, JSON). */
const QUOTED_ASSIGNMENT = new RegExp(
  String.raw`(?<![\w.-])(${SECRET_NAME}["']?\s*[=:]\s*)(["'])(?!\d+["'])([^"'\s]{8,})\2`,
  'gi'
)

export function redactRepositorySecrets(text: string): string {
  let result = text
  for (const shape of SHAPES) result = result.replace(shape, MASK)
  return result
    .replace(LINE_ASSIGNMENT, (_all, before: string) => `${before}${MASK}`)
    .replace(QUOTED_ASSIGNMENT, (_all, before: string, quote: string) => `${before}${quote}${MASK}${quote}`)
}
