// The built action (dist/index.js) in GitLab mode, as a GitLab CI job runs it: GITLAB_CI, the webhook's
// payload in the TRIGGER_PAYLOAD file, the token in GIT_BOB_GITLAB_TOKEN, the GitLab and model stand-ins over
// HTTP, real git against a local bare origin. One job after another on one project: one that opens a merge request
// (the GitLab chunk loaded, a push, the summary printed on the job's log) and one that fails (the exit code). What
// git-bob does on GitLab is tested in process in flow/gitlab.test.ts: the refusal of a Reporter, answering a note,
// adding to an open merge request, reviews, splits, and these two jobs too.
import { spawn } from 'node:child_process'
import { describe, expect, it } from 'vitest'
import { DIST } from '../fakes/action.ts'
import { GitRemote } from '../fakes/git-remote.ts'
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

function answer(request: ChatRequest): string {
  const schema = request.response_format?.json_schema?.name
  if (schema === 'change_plan')
    return JSON.stringify({
      title: 'Add record counting',
      summary: 'Counts records.',
      actions: [{ action: 'create', path: 'count.py', source: null, reason: 'asked' }]
    })
  if (/`count\.py`/.test(lastMessageText(request))) return JSON.stringify({ content: 'print(1)\n', note: 'wrote it' })
  return 'A plain answer.'
}

describe('git-bob on GitLab, built', () => {
  it('opens a merge request and prints the summary on the job log, then reports a failing model once and fails the job', async () => {
    const repo = new GitRemote({ 'README.md': '# Analysis\n' })
    stage.gitlab.origin = repo.origin
    stage.gitlab.addIssue(1, 'Count records', 'Count records per year.')
    stage.model.fallback = answer

    const implemented = await stage.note(
      { noteId: 802, body: 'git-bob implement this', user: maintainer },
      { workspace: repo.workspace }
    )
    expect(implemented.code, stage.said(implemented)).toBe(0)
    expect(stage.gitlab.mergeRequests, stage.said(implemented)).toHaveLength(1)
    expect(repo.show('git-bob/issue-1', 'count.py')).toBe('print(1)')
    expect(implemented.summary, stage.said(implemented)).toContain('implement')
    expect(implemented.stdout).toContain('--- git-bob summary')

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
  }, 180_000)
})
