// Who an issue or merge request event newly assigned, or asked for a review, and whether that is git-bob's own
// account: GitLab's "Issue Hook" and "Merge Request Hook" list the assignees (and a merge request's reviewers)
// before and after the change in changes.assignees and changes.reviewers, as arrays of users (id, username, name).
// Read leniently: a malformed entry or list is nobody, so an event git-bob does not act on ends quietly. Pure.
// A review asked again of a reviewer already listed (GitLab 18.5 on) lists them in both, marked re_requested.
// https://docs.gitlab.com/user/project/integrations/webhook_events/#merge-request-events
import { z } from 'zod'

/** A user as a change lists them: the username, and for a reviewer whether the review was asked again. */
interface Listed {
  username: string
  reRequested: boolean
}

const lenientUsernames = z
  .array(
    z
      .object({ username: z.string().min(1), re_requested: z.boolean().nullish().catch(null) })
      .nullable()
      .catch(null)
  )
  .nullish()
  .catch(null)
  .transform((users): Listed[] =>
    (users ?? []).flatMap((u) => (u ? [{ username: u.username, reRequested: u.re_requested === true }] : []))
  )

const change = z.object({ previous: lenientUsernames, current: lenientUsernames }).nullish().catch(null)

/** All that is read of the people an event changed, and the project's id (whose token bot is git-bob's). */
const peopleChange = z.object({
  project: z
    .object({ id: z.number().nullish().catch(null) })
    .nullish()
    .catch(null),
  changes: z.object({ assignees: change, reviewers: change }).nullish().catch(null)
})

/**
 * The usernames an event added to a list (assignees, reviewers), in GitLab's order, with those whose review was
 * asked again (re_requested now, not before); case does not matter. Pure.
 */
export function addedPeople(previous: readonly Listed[], current: readonly Listed[]): string[] {
  const before = new Map(previous.map((u) => [u.username.toLowerCase(), u.reRequested]))
  return current
    .filter((u) => {
      const was = before.get(u.username.toLowerCase())
      return was === undefined || (u.reRequested && !was)
    })
    .map((u) => u.username)
}

/**
 * Whether a GitLab username is git-bob's account: the bot-login setting (GIT_BOB_BOT_LOGIN) when set, else the bot
 * user of a project access token of this very project (project_<id>_bot…, as GitLab names it), the token the
 * documentation asks for. A group access token's bot or a personal account is git-bob's only through bot-login.
 */
export function isGitBobAccount(username: string, botLogin: string | null, projectId: number | null): boolean {
  if (botLogin) return username.toLowerCase() === botLogin.toLowerCase()
  return projectId !== null && new RegExp(`^project_${projectId}_bot\\w*$`, 'i').test(username)
}

export interface PeopleAdded {
  /** Newly assigned usernames. */
  assignees: string[]
  /** Newly requested reviewers (merge requests only). */
  reviewers: string[]
  /** The first of each that is git-bob's account, or null. */
  assignedBot: string | null
  reviewRequestedBot: string | null
}

/** The people an event newly assigned or asked for a review, and which of them is git-bob. Never throws. */
export function peopleAdded(raw: unknown, botLogin: string | null): PeopleAdded {
  const parsed = peopleChange.safeParse(raw)
  const data = parsed.success ? parsed.data : { project: null, changes: null }
  const projectId = data.project?.id ?? null
  const added = (c: z.infer<typeof change>): string[] => addedPeople(c?.previous ?? [], c?.current ?? [])
  const assignees = added(data.changes?.assignees ?? null)
  const reviewers = added(data.changes?.reviewers ?? null)
  const bot = (names: string[]): string | null => names.find((n) => isGitBobAccount(n, botLogin, projectId)) ?? null
  return { assignees, reviewers, assignedBot: bot(assignees), reviewRequestedBot: bot(reviewers) }
}
