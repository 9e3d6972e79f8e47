// A TriggerEvent for unit tests: a comment by alice (OWNER) asking on carol's issue octo/repo#7. Change only what a
// test is about; the URLs follow the repository, the kind, the number and the comment id unless given.
import type { TriggerEvent } from '../../src/trigger/event.ts'

interface TriggerEventOverrides {
  eventName?: TriggerEvent['eventName']
  repo?: Partial<TriggerEvent['repo']>
  target?: Partial<TriggerEvent['target']>
  request?: Partial<TriggerEvent['request']>
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
  const request: TriggerEvent['request'] = {
    source: 'issue_comment',
    id,
    body: 'git-bob comment',
    author: { login: 'alice', id: 1, isBot: false },
    association: 'OWNER',
    createdAt: '2025-01-01T00:01:00Z',
    url: `${target.url}#issuecomment-${id}`,
    ...overrides.request
  }
  const event: TriggerEvent = { eventName: overrides.eventName ?? 'issue_comment', repo, target, request }
  if (overrides.pullRequest) event.pullRequest = overrides.pullRequest
  return event
}
