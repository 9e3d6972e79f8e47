// The action, imported by index.ts once source maps are on: wires the real adapters (Actions toolkit,
// Octokit, model SDKs) into run().
import * as core from '@actions/core'
import { describeFailure } from './outbox/failure.ts'
import { GitHubApi } from './adapters/github/api.ts'
import { createOctokit } from './adapters/github/client.ts'
import { createModel } from './llm/index.ts'
import { jupyterRunner } from './adapters/jupyter/execute.ts'
import { run, type Logger } from './run.ts'
import { Redactor } from './outbox/secrets.ts'

const env = process.env
const redactor = new Redactor()
redactor.addFromEnvironment(env)

const log: Logger = {
  info: (message) => core.info(redactor.redact(message)),
  warning: (message) => core.warning(redactor.redact(message)),
  error: (message, title) => core.error(redactor.redact(message), title ? { title } : {})
}

function runUrl(): string | null {
  const { GITHUB_SERVER_URL: server, GITHUB_REPOSITORY: repository, GITHUB_RUN_ID: id } = env
  return server && repository && id ? `${server}/${repository}/actions/runs/${id}` : null
}

try {
  const result = await run(
    {
      eventName: env.GITHUB_EVENT_NAME ?? '',
      eventPath: env.GITHUB_EVENT_PATH ?? '',
      workspace: env.GITHUB_WORKSPACE ?? '',
      runUrl: runUrl(),
      serverUrl: env.GITHUB_SERVER_URL || 'https://github.com',
      runId: env.GITHUB_RUN_ID || String(Date.now()),
      env
    },
    {
      log,
      readInput: (name) => core.getInput(name),
      connectGitHub: async (token, repo) =>
        new GitHubApi(await createOctokit(token, { onLimit: (message) => log.warning(message) }), repo),
      createModel,
      writeSummary: async (markdown) => {
        if (env.GITHUB_STEP_SUMMARY) await core.summary.addRaw(markdown, true).write()
      },
      setOutput: (name, value) => core.setOutput(name, value),
      maskSecret: (value) => core.setSecret(value),
      notebookRunner: () => jupyterRunner(env)
    }
  )
  log.info(`git-bob: ${result.status} (${result.reason})`)
  // run() has already annotated the failure and told the thread.
  if (result.status === 'failed') process.exitCode = 1
} catch (error) {
  const report = describeFailure(error)
  core.setFailed(redactor.redact(`${report.what} ${report.advice}`))
  // Where it broke, as src/ files and lines (index.ts enabled the source maps), for a bug report. Only the
  // frames: the message, which may quote the event, is in the ::error above, escaped.
  const frames = error instanceof Error ? (error.stack ?? '').split('\n').filter((l) => /^\s+at /.test(l)) : []
  if (frames.length) core.info(redactor.redact(`Where it failed:\n${frames.join('\n')}`))
}
