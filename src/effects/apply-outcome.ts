// Carries out what a command decided, through the Outbox (so everything posted is stamped) and the
// branch (adapters/git/branch.ts: one commit, one push, and a branch pushed for a pull request that could
// not be opened deleted again, so a failure half-way leaves nothing behind).
import type { FileReport, Outcome } from '../commands/types.ts'
import type { TriggerEvent } from '../trigger/event.ts'
import { describeFailure } from '../outbox/failure.ts'
import type { CreatedIssue } from '../ports/github.ts'
import type { Outbox, Posted } from '../outbox/outbox.ts'
import type { ModelCredit } from '../ports/credit.ts'
import { subIssueList } from './sub-issue-list.ts'
import { creditText } from '../outbox/stamp.ts'
import { VERSION } from '../version.ts'
import { PushConflictError } from '../errors.ts'
import { checksFail, checksSection, failureHeadline } from './check-report.ts'
import type { ChangeTarget } from '../commands/implement/target.ts'
import type { CommitResult, CommittedFile, GitBranch, PushResult } from '../adapters/git/branch.ts'

/** What carrying out a change needs of the branch: one commit, a push, and taking a push back. */
export type Publisher = Pick<GitBranch, 'commit' | 'push' | 'usedOrDeleted'>

export interface EffectPorts {
  outbox: Outbox
  /** The checkout's branch; present when a repository is checked out. */
  branch: Publisher | null
  /** e.g. https://github.com, for links to branches and compare views. */
  serverUrl: string
  /** Links an issue (by id) below a parent (by number). Not a message, so not the Outbox's job. */
  addSubIssue(parentNumber: number, childId: number): Promise<void>
  /** Adds labels the repository has to an issue (triage); GitHub refuses names it does not have. */
  addLabels(issueNumber: number, names: readonly string[]): Promise<void>
  botName: string
  /** Masks secrets, for what leaves through git rather than the Outbox (the commit message). */
  redact(text: string): string
}

const ACTION_WORDS: Record<FileReport['action'], string> = {
  create: 'created',
  modify: 'modified',
  delete: 'deleted',
  rename: 'renamed',
  copy: 'copied',
  download: 'downloaded'
}

export function fileList(files: readonly FileReport[]): string {
  return files
    .map((f) => {
      const from = f.source && f.action !== 'download' ? ` from \`${f.source}\`` : ''
      return `- \`${f.path}\` (${ACTION_WORDS[f.action]}${from}): ${f.note.replace(/\s+/g, ' ').trim()}`
    })
    .join('\n')
}

const IMAGE = /\.(png|jpe?g|gif|svg|webp)$/i

/**
 * Images the change adds (plots a notebook saved, downloaded figures), shown inline for reviewers. Linked to the
 * commit, not the branch, so they still show once the branch is deleted after merging.
 */
export function figures(files: readonly FileReport[], repoUrl: string, commit: string): string {
  const images = files.filter((f) => f.action !== 'delete' && IMAGE.test(f.path))
  if (!images.length) return ''
  return `\n\n**Figures:**\n\n${images.map((f) => `![${f.path}](${repoUrl}/blob/${commit}/${encodeURI(f.path)}?raw=true)`).join('\n')}`
}

/** What writers had to say about their files at length (the words of a recording, what a rewrite lost). */
export function fileDetails(files: readonly FileReport[]): string {
  return files
    .filter((f) => f.details)
    .map((f) => `\n\n**\`${f.path}\`:** ${f.details}`)
    .join('')
}

/** The paths a change touched and checked: what the commit may hold (a rename's source is removed). */
export function checkedPaths(files: readonly FileReport[]): string[] {
  return [...new Set(files.flatMap((f) => (f.action === 'rename' && f.source ? [f.path, f.source] : [f.path])))]
}

/**
 * The file list of the commit that was made: the command's reports (with their notes) for the paths in
 * it, a plain line for any other path in it; a report whose file did not change is not listed.
 */
export function committedFiles(reports: readonly FileReport[], committed: readonly CommittedFile[]): FileReport[] {
  const inCommit = new Set(committed.map((c) => c.path))
  const kept = reports.filter((r) => checkedPaths([r]).some((path) => inCommit.has(path)))
  const covered = new Set(checkedPaths(kept))
  const others = committed
    .filter((c) => !covered.has(c.path))
    .map((c): FileReport => ({
      path: c.path,
      action: c.status === 'added' ? 'create' : c.status === 'deleted' ? 'delete' : 'modify',
      source: null,
      note: c.status
    }))
  return [...kept, ...others]
}

