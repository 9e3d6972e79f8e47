// The entry GitHub runs (dist/index.js): source maps first, so a crash's stack names src/ files and lines,
// then the action itself. main.ts and everything it loads are chunks imported after this line.
import { setSourceMapsSupport } from 'node:module'

setSourceMapsSupport(true)
await import('./main.ts')
