// The built action starts anew in every e2e test, and V8 compiled the same chunks each time: a compile cache
// shared by those processes (Node's NODE_COMPILE_CACHE, keyed by each file's contents, so a rebuilt dist/ is
// compiled afresh) saves that, about a tenth of a second a run. The runner starts with none; the runs behave alike.
import { fileURLToPath } from 'node:url'

export const COMPILE_CACHE: Record<string, string> = {
  NODE_COMPILE_CACHE: fileURLToPath(new URL('../../.tmp/node-compile-cache', import.meta.url))
}
