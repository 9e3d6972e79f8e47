// The command line's first contact, in process: `help` alone, a mistyped flag, and a GitHub that cannot be
// reached (a name that never resolves, a closed port, a server that drops every connection), said as such at
// once, after one attempt, and never blamed on the token.
import { createServer as createHttpServer } from 'node:http'
import { createServer, type Server } from 'node:net'
import { afterEach, describe, expect, it } from 'vitest'
import { USAGE } from '../../../src/cli/args.ts'
import { runCli } from '../../../src/cli/main.ts'

interface Said {
  code: number
  out: string
  err: string
}

async function cli(argv: string[], env: Record<string, string> = {}): Promise<Said> {
  let out = ''
  let err = ''
  const code = await runCli(
    argv,
    { GITHUB_TOKEN: 'ghp_maintestoken', ...env },
    {
      out: (text) => (out += `${text}\n`),
      err: (text) => (err += `${text}\n`),
      cwd: process.cwd()
    }
  )
  return { code, out, err }
}

const servers: Server[] = []
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => new Promise((resolve) => s.close(resolve))))
})

/** A local port, listening with `onConnection`, or closed again (nothing listens) when it is null. */
async function port(onConnection: ((socket: import('node:net').Socket) => void) | null): Promise<number> {
  const server = createServer(onConnection ?? (() => undefined))
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as { port: number }
  if (onConnection) servers.push(server)
  else await new Promise((resolve) => server.close(resolve))
  return port
}

describe('git-bob from a terminal, first contact', () => {
  it('prints the commands for `git-bob help` alone and exits 0', async () => {
    for (const argv of [['help'], ['HELP'], ['--help']]) {
      const said = await cli(argv, { GITHUB_TOKEN: '' })
      expect(said, argv.join(' ')).toEqual({ code: 0, out: `${USAGE}\n`, err: '' })
    }
  })

  it('names the closest known flag for a mistyped one, and exits 2', async () => {
    const said = await cli(['comment', 'o/r#1', '--modle', 'openai:gpt-4.1'])
    expect(said.code).toBe(2)
    expect(said.err).toContain("Unknown option '--modle': did you mean --model?")
  })

  it('says that a server whose name never resolves cannot be reached, not that the token is wrong', async () => {
    // RFC 6761: a .invalid name never resolves.
    const said = await cli(['comment', 'o/r#1'], { GITHUB_API_URL: 'https://api.github.invalid' })
    expect(said.code).toBe(1)
    expect(said.err).toMatch(
      /^git-bob: Cannot reach api\.github\.invalid: its name (does not resolve \(ENOTFOUND\)|could not be looked up \(EAI_AGAIN\))\. Check your network, or --server/
    )
    expect(said.err).not.toMatch(/token/i)
  })

  it('says that a closed port cannot be reached', async () => {
    const closed = await port(null)
    const said = await cli(['comment', 'o/r#1'], { GITHUB_API_URL: `http://127.0.0.1:${closed}` })
    expect(said.code).toBe(1)
    expect(said.err).toContain(`Cannot reach 127.0.0.1:${closed}: it refused the connection (ECONNREFUSED).`)
    expect(said.err).not.toMatch(/token/i)
  })

  it("names the token's kind only when GitHub refuses it (403), not when GitHub fails (502)", async () => {
    let status = 403
    const github = createHttpServer((_request, response) => {
      response.writeHead(status, { 'content-type': 'application/json' })
      response.end(
        JSON.stringify({ message: status === 403 ? 'Resource not accessible by integration' : 'Bad Gateway' })
      )
    })
    servers.push(github)
    await new Promise<void>((resolve) => github.listen(0, '127.0.0.1', resolve))
    const env = { GITHUB_API_URL: `http://127.0.0.1:${(github.address() as { port: number }).port}` }
    const refused = await cli(['comment', 'o/r#1'], env)
    expect(refused.err).toContain(
      "HTTP 403: Resource not accessible by integration). git-bob acts as the person the token belongs to: use a personal token or `gh auth login`, not an app's token."
    )
    status = 502
    const failed = await cli(['comment', 'o/r#1'], env)
    expect(failed.err).toContain("The token's user could not be read: HTTP 502")
    expect(failed.err).not.toContain("app's token")
  })

  it('tries the first read once: a server that drops the connection is not asked again', async () => {
    let connections = 0
    const dropping = await port((socket) => {
      connections++
      socket.destroy()
    })
    const said = await cli(['comment', 'o/r#1'], { GITHUB_API_URL: `http://127.0.0.1:${dropping}` })
    expect(said.err).toContain(`Cannot reach 127.0.0.1:${dropping}: the connection was closed before an answer`)
    expect(connections).toBe(1)
  })
})
