// git-bob in GitLab mode through the whole flow: a GitLab CI job's environment, a webhook's note payload
// (GitLab's documented example), the GitLab and model stand-ins over HTTP, real git against a local bare origin.
import { describe, expect, it } from 'vitest'
import { runGitLab } from '../../src/wiring/gitlab.ts'
import { capturingRunner } from '../fakes/runner.ts'
import { BOT, type FakeGitLab } from '../fakes/gitlab.ts'
import { notePayload } from '../fakes/gitlab-payloads.ts'
import { GITLAB_TOKEN, gitlabJob, JOB_URL, useGitLabStage, type GitLabStage } from '../fakes/gitlab-stage.ts'
import { git, GitRemote } from '../fakes/git-remote.ts'
import { lastMessageText, type ChatRequest } from '../fakes/openai.ts'
import { tinyPng } from '../fakes/media-bytes.ts'

interface FlowRun {
  code: number
  stdout: string
  summary: string
}

const stage = useGitLabStage<FlowRun>(async (gitlab, model, options) => {
  const job = await gitlabJob(gitlab, model, options)
  const runner = capturingRunner()
  const code = await runGitLab(job.env, runner, { githubRetryBaseMs: 10, modelRetryBaseMs: 10 })
  return { code, stdout: runner.lines.join('\n'), summary: runner.summary }
})

/** The payload of a note already in the stand-in, as the webhook sent it. */
function lastPayload(gitlab: FakeGitLab, noteId: number): Record<string, unknown> {
  const issue = gitlab.issues[0]!
  const note = gitlab.notesOn('issues', issue.iid).find((n) => n.id === noteId)!
  return notePayload({
    serverUrl: gitlab.serverUrl,
    noteId,
    body: note.body,
    user: note.author,
    iid: issue.iid,
    title: issue.title,
    description: issue.description,
    createdAt: note.created_at
  })
}

const maintainer = { id: 1, username: 'maintainer', name: 'Ada Maintainer' }
const reporter = { id: 2, username: 'reporter', name: 'Rita Reporter' }

describe('git-bob on GitLab', () => {
  it('answers a note on an issue with a note, after an eyes award, stamped with the job link', async () => {
    stage.gitlab.addIssue(1, 'Reading data', 'How do I read data.csv?')
    stage.model.fallback = () => 'Use `numpy.loadtxt` to read the file.'
    const run = await stage.note({ noteId: 301, body: 'git-bob comment', user: maintainer })

    expect(run.code, stage.said(run)).toBe(0)
    const [answer, ...more] = stage.gitlab.botNotes('issues', 1)
    expect(more, stage.said(run)).toEqual([])
    expect(answer!.body).toContain('Use `numpy.loadtxt` to read the file.')
    expect(answer!.body).toContain(`[log](${JOB_URL})`)
    const request = stage.gitlab.notesOn('issues', 1).find((n) => n.id === 301)!
    expect(request.awards).toEqual([{ name: 'eyes', user: BOT }])
    expect(run.summary).toContain('comment')
    // Every request carried the token in GitLab's header, and only there.
    expect(stage.gitlab.requests.every((r) => r.headers['private-token'] === GITLAB_TOKEN)).toBe(true)
    expect(stage.gitlab.requests.some((r) => r.headers.authorization)).toBe(false)
    // The model read the issue and the note.
    expect(JSON.stringify(stage.model.requests.at(-1)?.body)).toContain('How do I read data.csv?')
    // ... and was told where it is: GitLab, in GitLab's words.
    expect(JSON.stringify(stage.model.requests.at(-1)?.body)).toContain('as a single GitLab comment')
    expect(JSON.stringify(stage.model.requests.at(-1)?.body)).not.toContain('GitHub')
  })

  it("shows the model an image attached to the note (/uploads/...), fetched with the token from GitLab's API", async () => {
    stage.gitlab.addIssue(1, 'A plot', 'See below.')
    const png = tinyPng(8, 6, [40, 200, 40])
    stage.gitlab.uploads.set('0123456789abcdef0123456789abcdef/plot.png', png)
    stage.model.fallback = () => 'The plot is green.'
    const run = await stage.note({
      noteId: 305,
      body: 'What colour is this?\n\n![plot](/uploads/0123456789abcdef0123456789abcdef/plot.png)\n\ngit-bob comment',
      user: maintainer
    })

    expect(run.code, stage.said(run)).toBe(0)
    const fetched = stage.gitlab.requests.find((r) =>
      r.path.endsWith('/uploads/0123456789abcdef0123456789abcdef/plot.png')
    )
    expect(fetched?.headers.authorization, stage.said(run)).toBe(`Bearer ${GITLAB_TOKEN}`)
    type Part = { type: string; image_url?: { url: string } }
    const parts = stage.model.requests
      .at(-1)!
      .body.messages.flatMap((m) => (Array.isArray(m.content) ? (m.content as Part[]) : []))
    const images = parts.filter((p) => p.type === 'image_url')
    expect(images.map((i) => i.image_url!.url)).toEqual([`data:image/png;base64,${png.toString('base64')}`])
  })

  it('refuses a Reporter politely, calls no model, and a re-run posts nothing more', async () => {
    stage.gitlab.addIssue(1, 'Reading data', 'How do I read data.csv?')
    const run = await stage.note({ noteId: 302, body: 'git-bob comment', user: reporter })
    expect(run.code, stage.said(run)).toBe(0)
    const notes = stage.gitlab.botNotes('issues', 1)
    expect(notes, stage.said(run)).toHaveLength(1)
    expect(notes[0]!.body).toContain('Hi @reporter')
    expect(notes[0]!.body).toContain('write access')
    expect(stage.model.requests).toHaveLength(0)
    // The same job again (a retried pipeline): the marker says it was answered.
    const again = await stage.run({ payload: lastPayload(stage.gitlab, 302) })
    expect(again.code, stage.said(again)).toBe(0)
    expect(stage.gitlab.botNotes('issues', 1), stage.said(again)).toHaveLength(1)
  })

  it('defuses quick actions, @all and closing patterns the model writes', async () => {
    stage.gitlab.addIssue(1, 'Reading data', 'How do I read data.csv?')
    stage.model.fallback = () => 'Done.\n/close\n/merge\nPing @all.\n\n```sh\n/close\n```'
    const run = await stage.note({ noteId: 303, body: 'git-bob comment', user: maintainer })
    expect(run.code, stage.said(run)).toBe(0)
    const body = stage.gitlab.botNotes('issues', 1)[0]!.body
    expect(body).toContain('\n\\/close\n\\/merge\n')
    expect(body).not.toContain('@all')
    expect(body).toContain('```sh\n/close\n```')
  })

  it('ignores a note it wrote itself and a note that does not name it', async () => {
    stage.gitlab.addIssue(1, 'Reading data', 'text')
    const run = await stage.note({ noteId: 304, body: 'just a remark', user: maintainer })
    expect(run.code).toBe(0)
    expect(run.stdout).toContain('does not address git-bob')
    expect(stage.gitlab.requests).toHaveLength(0)
  })
})

