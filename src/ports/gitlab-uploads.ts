// Files attached to GitLab comments are written as links relative to the project ("/uploads/<secret>/<name>",
// or "/-/project/<id>/uploads/<secret>/<name>"), which only a signed-in browser may open. The API serves the
// same file to a token (GET /projects/:id/uploads/:secret/:filename), on the server's own host: rewritten to
// that address, an attachment is read like a GitHub attachment (the token to the server only). Pure.

const UPLOAD = /(\]\(\s*<?|\bsrc\s*=\s*["']?)(?:\/-\/project\/\d+)?\/uploads\/([0-9a-f]{16,64})\/([^\s)"'<>]+)/gi

/** Markdown with every relative upload link pointing at the API's address of the file. */
export function absoluteUploads(markdown: string, projectApiUrl: string): string {
  if (!markdown.includes('/uploads/')) return markdown
  const base = projectApiUrl.replace(/\/+$/, '')
  return markdown.replace(
    UPLOAD,
    (_m, before: string, secret: string, name: string) => `${before}${base}/uploads/${secret}/${name}`
  )
}

const SECRET = /^[0-9a-f]{16,64}$/i
const API_UPLOAD = /^\/api\/v4\/projects\/([^/]+)\/uploads\/([^/]+)\/([^/]+)$/
// A project's path: a namespace and a name at least, and no "-" segment, which starts GitLab's own routes (a
// release's /-/releases/<tag>/downloads/<any path> is not an upload, whatever the path ends in).
const WEB_UPLOAD = /^\/((?!-\/)[^/]+(?:\/(?!-\/)[^/]+)+)\/uploads\/([^/]+)\/([^/]+)$/
const ID_UPLOAD = /^\/-\/project\/(\d+)\/uploads\/([^/]+)\/([^/]+)$/

/** An upload's parts: the project's path (or its number, in the /-/project/<id> form), the secret, the file name. */
export interface UploadAddress {
  project: string | null
  projectId: string | null
  secret: string
  /** As written in the address (still URL-encoded). */
  name: string
}

function decoded(segment: string): string | null {
  try {
    return decodeURIComponent(segment)
  } catch {
    return null
  }
}

/**
 * The upload an address names on the GitLab server at `serverUrl` (which may live under a path): at the API's
 * address, the project's web address, or the numbered one GitLab copies since 17.1; null for anything else. Pure.
 */
export function uploadAt(raw: string, serverUrl: string): UploadAddress | null {
  let url: URL
  let server: URL
  try {
    ;[url, server] = [new URL(raw), new URL(serverUrl)]
  } catch {
    return null
  }
  const root = server.pathname.replace(/\/+$/, '')
  if (url.origin !== server.origin || !url.pathname.startsWith(`${root}/`)) return null
  const path = url.pathname.slice(root.length)
  const byId = ID_UPLOAD.exec(path)
  const match = byId ?? API_UPLOAD.exec(path) ?? WEB_UPLOAD.exec(path)
  if (!match) return null
  const [project, secret, name] = [decoded(match[1] ?? ''), match[2] ?? '', match[3] ?? '']
  const file = decoded(name)
  if (!project || !SECRET.test(secret) || !file || file === '.' || file === '..' || file.includes('/')) return null
  return byId ? { project: null, projectId: project, secret, name } : { project, projectId: null, secret, name }
}
