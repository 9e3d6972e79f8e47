#!/usr/bin/env node
// The command line's entry (dist/cli.js, package.json's bin): source maps first, so a crash's stack names
// src/ files and lines, then cli/main.ts. Runs on Node 20 too, which has process.setSourceMapsEnabled only.
import * as nodeModule from 'node:module'

const modern = nodeModule as { setSourceMapsSupport?: (enabled: boolean) => void }
if (modern.setSourceMapsSupport) modern.setSourceMapsSupport(true)
else process.setSourceMapsEnabled(true)

const { runCli } = await import('./main.ts')
process.exitCode = await runCli(process.argv.slice(2), process.env, {
  out: (text) => process.stdout.write(`${text}\n`),
  err: (text) => process.stderr.write(`${text}\n`),
  cwd: process.cwd()
})
