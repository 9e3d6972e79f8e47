// The built action (dist/index.js) in GitLab mode, as a GitLab CI job runs it: GITLAB_CI, the webhook's
// payload in the TRIGGER_PAYLOAD file, the token in GIT_BOB_GITLAB_TOKEN, the GitLab and model stand-ins over
// HTTP, real git against a local bare origin. One job after another on one project.
import { spawn } from 'node:child_process'
import { describe, expect, it } from 'vitest'
import { DIST } from '../fakes/action.ts'
import { git, GitRemote } from '../fakes/git-remote.ts'
import { BOT } from '../fakes/gitlab.ts'
import { gitlabJob, JOB_URL, readSummary, useGitLabStage } from '../fakes/gitlab-stage.ts'
import { lastMessageText, type ChatRequest } from '../fakes/openai.ts'

interface JobRun {
  code: number | null
  stdout: string
  summary: string
}

const stage = useGitLabStage<JobRun>(async (gitlab, model, options) => {
  const job = await gitlabJob(gitlab, model, options)
  const child = spawn(process.execPath, [DIST], { env: job.env, stdio: ['ignore', 'pipe', 'pipe'] })
  let stdout = ''
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()))
  child.stderr.on('data', (d: Buffer) => (stdout += d.toString()))
  const timer = setTimeout(() => child.kill('SIGKILL'), 60_000)
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve))
  clearTimeout(timer)
  return { code, stdout, summary: await readSummary(job) }
})

const maintainer = { id: 1, username: 'maintainer', name: 'Ada Maintainer' }
const reporter = { id: 2, username: 'reporter', name: 'Rita Reporter' }

function answer(request: ChatRequest): string {
  const schema = request.response_format?.json_schema?.name
  if (schema === 'change_plan')
    return JSON.stringify({
      title: 'Add record counting',
      summary: 'Counts records.',
      actions: [{ action: 'create', path: 'count.py', source: null, reason: 'asked' }]
    })
  if (schema === 'review')
    return JSON.stringify({
      fulfils: 'Yes.',
      risks: [],
      missing: [],
      comments: [{ path: 'count.py', line: 1, start_line: null, body: 'Print the count.', suggestion: null }]
    })
  if (/`count\.py`/.test(lastMessageText(request))) return JSON.stringify({ content: 'print(1)\n', note: 'wrote it' })
  return 'plain'
}

describe('git-bob on GitLab, built', () => {
  it('refuses a Reporter, opens a merge request and adds to it, reviews it with a line comment, and reports a failing model once', async () => {
    const repo = new GitRemote({ 'README.md': '# Analysis\n' })
    stage.gitlab.origin = repo.origin
    stage.gitlab.addIssue(1, 'Count records', 'Count records per year.')
    stage.model.fallback = answer

    const refused = await stage.note({ noteId: 801, body: 'git-bob implement this', user: reporter })
    expect(refused.code, stage.said(refused)).toBe(0)
    expect(stage.gitlab.botNotes('issues', 1)[0]?.body, stage.said(refused)).toContain('write access')
    expect(stage.model.requests).toHaveLength(0)

    const implemented = await stage.note(
      { noteId: 802, body: 'git-bob implement this', user: maintainer },
      { workspace: repo.workspace }
    )
    expect(implemented.code, stage.said(implemented)).toBe(0)
    expect(stage.gitlab.mergeRequests, stage.said(implemented)).toHaveLength(1)
    expect(repo.show('git-bob/issue-1', 'count.py')).toBe('print(1)')
    expect(implemented.summary, stage.said(implemented)).toContain('implement')
    expect(implemented.stdout).toContain('--- git-bob summary')

    // Asked again while the merge request is open: one more commit on its branch, no second merge request.
    stage.model.fallback = (request) =>
      request.response_format?.json_schema?.name === 'change_plan'
        ? JSON.stringify({
            title: 'Count more',
            summary: 'More.',
            actions: [{ action: 'create', path: 'more.py', source: null, reason: 'asked' }]
          })
        : JSON.stringify({ content: 'print(2)\n', note: 'wrote it' })
    const updated = await stage.note(
      { noteId: 805, body: 'git-bob implement the rest', user: maintainer },
      { workspace: repo.workspace }
    )
    expect(updated.code, stage.said(updated)).toBe(0)
    expect(stage.gitlab.mergeRequests, stage.said(updated)).toHaveLength(1)
    expect(repo.log('git-bob/issue-1'), stage.said(updated)).toHaveLength(3)
    expect(repo.show('git-bob/issue-1', 'more.py')).toBe('print(2)')
    stage.model.fallback = answer

    const mergeRequest = {
      sourceBranch: 'git-bob/issue-1',
      targetBranch: 'master',
      headSha: git(repo.origin, 'rev-parse', 'git-bob/issue-1')
    }
    const reviewed = await stage.note({ noteId: 803, body: 'git-bob review', user: maintainer, mergeRequest })
    expect(reviewed.code, stage.said(reviewed)).toBe(0)
    const line = stage.gitlab.discussions.find((d) => d.notes[0]!.position)
    expect(line?.notes[0]!.position, stage.said(reviewed)).toMatchObject({ new_path: 'count.py', new_line: 1 })
    expect(line!.notes[0]!.author).toEqual(BOT)

    for (let i = 0; i < 3; i++) stage.model.script.push({ status: 503 })
    const failed = await stage.note(
      { noteId: 804, body: 'git-bob comment', user: maintainer },
      { inputs: { 'model-retries': '2' } }
    )
    expect(failed.code, stage.said(failed)).toBe(1)
    const last = stage.gitlab.botNotes('issues', 1).slice(-1)
    expect(last[0]!.body, stage.said(failed)).toContain('I could not finish this request')
    expect(last[0]!.body).toContain(`[log](${JOB_URL})`)
    expect(stage.gitlab.botNotes('issues', 1).filter((n) => n.body.includes('could not finish'))).toHaveLength(1)
  }, 120_000)
})
