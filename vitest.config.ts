import { defineConfig } from 'vitest/config'
import { readFileSync } from 'node:fs'

const pkg = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8')) as {
  version: string
  homepage: string
}

export default defineConfig({
  // The same constants scripts/build.ts defines for dist/.
  define: {
    __GIT_BOB_VERSION__: JSON.stringify(pkg.version),
    __GIT_BOB_HOMEPAGE__: JSON.stringify(pkg.homepage)
  },
  plugins: [
    {
      // Prompts are markdown files bundled as text, as esbuild's text loader does for dist/.
      name: 'markdown-as-text',
      transform(code: string, id: string) {
        if (id.endsWith('.md')) return { code: `export default ${JSON.stringify(code)}`, map: null }
        return undefined
      }
    }
  ],
  test: {
    include: ['test/**/*.test.ts'],
    // In CI, also a JSON report, from which .ci/run prints the plain "N passed, N failed" line.
    reporters: process.env.CI ? ['default', ['json', { outputFile: '.tmp/vitest-report.json' }]] : ['default'],
    testTimeout: 30000,
    hookTimeout: 30000
  }
})
