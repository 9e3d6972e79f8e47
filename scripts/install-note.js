// npm's preinstall step: one line about Node instead of npm's engine warnings (.npmrc turns those off). Any Node
// from 20 installs the project; the scripts themselves run on the pinned Node 24 devDependency (need-node.js).
// npm runs this with node_modules/.bin first on PATH, so the Node that runs npm is read from its user agent.
import process from 'node:process'

const running = /\bnode\/v(\d+)\.(\d+)\.\d+/.exec(process.env.npm_config_user_agent ?? '')
const [major, minor] = running ? [Number(running[1]), Number(running[2])] : [Infinity, 0]
if (major < 22 || (major === 22 && minor < 13))
  process.stdout.write(
    `git-bob: Node ${running[0].slice(6)} installs it; a few libraries name Node 22.13+ in their engines ` +
      `(harmless: npm's warnings are off in .npmrc), and the scripts run on the Node 24 that npm ci installs.\n`
  )
