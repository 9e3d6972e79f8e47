// GitHub's own renderer, cmark-gfm (Debian's package), as the judge of what a reader sees: the HTML it
// renders with the extensions GitHub uses, and that HTML read as GitHub's filters read it (text nodes,
// and whether they sit in code, a link or a quote). Without cmark-gfm the oracle tests are skipped; in
// CI (CI=true, which also installs it) they must run.
import { execFileSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { decodeNamedCharacterReference } from 'decode-named-character-reference'

function hasCmark(): boolean {
  try {
    execFileSync('cmark-gfm', ['--version'], { stdio: 'ignore' })
    return true
  } catch {
    return false
  }
}

export const cmark = hasCmark()
export const CMARK_MISSING = 'cmark-gfm is not installed (apt-get install cmark-gfm): the oracle tests are skipped'
if (!cmark && process.env.CI === 'true')
  throw new Error('cmark-gfm is required in CI (.ci/run installs it), but it is not on PATH')

/** What each text rendered to: a text is rendered once, however many tests ask. */
const rendered = new Map<string, string>()

/** The HTML GitHub's renderer makes of a markdown text (the command line, unless a batch rendered it already). */
export function renderGfm(markdown: string): string {
  const known = rendered.get(markdown)
  if (known !== undefined) return known
  const html = renderGfmByCommandLine(markdown)
  rendered.set(markdown, html)
  return html
}

/**
 * The same library the command line runs (libcmark-gfm, with the same extensions and --unsafe), called through
 * Python's ctypes for many texts in one process: a process per text is most of the corpus tests' time. Texts
 * come in and HTML goes out as UTF-8, each after its length (4 bytes, big-endian). Exits 3 without the library.
 */
const BATCH = String.raw`
import ctypes, ctypes.util, glob, struct, sys
def load(name):
    found = ctypes.util.find_library(name) or next(iter(sorted(glob.glob('/usr/lib/*/lib%s.so*' % name))), None)
    if not found: sys.exit(3)
    return ctypes.CDLL(found)
core, ext = load('cmark-gfm'), load('cmark-gfm-extensions')
P = ctypes.c_void_p
for fn, res, args in [('cmark_parser_new', P, [ctypes.c_int]), ('cmark_find_syntax_extension', P, [ctypes.c_char_p]),
                      ('cmark_parser_attach_syntax_extension', ctypes.c_int, [P, P]),
                      ('cmark_parser_feed', None, [P, ctypes.c_char_p, ctypes.c_size_t]),
                      ('cmark_parser_finish', P, [P]), ('cmark_parser_get_syntax_extensions', P, [P]),
                      ('cmark_render_html', P, [P, ctypes.c_int, P]), ('cmark_node_free', None, [P]),
                      ('cmark_parser_free', None, [P])]:
    getattr(core, fn).restype, getattr(core, fn).argtypes = res, args
libc = ctypes.CDLL(None)
libc.free.argtypes = [P]
ext.cmark_gfm_core_extensions_ensure_registered()
UNSAFE = 1 << 17
def render(md):
    parser = core.cmark_parser_new(UNSAFE)
    for name in [b'autolink', b'table', b'strikethrough', b'tagfilter']:
        core.cmark_parser_attach_syntax_extension(parser, core.cmark_find_syntax_extension(name))
    core.cmark_parser_feed(parser, md, len(md))
    doc = core.cmark_parser_finish(parser)
    html = core.cmark_render_html(doc, UNSAFE, core.cmark_parser_get_syntax_extensions(parser))
    out = ctypes.string_at(html)
    libc.free(html)
    core.cmark_node_free(doc)
    core.cmark_parser_free(parser)
    return out
data, at, out = sys.stdin.buffer.read(), 0, []
while at < len(data):
    (n,) = struct.unpack('>I', data[at:at + 4])
    html = render(data[at + 4:at + 4 + n])
    out.append(struct.pack('>I', len(html)) + html)
    at += 4 + n
sys.stdout.buffer.write(b''.join(out))
`

function framed(parts: readonly Buffer[]): Buffer {
  return Buffer.concat(
    parts.flatMap((part) => {
      const length = Buffer.alloc(4)
      length.writeUInt32BE(part.length)
      return [length, part]
    })
  )
}

function unframed(data: Buffer): Buffer[] {
  const parts: Buffer[] = []
  for (let at = 0; at + 4 <= data.length;) {
    const length = data.readUInt32BE(at)
    parts.push(data.subarray(at + 4, at + 4 + length))
    at += 4 + length
  }
  return parts
}

/** Debian's Python when it is there: the PATH's python3 may be a version manager's shim (a third of a second). */
const PYTHON = existsSync('/usr/bin/python3') ? '/usr/bin/python3' : 'python3'

/** Renders in one process every text not rendered yet; without Python or the library, renderGfm does it later. */
export function prerenderGfm(texts: Iterable<string>): void {
  const missing = [...new Set(texts)].filter((text) => !rendered.has(text))
  if (!cmark || missing.length === 0) return
  let out: Buffer
  try {
    out = execFileSync(PYTHON, ['-c', BATCH], {
      input: framed(missing.map((text) => Buffer.from(text, 'utf8'))),
      maxBuffer: 1 << 30,
      stdio: ['pipe', 'pipe', 'ignore']
    })
  } catch {
    return
  }
  const html = unframed(out)
  if (html.length === missing.length) missing.forEach((text, i) => rendered.set(text, html[i]!.toString('utf8')))
}

/** The command line's HTML, never a batch's: for the test that the two agree. */
export function renderGfmByCommandLine(markdown: string): string {
  const args = ['-e', 'autolink', '-e', 'table', '-e', 'strikethrough', '-e', 'tagfilter', '--unsafe']
  return execFileSync('cmark-gfm', args, { input: markdown, encoding: 'utf8' })
}

export interface TextNode {
  text: string
  code: boolean
  link: boolean
  quote: boolean
}

function decode(text: string): string {
  return text.replace(/&(?:#(\d+)|#[xX]([0-9a-fA-F]+)|([A-Za-z][A-Za-z0-9]*));/g, (m, dec, hex, name) => {
    if (name) {
      const value = decodeNamedCharacterReference(name as string)
      return value === false ? m : value
    }
    const code = dec ? Number(dec) : parseInt(hex as string, 16)
    return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : '\uFFFD'
  })
}

/** Each HTML's text nodes, read once: the checks below read the same HTML again and again. The last few only: the
 * worker lives on across test files. */
const nodesOf = new Map<string, readonly TextNode[]>()
const REMEMBERED = 64

/** The text nodes of rendered HTML, as a browser (and GitHub's mention filter) sees them; comments are not text. */
export function textNodes(html: string): readonly TextNode[] {
  let nodes = nodesOf.get(html)
  if (!nodes) {
    nodes = readTextNodes(html)
    nodesOf.set(html, nodes)
    if (nodesOf.size > REMEMBERED) nodesOf.delete(nodesOf.keys().next().value!)
  }
  return nodes
}

function readTextNodes(html: string): TextNode[] {
  const open = { code: 0, link: 0, quote: 0 }
  const nodes: TextNode[] = []
  for (const m of html.matchAll(/<!--[\s\S]*?(?:-->|$)|<(\/?)([A-Za-z][\w-]*)[^>]*>|[^<]+|</g)) {
    if (m[0].startsWith('<!--')) continue
    if (m[2]) {
      const name = m[2].toLowerCase()
      // A closing tag without an opening one is ignored, as a browser does.
      const step = (depth: number): number => Math.max(0, depth + (m[1] ? -1 : 1))
      if (['code', 'pre', 'kbd', 'samp', 'tt'].includes(name)) open.code = step(open.code)
      if (name === 'a') open.link = step(open.link)
      if (name === 'blockquote') open.quote = step(open.quote)
      continue
    }
    nodes.push({ text: decode(m[0]), code: open.code > 0, link: open.link > 0, quote: open.quote > 0 })
  }
  return nodes
}

/** What a reader sees of the HTML: its text, code included. */
export function visibleText(html: string): string {
  return textNodes(html)
    .map((n) => n.text)
    .join('')
}

/** The logins GitHub would notify: "@login" or "@org/team" in text outside code and links, after a non-word character. */
export function liveMentions(html: string): string[] {
  return textNodes(html)
    .filter((n) => !n.code && !n.link)
    .flatMap((n) => [...n.text.matchAll(/(?<![A-Za-z0-9_])@([A-Za-z0-9][A-Za-z0-9-]*(?:\/[A-Za-z0-9][\w.-]*)?)/g)])
    .map((m) => m[1]!.toLowerCase())
}

/** Closing keywords GitHub honours ("fixes #5", "Closes: owner/repo#7", "resolved https://…/issues/3"). */
export function closingKeywords(text: string): string[] {
  const pattern =
    /(?<![A-Za-z0-9_])(?:close[sd]?|fix(?:e[sd])?|resolve[sd]?):?\s+(?:#\d+|[\w.-]+\/[\w.-]+#\d+|https?:\/\/\S+\/issues\/\d+)/gi
  return [...text.matchAll(pattern)].map((m) => m[0])
}

/** The prose a reader sees as the author's own words: not code, not quoted. */
export function proseText(html: string): string {
  return textNodes(html)
    .filter((n) => !n.code && !n.quote)
    .map((n) => n.text)
    .join('')
}

/**
 * The issue references GitHub would note in the issues they name: links whose address is an issue, pull request
 * or discussion on github.com, and "#N", "owner/repo#N", "GH-N" or such a URL written in text outside code and links.
 */
export function issueReferences(html: string): string[] {
  const hrefs = [...html.matchAll(/<a\b[^>]*\bhref\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))/gi)]
    .map((m) => decode(m[1] ?? m[2] ?? m[3]!))
    // On GitHub's own host, or relative to it (a host spelled otherwise, e.g. with a zero-width space, is not).
    .filter((href) =>
      /^(?:https?:\/\/(?:www\.)?github\.com)?\/[^/]+\/[^/]+\/(?:issues|pull|pulls|discussions)\/\d/i.test(href)
    )
  const written = textNodes(html)
    .filter((n) => !n.code && !n.link)
    .flatMap((n) => [
      ...n.text.matchAll(
        /(?<![\w&/#])(?:[\w.-]+\/[\w.-]+)?#\d+(?!\w)|(?<![\w-])GH-\d+|https?:\/\/[^\s<>]*\/(?:issues|pull|discussions)\/\d+/gi
      )
    ])
    .map((m) => m[0])
  return [...hrefs, ...written]
}
