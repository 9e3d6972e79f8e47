// Downloads a file linked in the conversation (an uploaded image, a data file) for the implement
// command: only from the repository's own GitHub host, with the token for private attachments, and
// never more than a size limit (fetch-capped.ts: the token never follows a redirect to another host).
import { fetchCapped } from './fetch-capped.ts'
import type { ForgeDialect } from '../../ports/forge.ts'
import { DownloadError, FetchRefused } from '../../errors.ts'

export type DownloadCheck = { ok: true; url: URL; withToken: boolean } | { ok: false; reason: string }

/** Attachments and raw files of this repository, on its GitHub server. Pure. */
export function checkDownload(raw: string, serverUrl: string, repo: string): DownloadCheck {
  let url: URL
  try {
    url = new URL(raw)
  } catch {
    return { ok: false, reason: `"${raw}" is not a URL` }
  }
  const server = new URL(serverUrl)
  const own = repo.toLowerCase()
  let path: string
  try {
    path = decodeURIComponent(url.pathname).toLowerCase()
  } catch {
    return { ok: false, reason: `"${raw}" is not a valid URL path` }
  }
  if (url.host === server.host && url.protocol === server.protocol) {
    if (
      path.startsWith('/user-attachments/') ||
      path.startsWith(`/${own}/raw/`) ||
      path.startsWith(`/${own}/blob/`) ||
      path.startsWith(`/${own}/files/`)
    ) {
      if (path.startsWith(`/${own}/blob/`)) {
        // /owner/repo/blob/ref/file -> /owner/repo/raw/ref/file: the third segment, whatever the names are.
        const segments = url.pathname.split('/')
        segments[3] = 'raw'
        url.pathname = segments.join('/')
      }
      return { ok: true, url, withToken: true }
    }
  }
  if (server.host === 'github.com') {
    const secure = url.protocol === 'https:'
    if (secure && url.host === 'raw.githubusercontent.com' && path.startsWith(`/${own}/`))
      return { ok: true, url, withToken: true }
    if (
      secure &&
      (url.host === 'user-images.githubusercontent.com' || url.host === 'private-user-images.githubusercontent.com')
    )
      return { ok: true, url, withToken: false }
  }
  return {
    ok: false,
    reason: `only files attached to this repository's issues or stored in ${repo} on ${server.host} are downloaded, not ${url.host}`
  }
}

export async function download(
  raw: string,
  options: {
    serverUrl: string
    repo: string
    token: string
    maxBytes: number
    timeoutMs?: number
    /** Which links may be fetched: GitHub's rule unless the forge has its own (adapters/gitlab/download.ts). */
    check?: (raw: string, serverUrl: string, repo: string) => DownloadCheck
    /** The forge serverUrl is: where the file's redirects may lead (fetch-capped.ts); absent: GitHub. */
    forge?: ForgeDialect
  }
): Promise<Uint8Array> {
  const check = (options.check ?? checkDownload)(raw, options.serverUrl, options.repo)
  if (!check.ok) throw new DownloadError(check.reason)
  try {
    return await fetchCapped(check.url.toString(), {
      serverUrl: options.serverUrl,
      token: options.token,
      maxBytes: options.maxBytes,
      timeoutMs: options.timeoutMs ?? 60_000,
      ...(options.forge ? { forge: options.forge } : {})
    })
  } catch (error) {
    if (error instanceof FetchRefused) throw new DownloadError(`the download failed: ${error.message}`)
    throw error
  }
}
