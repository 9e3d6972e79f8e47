// Preloaded into the measured action process (node --import): writes its peak resident memory on exit,
// and, when asked, the JavaScript files the process loaded and their bytes (what it had to compile), as JSON.
import { registerHooks } from 'node:module'
import { writeFileSync } from 'node:fs'

const target = process.env.GIT_BOB_BENCH_RSS_FILE
if (target) process.on('exit', () => writeFileSync(target, String(process.resourceUsage().maxRSS * 1024)))

const loadedTarget = process.env.GIT_BOB_BENCH_LOADED_FILE
if (loadedTarget) {
  let bytes = 0
  const files: string[] = []
  registerHooks({
    load(url, context, nextLoad) {
      const result = nextLoad(url, context)
      const source = result.source
      if (url.startsWith('file:') && source) {
        bytes += typeof source === 'string' ? Buffer.byteLength(source) : source.byteLength
        files.push(url)
      }
      return result
    }
  })
  process.on('exit', () => writeFileSync(loadedTarget, JSON.stringify({ bytes, files })))
}
