import { describe, expect, it } from 'vitest'
import { checkGitLabDownload } from '../../../../src/adapters/gitlab/download.ts'

const SERVER = 'https://gitlab.example.org'
const PROJECT = 'lab/sub/analysis'
const SECRET = '0123456789abcdef0123456789abcdef'
const API = `${SERVER}/api/v4/projects/lab%2Fsub%2Fanalysis/uploads/${SECRET}`

function accepted(raw: string, serverUrl = SERVER): string {
  const check = checkGitLabDownload(raw, serverUrl, PROJECT)
  if (!check.ok) throw new Error(`expected ${raw} to be accepted, refused: ${check.reason}`)
  expect(check.withToken).toBe(true)
  return check.url.href
}

function refused(raw: string, serverUrl = SERVER): string {
  const check = checkGitLabDownload(raw, serverUrl, PROJECT)
  if (check.ok) throw new Error(`expected ${raw} to be refused, got ${check.url.href}`)
  return check.reason
}

describe('checkGitLabDownload', () => {
  it("accepts the project's uploads at the API's address, the project named in any case", () => {
    expect(accepted(`${API}/data.csv`)).toBe(`${API}/data.csv`)
    expect(accepted(`${SERVER}/api/v4/projects/LAB%2Fsub%2FAnalysis/uploads/${SECRET}/data.csv`)).toBe(
      `${API}/data.csv`
    )
  })

  it("reads an upload at the project's web address through the API, without a query", () => {
    expect(accepted(`${SERVER}/lab/sub/analysis/uploads/${SECRET}/My%20data.csv?inline=false`)).toBe(
      `${API}/My%20data.csv`
    )
  })

  it("reads an upload at the project's numbered web address (GitLab 17.1 on) only when the number is the job's", () => {
    const byId = `${SERVER}/-/project/42/uploads/${SECRET}/plot.png`
    expect(checkGitLabDownload(byId, SERVER, PROJECT, '42')).toEqual({
      ok: true,
      url: new URL(`${API}/plot.png`),
      withToken: true
    })
    for (const id of ['43', null]) {
      const check = checkGitLabDownload(byId, SERVER, PROJECT, id)
      expect(check.ok).toBe(false)
    }
    expect(checkGitLabDownload(`${SERVER}/-/project/42/uploads/not-hex/a.png`, SERVER, PROJECT, '42').ok).toBe(false)
  })

  it('keeps the path of a GitLab that lives under one', () => {
    const base = 'https://example.org/gitlab'
    expect(accepted(`${base}/api/v4/projects/lab%2Fsub%2Fanalysis/uploads/${SECRET}/a.png`, base)).toBe(
      `${base}/api/v4/projects/lab%2Fsub%2Fanalysis/uploads/${SECRET}/a.png`
    )
    refused(`https://example.org/api/v4/projects/lab%2Fsub%2Fanalysis/uploads/${SECRET}/a.png`, base)
  })

  it("refuses other projects' uploads, numeric project ids, other hosts and plain http", () => {
    expect(refused(`${SERVER}/api/v4/projects/lab%2Fother/uploads/${SECRET}/a.csv`)).toContain(
      "only files attached to lab/sub/analysis's issues and merge requests on gitlab.example.org"
    )
    refused(`${SERVER}/api/v4/projects/42/uploads/${SECRET}/a.csv`)
    refused(`${SERVER}/lab/other/uploads/${SECRET}/a.csv`)
    refused(`https://evil.example/api/v4/projects/lab%2Fsub%2Fanalysis/uploads/${SECRET}/a.csv`)
    refused(`http://gitlab.example.org/api/v4/projects/lab%2Fsub%2Fanalysis/uploads/${SECRET}/a.csv`)
  })

  it('refuses what is not an upload: other API paths, a malformed secret, dot or slash names, no URL', () => {
    refused(`${SERVER}/api/v4/projects/lab%2Fsub%2Fanalysis/repository/files/a/raw`)
    refused(`${SERVER}/api/v4/projects/lab%2Fsub%2Fanalysis/uploads/not-hex/a.csv`)
    refused(`${SERVER}/api/v4/projects/lab%2Fsub%2Fanalysis/uploads/${SECRET}/..`)
    refused(`${SERVER}/api/v4/projects/lab%2Fsub%2Fanalysis/uploads/${SECRET}/a%2F..%2Fb`)
    expect(refused('not a url')).toBe('"not a url" is not a URL')
  })
})
