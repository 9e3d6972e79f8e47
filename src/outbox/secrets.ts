// Keeps secrets out of everything git-bob writes: comments, commit messages, files, log lines, the job
// summary, the prompt. Known values (the token, API keys, every credential-looking value of the environment and
// the passwords of URLs in it: environment-secrets.ts) are masked in every form a reader could cheaply turn back
// into the value (encoded-forms.ts), and well-known key shapes and URL passwords are masked too, so a key the
// model echoes back is caught even when git-bob never held it. Text is matched as GitHub renders it
// (rendered-view.ts): invisible characters, HTML entities, backslash and percent escapes inside a value do not
// hide it; then again without whitespace, as lists of character codes decoded (char-codes.ts), and in pieces
// (split-parts.ts). Everything is precomputed once per value, so a text costs a few linear scans.
import { charCodeLists } from './char-codes.ts'
import { encodedForms } from './encoded-forms.ts'
import { environmentSecrets } from './environment-secrets.ts'
import { renderedView } from './rendered-view.ts'
import { SplitParts, withoutWhitespace } from './split-parts.ts'

// One expression per shape: a match of one shape starting inside a match of the same shape ends where that one
// ends (their characters are the same), so find() may skip it (KEY_LOOKBACK); one of another shape may not.
const KEY_SHAPES: readonly RegExp[] = [
  /\bgh[pousr]_[A-Za-z0-9]{30,}\b/g,
  /\bgithub_pat_[A-Za-z0-9_]{30,}\b/g,
  /\bsk-(?:proj-|ant-(?:api\d\d-)?)?[A-Za-z0-9_-]{20,}/g,
  /\bAIza[0-9A-Za-z_-]{35}\b/g,
  /\bxox[abprs]-[A-Za-z0-9-]{10,}\b/g
]

/** How far back from a key shape's end the search for an overlapping one of that shape starts again (see find). */
const KEY_LOOKBACK = 64

/** The password of a URL with credentials (group 1), known or not; bounded, so a long text costs one scan. */
const URL_PASSWORD = /\b[A-Za-z][A-Za-z0-9+.-]{0,30}:\/\/[^\s/@:?#]{1,256}:([^\s/@?#]{1,256})@/dg
const MASK = '***'

type Span = [start: number, end: number]
/** Where a span of a derived text lies in the text it came from. */
type ToOriginal = (from: number, to: number) => Span
const SAME: ToOriginal = (from, to) => [from, to]

export class Redactor {
  private readonly values = new Set<string>()
  /** Every form of every value as one expression, longest first; rebuilt only when a value is added. */
  private forms: RegExp | null | undefined = undefined
  private parts: SplitParts | undefined = undefined

  constructor(values: Iterable<string> = []) {
    for (const value of values) this.add(value)
  }

  /** Remembers a secret value; short values are ignored because masking them would garble ordinary text. */
  add(value: string | undefined | null): void {
    const trimmed = value?.trim()
    if (trimmed && trimmed.length >= 8 && !this.values.has(trimmed)) {
      this.values.add(trimmed)
      this.forms = undefined
      this.parts = undefined
    }
  }

  /**
   * Adds every secret of an environment: values under secret-sounding names, random-looking values, URL
   * passwords (environment-secrets.ts).
   */
  addFromEnvironment(env: Readonly<Record<string, string | undefined>>): void {
    for (const value of environmentSecrets(env)) this.add(value)
  }

  /** Known values in every form, and key shapes and URL passwords. For what people and the log read. */
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

  private splitParts(): SplitParts {
    return (this.parts ??= new SplitParts(this.values))
  }

  private mask(text: string, shapes: boolean): string {
    if (!text) return text
    const forms = this.allForms()
    if (!forms && !shapes) return text
    const view = renderedView(text)
    const compact = withoutWhitespace(view.text)
    const viewToOriginal: ToOriginal = view.changed ? (a, b) => view.original(a, b) : SAME
    const compactToOriginal: ToOriginal | null = compact ? (a, b) => viewToOriginal(...compact.original(a, b)) : null
    const spans: Span[] = []
    // The text as written, as rendered, and without whitespace (a value broken across lines or by spaces).
    const texts: [string, ToOriginal][] = [[text, SAME]]
    if (view.changed) texts.push([view.text, viewToOriginal])
    if (compact) texts.push([compact.text, compactToOriginal!])
    if (forms) for (const [t, map] of texts) find(t, forms, spans, map)
    if (shapes)
      for (const [t, map] of texts.slice(0, view.changed ? 2 : 1)) {
        for (const shape of KEY_SHAPES) find(t, shape, spans, map, KEY_LOOKBACK)
        findGroup(t, URL_PASSWORD, spans, map)
      }
    if (!forms) return spans.length ? replaceSpans(text, spans) : text
    for (const [from, to] of this.splitParts().find(compact?.text ?? view.text))
      spans.push((compactToOriginal ?? viewToOriginal)(from, to))
    for (const list of charCodeLists(view.text))
      find(list.text, forms, spans, (a, b) => viewToOriginal(...list.original(a, b)))
    return spans.length ? replaceSpans(text, spans) : text
  }
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&')
}

/**
 * Every match, overlapping ones too: after a match the search goes on from its second character, or, given
 * `lookback`, from that many characters before its end at the earliest. A key shape's match runs to the end of its
 * run of key characters, and a match starting deeper inside it ends there too: searching each of those again made
 * one line of `sk-sk-sk-…` cost time in the square of its length (500 KB: 58 s).
 */
function find(text: string, pattern: RegExp, spans: Span[], toOriginal: ToOriginal, lookback = Infinity): void {
  pattern.lastIndex = 0
  for (let m = pattern.exec(text); m; m = pattern.exec(text)) {
    const end = m.index + m[0].length
    spans.push(toOriginal(m.index, end))
    pattern.lastIndex = Math.max(m.index + 1, end - lookback)
  }
}

/** Every match's first group (the pattern has the `d` flag). */
function findGroup(text: string, pattern: RegExp, spans: Span[], toOriginal: ToOriginal): void {
  pattern.lastIndex = 0
  for (let m = pattern.exec(text); m; m = pattern.exec(text)) {
    const [start, end] = m.indices![1]!
    spans.push(toOriginal(start, end))
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
