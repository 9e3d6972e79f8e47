// What masking costs: 1 MB of text (prose, code with escapes and entities, base64) against 10 known secrets,
// every encoded form of each, in the view as GitHub renders it; and one comment's full 65,536 characters with the
// 10 secrets in every disguise the Redactor knows (ROT13, base32, character codes, split parts, invisible
// characters, ...). The forms are built once per run.
import { logTail } from '../src/conversation/tools/ci.ts'
import { redactRepositorySecrets } from '../src/outbox/repository-secrets.ts'
import { Redactor } from '../src/outbox/secrets.ts'

export interface MaskingMeasure {
  /** Median milliseconds to redact the whole text once. */
  ms: number
  /** Milliseconds to build every form of the 10 secrets (the first call). */
  setupMs: number
  /** How many secrets the text held, and how many were masked. */
  planted: number
  masked: number
}

const LINES = [
  'The quick brown fox jumps over the lazy dog; nothing to hide in this sentence at all.',
  'printf("%d%% done\\n", n); if (a && b) { path = "C:\\\\Users\\\\x"; } // 50%25 of it',
  '<p>Caf&eacute; &amp; bar &#169; 2026 &#x263A; \\_escaped\\_ text</p>',
  'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg=='
]

const benchSecrets = (): string[] =>
  Array.from({ length: 10 }, (_, i) => `ghs_${String(i).repeat(4)}${'Ab1Cd2Ef3Gh4Ij5K'.repeat(2)}`)

/** Each disguise of a secret a reader could undo, one per planted secret in turn. */
const DISGUISES: ((s: string) => string)[] = [
  (s) => s.split('').join('\u200e'),
  (s) =>
    s.replace(/[A-Za-z]/g, (c) =>
      String.fromCharCode(((c.charCodeAt(0) - (c <= 'Z' ? 65 : 97) + 13) % 26) + (c <= 'Z' ? 65 : 97))
    ),
  (s) => [...s].map((c) => c.charCodeAt(0)).join(','),
  (s) => `${s.slice(0, 20)} ${s.slice(20)}`,
  (s) => Buffer.from(Buffer.from(s).toString('hex')).toString('base64'),
  (s) => [...s].reverse().join(''),
  (s) => `${s.slice(0, 12)}--${s.slice(12, 24)}(and)${s.slice(24)}`,
  (s) => Buffer.from(s).toString('hex').toUpperCase(),
  (s) => [...s].map((c) => `0x${c.charCodeAt(0).toString(16)}`).join(' '),
  (s) => s.split('').join('\u{E0020}')
]

/** The median time of `runs` maskings of `text`, and what the last one gave. */
function timeRedact(redactor: Redactor, text: string, runs: number): { ms: number; out: string } {
  const times: number[] = []
  let out = ''
  for (let i = 0; i < runs; i++) {
    const t = performance.now()
    out = redactor.redact(text)
    times.push(performance.now() - t)
  }
  return { ms: [...times].sort((a, b) => a - b)[Math.floor(times.length / 2)]!, out }
}

/** A comment body of 65,536 characters (prose, code, entities, base64) holding the 10 secrets, each disguised. */
export function measureMaskingComment(runs = 7): MaskingMeasure {
  const secrets = benchSecrets()
  const planted = secrets.map((s, i) => DISGUISES[i]!(s))
  const filler: string[] = []
  for (let i = 0, size = 0; size < 65_536; i++) {
    const line = LINES[i % LINES.length]!
    filler.push(line)
    size += line.length + 1
  }
  const step = Math.floor(filler.length / planted.length)
  planted.forEach((p, i) => (filler[i * step + 1] = `${filler[i * step + 1]} ${p}`))
  const text = filler.join('\n').slice(0, 65_536)
  const redactor = new Redactor(secrets)
  const started = performance.now()
  redactor.redact('warm up: builds the forms once')
  const setupMs = performance.now() - started
  const { ms, out } = timeRedact(redactor, text, runs)
  const masked = planted.filter((p) => !out.includes(p)).length
  return { ms, setupMs, planted: planted.length, masked }
}

export function measureMasking(runs = 7): MaskingMeasure {
  const secrets = benchSecrets()
  const parts: string[] = []
  let size = 0
  let planted = 0
  for (let i = 0; size < 1024 * 1024; i++) {
    let line = LINES[i % LINES.length]!
    if (i % 997 === 0) {
      const secret = secrets[planted % secrets.length]!
      line += ` ${planted % 2 ? Buffer.from(secret).toString('base64') : secret.split('').join('\u200b')}`
      planted++
    }
    parts.push(line)
    size += line.length + 1
  }
  const text = parts.join('\n')
  const started = performance.now()
  const redactor = new Redactor(secrets)
  redactor.redact('warm up: builds the forms once')
  const setupMs = performance.now() - started
  const { ms, out } = timeRedact(redactor, text, runs)
  return { ms, setupMs, planted, masked: out.split('***').length - 1 }
}

/**
 * The repository-secret patterns (what a tool reads out of a file or a CI log) over 1 MB of each text that made
 * a backtracking pattern slow: runs of name characters, blank lines, secret words without a value. The slowest
 * shape, and whether the secrets written before and after it are still masked.
 */
export function measureRepositorySecrets(): { slowest: string; ms: number; masked: boolean } {
  const shapes: Record<string, string> = {
    'a.a.a.': 'a.'.repeat(500_000),
    'blank lines': '\n'.repeat(1_000_000),
    'spaced blank lines': ' \n'.repeat(500_000),
    KEYKEY: 'KEY'.repeat(333_333),
    "KEY='": "KEY='".repeat(200_000),
    'KEY:': 'KEY:\n'.repeat(200_000)
  }
  let slowest = ''
  let ms = 0
  let masked = true
  for (const [name, shape] of Object.entries(shapes)) {
    const started = performance.now()
    const out = redactRepositorySecrets(`API_TOKEN=hunter2hunter2\n${shape}\nAPI_TOKEN=hunter3hunter3\n`)
    const took = performance.now() - started
    masked &&= !out.includes('hunter2hunter2') && !out.includes('hunter3hunter3')
    if (took > ms) [slowest, ms] = [name, took]
  }
  return { slowest, ms, masked }
}

/**
 * A failed job's log of 1 MB as read_ci and a check fix read it: the last 60 lines, masked as the tools mask, where
 * every line a key-shaped run (`sk-sk-…`, a match starting at every third character). Only the lines kept are
 * masked, each cut at 2,400 characters first.
 */
export function measureLogTail(): { ms: number; lines: number } {
  const redactor = new Redactor(benchSecrets())
  const redact = (text: string): string => redactRepositorySecrets(redactor.redact(text))
  redact('warm up: builds the forms once')
  const log = Array.from({ length: 200 }, () => 'sk-'.repeat(1_747)).join('\n')
  const started = performance.now()
  const tail = logTail(log, 60, redact)
  return { ms: performance.now() - started, lines: tail.split('\n').length }
}

/** The Redactor over one 1 MB line of `sk-sk-…`: every third character starts a key shape that runs to the end. */
export function measureKeyShapeRun(): { ms: number; masked: boolean } {
  const redactor = new Redactor(benchSecrets())
  redactor.redact('warm up: builds the forms once')
  const started = performance.now()
  const out = redactor.redact(`[${'sk-'.repeat(349_525)}]`)
  return { ms: performance.now() - started, masked: out === '[***]' }
}
