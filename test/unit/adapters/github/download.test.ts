import { describe, expect, it } from 'vitest'
import { checkDownload, type DownloadCheck } from '../../../../src/adapters/github/download.ts'

const GITHUB = 'https://github.com'
const GHES = 'https://ghe.example.com'
const REPO = 'Owner/Repo'

function accepted(raw: string, serverUrl = GITHUB, repo = REPO): { href: string; withToken: boolean } {
  const check = checkDownload(raw, serverUrl, repo)
  if (!check.ok) throw new Error(`expected ${raw} to be accepted, refused: ${check.reason}`)
  return { href: check.url.href, withToken: check.withToken }
}

function reasonOf(check: DownloadCheck): string {
  if (check.ok) throw new Error(`expected a refusal, got ${check.url.href}`)
  return check.reason
}

describe('checkDownload on github.com', () => {
  it('accepts user attachments, with the token', () => {
    const raw = 'https://github.com/user-attachments/assets/0a1b2c3d-4e5f-6789-abcd-ef0123456789'
    expect(accepted(raw)).toEqual({ href: raw, withToken: true })
    expect(accepted('https://github.com/user-attachments/files/123/data.csv')).toMatchObject({ withToken: true })
  })

  it('accepts raw files of the repository', () => {
    const raw = 'https://github.com/Owner/Repo/raw/main/data/table.csv'
    expect(accepted(raw)).toEqual({ href: raw, withToken: true })
  })

  it('accepts old-style attachments of the repository', () => {
    expect(accepted('https://github.com/Owner/Repo/files/123/data.zip')).toMatchObject({ withToken: true })
  })

  it('rewrites blob links to raw', () => {
    expect(accepted('https://github.com/Owner/Repo/blob/main/images/a.png')).toEqual({
      href: 'https://github.com/Owner/Repo/raw/main/images/a.png',
      withToken: true
    })
  })

  it('keeps the query of a blob link', () => {
    expect(accepted('https://github.com/Owner/Repo/blob/main/a.png?raw=true').href).toBe(
      'https://github.com/Owner/Repo/raw/main/a.png?raw=true'
    )
  })

  it('compares the repository case-insensitively', () => {
    expect(accepted('https://github.com/owner/repo/raw/main/x.txt')).toMatchObject({ withToken: true })
    expect(accepted('https://github.com/OWNER/REPO/raw/main/x.txt', GITHUB, 'owner/repo')).toMatchObject({
      withToken: true
    })
  })

  it('accepts the repository in percent-encoded form', () => {
    expect(accepted('https://github.com/Owner/%52epo/raw/main/x.txt')).toMatchObject({ withToken: true })
  })

  it('refuses files of other repositories', () => {
    for (const raw of [
      'https://github.com/Other/Repo/raw/main/x',
      'https://github.com/Owner/Other/raw/main/x',
      'https://github.com/Owner/Repo2/raw/main/x',
      'https://github.com/Owner/Rep/raw/main/x',
      'https://github.com/Owner/Repo-evil/blob/main/x'
    ]) {
      expect(reasonOf(checkDownload(raw, GITHUB, REPO))).toBe(
        "only files attached to this repository's issues or stored in Owner/Repo on github.com are downloaded, not github.com"
      )
    }
  })

  it('refuses other pages of the repository', () => {
    for (const raw of [
      'https://github.com/Owner/Repo',
      'https://github.com/Owner/Repo/issues/1',
      'https://github.com/Owner/Repo/archive/refs/heads/main.zip',
      'https://github.com/Owner/Repo/releases/download/v1/x.bin'
    ]) {
      expect(checkDownload(raw, GITHUB, REPO).ok).toBe(false)
    }
  })

  it('resolves dot segments before checking', () => {
    expect(checkDownload('https://github.com/Owner/Repo/raw/../../Other/Repo/raw/main/x', GITHUB, REPO).ok).toBe(false)
    expect(
      checkDownload('https://github.com/Owner/Repo/raw/%2e%2e/%2e%2e/Other/Repo/raw/main/x', GITHUB, REPO).ok
    ).toBe(false)
  })

  it('accepts raw.githubusercontent.com for this repository, with the token', () => {
    const raw = 'https://raw.githubusercontent.com/Owner/Repo/main/data/x.csv'
    expect(accepted(raw)).toEqual({ href: raw, withToken: true })
    expect(accepted('https://raw.githubusercontent.com/owner/repo/refs/heads/main/x')).toMatchObject({
      withToken: true
    })
  })

  it('refuses raw.githubusercontent.com for other repositories', () => {
    expect(reasonOf(checkDownload('https://raw.githubusercontent.com/Other/Repo/main/x', GITHUB, REPO))).toMatch(
      /not raw\.githubusercontent\.com$/
    )
    expect(checkDownload('https://raw.githubusercontent.com/Owner/Repo2/main/x', GITHUB, REPO).ok).toBe(false)
  })

  it('accepts user images without the token', () => {
    const raw = 'https://user-images.githubusercontent.com/12345/67890-abc.png'
    expect(accepted(raw)).toEqual({ href: raw, withToken: false })
    expect(accepted('https://private-user-images.githubusercontent.com/1/2.png?jwt=abc')).toMatchObject({
      withToken: false
    })
  })

  it('refuses plain http everywhere', () => {
    for (const raw of [
      'http://github.com/Owner/Repo/raw/main/x',
      'http://github.com/user-attachments/assets/abc',
      'http://raw.githubusercontent.com/Owner/Repo/main/x',
      'http://user-images.githubusercontent.com/1/2.png'
    ]) {
      expect(checkDownload(raw, GITHUB, REPO).ok).toBe(false)
    }
  })

  it('refuses other hosts, naming them', () => {
    expect(reasonOf(checkDownload('https://example.com/Owner/Repo/raw/main/x', GITHUB, REPO))).toMatch(
      /, not example\.com$/
    )
    expect(checkDownload('https://gist.githubusercontent.com/Owner/abc/raw/x', GITHUB, REPO).ok).toBe(false)
    expect(checkDownload('https://objects.githubusercontent.com/x', GITHUB, REPO).ok).toBe(false)
    expect(checkDownload('https://github.com.evil.com/Owner/Repo/raw/main/x', GITHUB, REPO).ok).toBe(false)
    expect(checkDownload('https://api.github.com/repos/Owner/Repo/contents/x', GITHUB, REPO).ok).toBe(false)
  })

  it('refuses a different port on the server host', () => {
    expect(checkDownload('https://github.com:8443/Owner/Repo/raw/main/x', GITHUB, REPO).ok).toBe(false)
  })

  it('refuses other schemes', () => {
    for (const raw of [
      'file:///etc/passwd',
      'ftp://github.com/Owner/Repo/raw/main/x',
      'data:text/plain,hello',
      'javascript:alert(1)'
    ]) {
      expect(checkDownload(raw, GITHUB, REPO).ok).toBe(false)
    }
  })

  it('refuses what is not a URL', () => {
    expect(checkDownload('not a url', GITHUB, REPO)).toEqual({ ok: false, reason: '"not a url" is not a URL' })
    expect(checkDownload('', GITHUB, REPO)).toEqual({ ok: false, reason: '"" is not a URL' })
    expect(checkDownload('/Owner/Repo/raw/main/x', GITHUB, REPO).ok).toBe(false)
  })
})

