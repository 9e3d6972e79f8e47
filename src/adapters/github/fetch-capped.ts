// Fetches a file GitHub hosts (an attachment, a raw file, an image): the token goes only to the GitHub
// server itself, never along a redirect to another host; redirects may lead only to GitHub's content
// hosts; size and time are limited. Shared by images for the model and downloads for implement.
import { imageHost } from '../../ports/hosts.ts'
import { FetchRefused } from '../../errors.ts'

export interface CappedFetchOptions {
  serverUrl: string
  token: string
  maxBytes: number
  timeoutMs: number
  accept?: string
  fetch?: typeof fetch
}

const MAX_REDIRECTS = 5

async function readCapped(response: Response, maxBytes: number): Promise<Uint8Array> {
  const declared = Number(response.headers.get('content-length') ?? NaN)
  if (declared > maxBytes) throw new FetchRefused(`larger than ${maxBytes.toLocaleString('en-US')} bytes`)
  if (!response.body) return new Uint8Array()
  const chunks: Uint8Array[] = []
  let size = 0
  for await (const chunk of response.body as AsyncIterable<Uint8Array>) {
    size += chunk.byteLength
    if (size > maxBytes) {
      await response.body.cancel().catch(() => undefined)
      throw new FetchRefused(`larger than ${maxBytes.toLocaleString('en-US')} bytes`)
    }
    chunks.push(chunk)
  }
  return Buffer.concat(chunks)
}

export async function fetchCapped(start: string, options: CappedFetchOptions): Promise<Uint8Array> {
  const signal = AbortSignal.timeout(options.timeoutMs)
  const get = options.fetch ?? fetch
  let url = start
  for (let hop = 0; hop <= MAX_REDIRECTS; hop++) {
    const host = imageHost(url, options.serverUrl)
    if (host === 'other') throw new FetchRefused(hop === 0 ? 'not hosted on GitHub' : 'redirected away from GitHub')
    const headers: Record<string, string> = { accept: options.accept ?? '*/*' }
    if (host === 'server') headers.authorization = `Bearer ${options.token}`
    let response: Response
    try {
      response = await get(url, { headers, redirect: 'manual', signal })
    } catch (error) {
      throw new FetchRefused(
        signal.aborted
          ? 'it took too long to fetch'
          : `could not be fetched (${error instanceof Error ? error.message : String(error)})`
      )
    }
    const location = response.headers.get('location')
    if (response.status >= 300 && response.status < 400 && location) {
      await response.body?.cancel().catch(() => undefined)
      url = new URL(location, url).toString()
      continue
    }
    if (!response.ok) {
      await response.body?.cancel().catch(() => undefined)
      throw new FetchRefused(`GitHub answered HTTP ${response.status}`)
    }
    try {
      return await readCapped(response, options.maxBytes)
    } catch (error) {
      if (error instanceof FetchRefused) throw error
      // A connection that drops or stalls halfway is a missing file, not a failed run.
      throw new FetchRefused(signal.aborted ? 'it took too long to fetch' : 'the download broke off')
    }
  }
  throw new FetchRefused('too many redirects')
}
