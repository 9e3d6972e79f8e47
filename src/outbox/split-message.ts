// Splits a long message into parts that each fit GitHub's body limit, at paragraph or line
// boundaries, keeping code fences balanced across parts. Pure.

/** GitHub rejects a comment or issue body longer than this (422). */
export const GITHUB_BODY_LIMIT = 65_536

const FENCE = /^ {0,3}(`{3,}|~{3,})(.*)$/

function cutPoint(text: string, max: number): number {
  const window = text.slice(0, max)
  for (const separator of ['\n\n', '\n', ' ']) {
    const at = window.lastIndexOf(separator)
    if (at > max * 0.5) return at + separator.length
  }
  return max
}

/** The fence line a part must close and the next part reopen, if the cut falls inside a code block. */
function openFenceAt(text: string): string | null {
  let open: { marker: string; line: string } | null = null
  for (const line of text.split('\n')) {
    const match = FENCE.exec(line)
    if (!match) continue
    const marker = match[1]!
    if (!open) open = { marker, line: line.trim() }
    else if (marker[0] === open.marker[0] && marker.length >= open.marker.length && !match[2]!.trim()) open = null
  }
  return open?.line ?? null
}

/**
 * Parts of at most `max` characters each (after fence repair), never more than `maxParts`;
 * what does not fit is cut, and the last part says so.
 */
export function splitMessage(text: string, max: number, maxParts = 4, forge = 'GitHub'): string[] {
  if (text.length <= max) return [text]
  const reserve = Math.min(200, Math.floor(max / 4)) // room for a repaired fence and the cut note
  const parts: string[] = []
  let rest = text
  let reopen: string | null = null
  while (rest.length > 0 && parts.length < maxParts) {
    const prefix: string = reopen ? `${reopen}\n` : ''
    const budget = max - reserve - prefix.length
    if (rest.length <= budget) {
      parts.push(prefix + rest)
      rest = ''
      break
    }
    const at = cutPoint(rest, budget)
    let part = prefix + rest.slice(0, at)
    rest = rest.slice(at)
    reopen = openFenceAt(part)
    if (reopen) part += `\n${reopen.match(/^(`+|~+)/)![1]}`
    parts.push(part)
  }
  if (rest.length > 0) {
    const last = parts.length - 1
    parts[last] +=
      `\n\n> [!NOTE]\n> This answer was cut here: it was longer than ${maxParts} ${forge} comments can hold (${text.length.toLocaleString('en-US')} characters).`
  }
  return parts
}
