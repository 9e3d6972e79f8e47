// Downloads a file linked in the conversation (an uploaded image, a data file) for the implement
// command: only from the repository's own GitHub host, with the token for private attachments, and
// never more than a size limit.

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
    if (path.startsWith('/user-attachments/') || path.startsWith(`/${own}/raw/`) || path.startsWith(`/${own}/blob/`) || path.startsWith(`/${own}/files/`)) {
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
    if (secure && url.host === 'raw.githubusercontent.com' && path.startsWith(`/${own}/`)) return { ok: true, url, withToken: true }
    if (secure && (url.host === 'user-images.githubusercontent.com' || url.host === 'private-user-images.githubusercontent.com')) return { ok: true, url, withToken: false }
  }
  return { ok: false, reason: `only files attached to this repository's issues or stored in ${repo} on ${server.host} are downloaded, not ${url.host}` }
}

export class DownloadError extends Error {
  override name = 'DownloadError'
}

export async function download(raw: string, options: { serverUrl: string; repo: string; token: string; maxBytes: number; timeoutMs?: number }): Promise<Uint8Array> {
  const check = checkDownload(raw, options.serverUrl, options.repo)
  if (!check.ok) throw new DownloadError(check.reason)
  let response: Response
  try {
    response = await fetch(check.url, {
      headers: check.withToken ? { authorization: `token ${options.token}` } : {},
      redirect: 'follow',
      signal: AbortSignal.timeout(options.timeoutMs ?? 60_000)
    })
  } catch (error) {
    throw new DownloadError(`the download failed: ${error instanceof Error ? error.message : String(error)}`)
  }
  if (!response.ok) throw new DownloadError(`the server answered HTTP ${response.status}`)
  const declared = Number(response.headers.get('content-length') ?? 0)
  if (declared > options.maxBytes) throw new DownloadError(`the file has ${declared.toLocaleString('en-US')} bytes, more than the limit of ${options.maxBytes.toLocaleString('en-US')}`)
  const chunks: Uint8Array[] = []
  let size = 0
  const reader = response.body?.getReader()
  while (reader) {
    const { done, value } = await reader.read()
    if (done) break
    size += value.length
    if (size > options.maxBytes) {
      await reader.cancel()
      throw new DownloadError(`the file is larger than the limit of ${options.maxBytes.toLocaleString('en-US')} bytes`)
    }
    chunks.push(value)
  }
  return Buffer.concat(chunks)
}
