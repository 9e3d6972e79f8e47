import { describe, expect, it } from 'vitest'
import { absoluteUploads, uploadAt } from '../../../src/ports/gitlab-uploads.ts'

const API = 'https://gitlab.example.org/api/v4/projects/42'
const SECRET = '0123456789abcdef0123456789abcdef'

describe('GitLab uploads', () => {
  it("points relative upload links, in markdown and in <img>, at the API's address of the file", () => {
    const text = `![plot](/uploads/${SECRET}/plot.png) and [data](/-/project/42/uploads/${SECRET}/data.csv) <img src="/uploads/${SECRET}/a.png">`
    expect(absoluteUploads(text, `${API}/`)).toBe(
      `![plot](${API}/uploads/${SECRET}/plot.png) and [data](${API}/uploads/${SECRET}/data.csv) <img src="${API}/uploads/${SECRET}/a.png">`
    )
  })

  it('leaves other links, and upload paths in prose, as they are', () => {
    const text = `![x](https://elsewhere.org/uploads/${SECRET}/x.png) the path /uploads/${SECRET}/x.png in prose`
    expect(absoluteUploads(text, API)).toBe(text)
  })
})

describe('uploadAt', () => {
  const server = 'https://gitlab.example.org'

  it("reads an upload's parts at the API's address, the project's and the numbered one, on the server", () => {
    expect(uploadAt(`${server}/api/v4/projects/lab%2Fanalysis/uploads/${SECRET}/My%20a.png`, server)).toEqual({
      project: 'lab/analysis',
      projectId: null,
      secret: SECRET,
      name: 'My%20a.png'
    })
    expect(uploadAt(`${server}/lab/sub/analysis/uploads/${SECRET}/a.png`, server)?.project).toBe('lab/sub/analysis')
    expect(uploadAt(`${server}/-/project/42/uploads/${SECRET}/a.png`, server)).toEqual({
      project: null,
      projectId: '42',
      secret: SECRET,
      name: 'a.png'
    })
    expect(uploadAt(`https://x.org/gitlab/lab/p/uploads/${SECRET}/a.png`, 'https://x.org/gitlab')?.project).toBe(
      'lab/p'
    )
  })

  it("is null for GitLab's own routes (a release's downloads), one segment, a malformed secret, another host", () => {
    for (const raw of [
      `${server}/evil/p/-/releases/v1/downloads/uploads/${SECRET}/a.png`,
      `${server}/lab/analysis/uploads/not-hex/a.png`,
      `${server}/analysis/uploads/${SECRET}/a.png`,
      `${server}/lab/analysis/uploads/${SECRET}/..`,
      `https://other.example.org/lab/analysis/uploads/${SECRET}/a.png`,
      'not a url'
    ])
      expect(uploadAt(raw, server)).toBeNull()
  })
})
