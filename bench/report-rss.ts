// Preloaded into the measured action process (node --import): writes its peak resident memory on exit.
import { writeFileSync } from 'node:fs'

const target = process.env.GIT_BOB_BENCH_RSS_FILE
if (target) process.on('exit', () => writeFileSync(target, String(process.resourceUsage().maxRSS * 1024)))