/** Why a changed path of the checkout is not in the commit. */
export function leftOutProblem(path: string): string {
  return `\`${path}\` changed in the checkout without passing git-bob's checks (for example through a process a notebook left running), so it was not committed.`
}

function problemList(problems: readonly string[]): string {
  return problems.length ? `\n\n**What could not be done:**\n${problems.map((p) => `- ${p}`).join('\n')}` : ''
}

export function commitMessage(
  title: string,
  summary: string,
  files: readonly FileReport[],
  event: TriggerEvent,
  credit: ModelCredit | null
): string {
  return [
    title,
    '',
    summary.trim(),
    '',
    files.map((f) => `- ${f.path}: ${ACTION_WORDS[f.action]}`).join('\n'),
    '',
    `Requested by @${event.request.author.login} in ${event.request.url}`,
    `Generated by git-bob ${VERSION} (${creditText(credit)}); reviewed by a human before merging.`
  ].join('\n')
}

const asModified = (path: string): CommittedFile => ({ path, status: 'modified' })

type Changes = Extract<Outcome, { kind: 'changes' }>
type Pushed = Extract<PushResult, { kind: 'pushed' }>

/** One change being carried out: the request, the credit, the ports and the branch it goes on. */
interface Carry {
  event: TriggerEvent
  credit: ModelCredit | null
  ports: EffectPorts
  branch: Publisher
}

/** What the messages about a pushed change say: its commit, the warning that goes first, the details. */
interface Told {
  sha: string
  first: string
  details: string
}

async function proposeChanges(
  outcome: Changes,
  event: TriggerEvent,
  credit: ModelCredit | null,
  ports: EffectPorts
): Promise<Posted[]> {
  const branch = ports.branch
  if (!branch) throw new Error('changes were made without a workspace')
  const carry: Carry = { event, credit, ports, branch }
  const made = await commitChanges(carry, outcome)
  // What is reported comes from the commit that was made, not from what the command meant to change.
  const problems = [...outcome.problems, ...made.leftOut.map(leftOutProblem)]
  if (!made.sha)
    return ports.outbox.reply(
      event,
      `I made no changes: the files I wrote are identical to what is already in the repository.${problemList(problems)}`,
      credit
    )
  const committed = { ...outcome, files: committedFiles(outcome.files, made.files), problems }
  const pushed = await pushChanges(branch, outcome.target)
  return reportChanges(carry, committed, pushed)
}

/** The one commit, its message written from what was staged, with the person who asked as co-author. */
function commitChanges({ event, credit, ports, branch }: Carry, outcome: Changes): Promise<CommitResult> {
  return branch.commit(
    checkedPaths(outcome.files),
    (staged) =>
      ports.redact(
        ports.outbox.plainText(
          event,
          commitMessage(
            outcome.title,
            outcome.summary,
            committedFiles(outcome.files, staged.map(asModified)),
            event,
            credit
          )
        )
      ),
    event.request.author.isBot ? null : { login: event.request.author.login, id: event.request.author.id }
  )
}

/** The push; a conflict with someone else's push is an error that pushed nothing. */
async function pushChanges(branch: Publisher, target: ChangeTarget): Promise<Pushed> {
  const pushed = await branch.push(target.branch, { rebuild: target.mode !== 'new-pr' && target.mode !== 'try' })
  if (pushed.kind === 'conflict') {
    throw new PushConflictError(
      `someone pushed to \`${target.branch}\` while I worked, and my change conflicts with theirs (${pushed.detail}). I pushed nothing; ask me again to build on their work.`
    )
  }
  return pushed
}

