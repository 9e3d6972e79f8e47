// Which links a GitLab thread names implement may download: files attached to this project's issues and merge
// requests (uploads), read through the API (GET /projects/:id/uploads/:secret/:filename) on the project's own
// server, with the token, as GitHub's attachments are (adapters/github/download.ts: the same size cap, the
// token only to the server). The conversation already holds the API's address of every relative upload link
// (ports/gitlab-uploads.ts); a project's web address of an upload is read at the API's address too, in either of
// its forms: <server>/<group>/<project>/uploads/… and, since GitLab 17.1, <server>/-/project/<id>/uploads/…. Pure.
import type { DownloadCheck } from '../github/download.ts'
import { uploadAt } from '../../ports/gitlab-uploads.ts'

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
  const found = uploadAt(raw, serverUrl)
  const ours =
    found !== null &&
    (found.projectId === null ? found.project?.toLowerCase() === project.toLowerCase() : found.projectId === projectId)
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
