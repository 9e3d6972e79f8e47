// A local stand-in for the object storage a self-managed GitLab keeps uploads in (S3, MinIO, ...): GitLab answers
// an upload's download with a redirect (302) to a signed address here, on another host. It serves the files it
// holds by path and records every request with its headers, so that a test sees what reached it (never a token).
import type { IncomingMessage, ServerResponse } from 'node:http'
import { LoopbackServer } from './loopback.ts'

export interface StoreRequest {
  path: string
  headers: IncomingMessage['headers']
}

export class FakeObjectStore extends LoopbackServer {
  readonly requests: StoreRequest[] = []
  /** The files by path (without the query: the signature is not checked). */
  readonly files = new Map<string, Uint8Array>()
  /** Redirects of the store itself, by path (a store may move a request on once more). */
  readonly redirects = new Map<string, string>()

  protected handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://x')
    this.requests.push({ path: url.pathname, headers: req.headers })
    const onward = this.redirects.get(url.pathname)
    if (onward) res.writeHead(302, { location: onward }).end()
    else {
      const file = this.files.get(url.pathname)
      if (file) res.writeHead(200, { 'content-type': 'application/octet-stream' }).end(file)
      else res.writeHead(404, { 'content-type': 'application/xml' }).end('<Error><Code>NoSuchKey</Code></Error>')
    }
    return Promise.resolve()
  }
}
