// The action, imported by index.ts once source maps are on: the step's environment and @actions/core's
// workflow commands, wired into run() by adapters/actions.ts (which the flow tests call with their own).
import * as core from '@actions/core'
import { runStep, type Runner } from './wiring/actions.ts'

const runner: Runner = {
  info: (message) => core.info(message),
  warning: (message) => core.warning(message),
  error: (message, title) => core.error(message, title ? { title } : {}),
  setOutput: (name, value) => core.setOutput(name, value),
  setSecret: (value) => core.setSecret(value),
  appendSummary: async (markdown) => {
    if (process.env.GITHUB_STEP_SUMMARY) await core.summary.addRaw(markdown, true).write()
  }
}

process.exitCode = await runStep(process.env, runner)
