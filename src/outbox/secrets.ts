// Keeps secrets out of everything git-bob writes: comments, commit messages, files, log lines, the job
// summary, the prompt. Known values (the token, API keys, secret-looking environment variables) are masked
// in every form a reader could turn back into the value (encoded-forms.ts), and well-known key shapes are
// masked too, so a key the model echoes back is caught even when git-bob never held it. Text is matched as
// GitHub renders it (rendered-view.ts): zero-width characters, soft hyphens, HTML entities, backslash and
// percent escapes inside a value do not hide it.
import { encodedForms } from './encoded-forms.ts'
import { renderedView, type RenderedView } from './rendered-view.ts'

// One expression, so a text is scanned once for all of them.
const KEY_SHAPES = new RegExp(
  [
    /\bgh[pousr]_[A-Za-z0-9]{30,}\b/,
    /\bgithub_pat_[A-Za-z0-9_]{30,}\b/,
    /\bsk-(?:proj-|ant-(?:api\d\d-)?)?[A-Za-z0-9_-]{20,}/,
    /\bAIza[0-9A-Za-z_-]{35}\b/,
    /\bxox[abprs]-[A-Za-z0-9-]{10,}\b/
  ]
    .map((r) => r.source)
    .join('|'),
  'g'
)

/** Environment variable names that say their value is a secret. */
export const SECRET_NAME = /(?:KEY|TOKEN|SECRET|PASSWORD|PASSWD|CREDENTIAL)/i
const MASK = '***'

type Span = [start: number, end: number]

export class Redactor {
  private readonly values = new Set<string>()
  /** Every form of every value as one expression, longest first; rebuilt only when a value is added. */
  private forms: RegExp | null | undefined = undefined

  constructor(values: Iterable<string> = []) {
    for (const value of values) this.add(value)
  }

  /** Remembers a secret value; short values are ignored because masking them would garble ordinary text. */
  add(value: string | undefined | null): void {
    const trimmed = value?.trim()
    if (trimmed && trimmed.length >= 8 && !this.values.has(trimmed)) {
      this.values.add(trimmed)
      this.forms = undefined
    }
  }

  /** Adds the values of environment variables whose names say they are secrets. */
  addFromEnvironment(env: NodeJS.ProcessEnv): void {
    for (const [name, value] of Object.entries(env)) {
      if (SECRET_NAME.test(name) && value) this.add(value)
    }
  }

  /** Known values in every form, and key shapes. For what people and the log read. */
  redact(text: string): string {
    return this.mask(text, true)
  }

  /**
   * Only the values git-bob holds (in every form). For files written to the repository and for the prompt:
   * key-shaped test data that is already in a file (a fake "sk-test-..." in a fixture) must not be damaged.
   */
  redactKnown(text: string): string {
    return this.mask(text, false)
  }

  /** Whether the text holds a known value in any form (a file path that does is refused, not masked). */
  holdsKnown(text: string): boolean {
    return this.mask(text, false) !== text
  }

  /** The values themselves (for the runner's own mask). */
  get known(): readonly string[] {
    return [...this.values]
  }

  get size(): number {
    return this.values.size
  }

  private allForms(): RegExp | null {
    if (this.forms === undefined) {
      const all = new Set<string>()
      for (const value of this.values) for (const form of encodedForms(value)) all.add(form)
      // Longest first, so a secret that contains another is masked whole.
      const sorted = [...all].sort((a, b) => b.length - a.length)
      this.forms = sorted.length ? new RegExp(sorted.map(escapeRegExp).join('|'), 'g') : null
    }
    return this.forms
  }

  private mask(text: string, shapes: boolean): string {
    if (!text) return text
    const forms = this.allForms()
    if (!forms && !shapes) return text
    const view = renderedView(text)
    const spans: Span[] = []
    for (const pattern of shapes ? [forms, KEY_SHAPES] : [forms]) {
      if (!pattern) continue
      find(text, pattern, spans, null)
      if (view.changed) find(view.text, pattern, spans, view)
    }
    return spans.length ? replaceSpans(text, spans) : text
  }
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&')
}

/** Where the view's span [a, b) lies in the original text. */
function original(view: RenderedView | null, a: number, b: number): Span {
  return view ? view.original(a, b) : [a, b]
}

/** Every match, overlapping ones too: after a match the search goes on from its second character. */
function find(text: string, pattern: RegExp, spans: Span[], view: RenderedView | null): void {
  pattern.lastIndex = 0
  for (let m = pattern.exec(text); m; m = pattern.exec(text)) {
    spans.push(original(view, m.index, m.index + m[0].length))
    pattern.lastIndex = m.index + 1
  }
}

/** Each run of overlapping spans becomes one mask. */
function replaceSpans(text: string, spans: Span[]): string {
  spans.sort((x, y) => x[0] - y[0])
  const parts: string[] = []
  let from = 0
  let i = 0
  while (i < spans.length) {
    const start = spans[i]![0]
    let end = spans[i]![1]
    for (i++; i < spans.length && spans[i]![0] <= end; i++) end = Math.max(end, spans[i]![1])
    parts.push(text.slice(from, start), MASK)
    from = end
  }
  parts.push(text.slice(from))
  return parts.join('')
}
