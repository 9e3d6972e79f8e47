// What GitLab alone acts on in text git-bob posts there. Pure.
// Quick actions: GitLab runs a line "/close", "/merge", "/approve", "/assign @x", ... in a note, an issue's or
// a merge request's description, with the rights of the poster (git-bob's token: Developer or more). GitLab
// reads them at the start of a line outside code blocks, so every line that starts with "/" and a letter
// gets a backslash before the slash: "\/close" renders as "/close" in GitLab Flavored Markdown (a backslash
// escapes ASCII punctuation) and is no quick action. Lines in a fenced block that is closed are left as they
// are (GitLab ignores quick actions there); an unclosed fence protects nothing, so its lines are escaped too.
// Closing patterns: GitLab closes an issue when a merge request's description (or a commit on the default
// branch) says "Closes #N", "Fixing group/sub/project#N", "Implements issue #N", a URL, ... (GitLab's default
// pattern); the keyword is broken with a zero-width space after its first letter, as references.ts does for
// GitHub's shorter list.

const ZWSP = '\u200b'

/**
 * A line that could be a quick action: "/" and a letter at its start (after up to three spaces, more than GitLab
 * allows), whatever follows, so that no spelling of a command's end (a tab, a carriage return) slips through.
 */
const QUICK_ACTION = /^([ \t]{0,3})\/(?=[A-Za-z_])/

const FENCE = /^[ \t]{0,3}(`{3,}|~{3,})/

/** The lines of the text inside fenced code blocks that are closed. */
function closedFenceLines(lines: readonly string[]): Set<number> {
  const inside = new Set<number>()
  for (let i = 0; i < lines.length; i++) {
    const open = FENCE.exec(lines[i]!)
    if (!open) continue
    const marker = open[1]!
    const close = new RegExp(`^[ \\t]{0,3}${marker[0] === '`' ? '`' : '~'}{${marker.length},}[ \\t]*$`)
    let end = -1
    for (let j = i + 1; j < lines.length; j++) {
      if (close.test(lines[j]!)) {
        end = j
        break
      }
    }
    if (end < 0) continue
    for (let j = i; j <= end; j++) inside.add(j)
    i = end
  }
  return inside
}

/** Markdown with no line GitLab would run as a quick action. */
export function defuseQuickActions(markdown: string): string {
  if (!markdown.includes('/')) return markdown
  const lines = markdown.split('\n')
  const code = closedFenceLines(lines)
  return lines.map((line, i) => (code.has(i) ? line : line.replace(QUICK_ACTION, '$1\\/'))).join('\n')
}

// GitLab's default closing pattern (Settings > Repository > Default branch), with what may follow the keyword:
// "issue(s)", then "#N", "path/to/project#N", a URL, or a Jira-like key.
const GITLAB_CLOSING =
  /(?<![A-Za-z0-9_])(?:clos(?:e[sd]?|ing)|fix(?:e[sd]|ing)?|resolv(?:e[sd]?|ing)|implement(?:s|ed|ing)?)(?=:?[ \t]+(?:issues?[ \t]+)?(?:#\d|[\w.-]+(?:\/[\w.-]+)+#\d|[\w.-]+#\d|https?:\/\/|www\.|[A-Z][A-Z0-9_]+-\d))/gi

/** Text without a keyword GitLab would read as closing an issue. */
export function neutraliseGitLabClosing(text: string): string {
  return text.replace(GITLAB_CLOSING, (m: string) => `${m[0]}${ZWSP}${m.slice(1)}`)
}
