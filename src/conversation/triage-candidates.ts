// Which open issues a triage run takes: the newest first, opened by a person, without labels and without any
// message of git-bob's (so an issue is triaged once, and one a maintainer has labelled is left alone), at most
// `max`. The list is read once; each candidate's messages are read until enough are found.
import type { OpenIssue, PostedMessages } from '../ports/github.ts'
import { writtenByGitBob } from './answered.ts'

export async function triageCandidates(
  issues: readonly OpenIssue[],
  max: number,
  readPosted: (number: number) => Promise<PostedMessages>,
  botLogin: string | null
): Promise<OpenIssue[]> {
  const byGitBob = writtenByGitBob(botLogin)
  const picked: OpenIssue[] = []
  for (const issue of issues) {
    if (picked.length >= max) break
    if (issue.labels.length || issue.author.isBot) continue
    const posted = await readPosted(issue.number)
    if (posted.comments.some(byGitBob)) continue
    picked.push(issue)
  }
  return picked
}
