// What every local stand-in shares: an HTTP server on 127.0.0.1 on a free port, started and closed.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'

export abstract class LoopbackServer {
  /** The base URL clients are given (set by start()). */
  url = ''
  private server: Server | null = null

  protected abstract handle(req: IncomingMessage, res: ServerResponse): Promise<void>

  /** The base URL for an origin such as http://127.0.0.1:1234 (some APIs add a path, like /v1). */
  protected baseUrl(origin: string): string {
    return origin
  }

  async start(): Promise<this> {
    this.server = createServer((req, res) => {
      void this.handle(req, res)
    })
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve))
    this.url = this.baseUrl(`http://127.0.0.1:${(this.server.address() as AddressInfo).port}`)
    return this
  }

  async close(): Promise<void> {
    this.server?.closeAllConnections()
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()))
  }
}
