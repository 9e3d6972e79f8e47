// The action, imported by index.ts once source maps are on: the step's environment and @actions/core's
// workflow commands, wired into run() by adapters/actions.ts (which the flow tests call with their own); in a
// GitLab CI job, GitLab's environment and the job's log (wiring/gitlab.ts).
import * as core from '@actions/core'
import { runStep, type Runner } from './wiring/actions.ts'
import { gitlabRunner, isGitLab, runGitLab } from './wiring/gitlab.ts'

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

/** GitLab mode or not; null when GIT_BOB_FORGE names no forge (config.ts), said on the log: no thread to say it on. */
function gitlabMode(): boolean | null {
  try {
    return isGitLab(process.env)
  } catch (error) {
    process.stderr.write(`git-bob: ${error instanceof Error ? error.message : String(error)}\n`)
    return null
  }
}

const gitlab = gitlabMode()
process.exitCode =
  gitlab === null
    ? 1
    : gitlab
      ? await runGitLab(
          process.env,
          gitlabRunner(process.env, (line) => process.stdout.write(`${line}\n`))
        )
      : await runStep(process.env, runner)
