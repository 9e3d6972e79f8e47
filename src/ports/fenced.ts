// Text shown as code: the fence every reader of git-bob's text (the model, the job summary) relies on. Pure.

/** A code block whose fence is longer than any backtick run inside, so the content cannot close it. */
export function fenced(text: string, language = ''): string {
  const longest = Math.max(2, ...[...text.matchAll(/`+/g)].map((m) => m[0].length))
  const fence = '`'.repeat(longest + 1)
  return `${fence}${language}\n${text}\n${fence}`
}

/** A fence's opening or closing line: up to three spaces, then three or more backticks or tildes. */
const FENCE = /^ {0,3}(`{3,}|~{3,})/

/**
 * The lines of a text outside its fenced code blocks, as GitHub's markdown draws the blocks: a block closes at a
 * fence of its own character at least as long with nothing after it, and one never closed runs to the end. One
 * pass over the lines, so text of thousands of fence openers costs no more than any other.
 */
export function linesOutsideFences(text: string): string[] {
  const kept: string[] = []
  let open: string | null = null
  for (const line of text.split('\n')) {
    const found = FENCE.exec(line)
    const marker = found?.[1]
    if (open !== null) {
      if (marker && marker[0] === open[0] && marker.length >= open.length && !line.slice(found[0].length).trim())
        open = null
    } else if (marker) open = marker
    else kept.push(line)
  }
  return kept
}
