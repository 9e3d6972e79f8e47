import { describe, expect, it } from 'vitest'
import { tokenHome } from '../../../src/cli/host.ts'

const home = (target: string | null, env: Record<string, string> = {}, flag: string | null = null) =>
  tokenHome({ target, flag, env })

describe('tokenHome', () => {
  it('sends the token to github.com by default, and to the API of a GitHub Enterprise Server the person configured', () => {
    expect(home('https://github.com')).toEqual({
      kind: 'home',
      server: 'https://github.com',
      apiUrl: 'https://api.github.com'
    })
    expect(home(null)).toMatchObject({ server: 'https://github.com', apiUrl: 'https://api.github.com' })
    const ghe = { kind: 'home', server: 'https://ghe.example.com', apiUrl: 'https://ghe.example.com/api/v3' }
    expect(home('https://ghe.example.com', {}, 'https://ghe.example.com')).toEqual(ghe)
    expect(home('https://GHE.example.com:443', { GITHUB_SERVER_URL: 'https://ghe.example.com/' })).toEqual(ghe)
    expect(home(null, { GH_HOST: 'ghe.example.com' })).toEqual(ghe)
    // github.com stays allowed next to a configured server.
    expect(home('https://github.com', { GH_HOST: 'ghe.example.com' })).toMatchObject({ server: 'https://github.com' })
  })

  it.each([
    ['an unconfigured host', 'https://evil.example', {}],
    ['plain http to github.com', 'http://github.com', {}],
    ['plain http to another host', 'http://evil.example', {}],
    ['a loopback address nobody configured', 'http://127.0.0.1:8080', {}],
    ['a host other than the configured one', 'https://evil.example', { GITHUB_SERVER_URL: 'https://ghe.example.com' }],
    ['another loopback port than the configured one', 'http://127.0.0.1:9090', { GH_HOST: '127.0.0.1:8080' }],
    ['a look-alike of github.com', 'https://github.com.evil.example', {}]
  ])('refuses %s before any request', (_what, target, env) => {
    const result = home(target, env)
    expect(result.kind).toBe('refused')
    expect(result.kind === 'refused' && result.message).toContain('only to https://github.com or the GitHub server')
  })

  it('allows plain http only to a loopback address that is exactly the configured server', () => {
    expect(home('http://127.0.0.1:8080', {}, 'http://127.0.0.1:8080')).toEqual({
      kind: 'home',
      server: 'http://127.0.0.1:8080',
      apiUrl: 'http://127.0.0.1:8080/api/v3'
    })
    expect(home(null, { GITHUB_SERVER_URL: 'http://[::1]:8080' })).toMatchObject({ server: 'http://[::1]:8080' })
    expect(home(null, {}, 'http://ghe.example.com')).toMatchObject({
      kind: 'refused',
      message: expect.stringContaining('plain http') as unknown
    })
    expect(home(null, { GITHUB_SERVER_URL: 'http://localhost.evil.example:8080' }).kind).toBe('refused')
  })

  it('sends API calls to GITHUB_API_URL when set: https, or http to a loopback address', () => {
    expect(home(null, { GITHUB_API_URL: 'http://127.0.0.1:5000' })).toMatchObject({ apiUrl: 'http://127.0.0.1:5000' })
    expect(home(null, { GITHUB_API_URL: 'https://api.ghe.example' })).toMatchObject({
      apiUrl: 'https://api.ghe.example'
    })
    expect(home(null, { GITHUB_API_URL: 'http://api.evil.example' }).kind).toBe('refused')
    expect(home(null, { GITHUB_API_URL: 'file:///etc/passwd' }).kind).toBe('refused')
  })

  it('refuses a configured server that is not an address', () => {
    expect(home(null, {}, 'ghe.example.com')).toMatchObject({ kind: 'refused' })
  })
})
