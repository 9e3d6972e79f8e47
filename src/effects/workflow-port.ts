// What `deploy` works with, built from the GitHub adapter: GitHub's refusals of a dispatch become messages
// that name the setting to change (the token's `actions: write`, the workflow's name or trigger).
import type { GitHub } from '../ports/github.ts'
import { httpStatus } from '../errors.ts'
import type { WorkflowPort } from '../commands/types.ts'
import { ConfigError } from '../errors.ts'
import { setTimeout as sleep } from 'node:timers/promises'

export function dispatchRefusal(status: number | undefined, workflow: string, ref: string): ConfigError | null {
  if (status === 403)
    return new ConfigError(
      `GitHub refused to start \`${workflow}\` (HTTP 403): the token needs \`actions: write\`. Add \`actions: write\` under \`permissions:\` in git-bob's workflow.`
    )
  if (status === 404)
    return new ConfigError(
      `GitHub finds no workflow \`${workflow}\` on \`${ref}\` (HTTP 404). Set \`deploy-workflow\` to the file name of a workflow in .github/workflows on the default branch.`
    )
  if (status === 422)
    return new ConfigError(
      `GitHub cannot start \`${workflow}\` by hand (HTTP 422): give it a \`workflow_dispatch\` trigger (\`on: workflow_dispatch\`).`
    )
  return null
}

export function workflowPort(api: GitHub): WorkflowPort {
  return {
    permission: (login) => api.permission(login),
    dispatch: async (workflow, ref) => {
      try {
        await api.dispatchWorkflow(workflow, ref)
      } catch (error) {
        throw dispatchRefusal(httpStatus(error), workflow, ref) ?? error
      }
    },
    dispatchedRuns: (workflow, ref, since) => api.dispatchedRuns(workflow, ref, since),
    run: (id) => api.workflowRun(id),
    now: () => Date.now(),
    sleep: (ms) => sleep(ms)
  }
}
