// What every child process of the tests' own making (dist/index.js, the CLI) gets besides its scenario's variables:
// - NODE_COMPILE_CACHE: the built action starts anew in every e2e test, and V8 compiled the same chunks each time;
//   a cache shared by those processes (keyed by each file's contents, so a rebuilt dist/ is compiled afresh) saves
//   about a tenth of a second a run. The runner starts with none; the runs behave alike.
// - TMPDIR: the test run's own temporary folder (vitest.config.ts), so that what the child leaves goes with it.
import { tmpdir } from 'node:os'
import { fileURLToPath } from 'node:url'

export const CHILD_ENV: Record<string, string> = {
  NODE_COMPILE_CACHE: fileURLToPath(new URL('../../.tmp/node-compile-cache', import.meta.url)),
  TMPDIR: tmpdir()
}
