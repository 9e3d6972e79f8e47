// Bundles the action into dist/index.js. Deterministic: the same sources give the same bytes,
// which is what the dist freshness check in .ci/run relies on.
import { build } from 'esbuild'
import { readFileSync } from 'node:fs'

const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as {
  version: string
  homepage: string
}

await build({
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
