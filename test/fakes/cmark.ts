// GitHub's own renderer, cmark-gfm (Debian's package), as the judge of what a reader sees: the HTML it
// renders with the extensions GitHub uses, and that HTML read as GitHub's filters read it (text nodes,
// and whether they sit in code, a link or a quote). Without cmark-gfm the oracle tests are skipped; in
// CI (CI=true, which also installs it) they must run.
import { execFileSync } from 'node:child_process'
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

/** The HTML GitHub's renderer makes of a markdown text. */
export function renderGfm(markdown: string): string {
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

/** The text nodes of rendered HTML, as a browser (and GitHub's mention filter) sees them; comments are not text. */
export function textNodes(html: string): TextNode[] {
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
