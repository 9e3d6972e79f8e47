// Keeps secrets out of everything git-bob writes: comments, log lines, the job summary.
// Known values (the token, API keys, secret-looking environment variables) and well-known key shapes
// are both replaced, so a key the model echoes back is caught even when git-bob never held it.

const KEY_SHAPES: readonly RegExp[] = [
  /\bgh[pousr]_[A-Za-z0-9]{30,}\b/g,
  /\bgithub_pat_[A-Za-z0-9_]{30,}\b/g,
  /\bsk-(?:proj-|ant-(?:api\d\d-)?)?[A-Za-z0-9_-]{20,}/g,
  /\bAIza[0-9A-Za-z_-]{35}\b/g,
  /\bxox[abprs]-[A-Za-z0-9-]{10,}\b/g
]

/** Environment variable names that say their value is a secret. */
export const SECRET_NAME = /(?:KEY|TOKEN|SECRET|PASSWORD|PASSWD|CREDENTIAL)/i
const MASK = '***'

export class Redactor {
  private readonly values = new Set<string>()

  constructor(values: Iterable<string> = []) {
    for (const value of values) this.add(value)
  }

  /** Remembers a secret value; short values are ignored because masking them would garble ordinary text. */
  add(value: string | undefined | null): void {
    const trimmed = value?.trim()
    if (trimmed && trimmed.length >= 8) this.values.add(trimmed)
  }

  /** Adds the values of environment variables whose names say they are secrets. */
  addFromEnvironment(env: NodeJS.ProcessEnv): void {
    for (const [name, value] of Object.entries(env)) {
      if (SECRET_NAME.test(name) && value) this.add(value)
    }
  }

  redact(text: string): string {
    let result = this.redactKnown(text)
    for (const shape of KEY_SHAPES) result = result.replace(shape, MASK)
    return result
  }

  /**
   * Only the values git-bob holds. For files written to the repository: key-shaped test data that is
   * already in a file (a fake "sk-test-..." in a fixture) must not be damaged.
   */
  redactKnown(text: string): string {
    let result = text
    // Longest first, so a secret that contains another is masked whole.
    for (const value of [...this.values].sort((a, b) => b.length - a.length)) {
      result = result.split(value).join(MASK)
    }
    return result
  }

  get size(): number {
    return this.values.size
  }
}