/** The model stand-in answers the plan, then each file, by the schema asked for. */
function scriptImplement(stage: GitLabStage<FlowRun>, title: string, files: Record<string, string>): void {
  stage.model.fallback = (request: ChatRequest) => {
    if (request.response_format?.json_schema?.name === 'change_plan') {
      return JSON.stringify({
        title,
        summary: 'As discussed.',
        actions: Object.keys(files).map((path) => ({ action: 'create', path, source: null, reason: 'asked' }))
      })
    }
    const path = /(?:Write the complete content of|Change the existing file) `([^`]+)`/.exec(
      lastMessageText(request)
    )?.[1]
    return JSON.stringify({ content: files[path ?? ''] ?? 'unexpected', note: `wrote ${path}` })
  }
}

describe('git-bob implement on GitLab', () => {
  it('opens a merge request from an issue, then adds a commit to it when asked again', async () => {
    const repo = new GitRemote({ 'README.md': '# Analysis\n' })
    stage.gitlab.origin = repo.origin
    stage.gitlab.addIssue(1, 'Count records', 'Count records per year.')
    scriptImplement(stage, 'Add record counting /close', { 'count.py': 'print(1)\n' })
    const run = await stage.note(
      { noteId: 401, body: 'git-bob implement this', user: maintainer },
      { workspace: repo.workspace }
    )

    expect(run.code, stage.said(run)).toBe(0)
    expect(repo.show('git-bob/issue-1', 'count.py')).toBe('print(1)')
    expect(repo.message('git-bob/issue-1')).toContain('git-bob <git-bob@noreply.127.0.0.1>')
    expect(repo.message('git-bob/issue-1')).toContain(
      'Co-authored-by: maintainer <1-maintainer@users.noreply.127.0.0.1>'
    )
    expect(stage.gitlab.mergeRequests, stage.said(run)).toHaveLength(1)
    const mr = stage.gitlab.mergeRequests[0]!
    expect(mr).toMatchObject({ source_branch: 'git-bob/issue-1', target_branch: 'master' })
    expect(mr.description).toContain('This message was generated by')
    expect(mr.description).toMatch(/closes #1$/)
    // A quick action in a title does nothing; it is kept as the model wrote it.
    expect(mr.title).toBe('Add record counting /close')
    const [told] = stage.gitlab.botNotes('issues', 1)
    expect(told!.body).toContain(`${stage.gitlab.serverUrl}/lab/analysis/-/merge_requests/1`)

    scriptImplement(stage, 'Count more', { 'more.py': 'print(2)\n' })
    const again = await stage.note(
      { noteId: 402, body: 'git-bob implement the rest', user: maintainer },
      { workspace: repo.workspace }
    )
    expect(again.code, stage.said(again)).toBe(0)
    expect(stage.gitlab.mergeRequests, stage.said(again)).toHaveLength(1)
    expect(repo.log('git-bob/issue-1')).toHaveLength(3)
    expect(stage.gitlab.botNotes('issues', 1).at(-1)!.body, stage.said(again)).toMatch(
      /I added commit [0-9a-f]{7} to .*merge_requests\/1/
    )
  })
})

describe('git-bob review on GitLab', () => {
  it('posts line comments as discussions on the diff, the rest and the summary as a note, and answers in a line thread', async () => {
    const repo = new GitRemote({ 'src/load.py': 'def load(path):\n    return open(path).read()\n' })
    repo.humanPush('feature', {
      'src/load.py': 'def load(path):\n    with open(path) as f:\n        return f.read()\n'
    })
    stage.gitlab.origin = repo.origin
    stage.gitlab.addMergeRequest({
      iid: 1,
      title: 'Close files',
      description: 'Files are closed now.',
      source_branch: 'feature',
      target_branch: 'master'
    })
    const head = git(repo.origin, 'rev-parse', 'feature')
    stage.model.fallback = (request: ChatRequest) =>
      request.response_format?.json_schema?.name === 'review'
        ? JSON.stringify({
            fulfils: 'Yes: the file is closed.',
            risks: [],
            missing: [],
            comments: [
              { path: 'src/load.py', line: 2, start_line: null, body: 'Name the encoding.\n/close', suggestion: null },
              { path: 'src/load.py', line: 40, start_line: null, body: 'Off the diff.', suggestion: null }
            ]
          })
        : 'A plain answer.'
    const mergeRequest = { sourceBranch: 'feature', targetBranch: 'master', headSha: head }
    const run = await stage.note({ noteId: 501, body: 'git-bob review', user: maintainer, mergeRequest })

    expect(run.code, stage.said(run)).toBe(0)
    const lineThreads = stage.gitlab.discussions.filter((d) => d.notes[0]!.position)
    expect(lineThreads, stage.said(run)).toHaveLength(1)
    const [first] = lineThreads[0]!.notes
    expect(first!.position).toMatchObject({
      new_path: 'src/load.py',
      new_line: 2,
      head_sha: head,
      position_type: 'text'
    })
    expect(first!.body).toContain('Name the encoding.')
    expect(first!.body).toContain('\n\\/close')
    const summary = stage.gitlab.botNotes('merge_requests', 1).filter((n) => !n.position)
    expect(summary, stage.said(run)).toHaveLength(1)
    expect(summary[0]!.body).toContain('Off the diff.')

    // A question on that line's thread is answered in the thread.
    stage.gitlab.addNoteToDiscussion(lineThreads[0]!.id, { id: 502, body: 'git-bob explain the encoding', authorId: 1 })
    stage.model.fallback = () => 'Because the default depends on the machine.'
    const reply = await stage.run({
      payload: notePayload({
        serverUrl: stage.gitlab.serverUrl,
        noteId: 502,
        body: 'git-bob explain the encoding',
        user: maintainer,
        mergeRequest,
        title: 'Close files',
        position: { newPath: 'src/load.py', newLine: 2 },
        createdAt: lineThreads[0]!.notes.at(-1)!.created_at
      })
    })
    expect(reply.code, stage.said(reply)).toBe(0)
    const thread = stage.gitlab.discussions.find((d) => d.id === lineThreads[0]!.id)!
    expect(
      thread.notes.map((n) => n.author.username),
      stage.said(reply)
    ).toEqual([BOT.username, 'maintainer', BOT.username])
    expect(thread.notes.at(-1)!.body).toContain('Because the default depends on the machine.')
  })
})

describe('git-bob review on GitLab, in GitLab words', () => {
  it("tells the model it is on GitLab, and posts its suggestions in GitLab's syntax on the line they end on", async () => {
    const repo = new GitRemote({ 'src/load.py': 'def load(path):\n    return open(path).read()\n' })
    repo.humanPush('feature', {
      'src/load.py': 'def load(path):\n    with open(path) as f:\n        return f.read()\n'
    })
    stage.gitlab.origin = repo.origin
    stage.gitlab.addMergeRequest({
      iid: 1,
      title: 'Close files',
      description: 'Files are closed now.',
      source_branch: 'feature',
      target_branch: 'master'
    })
    const head = git(repo.origin, 'rev-parse', 'feature')
    stage.model.fallback = (request: ChatRequest) =>
      request.response_format?.json_schema?.name === 'review'
        ? JSON.stringify({
            fulfils: 'Yes.',
            risks: [],
            missing: [],
            comments: [
              {
                path: 'src/load.py',
                line: 2,
                start_line: null,
                body: 'Name the encoding.',
                suggestion: "    with open(path, encoding='utf-8') as f:"
              },
              {
                path: 'src/load.py',
                line: 3,
                start_line: 2,
                body: 'Read it in one line.',
                suggestion: '    return Path(path).read_text()'
              }
            ]
          })
        : 'A plain answer.'
    const mergeRequest = { sourceBranch: 'feature', targetBranch: 'master', headSha: head }
    const run = await stage.note({ noteId: 511, body: 'git-bob review', user: maintainer, mergeRequest })

    expect(run.code, stage.said(run)).toBe(0)
    const asked = JSON.stringify(stage.model.requests.at(-1)!.body.messages)
    expect(asked).toContain('helps the people of the GitLab repository')
    expect(asked).toContain("Review this merge request's changes")
    expect(asked).toContain('in GitLab Flavored Markdown')
    expect(asked).toContain('it becomes a GitLab suggestion')
    expect(asked).not.toContain('GitHub')
    const lineNotes = stage.gitlab.discussions.filter((d) => d.notes[0]!.position).map((d) => d.notes[0]!)
    expect(
      lineNotes.map((n) => n.position!.new_line),
      stage.said(run)
    ).toEqual([2, 3])
    expect(lineNotes[0]!.body).toContain("```suggestion:-0+0\n    with open(path, encoding='utf-8') as f:\n```")
    expect(lineNotes[1]!.body).toContain('```suggestion:-1+0\n    return Path(path).read_text()\n```')
    const [summary] = stage.gitlab.botNotes('merge_requests', 1).filter((n) => !n.position)
    expect(summary!.body, stage.said(run)).toContain('Yes.')
    expect(summary!.body).not.toContain('GitHub')
  })
})

describe('git-bob split and failures on GitLab', () => {
  it('opens the sub-issues, defused, links each to the parent issue, and lists them', async () => {
    stage.gitlab.addIssue(1, 'Reading and writing', 'Read and write data.csv.')
    stage.model.fallback = (request: ChatRequest) =>
      request.response_format?.json_schema?.name === 'split'
        ? JSON.stringify({
            summary: 'Two pieces.',
            issues: [
              { title: 'Read data.csv', body: 'Skip blank lines.\n/assign @maintainer\nCloses #1' },
              { title: 'Write data.csv', body: 'git-bob implement this. Ask @all.' }
            ]
          })
        : 'plain'
    const run = await stage.note({ noteId: 601, body: 'git-bob split this', user: maintainer })

    expect(run.code, stage.said(run)).toBe(0)
    const children = stage.gitlab.issues.filter((i) => i.iid !== 1)
    expect(children.map((i) => i.title)).toEqual(['Read data.csv', 'Write data.csv'])
    expect(children[0]!.description).toContain('\n\\/assign')
    expect(children[1]!.description).not.toContain('@all')
    expect(stage.gitlab.issues[0]!.links).toEqual(children.map((i) => i.iid))
    const list = stage.gitlab.botNotes('issues', 1).at(-1)!.body
    for (const child of children) expect(list).toContain(`#${child.iid}`)
  })

  it('reports a model that keeps failing once, on the thread and in the log, and fails the job', async () => {
    stage.gitlab.addIssue(1, 'Reading data', 'How?')
    for (let i = 0; i < 3; i++) stage.model.script.push({ status: 503 })
    const run = await stage.note(
      { noteId: 701, body: 'git-bob comment', user: maintainer },
      { inputs: { 'model-retries': '2' } }
    )
    expect(run.code, stage.said(run)).toBe(1)
    const notes = stage.gitlab.botNotes('issues', 1)
    expect(notes, stage.said(run)).toHaveLength(1)
    expect(notes[0]!.body).toContain('I could not finish this request')
    expect(notes[0]!.body).toContain(`[log](${JOB_URL})`)
    expect(run.stdout).toContain('::error')
  })
})
