// Who hosts an address a comment names, the rule that decides where GitHub's token may go: the images and
// attachments the conversation finds, and the fetch that gets them. Pure.

/** The origin of an address, or null when it is none. */
export function origin(url: string): string | null {
  try {
    return new URL(url).origin
  } catch {
    return null
  }
}

/**
 * Who hosts an image: the GitHub server itself (gets the token, for private attachments), GitHub's
 * content hosts (signed or public links, no token), or anyone else (not fetched: git-bob does not
 * make the runner visit arbitrary addresses from a comment).
 */
export function imageHost(url: string, serverUrl: string): 'server' | 'github-content' | 'other' {
  let parsed: URL
  try {
    parsed = new URL(url)
  } catch {
    return 'other'
  }
  if (parsed.origin === origin(serverUrl)) return 'server'
  if (parsed.protocol === 'https:' && parsed.hostname.endsWith('.githubusercontent.com')) return 'github-content'
  return 'other'
}