/** The message that says where the pushed change went (a new pull request, one updated, a branch). */
async function reportChanges(carry: Carry, outcome: Changes, pushed: Pushed): Promise<Posted[]> {
  const { event, credit, ports } = carry
  const target = outcome.target
  const short = pushed.sha.slice(0, 7)
  const rebuilt = pushed.rebuilt ? ` (rebuilt on top of a commit pushed while I worked)` : ''
  const repoUrl = `${ports.serverUrl}/${event.repo.owner}/${event.repo.name}`
  // A failing check is the first thing every message about this change says.
  const first = failureHeadline(outcome.checks)
  const details = `${outcome.summary.trim()}\n\n**Files:**\n${fileList(outcome.files)}${fileDetails(outcome.files)}${figures(outcome.files, repoUrl, pushed.sha)}${checksSection(outcome.checks)}${problemList(outcome.problems)}`

  switch (target.mode) {
    case 'new-pr':
      return openPull(carry, outcome, target, { sha: pushed.sha, first, details })
    case 'update-pr':
      return ports.outbox.reply(
        event,
        `${first}I added commit ${short}${rebuilt} to ${target.pull.url} (branch \`${target.branch}\`):\n\n${details}`,
        credit
      )
    case 'pr-head':
      return ports.outbox.reply(
        event,
        `${first}I pushed commit ${short}${rebuilt} to this pull request's branch \`${target.branch}\`:\n\n${details}`,
        credit
      )
    case 'try':
      return ports.outbox.reply(
        event,
        `${first}I tried this on the branch [\`${target.branch}\`](${repoUrl}/tree/${target.branch}) without opening a pull request ([compare with \`${target.base}\`](${repoUrl}/compare/${target.base}...${target.branch})):\n\n${details}`,
        credit
      )
  }
}

/** The new pull request (a draft when its checks fail), then the reply that links it. */
async function openPull(
  { event, credit, ports, branch }: Carry,
  outcome: Changes,
  target: Extract<ChangeTarget, { mode: 'new-pr' }>,
  { sha, first, details }: Told
): Promise<Posted[]> {
  const failing = checksFail(outcome.checks)
  // No pull request, so no branch either.
  const pull = await branch.usedOrDeleted(target.branch, sha, () =>
    ports.outbox.openPullRequest(
      event,
      {
        title: outcome.title,
        head: target.branch,
        base: target.base,
        draft: failing,
        body: `${first}${details}\n\nRequested by @${event.request.author.login} in ${event.request.url}. Please review carefully before merging.`,
        ...(target.issue !== null ? { closes: target.issue } : {})
      },
      credit
    )
  )
  const draft = failing ? ' as a draft, because its checks fail,' : ''
  const comment = await ports.outbox.reply(
    event,
    `${first}I opened ${pull.url}${draft} with these changes (branch \`${target.branch}\`):\n\n${fileList(outcome.files)}${problemList(outcome.problems)}`,
    credit
  )
  return [pull, ...comment]
}

async function openIssues(
  outcome: Extract<Outcome, { kind: 'issues' }>,
  event: TriggerEvent,
  credit: ModelCredit | null,
  ports: EffectPorts
): Promise<Posted[]> {
  const created: CreatedIssue[] = []
  try {
    for (const issue of outcome.issues) created.push(await ports.outbox.createIssue(event, issue, credit))
  } catch (error) {
    // Issues opened before the failure stay; say which, so a re-run is not the only way to find them.
    if (created.length) {
      const opened = created.map((c, i) => `- #${c.number} ${outcome.issues[i]!.title}`).join('\n')
      await ports.outbox.reply(
        event,
        `I opened ${created.length} of ${outcome.issues.length} issues before GitHub refused the next one:\n\n${opened}`,
        credit
      )
    }
    throw error
  }
  let linkFailure: string | null = null
  for (const child of created) {
    try {
      await ports.addSubIssue(outcome.parent, child.id)
    } catch (error) {
      // Sub-issues may be unavailable (GitHub Enterprise Server, a token without the permission): the
      // first refusal decides, and a task list takes over for all of them.
      linkFailure = describeFailure(error).what.replace(/\.$/, '')
      break
    }
  }
  const listed = created.map((c, i) => ({ number: c.number, title: outcome.issues[i]!.title }))
  const posted = await ports.outbox.reply(
    event,
    subIssueList(outcome.intro, listed, ports.botName, linkFailure),
    credit
  )
  return [...posted, ...created]
}

export async function applyOutcome(
  outcome: Outcome,
  event: TriggerEvent,
  credit: ModelCredit | null,
  ports: EffectPorts
): Promise<Posted[]> {
  switch (outcome.kind) {
    case 'reply':
      return ports.outbox.reply(event, outcome.body, credit, outcome.mentions ?? [])
    case 'changes':
      return proposeChanges(outcome, event, credit, ports)
    case 'review':
      return [await ports.outbox.review(event, outcome, credit)]
    case 'issues':
      return openIssues(outcome, event, credit, ports)
    case 'labels':
      await ports.addLabels(event.target.number, outcome.labels)
      return ports.outbox.reply(event, outcome.body, credit)
  }
}
