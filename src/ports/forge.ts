// The forge git-bob works on: GitHub or GitLab. The stages speak to this port; adapters/github/api.ts and
// adapters/gitlab/api.ts implement it. It is the GitHub interface of ports/github.ts under a forge-neutral name
// (renaming every GitHub word in 100 files would buy nothing), read with this mapping on GitLab:
//   issue                    -> issue (its iid is the "number")
//   pull request             -> merge request (its iid is the "number"); head/base -> source/target branch
//   issue comment            -> note on an issue or merge request
//   review + line comments   -> an overview note + merge request discussions with a position
//   review comment reply     -> a note in the same discussion
//   reaction (eyes)          -> award emoji (eyes)
//   collaborator permission  -> project member access level (Developer, 30, or above is "write")
//   sub-issue                -> issue link ("relates_to")
//   check runs + job logs    -> pipeline jobs + job trace
//   workflow dispatch        -> a new pipeline on the branch
import type { GitHub } from './github.ts'

/** Which forge's rules apply to text git-bob posts (GitLab runs quick actions written in a note). */
export type ForgeDialect = 'github' | 'gitlab'

export type Forge = GitHub & {
  /** The forge's rules for what is posted; absent means GitHub. */
  readonly dialect?: ForgeDialect
}

/** How prompts and messages name the forge and its things. Pure. */
export interface ForgeWords {
  /** GitHub, GitLab */
  name: string
  /** The markdown its comments are written in. */
  markdown: string
  /** What a change proposed for merging is called there. */
  pullRequest: string
  /**
   * Who a scheduled triage is attributed to: GitHub's Actions bot, which runs scheduled workflows; on GitLab a
   * pipeline schedule, which is no user: its name has spaces, so no username has it and no mention names it.
   */
  scheduler: { login: string; id: number }
  /** What started a scheduled triage, as the job summary says why it ran. */
  schedule: string
}

export function forgeWords(dialect: ForgeDialect = 'github'): ForgeWords {
  return dialect === 'gitlab'
    ? {
        name: 'GitLab',
        markdown: 'GitLab Flavored Markdown',
        pullRequest: 'merge request',
        scheduler: { login: 'GitLab pipeline schedule', id: 0 },
        schedule: "the project's pipeline schedule"
      }
    : {
        name: 'GitHub',
        markdown: 'GitHub-flavoured markdown',
        pullRequest: 'pull request',
        scheduler: { login: 'github-actions[bot]', id: 41898282 },
        schedule: "the repository's schedule"
      }
}

/** An issue or a pull request (a merge request on GitLab). */
export type ThreadKind = 'issue' | 'pull_request'

/**
 * How the forge writes a reference to an issue or pull request of the same repository: `#12` on GitHub (issues
 * and pull requests share their numbers), `#12` for an issue and `!12` for a merge request on GitLab (they number
 * apart). Pure.
 */
export function threadRef(number: number, kind: ThreadKind | undefined, dialect: ForgeDialect = 'github'): string {
  return dialect === 'gitlab' && kind === 'pull_request' ? `!${number}` : `#${number}`
}

/**
 * The info string of a code block that suggests new text for the lines a comment is on. GitHub's `suggestion`
 * replaces every line the comment spans; GitLab's comment sits on one line, so `suggestion:-N+0` says that the
 * N lines above it are replaced too (https://docs.gitlab.com/user/project/merge_requests/reviews/suggestions/).
 */
export function suggestionInfo(dialect: ForgeDialect | undefined, linesAbove: number): string {
  return dialect === 'gitlab' ? `suggestion:-${Math.max(0, linesAbove)}+0` : 'suggestion'
}
