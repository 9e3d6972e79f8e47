// What GitLab's webhook payloads share, as git-bob reads them (gitlab-event.ts: notes; gitlab-label.ts: issue and
// merge request events): the user who acted, the project, GitLab's times, the merge request's branches, and the
// project's relative upload links as the API's addresses. Fields:
// https://docs.gitlab.com/user/project/integrations/webhook_events/
import { z } from 'zod'
import { absoluteUploads } from '../ports/gitlab-uploads.ts'
import type { Author, TriggerEvent } from './event.ts'

export const text = z
  .string()
  .nullish()
  .transform((value) => value ?? '')

/** GitLab writes "2015-05-17 18:21:36 UTC" in webhooks, ISO 8601 in the API: both become ISO 8601. */
export const time = z.string().transform((value) => {
  const parsed = Date.parse(value.replace(/^(\d{4}-\d\d-\d\d) (\d\d:\d\d:\d\d) UTC$/, '$1T$2Z'))
  return Number.isNaN(parsed) ? value : new Date(parsed).toISOString()
})

export const user = z.object({ id: z.number(), username: z.string().min(1) })

export const project = z.object({
  id: z.number(),
  path_with_namespace: z.string().regex(/^[^/]+(?:\/[^/]+)+$/),
  web_url: z.string(),
  default_branch: z.string().min(1)
})

/** A merge request's branches and head, as both the note and the merge request events give them. */
export const mergeRequestFields = {
  source_branch: z.string(),
  target_branch: z.string(),
  source_project_id: z.number(),
  target_project_id: z.number(),
  source: z.object({ path_with_namespace: z.string() }).nullish(),
  last_commit: z.object({ id: z.string() }).nullish()
}

/** What pullRequestOf reads of a merge request. */
interface MergeRequestBranches {
  source_branch: string
  target_branch: string
  source_project_id: number
  target_project_id: number
  source?: { path_with_namespace: string } | null | undefined
  last_commit?: { id: string } | null | undefined
}

/** GitLab names the bot users of project and group access tokens so: project_<id>_bot_<hex> (once project_<id>_bot<n>). */
const TOKEN_BOT = /^(?:project|group)_\d+_bot\w*$/i

export function author(u: z.infer<typeof user>): Author {
  return { login: u.username, id: u.id, isBot: TOKEN_BOT.test(u.username) }
}

/** The webhook tells only the id of an issue's author: the acting user when it is the same person. */
export function authorById(id: number, actor: Author): Author {
  return id === actor.id ? actor : { login: `user-${id}`, id, isBot: false }
}

export function describe(error: z.ZodError): string {
  return error.issues
    .slice(0, 5)
    .map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`)
    .join('; ')
}

export function repoOf(p: z.infer<typeof project>): TriggerEvent['repo'] {
  const path = p.path_with_namespace
  const slash = path.lastIndexOf('/')
  return {
    owner: path.slice(0, slash),
    name: path.slice(slash + 1),
    defaultBranch: p.default_branch,
    htmlUrl: p.web_url
  }
}

/** Markdown with the project's relative upload links as their API addresses (ports/gitlab-uploads.ts). */
export function uploadsOf(p: z.infer<typeof project>): (markdown: string) => string {
  const path = p.path_with_namespace
  // The server's root (a self-managed GitLab may live under a path): the project's address less its path.
  const root = p.web_url.endsWith(path) ? p.web_url.slice(0, -path.length) : `${new URL(p.web_url).origin}/`
  return (markdown) => absoluteUploads(markdown, `${root}api/v4/projects/${encodeURIComponent(path)}`)
}

/** The merge request's branches as the TriggerEvent holds a pull request's. */
export function pullRequestOf(m: MergeRequestBranches, path: string): NonNullable<TriggerEvent['pullRequest']> {
  return {
    headRef: m.source_branch,
    headSha: m.last_commit?.id ?? '',
    headRepo: m.source_project_id === m.target_project_id ? path : (m.source?.path_with_namespace ?? null),
    baseRef: m.target_branch,
    // The webhook does not say; the review reads the merge request's diff_refs.
    baseSha: ''
  }
}

/** The issue or merge request a webhook names, as the TriggerEvent's target. */
export function targetOf(
  kind: 'issue' | 'pull_request',
  i: {
    iid: number
    title: string
    description: string
    author_id: number
    created_at: string
    url?: string | undefined
  },
  fallbackUrl: string,
  actor: Author
): TriggerEvent['target'] {
  return {
    kind,
    number: i.iid,
    title: i.title,
    body: i.description,
    author: authorById(i.author_id, actor),
    association: 'NONE',
    createdAt: i.created_at,
    url: i.url ?? fallbackUrl
  }
}