describe('checkDownload on GitHub Enterprise Server', () => {
  it('accepts attachments and raw files on the server', () => {
    expect(accepted('https://ghe.example.com/user-attachments/assets/abc', GHES)).toMatchObject({ withToken: true })
    expect(accepted('https://ghe.example.com/Owner/Repo/raw/main/x.csv', GHES)).toMatchObject({ withToken: true })
    expect(accepted('https://ghe.example.com/Owner/Repo/blob/main/x.csv', GHES)).toEqual({
      href: 'https://ghe.example.com/Owner/Repo/raw/main/x.csv',
      withToken: true
    })
  })

  it('refuses github.com hosts', () => {
    expect(reasonOf(checkDownload('https://raw.githubusercontent.com/Owner/Repo/main/x', GHES, REPO))).toBe(
      "only files attached to this repository's issues or stored in Owner/Repo on ghe.example.com are downloaded, not raw.githubusercontent.com"
    )
    expect(checkDownload('https://user-images.githubusercontent.com/1/2.png', GHES, REPO).ok).toBe(false)
    expect(checkDownload('https://github.com/user-attachments/assets/abc', GHES, REPO).ok).toBe(false)
    expect(checkDownload('https://github.com/Owner/Repo/raw/main/x', GHES, REPO).ok).toBe(false)
  })

  it('refuses http when the server uses https', () => {
    expect(checkDownload('http://ghe.example.com/user-attachments/assets/abc', GHES, REPO).ok).toBe(false)
  })

  it('accepts http when the server itself uses http', () => {
    expect(accepted('http://ghe.internal/Owner/Repo/raw/main/x', 'http://ghe.internal')).toMatchObject({
      withToken: true
    })
  })
})

describe('checkDownload: awkward URLs', () => {
  it('refuses bad percent-encoding instead of throwing', () => {
    expect(checkDownload('https://github.com/Owner/Repo/raw/main/%zz', 'https://github.com', 'Owner/Repo').ok).toBe(
      false
    )
  })

  it('rewrites the blob segment itself, even when the repository is called blob', () => {
    const check = checkDownload('https://github.com/Owner/blob/blob/main/f', 'https://github.com', 'Owner/blob')
    expect(check.ok && check.url.pathname).toBe('/Owner/blob/raw/main/f')
  })
})
