import { describe, expect, it } from 'vitest'
import { absoluteUploads } from '../../../src/ports/gitlab-uploads.ts'

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
