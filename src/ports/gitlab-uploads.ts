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
