// git-bob in GitLab mode through the whole flow: a GitLab CI job's environment, a webhook's note payload
// (GitLab's documented example), the GitLab and model stand-ins over HTTP, real git against a local bare origin.
import { chmodSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { BOT, PROJECT_ID, type FakeGitLab, type GitLabUser } from '../fakes/gitlab.ts'
import { notePayload, peoplePayload } from '../fakes/gitlab-payloads.ts'
import { FakeObjectStore } from '../fakes/object-store.ts'
import { GITLAB_TOKEN, JOB_URL, type GitLabStage } from '../fakes/gitlab-stage.ts'
import { useGitLabFlowStage, type GitLabFlowRun } from './stage.ts'
import { git, GitRemote } from '../fakes/git-remote.ts'
import { lastMessageText, type ChatRequest } from '../fakes/openai.ts'
import { tinyPng } from '../fakes/media-bytes.ts'

const stage = useGitLabFlowStage()

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
    // The job summary counts GitLab's requests and names GitLab in its time, never GitHub.
    expect(run.summary).toMatch(/\| GitLab API calls \| \d+ \|/)
    expect(run.summary).not.toContain('GitHub')
    // Every request carried the token in GitLab's header, and only there.
    expect(stage.gitlab.requests.every((r) => r.headers['private-token'] === GITLAB_TOKEN)).toBe(true)
    expect(stage.gitlab.requests.some((r) => r.headers.authorization)).toBe(false)
    // The model read the issue and the note.
    expect(JSON.stringify(stage.model.requests.at(-1)?.body)).toContain('How do I read data.csv?')
    // ... and was told where it is: GitLab, in GitLab's words.
    expect(JSON.stringify(stage.model.requests.at(-1)?.body)).toContain('as a single GitLab comment')
    expect(JSON.stringify(stage.model.requests.at(-1)?.body)).not.toContain('GitHub')
  })

  it("shows the model the images attached to the note (/uploads/...): one fetched with the token from GitLab's API, one kept in object storage, fetched along GitLab's redirect without the token", async () => {
    const store = await new FakeObjectStore().start()
    try {
      stage.gitlab.addIssue(1, 'A plot', 'See below.')
      const png = tinyPng(8, 6, [40, 200, 40])
      stage.gitlab.uploads.set('0123456789abcdef0123456789abcdef/plot.png', png)
      const stored = tinyPng(8, 6, [200, 40, 40])
      const secret = 'fedcba9876543210fedcba9876543210'
      stage.gitlab.uploadRedirects.set(`${secret}/plot.png`, `${store.url}/uploads/${secret}/plot.png?sig=1`)
      store.files.set(`/uploads/${secret}/plot.png`, stored)
      stage.model.fallback = () => 'The plots are green and red.'
      const run = await stage.note({
        noteId: 305,
        body:
          'What colours are these?\n\n![plot](/uploads/0123456789abcdef0123456789abcdef/plot.png)\n\n' +
          `![stored](/uploads/${secret}/plot.png)\n\ngit-bob comment`,
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
      expect(
        images.map((i) => i.image_url!.url),
        stage.said(run)
      ).toEqual([
        `data:image/png;base64,${png.toString('base64')}`,
        `data:image/png;base64,${stored.toString('base64')}`
      ])
      // The store, on another host, was asked once, without the token.
      expect(store.requests).toHaveLength(1)
      expect(store.requests[0]!.headers.authorization).toBeUndefined()
      expect(JSON.stringify(store.requests[0]!.headers)).not.toContain(GITLAB_TOKEN)
    } finally {
      await store.close()
    }
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
function scriptImplement(stage: GitLabStage<GitLabFlowRun>, title: string, files: Record<string, string>): void {
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

    // Text this time: the checks ran in the box on the first run; the second is about the commit.
    scriptImplement(stage, 'Count more', { 'more.md': 'More counts.\n' })
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
  it("says what a GitLab project needs when the push is refused (the token's role and scope, a protected branch), not GitHub's workflow permission", async () => {
    const repo = new GitRemote({ 'README.md': '# Analysis\n' })
    // GitLab refuses a push to a protected branch (or by a token without the role) in its pre-receive hook.
    const hook = join(repo.origin, 'hooks', 'pre-receive')
    writeFileSync(
      hook,
      '#!/bin/sh\necho "GitLab: You are not allowed to push code to protected branches on this project." >&2\nexit 1\n'
    )
    chmodSync(hook, 0o755)
    stage.gitlab.origin = repo.origin
    stage.gitlab.addIssue(1, 'Count records', 'Count records per year.')
    // Text, not Python: no check runs in the box before the push that is refused.
    scriptImplement(stage, 'Add record counting', { 'counts.md': '# Counts\n' })
    const run = await stage.note(
      { noteId: 403, body: 'git-bob implement this', user: maintainer },
      { workspace: repo.workspace }
    )

    expect(run.code, stage.said(run)).toBe(1)
    expect(stage.gitlab.mergeRequests).toEqual([])
    const report = stage.gitlab.botNotes('issues', 1).at(-1)!.body
    expect(report, stage.said(run)).toContain('I could not finish this request.')
    expect(report).toContain('You are not allowed to push code to protected branches')
    expect(report).toContain("git-bob's token may not push here")
    expect(report).toContain('the Developer role (or above) and the scope `write_repository`')
    expect(report).toContain('Settings → Repository → Protected branches')
    expect(report).not.toContain('contents: write')
    expect(run.stdout).toContain("git-bob's token may not push here")
  })

  it("downloads the uploads of the thread into the merge request, read with the token from GitLab's API: at the project's path (its address in the note, as the model reads it) and at its numbered address (GitLab 17.1 on); refuses another project's, by number or at the API, and says so", async () => {
    const secret = 'fedcba9876543210fedcba9876543210'
    const numbered = '0123456789abcdef0123456789abcdef'
    stage.gitlab.uploads.set(`${secret}/data.csv`, Buffer.from('year,count\n2025,3\n'))
    stage.gitlab.uploads.set(`${numbered}/more.csv`, Buffer.from('year,count\n2025,5\n'))
    const link = `${stage.gitlab.serverUrl}/lab/analysis/uploads/${secret}/data.csv`
    const ours = `${stage.gitlab.serverUrl}/-/project/${PROJECT_ID}/uploads/${numbered}/more.csv`
    const theirs = `${stage.gitlab.serverUrl}/-/project/${PROJECT_ID + 1}/uploads/${numbered}/more.csv`
    // An address the model made up, not in the thread: another project's upload at GitLab's API.
    const api = `${stage.gitlab.url}/projects/lab%2Fother/uploads/${numbered}/more.csv`
    const repo = dataIssue()
    let seen = ''
    stage.model.fallback = (request: ChatRequest) => {
      // The model reads the address people see (a link's address it is never shown: conversation/sanitize.ts).
      seen = /https?:\/\/[^\s)"\\]+\/uploads\/[0-9a-f]+\/data\.csv/.exec(JSON.stringify(request.messages))?.[0] ?? seen
      return JSON.stringify({
        title: 'Add the measurements',
        summary: 'The attached files.',
        actions: [
          ['data/data.csv', seen],
          ['data/more.csv', ours],
          ['data/other.csv', theirs],
          ['data/api.csv', api]
        ].map(([path, source]) => ({ action: 'download', path, source, reason: 'attached' }))
      })
    }
    const run = await stage.note(
      { noteId: 403, body: `${link}\n${ours}\n${theirs}\n\ngit-bob implement`, user: maintainer },
      { workspace: repo.workspace }
    )

    expect(run.code, stage.said(run)).toBe(0)
    expect(seen, stage.said(run)).toBe(link)
    expect(repo.show('git-bob/issue-1', 'data/data.csv'), stage.said(run)).toBe('year,count\n2025,3')
    expect(repo.show('git-bob/issue-1', 'data/more.csv'), stage.said(run)).toBe('year,count\n2025,5')
    expect(repo.files('git-bob/issue-1')).not.toContain('data/other.csv')
    expect(repo.files('git-bob/issue-1')).not.toContain('data/api.csv')
    // Read at the API's address of each upload of this project, with the token; neither other project's upload
    // was asked of GitLab, at either address.
    const fetched = stage.gitlab.requests.filter((r) => r.path.includes('/uploads/'))
    expect(fetched.map((r) => [r.path, r.headers.authorization]).sort()).toEqual([
      [`/api/v4/projects/lab%2Fanalysis/uploads/${numbered}/more.csv`, `Bearer ${GITLAB_TOKEN}`],
      [`/api/v4/projects/lab%2Fanalysis/uploads/${secret}/data.csv`, `Bearer ${GITLAB_TOKEN}`]
    ])
    expect(stage.gitlab.everything()).toContain(
      "- `data/api.csv` (download) was not changed: only files attached to lab/analysis's issues and merge requests"
    )
    expect(stage.gitlab.mergeRequests).toHaveLength(1)
  })

  it('follows the redirect of an upload kept in object storage on another host, without the token there; refuses an upload whose store keeps redirecting, after three redirects', async () => {
    const store = await new FakeObjectStore().start()
    try {
      const repo = dataIssue()
      const secret = 'fedcba9876543210fedcba9876543210'
      const signed = `${store.url}/gitlab-uploads/${secret}/data.csv`
      stage.gitlab.uploadRedirects.set(`${secret}/data.csv`, `${signed}?X-Amz-Signature=abc&X-Amz-Expires=60`)
      store.files.set(`/gitlab-uploads/${secret}/data.csv`, Buffer.from('year,count\n2025,4\n'))
      // A second upload, whose store keeps redirecting.
      const looping = '0123456789abcdef0123456789abcdef'
      stage.gitlab.uploadRedirects.set(`${looping}/loop.csv`, `${store.url}/a`)
      store.redirects.set('/a', `${store.url}/b`)
      store.redirects.set('/b', `${store.url}/c`)
      store.redirects.set('/c', `${store.url}/d`)
      store.files.set('/d', Buffer.from('never read\n'))
      const link = `${stage.gitlab.serverUrl}/lab/analysis/uploads/${secret}/data.csv`
      const loop = `${stage.gitlab.serverUrl}/lab/analysis/uploads/${looping}/loop.csv`
      downloading([
        ['data/data.csv', link],
        ['data/loop.csv', loop]
      ])
      const run = await stage.note(
        { noteId: 404, body: `${link}\n${loop}\n\ngit-bob implement`, user: maintainer },
        { workspace: repo.workspace }
      )

      expect(run.code, stage.said(run)).toBe(0)
      expect(repo.show('git-bob/issue-1', 'data/data.csv'), stage.said(run)).toBe('year,count\n2025,4')
      expect(repo.files('git-bob/issue-1')).not.toContain('data/loop.csv')
      expect(stage.gitlab.botNotes('issues', 1).at(-1)!.body, stage.said(run)).toContain('too many redirects')
      // GitLab was asked with the token; the store, on another host, got neither the token nor any Authorization.
      const asked = stage.gitlab.requests.filter((r) => r.path.endsWith(`/uploads/${secret}/data.csv`))
      expect(asked.map((r) => r.headers.authorization)).toEqual([`Bearer ${GITLAB_TOKEN}`])
      expect(store.requests.map((r) => r.path).filter((path) => path.startsWith('/gitlab-uploads/'))).toEqual([
        `/gitlab-uploads/${secret}/data.csv`
      ])
      // The looping store was followed three times, then given up.
      expect(store.requests.map((r) => r.path).filter((path) => !path.startsWith('/gitlab-uploads/'))).toEqual([
        '/a',
        '/b',
        '/c'
      ])
      for (const request of store.requests) {
        expect(request.headers.authorization).toBeUndefined()
        expect(request.headers['private-token']).toBeUndefined()
        expect(JSON.stringify(request.headers)).not.toContain(GITLAB_TOKEN)
      }
    } finally {
      await store.close()
    }
  })
})

/** Merge request !1 "Close files": src/load.py opened without closing on master, closed on feature. */
function closeFilesMergeRequest(): GitRemote {
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
  return repo
}

/** Issue #1 asks for data, on a repository of its own. */
function dataIssue(): GitRemote {
  const repo = new GitRemote({ 'README.md': '# Analysis\n' })
  stage.gitlab.origin = repo.origin
  stage.gitlab.addIssue(1, 'Add the data', 'The measurements are attached.')
  return repo
}

/** The model plans to download each [path, address] into the repository. */
function downloading(downloads: [string, string][]): void {
  stage.model.fallback = () =>
    JSON.stringify({
      title: 'Add the measurements',
      summary: 'The attached files.',
      actions: downloads.map(([path, source]) => ({ action: 'download', path, source, reason: 'attached' }))
    })
}

describe('git-bob review on GitLab', () => {
  it("tells the model it is on GitLab; posts line comments as discussions on the diff, its suggestions in GitLab's syntax on the line they end on, the rest and the summary as a note; and answers in a line thread", async () => {
    const repo = closeFilesMergeRequest()
    const head = git(repo.origin, 'rev-parse', 'feature')
    stage.model.fallback = (request: ChatRequest) =>
      request.response_format?.json_schema?.name === 'review'
        ? JSON.stringify({
            fulfils: 'Yes: the file is closed.',
            risks: [],
            missing: [],
            comments: [
              {
                path: 'src/load.py',
                line: 2,
                start_line: null,
                body: 'Name the encoding.\n/close',
                suggestion: "    with open(path, encoding='utf-8') as f:"
              },
              {
                path: 'src/load.py',
                line: 3,
                start_line: 2,
                body: 'Read it in one line.',
                suggestion: '    return Path(path).read_text()'
              },
              { path: 'src/load.py', line: 40, start_line: null, body: 'Off the diff.', suggestion: null }
            ]
          })
        : 'A plain answer.'
    const mergeRequest = { sourceBranch: 'feature', targetBranch: 'master', headSha: head }
    const run = await stage.note({ noteId: 501, body: 'git-bob review', user: maintainer, mergeRequest })

    expect(run.code, stage.said(run)).toBe(0)
    const asked = JSON.stringify(stage.model.requests.at(-1)!.body.messages)
    expect(asked).toContain('helps the people of the GitLab repository')
    expect(asked).toContain("Review this merge request's changes")
    expect(asked).toContain('in GitLab Flavored Markdown')
    expect(asked).toContain('it becomes a GitLab suggestion')
    expect(asked).not.toContain('GitHub')
    const lineThreads = stage.gitlab.discussions.filter((d) => d.notes[0]!.position)
    expect(
      lineThreads.map((d) => d.notes[0]!.position!.new_line),
      stage.said(run)
    ).toEqual([2, 3])
    const [first, second] = lineThreads.map((d) => d.notes[0]!)
    expect(first!.position).toMatchObject({
      new_path: 'src/load.py',
      new_line: 2,
      head_sha: head,
      position_type: 'text'
    })
    expect(first!.body).toContain('Name the encoding.')
    expect(first!.body).toContain('\n\\/close')
    expect(first!.body).toContain("```suggestion:-0+0\n    with open(path, encoding='utf-8') as f:\n```")
    expect(second!.body).toContain('```suggestion:-1+0\n    return Path(path).read_text()\n```')
    const summary = stage.gitlab.botNotes('merge_requests', 1).filter((n) => !n.position)
    expect(summary, stage.said(run)).toHaveLength(1)
    expect(summary[0]!.body).toContain('Yes: the file is closed.')
    expect(summary[0]!.body).toContain('Off the diff.')
    expect(summary[0]!.body).not.toContain('GitHub')
    // The job summary names the merge request as GitLab writes it.
    expect(run.summary).toContain('## git-bob on !1')

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

describe('git-bob labels on GitLab', () => {
  const developer = { id: 3, username: 'developer', name: 'Dev Developer' }

  it("runs the command of git-bob's label a Developer added, answers once, and takes the label off", async () => {
    stage.gitlab.addIssue(1, 'Reading data', 'How do I read data.csv?')
    stage.gitlab.issues[0]!.labels.push('bug')
    stage.model.fallback = () => 'Use `numpy.loadtxt` to read the file.'
    const run = await stage.label({ user: developer, iid: 1, add: 'git-bob:think' })

    expect(run.code, stage.said(run)).toBe(0)
    const [answer, ...more] = stage.gitlab.botNotes('issues', 1)
    expect(more, stage.said(run)).toEqual([])
    expect(answer!.body).toContain('Use `numpy.loadtxt` to read the file.')
    expect(answer!.body).toContain(`[log](${JOB_URL})`)
    expect(stage.gitlab.issues[0]!.labels).toEqual(['bug'])
    expect(run.stdout).toContain('The label "git-bob:think" was taken off.')
    // The gate asked for the access level of the user who added the label.
    expect(stage.gitlab.requests.some((r) => r.path.endsWith('/members/all/3'))).toBe(true)
    expect(JSON.stringify(stage.model.requests.at(-1)?.body)).toContain('How do I read data.csv?')
  })

  it("ignores git-bob's label a Reporter added to a merge request, calls no model, and takes it off there only", async () => {
    const repo = new GitRemote({ 'README.md': '# Analysis\n' })
    repo.humanPush('feature', { 'a.py': 'print(1)\n' })
    stage.gitlab.origin = repo.origin
    // Issue 1 and merge request 1 share a number: the label comes off the merge request it was added to.
    stage.gitlab.addIssue(1, 'Something else', 'text')
    stage.gitlab.issues[0]!.labels.push('git-bob:review')
    stage.gitlab.addMergeRequest({
      iid: 1,
      title: 'Add a',
      description: 'Adds a.',
      source_branch: 'feature',
      target_branch: 'master'
    })
    const headSha = git(repo.origin, 'rev-parse', 'feature')
    const run = await stage.label({ user: reporter, iid: 1, add: 'git-bob:review', mergeRequest: { headSha } })

    expect(run.code, stage.said(run)).toBe(0)
    expect(stage.model.requests).toHaveLength(0)
    expect(stage.gitlab.botNotes('merge_requests', 1), stage.said(run)).toEqual([])
    expect(stage.gitlab.botNotes('issues', 1)).toEqual([])
    expect(stage.gitlab.mergeRequests[0]!.labels).toEqual([])
    expect(stage.gitlab.issues[0]!.labels).toEqual(['git-bob:review'])
    expect(run.stdout).toContain('reporter has triage permission; write, maintain or admin is needed')
  })

  it("answers git-bob's label on a merge request there, not on the issue of the same number", async () => {
    const repo = new GitRemote({ 'README.md': '# Analysis\n' })
    repo.humanPush('feature', { 'a.py': 'print(1)\n' })
    stage.gitlab.origin = repo.origin
    stage.gitlab.addIssue(1, 'Something else', 'text')
    stage.gitlab.addMergeRequest({
      iid: 1,
      title: 'Add a',
      description: 'Adds a.',
      source_branch: 'feature',
      target_branch: 'master'
    })
    stage.model.fallback = () => 'It prints one.'
    const headSha = git(repo.origin, 'rev-parse', 'feature')
    const run = await stage.label({ user: developer, iid: 1, add: 'git-bob:think', mergeRequest: { headSha } })

    expect(run.code, stage.said(run)).toBe(0)
    expect(
      stage.gitlab
        .botNotes('merge_requests', 1)
        .map((n) => n.body)
        .join(),
      stage.said(run)
    ).toContain('It prints one.')
    expect(stage.gitlab.botNotes('issues', 1)).toEqual([])
    expect(stage.gitlab.mergeRequests[0]!.labels).toEqual([])
    const awarded = stage.gitlab.requests.filter((r) => r.method === 'POST' && r.path.endsWith('/award_emoji'))
    expect(awarded.map((r) => r.path)).toEqual(['/api/v4/projects/lab%2Fanalysis/merge_requests/1/award_emoji'])
  })

  it("starts nothing for a label that is not git-bob's, and asks GitLab nothing", async () => {
    stage.gitlab.addIssue(1, 'Reading data', 'text')
    const run = await stage.label({ user: developer, iid: 1, add: 'bug' })
    expect(run.code).toBe(0)
    expect(run.stdout).toContain("the labels added to the issue (bug) are not git-bob's")
    expect(stage.gitlab.requests).toHaveLength(0)
  })

  it("ends at once, and well, for GitLab's documented issue event of an empty project that changed the title only", async () => {
    const payload = JSON.parse(
      readFileSync(new URL('../fixtures/gitlab/issue.json', import.meta.url), 'utf8')
    ) as Record<string, Record<string, unknown>>
    payload.project!.default_branch = null
    payload.changes = { title: { previous: 'New API', current: 'New API: create/update/delete file' } }
    const run = await stage.run({ payload })
    expect(run.code, stage.said(run)).toBe(0)
    expect(run.stdout.split('\n').filter((l) => l.includes('Nothing to do'))).toEqual([
      'Nothing to do: this issue event added no label.'
    ])
    expect(run.stdout).not.toMatch(/::error|malformed/)
    expect(stage.gitlab.requests).toHaveLength(0)
    expect(stage.model.requests).toHaveLength(0)
  })
})

describe('git-bob assigned, or asked for a review, on GitLab', () => {
  const developer = { id: 3, username: 'developer', name: 'Dev Developer' }
  const ada = { id: 7, username: 'ada', name: 'Ada Analyst' }

  /** The "Issue Hook" that says `user` assigned issue 1 (as the stand-in holds it) to `assignee`. */
  function assigned(user: GitLabUser, assignee: GitLabUser): Record<string, unknown> {
    const issue = stage.gitlab.issues[0]!
    return peoplePayload({
      serverUrl: stage.gitlab.serverUrl,
      user,
      iid: issue.iid,
      list: 'assignees',
      previous: [],
      current: [assignee],
      title: issue.title,
      description: issue.description,
      authorId: issue.author.id,
      updatedAt: new Date().toISOString()
    })
  }

  it("runs assign-command when a Developer assigns the issue to the project token's bot, and answers once", async () => {
    stage.gitlab.addIssue(1, 'Reading data', 'How do I read data.csv?')
    stage.model.fallback = () => 'Use `numpy.loadtxt` to read the file.'
    const payload = assigned(developer, BOT)
    const run = await stage.run({ payload })

    expect(run.code, stage.said(run)).toBe(0)
    const [answer, ...more] = stage.gitlab.botNotes('issues', 1)
    expect(more, stage.said(run)).toEqual([])
    expect(answer!.body).toContain('Use `numpy.loadtxt` to read the file.')
    // The gate asked for the access level of the user who assigned it.
    expect(stage.gitlab.requests.some((r) => r.path.endsWith('/members/all/3'))).toBe(true)
    expect(JSON.stringify(stage.model.requests.at(-1)?.body)).toContain('How do I read data.csv?')
    // The same event again (a retried pipeline) is answered already.
    const again = await stage.run({ payload })
    expect(again.code, stage.said(again)).toBe(0)
    expect(stage.gitlab.botNotes('issues', 1)).toHaveLength(1)
  })

  it('does nothing and posts nothing when a Reporter assigns the issue to git-bob', async () => {
    stage.gitlab.addIssue(1, 'Reading data', 'How do I read data.csv?')
    const run = await stage.run({ payload: assigned(reporter, BOT) })

    expect(run.code, stage.said(run)).toBe(0)
    expect(stage.model.requests).toHaveLength(0)
    expect(stage.gitlab.botNotes('issues', 1), stage.said(run)).toEqual([])
    expect(stage.gitlab.requests.filter((r) => r.method !== 'GET')).toEqual([])
    expect(run.stdout).toContain('reporter has triage permission; write, maintain or admin is needed')
  })

  it('ignores an issue assigned to someone else, and asks GitLab nothing', async () => {
    stage.gitlab.addIssue(1, 'Reading data', 'text')
    const run = await stage.run({ payload: assigned(developer, ada) })
    expect(run.code, stage.said(run)).toBe(0)
    expect(run.stdout).toContain("Nothing to do: the issue was assigned to @ada, not to git-bob's account.")
    expect(stage.gitlab.requests).toHaveLength(0)
    expect(stage.model.requests).toHaveLength(0)
  })

  it('takes the account in bot-login (GIT_BOB_BOT_LOGIN) as git-bob, and then not the token bot', async () => {
    stage.gitlab.addIssue(1, 'Reading data', 'How do I read data.csv?')
    stage.model.fallback = () => 'Read it with pandas.'
    const inputs = { 'bot-login': 'ada' }
    const bot = await stage.run({ payload: assigned(developer, BOT), inputs })
    expect(bot.stdout).toContain("Nothing to do: the issue was assigned to @project_42_bot_0a1b2c, not to git-bob's")
    const run = await stage.run({ payload: assigned(developer, ada), inputs })
    expect(run.code, stage.said(run)).toBe(0)
    expect(
      stage.gitlab
        .botNotes('issues', 1)
        .map((n) => n.body)
        .join(),
      stage.said(run)
    ).toContain('Read it with pandas.')
  })

  it('posts a review when a Developer requests one from git-bob on a merge request', async () => {
    const repo = closeFilesMergeRequest()
    const mr = stage.gitlab.mergeRequests[0]!
    const head = git(repo.origin, 'rev-parse', 'feature')
    stage.model.fallback = (request: ChatRequest) =>
      request.response_format?.json_schema?.name === 'review'
        ? JSON.stringify({ fulfils: 'Yes: the file is closed.', risks: [], missing: [], comments: [] })
        : 'A plain answer.'
    const payload = peoplePayload({
      serverUrl: stage.gitlab.serverUrl,
      user: developer,
      iid: 1,
      list: 'reviewers',
      previous: [ada],
      current: [ada, BOT],
      title: mr.title,
      description: mr.description,
      authorId: mr.author.id,
      updatedAt: new Date().toISOString(),
      mergeRequest: { sourceBranch: 'feature', targetBranch: 'master', headSha: head }
    })
    const run = await stage.run({ payload })

    expect(run.code, stage.said(run)).toBe(0)
    const notes = stage.gitlab.botNotes('merge_requests', 1)
    expect(notes, stage.said(run)).toHaveLength(1)
    expect(notes[0]!.body).toContain('Yes: the file is closed.')
    expect(stage.model.requests.some((r) => r.body.response_format?.json_schema?.name === 'review')).toBe(true)
    expect(run.summary).toContain('## git-bob on !1')
  })

  it("answers a Reporter's review request from git-bob politely, as on GitHub, and calls no model", async () => {
    const repo = new GitRemote({ 'README.md': '# Analysis\n' })
    repo.humanPush('feature', { 'a.py': 'print(1)\n' })
    stage.gitlab.origin = repo.origin
    stage.gitlab.addMergeRequest({
      iid: 1,
      title: 'Add a',
      description: 'Adds a.',
      source_branch: 'feature',
      target_branch: 'master'
    })
    const mr = stage.gitlab.mergeRequests[0]!
    const payload = peoplePayload({
      serverUrl: stage.gitlab.serverUrl,
      user: reporter,
      iid: 1,
      list: 'reviewers',
      previous: [],
      current: [BOT],
      title: mr.title,
      description: mr.description,
      authorId: mr.author.id,
      updatedAt: new Date().toISOString(),
      mergeRequest: {
        sourceBranch: 'feature',
        targetBranch: 'master',
        headSha: git(repo.origin, 'rev-parse', 'feature')
      }
    })
    const run = await stage.run({ payload })

    expect(run.code, stage.said(run)).toBe(0)
    expect(stage.model.requests).toHaveLength(0)
    const notes = stage.gitlab.botNotes('merge_requests', 1)
    expect(notes, stage.said(run)).toHaveLength(1)
    expect(notes[0]!.body).toContain('I can only act when someone with write access')
  })
})

describe('git-bob triage on GitLab (a pipeline schedule)', () => {
  it('labels or answers the newest unlabelled issues git-bob has not answered, at most triage-max-issues, once', async () => {
    stage.gitlab.labels.push('bug', 'question', 'git-bob:implement')
    const issue = (iid: number, title: string, createdAt: string, authorId = 2): void => {
      stage.gitlab.addIssue(iid, title, `${title}, details.`, authorId).created_at = createdAt
    }
    issue(11, 'The plot crashes', '2026-03-05T00:00:00.000Z')
    issue(12, 'How do I install it?', '2026-03-04T00:00:00.000Z', 1)
    issue(13, 'Already labelled', '2026-03-03T00:00:00.000Z')
    stage.gitlab.issues.at(-1)!.labels.push('bug')
    issue(14, 'Opened by git-bob (split)', '2026-03-02T12:00:00.000Z', BOT.id)
    issue(15, 'Answered before', '2026-03-02T00:00:00.000Z')
    stage.gitlab.addNote('issues', 15, {
      id: 1500,
      body: '<!-- git-bob-message {"request":"issue_comment:1"} -->\nAn answer.',
      authorId: BOT.id
    })
    issue(16, 'Too old for this run', '2026-03-01T00:00:00.000Z')
    stage.model.fallback = (request: ChatRequest) => {
      const prompt = request.messages.map((m) => String(m.content)).join('\n')
      if (prompt.includes('The plot crashes'))
        return JSON.stringify({
          action: 'label',
          labels: ['Bug', 'wontfix', 'git-bob:implement'],
          reason: 'It is a crash.',
          answer: ''
        })
      return JSON.stringify({ action: 'answer', labels: [], reason: '', answer: 'Run `pip install hello`.' })
    }
    const inputs = { 'triage-max-issues': '2' }
    const run = await stage.run({ payload: null, inputs })

    expect(run.code, stage.said(run)).toBe(0)
    expect(stage.model.requests).toHaveLength(2)
    // Only labels the project has, spelt its way; git-bob's own are never offered or added.
    expect(stage.gitlab.issues.find((i) => i.iid === 11)!.labels).toEqual(['bug'])
    for (const request of stage.model.requests) expect(JSON.stringify(request.body)).not.toContain('git-bob:implement')
    const [labelled] = stage.gitlab.botNotes('issues', 11)
    expect(labelled!.body).toContain('I labelled this issue `bug`. It is a crash.')
    expect(labelled!.body).toContain('"request":"triage:11"')
    expect(labelled!.body).toContain(`[log](${JOB_URL})`)
    expect(stage.gitlab.botNotes('issues', 12)[0]!.body).toContain('Run `pip install hello`.')
    for (const iid of [13, 14, 16]) expect(stage.gitlab.botNotes('issues', iid), stage.said(run)).toEqual([])
    expect(stage.gitlab.botNotes('issues', 15)).toHaveLength(1)
    expect(run.summary).toContain('## git-bob triage')
    expect(run.summary).toMatch(/\| #11 \| answered \|/)
    // Attributed to the project's pipeline schedule, GitLab's scheduler, not to GitHub's Actions bot.
    expect(run.summary).toContain('[triage by GitLab pipeline schedule](')
    expect(run.summary).toContain("the project's pipeline schedule")
    expect(run.summary).not.toContain('github-actions')

    // The next run takes the next issue; 11 and 12 are not triaged twice.
    const next = await stage.run({ payload: null, inputs })
    expect(next.code, stage.said(next)).toBe(0)
    expect(stage.gitlab.botNotes('issues', 11)).toHaveLength(1)
    expect(stage.gitlab.botNotes('issues', 12)).toHaveLength(1)
    expect(stage.gitlab.botNotes('issues', 16)).toHaveLength(1)
    expect(stage.gitlab.botNotes('issues', 14), stage.said(next)).toEqual([])
    expect(stage.model.requests).toHaveLength(3)
  })
})
