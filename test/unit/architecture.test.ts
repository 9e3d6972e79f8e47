// ARCHITECTURE.md is the map of the house: its layout block must name every file under src/, and nothing
// that is not there. Entries are one per line; two spaces of indentation per folder level. And one of its rules:
// an exported name is declared in one module only.
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, relative } from 'node:path'
import { fileURLToPath } from 'node:url'
import ts from 'typescript'
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

/** The names a module declares and exports itself (re-exports, `export { x } from`, are the same thing again). */
function exportedNames(path: string): string[] {
  const source = ts.createSourceFile(path, readFileSync(path, 'utf8'), ts.ScriptTarget.Latest)
  const names: string[] = []
  for (const statement of source.statements) {
    if (!ts.canHaveModifiers(statement)) continue
    if (!ts.getModifiers(statement)?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword)) continue
    if (ts.isVariableStatement(statement))
      for (const d of statement.declarationList.declarations) if (ts.isIdentifier(d.name)) names.push(d.name.text)
    if (
      (ts.isFunctionDeclaration(statement) ||
        ts.isClassDeclaration(statement) ||
        ts.isInterfaceDeclaration(statement) ||
        ts.isTypeAliasDeclaration(statement) ||
        ts.isEnumDeclaration(statement)) &&
      statement.name
    )
      names.push(statement.name.text)
  }
  return names
}

describe('the names of src/', () => {
  // A name that two modules export with two meanings (the house's review found 13, such as `carryOut` and
  // `CheckRun`) reads as one thing where it is two: each exported name is declared in one module only.
  it('declares each exported name in one module only', () => {
    const modules = filesUnder(join(root, 'src')).filter((p) => p.endsWith('.ts'))
    const where = new Map<string, string[]>()
    for (const module of modules)
      for (const name of exportedNames(join(root, module))) where.set(name, [...(where.get(name) ?? []), module])
    expect(where.size).toBeGreaterThan(500)
    expect([...where].filter(([, files]) => files.length > 1)).toEqual([])
  })

  it('reads exported functions, constants, classes, interfaces and types, not re-exports', () => {
    const dir = mkdtempSync(join(tmpdir(), 'git-bob-names-'))
    const file = join(dir, 'm.ts')
    writeFileSync(
      file,
      "export function a() {}\nexport const b = 1, c = 2\nexport class D {}\nexport interface E {}\nexport type F = 1\nconst g = 1\nexport { g }\nexport { h } from './h.ts'\n"
    )
    try {
      expect(exportedNames(file)).toEqual(['a', 'b', 'c', 'D', 'E', 'F'])
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })
})
