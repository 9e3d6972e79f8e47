// Which links a GitLab thread names implement may download: files attached to this project's issues and merge
// requests (uploads), read through the API (GET /projects/:id/uploads/:secret/:filename) on the project's own
// server, with the token, as GitHub's attachments are (adapters/github/download.ts: the same size cap, the
// token only to the server). The conversation already holds the API's address of every relative upload link
// (ports/gitlab-uploads.ts); a project's web address of an upload is read at the API's address too, in either of
// its forms: <server>/<group>/<project>/uploads/… and, since GitLab 17.1, <server>/-/project/<id>/uploads/…. Pure.
import type { DownloadCheck } from '../github/download.ts'

const SECRET = /^[0-9a-f]{16,64}$/i
const API_UPLOAD = /^\/api\/v4\/projects\/([^/]+)\/uploads\/([^/]+)\/([^/]+)$/
const WEB_UPLOAD = /^\/(.+)\/uploads\/([^/]+)\/([^/]+)$/
const ID_UPLOAD = /^\/-\/project\/(\d+)\/uploads\/([^/]+)\/([^/]+)$/

/** The path after the server's own (a self-managed GitLab may live under a path), or null when it is elsewhere. */
function underServer(url: URL, server: URL): string | null {
  if (url.protocol !== server.protocol || url.host !== server.host) return null
  const root = server.pathname.replace(/\/+$/, '')
  return url.pathname.startsWith(`${root}/`) ? url.pathname.slice(root.length) : null
}

function decoded(segment: string): string | null {
  try {
    return decodeURIComponent(segment)
  } catch {
    return null
  }
}

/** The project (its path, or its number in the /-/project/<id> form), secret and file name of an upload, or null. */
function uploadOf(path: string): { project: string; projectId: string | null; secret: string; name: string } | null {
  const byId = ID_UPLOAD.exec(path)
  const match = byId ?? API_UPLOAD.exec(path) ?? WEB_UPLOAD.exec(path)
  if (!match) return null
  const [project, secret, name] = [decoded(match[1] ?? ''), match[2] ?? '', match[3] ?? '']
  const file = decoded(name)
  if (!project || !SECRET.test(secret) || !file || file === '.' || file === '..' || file.includes('/')) return null
  return byId ? { project: '', projectId: project, secret, name } : { project, projectId: null, secret, name }
}

/**
 * An upload of this project (`project` is group/…/name, `projectId` its number, CI_PROJECT_ID, when known): at the
 * API's address (projects/<the URL-encoded path>) or at a web address of the project's (<server>/<project>/uploads/…
 * or <server>/-/project/<projectId>/uploads/…, read at the API's instead). Anything else is refused.
 */
export function checkGitLabDownload(
  raw: string,
  serverUrl: string,
  project: string,
  projectId: string | null = null
): DownloadCheck {
  let url: URL
  try {
    url = new URL(raw)
  } catch {
    return { ok: false, reason: `"${raw}" is not a URL` }
  }
  const server = new URL(serverUrl)
  const path = underServer(url, server)
  const found = path === null ? null : uploadOf(path)
  const ours =
    found !== null &&
    (found.projectId === null ? found.project.toLowerCase() === project.toLowerCase() : found.projectId === projectId)
  if (!found || !ours) {
    return {
      ok: false,
      reason: `only files attached to ${project}'s issues and merge requests on ${server.host} are downloaded, not ${url.host}${url.pathname.slice(0, 120)}`
    }
  }
  const target = new URL(server.href)
  target.pathname = `${server.pathname.replace(/\/+$/, '')}/api/v4/projects/${encodeURIComponent(project)}/uploads/${found.secret}/${found.name}`
  target.search = ''
  return { ok: true, url: target, withToken: true }
}
