// Whether the runner's Jupyter is here. Without it (a developer machine without Debian's packages) the tests
// that run real notebooks are skipped; .ci/run installs it and sets GIT_BOB_REQUIRE_JUPYTER.
import { accessSync, constants } from 'node:fs'
import { delimiter, join } from 'node:path'

/**
 * Looked up on PATH as git-bob looks for it (src/adapters/jupyter/execute.ts), not started: `jupyter nbconvert
 * --version` costs a Python start of 1.5 s of CPU, in every test worker that imports this file.
 */
function hasJupyter(): boolean {
  return (process.env.PATH ?? '')
    .split(delimiter)
    .filter(Boolean)
    .some((dir) => {
      try {
        accessSync(join(dir, 'jupyter-nbconvert'), constants.X_OK)
        return true
      } catch {
        return false
      }
    })
}

export const jupyter = hasJupyter()
if (!jupyter && process.env.GIT_BOB_REQUIRE_JUPYTER)
  throw new Error('Jupyter is required here (GIT_BOB_REQUIRE_JUPYTER) but `jupyter-nbconvert` is not on PATH')

/** Appended to the name of tests that need Jupyter, so that vitest's list of skipped tests says why. */
export const NEEDS_JUPYTER = jupyter ? '' : ' [skipped: Jupyter not installed (`jupyter-nbconvert` not on PATH)]'

/** One Jupyter start takes seconds (more on a busy machine): tests that start it get a longer timeout. */
export const JUPYTER_TIMEOUT = { timeout: 90_000 }
