// ARCHITECTURE.md is the map of the house: its layout block must name every file under src/, and nothing
// that is not there. Entries are one per line; two spaces of indentation per folder level.
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { join, relative } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'

const root = fileURLToPath(new URL('../../', import.meta.url))
const text = readFileSync(join(root, 'ARCHITECTURE.md'), 'utf8')

/** The paths the layout block names, folders ending in "/". */
function layoutPaths(markdown: string): string[] {
  const section = markdown.slice(markdown.indexOf('## Layout'))
  const block = /```\n([\s\S]*?)```/.exec(section)?.[1] ?? ''
  const paths: string[] = []
  const parents: string[] = []
  for (const line of block.split('\n')) {
    const match = /^( *)(\S+)/.exec(line)
    if (!match) continue
    const depth = match[1]!.length / 2
    const name = match[2]!
    // A continuation line of a description is indented past the names' column and is not a path.
    if (!Number.isInteger(depth) || depth > parents.length || !/^[\w.-]+\/?$/.test(name)) continue
    parents.length = depth
    const path = [...parents, name].join('')
    paths.push(path)
    if (name.endsWith('/')) parents.push(name)
  }
  return paths
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile())
    .map((entry) => relative(root, join(entry.parentPath, entry.name)))
    .sort()
}

describe('ARCHITECTURE.md', () => {
  const paths = layoutPaths(text)

  it('lists every file under src/, and only those', () => {
    const listed = paths.filter((p) => p.startsWith('src/') && !p.endsWith('/')).sort()
    expect(listed).toEqual(filesUnder(join(root, 'src')))
  })

  it('names only folders and files that exist', () => {
    expect(paths.length).toBeGreaterThan(50)
    for (const path of paths) expect(existsSync(join(root, path)), path).toBe(true)
  })

  it('reads nested entries by their indentation', () => {
    const sample =
      '## Layout\n\n```\nsrc/\n  a.ts     one\n           continued text\n  b/       folder\n    c.ts   two\n  d.ts\n```\n'
    expect(layoutPaths(sample)).toEqual(['src/', 'src/a.ts', 'src/b/', 'src/b/c.ts', 'src/d.ts'])
  })
})
