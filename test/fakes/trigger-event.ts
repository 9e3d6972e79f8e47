// A TriggerEvent for unit tests: a comment by alice (OWNER) asking on carol's issue octo/repo#7. Change only what a
// test is about; the URLs follow the repository, the kind, the number and the comment id unless given. A request
// of another source gets that kind's own fields (a review comment on src/app.ts, a review requested from no one).
import type { TriggerEvent, TriggerRequest } from '../../src/trigger/event.ts'

/** Any fields of one kind of request: a field of another kind is a type error, not silently dropped. */
type RequestOverrides = TriggerRequest extends infer R ? (R extends TriggerRequest ? Partial<R> : never) : never

interface TriggerEventOverrides {
  eventName?: TriggerEvent['eventName']
  repo?: Partial<TriggerEvent['repo']>
  target?: Partial<TriggerEvent['target']>
  request?: RequestOverrides
  pullRequest?: TriggerEvent['pullRequest']
}

export function triggerEvent(overrides: TriggerEventOverrides = {}): TriggerEvent {
  const owner = overrides.repo?.owner ?? 'octo'
  const name = overrides.repo?.name ?? 'repo'
  const repo = { owner, name, defaultBranch: 'main', htmlUrl: `https://github.com/${owner}/${name}`, ...overrides.repo }
  const kind = overrides.target?.kind ?? 'issue'
  const number = overrides.target?.number ?? 7
  const target: TriggerEvent['target'] = {
    kind,
    number,
    title: 'A bug',
    body: 'It breaks.',
    author: { login: 'carol', id: 3, isBot: false },
    association: 'NONE',
    createdAt: '2025-01-01T00:00:00Z',
    url: `${repo.htmlUrl}/${kind === 'pull_request' ? 'pull' : 'issues'}/${number}`,
    ...overrides.target
  }
  const id = overrides.request?.id ?? 99
  const request = requestOf(overrides.request ?? {}, {
    id,
    body: 'git-bob comment',
    author: { login: 'alice', id: 1, isBot: false },
    association: 'OWNER',
    createdAt: '2025-01-01T00:01:00Z',
    url: `${target.url}#issuecomment-${id}`
  })
  const event: TriggerEvent = { eventName: overrides.eventName ?? 'issue_comment', repo, target, request }
  if (overrides.pullRequest) event.pullRequest = overrides.pullRequest
  return event
}

type RequestDefaults = Omit<TriggerRequest, 'source'>

function requestOf(overrides: RequestOverrides, defaults: RequestDefaults): TriggerRequest {
  switch (overrides.source) {
    case undefined:
      return { ...defaults, ...overrides, source: 'issue_comment' }
    case 'review_comment':
      return { ...defaults, path: 'src/app.ts', ...overrides, source: overrides.source }
    case 'review_request':
      return { ...defaults, requestedReviewer: null, ...overrides, source: overrides.source }
    case 'label':
      return { ...defaults, label: 'git-bob:think', ...overrides, source: overrides.source }
    case 'triage':
      return { ...defaults, labels: [], ...overrides, source: overrides.source }
    case 'assignment':
      return { ...defaults, assignee: 'git-bob-app[bot]', ...overrides, source: overrides.source }
    default:
      return { ...defaults, ...overrides, source: overrides.source }
  }
}
