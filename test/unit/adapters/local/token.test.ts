import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { findToken } from '../../../../src/adapters/local/token.ts'

describe('findToken', () => {
  const noGh = async (): Promise<string | null> => null

  it('takes GITHUB_TOKEN, then GH_TOKEN, before asking gh', async () => {
    expect(await findToken({ GITHUB_TOKEN: ' a ', GH_TOKEN: 'b' }, 'github.com', noGh)).toEqual({
      token: 'a',
      source: 'GITHUB_TOKEN'
    })
    expect(await findToken({ GH_TOKEN: 'b' }, 'github.com', noGh)).toEqual({ token: 'b', source: 'GH_TOKEN' })
  })

  it("asks the GitHub CLI for the server's login, and finds nothing without it", async () => {
    const hosts: string[] = []
    const gh = async (host: string): Promise<string | null> => (hosts.push(host), 'gho_x')
    expect(await findToken({ GITHUB_TOKEN: '' }, 'ghe.example.com', gh)).toEqual({
      token: 'gho_x',
      source: 'gh auth token'
    })
    expect(hosts).toEqual(['ghe.example.com'])
    expect(await findToken({}, 'github.com', noGh)).toBeNull()
  })

  it("starts the gh found on the PATH it was given, with that environment, not the process's", async () => {
    const dir = mkdtempSync(join(tmpdir(), 'git-bob-gh-'))
    try {
      // A gh that answers with its arguments and a variable only the given environment has.
      writeFileSync(join(dir, 'gh'), '#!/bin/sh\necho "gho_$GH_MARK $*"\n')
      chmodSync(join(dir, 'gh'), 0o755)
      expect(await findToken({ PATH: dir, GH_MARK: 'given' }, 'ghe.example.com')).toEqual({
        token: 'gho_given auth token --hostname ghe.example.com',
        source: 'gh auth token'
      })
      expect(await findToken({ PATH: join(dir, 'none') }, 'github.com')).toBeNull()
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })
})
