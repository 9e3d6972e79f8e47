import { defineConfig } from 'vitest/config'
import { readFileSync } from 'node:fs'
import { availableParallelism } from 'node:os'
import { fileURLToPath } from 'node:url'
import { useSuiteTemp } from './test/reporters/suite-temp.ts'

const pkg = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8')) as {
  version: string
  homepage: string
}

// The test workers (and the markdown worker threads they start) compile the same packages and src/ files as the
// workers before them: Node's compile cache (keyed by each file's contents) lets them reuse V8's work. Set before
// vitest starts its workers, which inherit it; the e2e layer's child processes use the same folder.
process.env.NODE_COMPILE_CACHE ??= fileURLToPath(new URL('./.tmp/node-compile-cache', import.meta.url))

// TMPDIR points at a folder of the run's own, removed when vitest exits (test/reporters/suite-temp.ts): tests, git,
// the box's run folders and the children the tests start leave nothing in /tmp, and two suites at once each have
// their own. Made here, before vitest starts its workers: a reporter named on the command line (--reporter=dot)
// replaces the configured ones, and the workers would then have written to /tmp.
useSuiteTemp()

/**
 * The time a test of a layer that starts real processes (git, Jupyter, the box, dist/index.js) may take. Two suites
 * at once on 2 cores (six workers) made its slowest tests take up to 16 s of the 30 s the unit layer keeps.
 */
const REAL = { testTimeout: 60_000, hookTimeout: 60_000 }

export default defineConfig({
  // The same constants scripts/build.ts defines for dist/.
  define: {
    __GIT_BOB_VERSION__: JSON.stringify(pkg.version),
    __GIT_BOB_HOMEPAGE__: JSON.stringify(pkg.homepage)
  },
  plugins: [
    {
      // Prompts (markdown), the box's shell script and the notebook runner's Python are bundled as text, as
      // esbuild's text loader does for dist/.
      name: 'markdown-as-text',
      transform(code: string, id: string) {
        if (id.endsWith('.md') || id.endsWith('.sh') || id.endsWith('.py'))
          return { code: `export default ${JSON.stringify(code)}`, map: null }
        return undefined
      }
    }
  ],
  test: {
    // Three layers (npx vitest run --project unit|flow|e2e):
    projects: [
      // one module at a time, pure or with a fake port (and the build script's own tests)
      { extends: true, test: { name: 'unit', include: ['test/unit/**/*.test.ts', 'test/scripts/**/*.test.ts'] } },
      // run() in this process with the real wiring, the HTTP stand-ins, real git and (where it matters) Jupyter
      // (and the eval harness, which plays whole threads that way: test/eval)
      { extends: true, test: { name: 'flow', include: ['test/flow/**/*.test.ts', 'test/eval/**/*.test.ts'], ...REAL } },
      // a few smoke tests of the built dist/index.js as the runner starts it; dist/ is rebuilt first when stale
      {
        extends: true,
        test: { name: 'e2e', include: ['test/e2e/**/*.test.ts'], globalSetup: ['test/e2e/build-dist.ts'], ...REAL }
      }
    ],
    // After the run, the tests that took more than a third of their timeout (test/reporters/near-timeout.ts); in
    // watch mode, the run's temporary folder emptied (test/reporters/suite-temp.ts). In CI, also a JSON report, from
    // which .ci/run prints the plain "N passed, N failed" line.
    reporters: [
      'default',
      './test/reporters/near-timeout.ts',
      './test/reporters/suite-temp.ts',
      ...(process.env.CI
        ? [['json', { outputFile: '.tmp/vitest-report.json' }] as ['json', { outputFile: string }]]
        : [])
    ],
    // Vitest's default leaves one core free: on a 2-core machine that runs every file one after another. One worker
    // more than there are cores (at most 16, for the memory): about a fifth of a run with a worker per core is time
    // in which tests wait (a time limit, a kernel starting, a child process's output) and a core idles; the third
    // worker fills much of it, for a little more CPU. On a quiet 2-core machine, the suite of 2026-12-07: 2 workers
    // 144 s (218 s of CPU), 3 workers 135 s (226 s), 4 workers 133 s (252 s: a tenth more CPU for no gain).
    // A number: vitest caps a percentage at the number of cores.
    maxWorkers: Math.min(16, availableParallelism() + 1),
    // Test files share a worker's module cache (src/ and the SDKs are loaded once per worker, not per file):
    // about a third less CPU. Sound because no test mocks modules and src/ keeps no state at module level (but for
    // the turn of the box's next user id, which only has to differ from the last).
    isolate: false,
    testTimeout: 30000,
    hookTimeout: 30000
  }
})
