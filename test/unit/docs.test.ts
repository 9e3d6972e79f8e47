// The README, CONTRIBUTING.md, CHANGELOG.md and docs/ link to each other and into the repository: every relative
// link must lead to a file that exists, and every #anchor to a heading there (as GitHub makes them from the
// heading's text).
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { dirname, join, relative } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { HOMEPAGE, LIMITATIONS_URL } from '../../src/version.ts'

const root = fileURLToPath(new URL('../../', import.meta.url))
const pages = [
  'README.md',
  'CONTRIBUTING.md',
  'CHANGELOG.md',
  ...readdirSync(join(root, 'docs')).map((f) => `docs/${f}`)
].filter((f) => f.endsWith('.md'))

/** GitHub's anchor for a heading: lower case, punctuation dropped, spaces to hyphens. */
function slug(heading: string): string {
  return heading
    .toLowerCase()
    .replace(/[`*_]/g, '')
    .replace(/[^\p{L}\p{N} -]/gu, '')
    .replace(/ /g, '-')
}

function anchors(file: string): Set<string> {
  const text = readFileSync(file, 'utf8').replace(/^```[\s\S]*?^```/gm, '')
  return new Set([...text.matchAll(/^#{1,6} (.+)$/gm)].map((m) => slug(m[1]!.trim())))
}

function links(file: string): string[] {
  const text = readFileSync(join(root, file), 'utf8').replace(/^```[\s\S]*?^```/gm, '')
  return [...text.matchAll(/\]\(([^)\s]+)\)/g)].map((m) => m[1]!).filter((l) => !/^[a-z]+:/.test(l))
}

describe('the documentation', () => {
  it.each(pages)('%s: relative links lead to files and headings that exist', (page) => {
    for (const link of links(page)) {
      const [path, anchor] = link.split('#') as [string, string | undefined]
      const target = path ? join(root, dirname(page), path) : join(root, page)
      expect(existsSync(target), `${page}: ${link}`).toBe(true)
      if (anchor) expect(anchors(target), `${page}: ${link} (in ${relative(root, target)})`).toContain(anchor)
    }
  })

  it('the README links every page of docs/', () => {
    const linked = new Set(links('README.md').map((l) => l.split('#')[0]))
    for (const page of pages.filter((p) => p.startsWith('docs/'))) expect(linked, page).toContain(page)
  })

  it('the configuration shows how to pin the action by tag and by commit SHA, and the README links it', () => {
    expect(links('README.md')).toContain('docs/configuration.md#pinning-a-version')
    const page = readFileSync(join(root, 'docs/configuration.md'), 'utf8')
    expect(page).toMatch(/uses: haesleinhuepf\/git-bob-ts@v0 /)
    expect(page).toMatch(/uses: haesleinhuepf\/git-bob-ts@v\d+\.\d+\.\d+ /)
    expect(page).toMatch(/uses: haesleinhuepf\/git-bob-ts@<40-character commit SHA> # v\d+\.\d+\.\d+/)
  })

  it('the README has the section every stamp links to (LIMITATIONS_URL)', () => {
    const anchor = LIMITATIONS_URL.split('#')[1]!
    expect(LIMITATIONS_URL.startsWith(`${HOMEPAGE}#`)).toBe(true)
    expect(anchors(join(root, 'README.md'))).toContain(anchor)
  })
})
