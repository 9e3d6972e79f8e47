// Fetches a file the forge hosts (an attachment, a raw file, an image): the token goes only to the forge's
// server itself, never along a redirect to another host; on GitHub, redirects may lead only to GitHub's content
// hosts; on GitLab, an upload on the server may be redirected to object storage on another host (a self-managed
// GitLab's uploads), which is followed without the token, to that one store only; size and time are limited.
// Shared by images for the model and downloads for implement.
import { imageHost } from '../../ports/hosts.ts'
import { forgeWords, type ForgeDialect } from '../../ports/forge.ts'
import { FetchRefused } from '../../errors.ts'
import { uploadAt } from '../../ports/gitlab-uploads.ts'

export interface CappedFetchOptions {
  serverUrl: string
  token: string
  maxBytes: number
  timeoutMs: number
  accept?: string
  fetch?: typeof fetch
  /**
   * The forge serverUrl is (absent: GitHub). On GitLab an upload asked of the server may be redirected to another
   * host (object storage): followed at most 3 times, over https (http only when the server itself is http), with
   * no token and no Authorization header there, and only to the one store the server named.
   */
  forge?: ForgeDialect
}

const MAX_REDIRECTS = 5
/** A GitLab upload: the server's answer, at most one hop or two inside the object store, and no more. */
const MAX_GITLAB_REDIRECTS = 3

function protocolOf(url: string): string | null {
  try {
    return new URL(url).protocol
  } catch {
    return null
  }
}

/** Where a fetch has been so far. */
export interface Route {
  /** The first address was a GitLab upload on the server (ports/gitlab-uploads.ts): where it redirects is GitLab's to
   * say (its object storage), where a release's download link or another route could lead anywhere. */
  fromUpload: boolean
  /** The address before this one was the server's. */
  afterServer: boolean
  /** The origin of the object store the server redirected to, once it did. */
  store: string | null
}

/**
 * Whether an address may be fetched at this hop, and with the token: the server always (with it), GitHub's content
 * hosts (without), and on GitLab, when an upload was asked for, the one store the server redirects it to, over a
 * scheme as safe as the server's (without). Pure.
 */
export function hopRule(
  url: string,
  hop: number,
  route: Route,
  options: Pick<CappedFetchOptions, 'serverUrl' | 'forge'>
): { withToken: boolean } | { refused: string } {
  const host = imageHost(url, options.serverUrl)
  if (host === 'server') return { withToken: true }
  if (host === 'github-content') return { withToken: false }
  const name = forgeWords(options.forge).name
  if (options.forge === 'gitlab' && hop > 0 && route.fromUpload) {
    const scheme = protocolOf(url)
    const server = protocolOf(options.serverUrl)
    if (scheme !== 'https:' && !(scheme === 'http:' && server === 'http:'))
      return { refused: `redirected from ${name} to an address that is not https` }
    const origin = new URL(url).origin
    // The store the server itself sends the file to, and from there only within that store.
    if (route.store === null ? route.afterServer : origin === route.store) return { withToken: false }
    return { refused: `redirected away from the storage ${name} redirected to` }
  }
  return { refused: hop === 0 ? `not hosted on ${name}` : `redirected away from ${name}` }
}

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
  const route: Route = {
    fromUpload: options.forge === 'gitlab' && uploadAt(start, options.serverUrl) !== null,
    afterServer: false,
    store: null
  }
  const maxRedirects = options.forge === 'gitlab' ? MAX_GITLAB_REDIRECTS : MAX_REDIRECTS
  for (let hop = 0; hop <= maxRedirects; hop++) {
    const rule = hopRule(url, hop, route, options)
    if ('refused' in rule) throw new FetchRefused(rule.refused)
    const onServer = imageHost(url, options.serverUrl) === 'server'
    if (!onServer && route.fromUpload && route.store === null && route.afterServer) route.store = new URL(url).origin
    route.afterServer = onServer
    const headers: Record<string, string> = { accept: options.accept ?? '*/*' }
    if (rule.withToken) headers.authorization = `Bearer ${options.token}`
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
      try {
        url = new URL(location, url).toString()
      } catch {
        throw new FetchRefused('redirected to something that is not an address')
      }
      continue
    }
    if (!response.ok) {
      await response.body?.cancel().catch(() => undefined)
      // The object store's address is not named: a signed one carries its signature.
      const stored = options.forge === 'gitlab' && imageHost(url, options.serverUrl) === 'other'
      const who = stored ? 'the storage GitLab redirected to' : forgeWords(options.forge).name
      throw new FetchRefused(`${who} answered HTTP ${response.status}`)
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
