// Runs first in the npm scripts, on whichever Node the PATH gives. The scripts are TypeScript that Node 24 runs
// directly; `npm ci` installs Node 24 as the `node` devDependency, through that package's install script. Without
// it, an older Node would die with "Unknown file extension .ts"; this says what to do instead.
import { existsSync } from 'node:fs'
import process from 'node:process'
import { URL } from 'node:url'

const major = Number(process.versions.node.split('.')[0])
if (major < 24) {
  const installed = existsSync(new URL('../node_modules/node/bin/node', import.meta.url))
  const modules = existsSync(new URL('../node_modules', import.meta.url))
  const why = !modules
    ? 'node_modules/ is missing: run `npm ci` first; it installs Node 24 as the `node` devDependency.'
    : installed
      ? 'Node 24 is installed in node_modules/node, but this script was not started through `npm run`.'
      : 'Node 24 comes with `npm ci` through the install script of the `node` devDependency, which did not run ' +
        '(`--ignore-scripts`?). Run `npm rebuild node` to run it, or `npm ci` without `--ignore-scripts`, or ' +
        'install Node 24 yourself.'
  process.stderr.write(`git-bob's scripts need Node.js 24 or newer; this is Node ${process.versions.node}.\n${why}\n`)
  process.exit(1)
}
