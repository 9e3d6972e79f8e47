// Bundles the action into dist/index.js. Deterministic: the same sources give the same bytes,
// which is what the dist freshness check in .ci/run relies on.
import { build } from 'esbuild'
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'

const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as {
  version: string
  homepage: string
}

const result = await build({
  metafile: true,
  entryPoints: ['src/main.ts'],
  outfile: 'dist/index.js',
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node24',
  legalComments: 'none',
  minify: true,
  // Readable names in stack traces, at a small cost in size.
  keepNames: true,
  loader: { '.md': 'text' },
  define: {
    __GIT_BOB_VERSION__: JSON.stringify(pkg.version),
    __GIT_BOB_HOMEPAGE__: JSON.stringify(pkg.homepage)
  },
  // Some CommonJS dependencies call require(); give the ESM bundle one.
  banner: {
    js: "import { createRequire as __gitBobCreateRequire } from 'node:module'; const require = __gitBobCreateRequire(import.meta.url);"
  },
  logLevel: 'warning'
})

// The licences of every package bundled into dist/ (their terms ask for the notices to travel along).
const packages = new Set<string>()
for (const input of Object.keys(result.metafile.inputs)) {
  const match = /^(.*node_modules\/(?:@[^/]+\/)?[^/]+)\//.exec(input)
  if (match) packages.add(match[1]!)
}
const notices = [...packages].sort().map((dir) => {
  const meta = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as {
    name: string
    version: string
    license?: string
  }
  const file = readdirSync(dir).find((f) => /^(licen[cs]e|copying|notice)(\.|$)/i.test(f))
  const text =
    file && existsSync(join(dir, file))
      ? readFileSync(join(dir, file), 'utf8').trim()
      : '(no licence file in the package)'
  return `${meta.name} ${meta.version} (${meta.license ?? 'unknown'})\n\n${text}`
})
writeFileSync(join(dirname('dist/index.js'), 'licenses.txt'), `${notices.join('\n\n' + '-'.repeat(78) + '\n\n')}\n`)
