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

/** The names a binding declares: `a`, or each name of `{ a, b: [c] }`. */
function boundNames(name: ts.BindingName): string[] {
  if (ts.isIdentifier(name)) return [name.text]
  return name.elements.flatMap((e) => (ts.isOmittedExpression(e) ? [] : boundNames(e.name)))
}

/**
 * The names a module exports of its own (a re-export, `export { x } from`, is another module's name again), once
 * each: overloads and a value and a type of one name are one name.
 */
function exportedNames(path: string): Set<string> {
  const source = ts.createSourceFile(path, readFileSync(path, 'utf8'), ts.ScriptTarget.Latest)
  const names = new Set<string>()
  for (const statement of source.statements) {
    if (ts.isExportDeclaration(statement)) {
      // `export { g }` and `export { g as h }` name this module's own; `export { x } from` does not.
      if (!statement.moduleSpecifier && statement.exportClause && ts.isNamedExports(statement.exportClause))
        for (const element of statement.exportClause.elements) names.add(element.name.text)
      continue
    }
    if (!ts.canHaveModifiers(statement)) continue
    if (!ts.getModifiers(statement)?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword)) continue
    if (ts.isVariableStatement(statement))
      for (const d of statement.declarationList.declarations) for (const n of boundNames(d.name)) names.add(n)
    if (
      (ts.isFunctionDeclaration(statement) ||
        ts.isClassDeclaration(statement) ||
        ts.isInterfaceDeclaration(statement) ||
        ts.isTypeAliasDeclaration(statement) ||
        ts.isEnumDeclaration(statement) ||
        ts.isModuleDeclaration(statement)) &&
      statement.name &&
      ts.isIdentifier(statement.name)
    )
      names.add(statement.name.text)
  }
  return names
}

/** Each name that more than one of the modules exports, with those modules. */
function doubledNames(modules: readonly string[]): [string, string[]][] {
  const where = new Map<string, string[]>()
  for (const module of modules)
    for (const name of exportedNames(module)) where.set(name, [...(where.get(name) ?? []), module])
  return [...where].filter(([, files]) => files.length > 1)
}

describe('the names of src/', () => {
  // A name that two modules export with two meanings (the house's review found 13, such as `carryOut` and
  // `CheckRun`) reads as one thing where it is two: each exported name is declared in one module only.
  it('declares each exported name in one module only', () => {
    const modules = filesUnder(join(root, 'src'))
      .filter((p) => p.endsWith('.ts'))
      .map((p) => join(root, p))
    expect(modules.reduce((sum, m) => sum + exportedNames(m).size, 0)).toBeGreaterThan(500)
    expect(doubledNames(modules).map(([name, files]) => [name, files.map((f) => relative(root, f))])).toEqual([])
  })

  it('reads what a module exports of its own, once each, and finds a name two modules export', () => {
    const dir = mkdtempSync(join(tmpdir(), 'git-bob-names-'))
    const [one, two] = [join(dir, 'one.ts'), join(dir, 'two.ts')]
    writeFileSync(
      one,
      [
        'export function a(x: string): string',
        'export function a(x: number): number',
        'export function a(x: unknown) { return x }',
        'export const b = 1, { c, d: [e] } = { c: 2, d: [3] }',
        'export class D {}',
        'export interface E {}',
        'export type F = 1',
        'export const G = 1',
        'export type G = typeof G',
        'export namespace H {}',
        'const g = 1',
        'export { g, g as i }',
        "export { j } from './j.ts'"
      ].join('\n')
    )
    writeFileSync(two, 'export function a() {}\nexport const k = 1\n')
    try {
      expect([...exportedNames(one)]).toEqual(['a', 'b', 'c', 'e', 'D', 'E', 'F', 'G', 'H', 'g', 'i'])
      expect(doubledNames([one, two])).toEqual([['a', [one, two]]])
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })
})
