// deploy: an admin asks, git-bob starts the repository's own release workflow on the default branch and
// reports how its run ended. The publishing secrets (or trusted publishing) live in that workflow; git-bob's
// job never holds them. Write access is not enough: a release reaches people outside the repository.
import { counted } from '../../plural.ts'
import type { ActionsContext, Outcome } from '../types.ts'
import { watchRun, type Watched } from './watch.ts'

const reply = (body: string): Outcome => ({ kind: 'reply', body })

export function setupHelp(botName: string): string {
  return [
    'Deploying is not set up in this repository. To set it up:',
    '',
    '1. Have a workflow that builds and publishes (e.g. `.github/workflows/release.yml`) and can be started by hand: `on: workflow_dispatch`. Its publishing secrets, or trusted publishing to PyPI or npm, stay in that workflow.',
    "2. In git-bob's workflow, add `deploy-workflow: release.yml` under `with:` and `actions: write` under `permissions:`.",
    '',
    `Then someone with admin permission can write "${botName} deploy".`
  ].join('\n')
}

export function refusal(login: string, permission: string, botName: string): string {
  return `@${login}, deploying needs admin permission on this repository, and you have ${permission} permission: write access is not enough for a release. Ask an admin to write "${botName} deploy".`
}

const minutes = (ms: number): string =>
  ms >= 60_000 && ms % 60_000 === 0 ? counted(ms / 60_000, 'minute') : counted(Math.round(ms / 1000), 'second')

export function report(watched: Watched, workflow: string, ref: string, waitMs: number, actionsUrl: string): string {
  const started = `I started \`${workflow}\` on \`${ref}\``
  switch (watched.kind) {
    case 'finished': {
      const { run } = watched
      if (run.conclusion === 'success') return `${started}, and its run succeeded: ${run.url}`
      return `${started}, and its run ended with **${run.conclusion ?? 'no conclusion'}**: ${run.url}\n\nIts log says what went wrong.`
    }
    case 'running':
      return `${started}; its run was still ${watched.run.status.replace(/_/g, ' ')} when I stopped waiting after ${minutes(waitMs)}: ${watched.run.url}`
    case 'not-found':
      return `${started}, but no run of it appeared within ${minutes(waitMs)}. Look for it at ${actionsUrl}.`
  }
}

export async function deploy(ctx: ActionsContext): Promise<Outcome> {
  const { settings, workflows, event, botName } = ctx
  const login = event.request.author.login
  const permission = await workflows.permission(login)
  if (permission !== 'admin') return reply(refusal(login, permission, botName))
  if (!settings.workflow) return reply(setupHelp(botName))
  const ref = event.repo.defaultBranch
  const dispatchedAt = workflows.now()
  await workflows.dispatch(settings.workflow, ref)
  const watched = await watchRun(workflows, {
    workflow: settings.workflow,
    ref,
    dispatchedAt,
    waitMs: settings.waitMs,
    pollMs: settings.pollMs
  })
  const actionsUrl = `${event.repo.htmlUrl}/actions/workflows/${settings.workflow}`
  return reply(report(watched, settings.workflow, ref, settings.waitMs, actionsUrl))
}
