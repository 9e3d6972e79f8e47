// Bundles the action into dist/: index.js (the entry action.yml names) and the chunks it imports on demand,
// each with an external source map. Deterministic: the same sources give the same bytes and the same chunk
// names (content hashes), which is what the dist freshness check in .ci/run relies on.
//   node scripts/build.ts                  split, with maps, into dist/ with licenses.txt (what is committed)
//   node scripts/build.ts --single <dir>   one file, <dir>/index.js, no maps: the bundle before the split
//   node scripts/build.ts --no-maps <dir>  split without source maps (the bench measures what maps cost)
import { build, type BuildOptions, type Metafile } from 'esbuild'
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'

const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as {
  version: string
  homepage: string
}

const common: BuildOptions = {
  metafile: true,
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node24',
  legalComments: 'none',
  minify: true,
  // Readable names in stack traces, at a small cost in size.
  keepNames: true,
  loader: { '.md': 'text', '.sh': 'text', '.py': 'text' },
  define: {
    __GIT_BOB_VERSION__: JSON.stringify(pkg.version),
    __GIT_BOB_HOMEPAGE__: JSON.stringify(pkg.homepage)
  },
  // Some CommonJS dependencies call require(); give every ESM output file one.
  banner: {
    js: "import { createRequire as __gitBobCreateRequire } from 'node:module'; const require = __gitBobCreateRequire(import.meta.url);"
  },
  logLevel: 'warning'
}

/** The bundle as one file, as it was before the split: what the bench compares against. */
async function buildSingle(dir: string): Promise<void> {
  // The markdown worker is a file of its own there too, next to index.js.
  await build({
    ...common,
    entryPoints: { index: 'src/main.ts', 'markdown-worker': 'src/markdown/read-worker.ts' },
    outdir: dir
  })
}

/**
 * index.js enables source maps, then imports main.ts; every dynamic import (a command, a provider SDK,
 * Octokit) becomes a chunk of its own, loaded only by a run that reaches it. markdown-worker.js is the worker
 * thread that reads long markdown within a deadline (src/markdown/off-thread.ts finds it next to chunks/).
 */
export function splitOptions(dir: string, maps: boolean): BuildOptions & { metafile: true } {
  return {
    ...common,
    metafile: true,
    entryPoints: { index: 'src/index.ts', cli: 'src/cli/index.ts', 'markdown-worker': 'src/markdown/read-worker.ts' },
    outdir: dir,
    splitting: true,
    chunkNames: 'chunks/[name]-[hash]',
    // Maps name src/ files and lines in a crash's stack; without the sources inlined they stay small.
    ...(maps ? { sourcemap: 'linked', sourcesContent: false } : {})
  }
}

async function buildSplit(dir: string, maps: boolean): Promise<Metafile> {
  // Start empty, so a chunk the sources no longer produce disappears (and the freshness check sees it).
  rmSync(dir, { recursive: true, force: true })
  return (await build(splitOptions(dir, maps))).metafile
}

/** The licences of every package bundled into dist/ (their terms ask for the notices to travel along). */
function writeLicenses(metafile: Metafile, dir: string): void {
  const packages = new Set<string>()
  for (const input of Object.keys(metafile.inputs)) {
    const match = /^(.*node_modules\/(?:@[^/]+\/)?[^/]+)\//.exec(input)
    if (match) packages.add(match[1]!)
  }
  const notices = [...packages].sort().map((pkgDir) => {
    const meta = JSON.parse(readFileSync(join(pkgDir, 'package.json'), 'utf8')) as {
      name: string
      version: string
      license?: string
    }
    const file = readdirSync(pkgDir).find((f) => /^(licen[cs]e|copying|notice)(\.|$)/i.test(f))
    const text =
      file && existsSync(join(pkgDir, file))
        ? readFileSync(join(pkgDir, file), 'utf8').trim()
        : '(no licence file in the package)'
    return `${meta.name} ${meta.version} (${meta.license ?? 'unknown'})\n\n${text}`
  })
  writeFileSync(join(dir, 'licenses.txt'), `${notices.join('\n\n' + '-'.repeat(78) + '\n\n')}\n`)
}

// Run as a script, not when the bench imports splitOptions.
if (import.meta.main) {
  const [flag, dir] = process.argv.slice(2)
  if (flag === undefined) {
    const metafile = await buildSplit('dist', true)
    writeLicenses(metafile, 'dist')
    // What each chunk holds: the e2e setup keeps it for bundle.test.ts (and esbuild's analyzer reads it); not committed.
    if (process.env.GIT_BOB_METAFILE) writeFileSync(process.env.GIT_BOB_METAFILE, JSON.stringify(metafile))
  } else if (flag === '--single' && dir) {
    mkdirSync(dir, { recursive: true })
    await buildSingle(dir)
  } else if (flag === '--no-maps' && dir) {
    await buildSplit(dir, false)
  } else {
    throw new Error('usage: node scripts/build.ts [--single <dir> | --no-maps <dir>]')
  }
}
