// e2e tests run the bundle, so they never run a stale one: dist/ is rebuilt before them (the build is
// deterministic and takes a few seconds; .ci/run then checks that the committed dist/ is what it built).
import { execFileSync } from 'node:child_process'
import { fileURLToPath } from 'node:url'

export default function setup(): void {
  execFileSync(process.execPath, ['scripts/build.ts'], {
    cwd: fileURLToPath(new URL('../..', import.meta.url)),
    stdio: 'inherit'
  })
}
