// Preloaded into the bench and the demo (node --import): the sources' shell scripts, Python and prompts load as text, as the
// build's text loader and vitest's plugin load them, so the bench can measure src/ modules that import them directly
// and the demo can ask the sandbox and Jupyter adapters what this machine can run (demo/machine.ts).
import { registerHooks } from 'node:module'
import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'

registerHooks({
  load(url, context, nextLoad) {
    if (url.startsWith('file:') && (url.endsWith('.sh') || url.endsWith('.md') || url.endsWith('.py'))) {
      const text = readFileSync(fileURLToPath(url), 'utf8')
      return { format: 'module', source: `export default ${JSON.stringify(text)}`, shortCircuit: true }
    }
    return nextLoad(url, context)
  }
})
