// What a triage run is made of, pure: the repository of a schedule (whose payload names none), one request per
// issue (as the event of a comment would make it, its source "triage"), and the job summary's list.
import type { OpenIssue } from '../ports/github.ts'
import type { RunEnvironment, RunResult } from '../ports/run.ts'
import type { Author, TriggerEvent } from '../trigger/event.ts'

/**
 * A schedule's payload names no repository: the runner's GITHUB_REPOSITORY, on its default branch, does; in a
 * GitLab CI job the project's CI_PROJECT_PATH (group/…/name), CI_DEFAULT_BRANCH and CI_PROJECT_URL.
 */
export function runnerRepository(environment: RunEnvironment): TriggerEvent['repo'] | null {
  const env = environment.env
  if (env.GITLAB_CI === 'true') {
    const path = env.CI_PROJECT_PATH ?? ''
    const slash = path.lastIndexOf('/')
    if (slash <= 0 || slash === path.length - 1) return null
    return {
      owner: path.slice(0, slash),
      name: path.slice(slash + 1),
      defaultBranch: env.CI_DEFAULT_BRANCH || 'main',
      htmlUrl: env.CI_PROJECT_URL || `${environment.serverUrl.replace(/\/+$/, '')}/${path}`
    }
  }
  const full = environment.env.GITHUB_REPOSITORY ?? ''
  const [owner, name] = full.split('/')
  if (!owner || !name) return null
  return {
    owner,
    name,
    // A scheduled run runs on the default branch's latest commit.
    defaultBranch: environment.env.GITHUB_REF_NAME || 'main',
    htmlUrl: `${environment.serverUrl}/${full}`
  }
}

export function triageEvent(
  eventName: TriggerEvent['eventName'],
  repo: TriggerEvent['repo'],
  issue: OpenIssue,
  actor: Author,
  labels: readonly string[],
  now: string
): TriggerEvent {
  return {
    eventName,
    repo,
    target: {
      kind: 'issue',
      number: issue.number,
      title: issue.title,
      body: issue.body,
      author: issue.author,
      association: issue.association,
      createdAt: issue.createdAt,
      url: issue.url
    },
    request: {
      source: 'triage',
      id: issue.number,
      body: '',
      author: actor,
      association: 'NONE',
      createdAt: now,
      url: issue.url,
      labels
    }
  }
}

export function triageSummary(results: readonly { number: number; result: RunResult }[]): string {
  const rows = results.map(
    ({ number, result }) => `| #${number} | ${result.status} | ${result.posted.join(', ') || '—'} |`
  )
  return ['## git-bob triage', '', '| issue | outcome | posted |', '|---|---|---|', ...rows, ''].join('\n')
}
