// What looks like a secret in text a tool reads out of the repository or a CI log, beyond what the Redactor
// masks (known values, API key shapes): a private key block, an AWS key id, a value assigned to a
// secret-looking name. Not used on git-bob's own answers, where `API_KEY = "your-key-here"` is an example,
// not a leak. Pure.

const MASK = '***'

const SHAPES: readonly RegExp[] = [
  /-----BEGIN [A-Z ]*PRIVATE KEY-----[\s\S]*?(?:-----END [A-Z ]*PRIVATE KEY-----|$)/g,
  /\b(?:AKIA|ASIA)[0-9A-Z]{16}\b/g
]

const SECRET_WORD = String.raw`[\w.-]*(?:KEY|TOKEN|SECRET|PASSWORD|PASSWD|CREDENTIAL)[\w.-]*`
/** `NAME=value` or `name: value` at the start of a line (a .env file, YAML), the value not code (no brackets, `$`). */
const LINE_ASSIGNMENT = new RegExp(
  String.raw`^(\s*(?:export\s+)?["']?${SECRET_WORD}["']?\s*[=:]\s*["']?)(?!\d+(?:["'\s,;]|$))([^\s"'\`,;()[\]{}$]{8,})(?=["'\s,;]|$)`,
  'gim'
)
/** `name = "value"`, `"name": "value"` anywhere (code, JSON). */
const QUOTED_ASSIGNMENT = new RegExp(
  String.raw`\b(${SECRET_WORD}["']?\s*[=:]\s*)(["'])(?!\d+["'])([^"'\s]{8,})\2`,
  'gi'
)

export function redactRepositorySecrets(text: string): string {
  let result = text
  for (const shape of SHAPES) result = result.replace(shape, MASK)
  return result
    .replace(LINE_ASSIGNMENT, (_all, before: string) => `${before}${MASK}`)
    .replace(QUOTED_ASSIGNMENT, (_all, before: string, quote: string) => `${before}${quote}${MASK}${quote}`)
}
