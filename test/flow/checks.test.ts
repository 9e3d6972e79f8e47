// Checks through the whole flow, where the change goes somewhere other than a new pull request: a commit to the
// open pull request when the request is repeated on the issue, a commit to a pull request's own branch, and
// `try`. The checks run in the sandbox on the branch the change goes to; the reply says how they ended. The same
// runs show where the change went (one commit on the pull request's head; try's branch and compare view).
import { describe, expect, it } from 'vitest'
import { GitRemote } from '../fakes/git-remote.ts'
import { lastMessageText, type ChatRequest } from '../fakes/openai.ts'
import { useStage } from './stage.ts'

const stage = useStage()

/** Passes only when NOTES.md (only on the branch the change goes to) is there and ops.py adds. */
const CHECK =
  'test -f NOTES.md || { echo "NOTES.md is" "missing"; exit 1; }; grep -q "a + b" ops.py || { echo "ops.py does" "not add"; exit 1; }'

function remote(): GitRemote {
  return new GitRemote({ 'README.md': '# ops\n', 'ops.py': 'def add(a, b):\n    return a - b\n' })
}

/** Plans `path`, writes `content`, and answers repairs with `fixes` in order (then no more). */
function script(path: string, content: string, fixes: string[] = []): string[] {
  const seen: string[] = []
  stage.model.fallback = (request: ChatRequest) => {
    const schema = request.response_format?.json_schema?.name
    if (schema === 'change_plan')
      return JSON.stringify({
        title: `Change ${path}`,
        summary: 'As asked.',
        actions: [{ action: 'modify', path, source: null, reason: 'asked' }]
      })
    if (schema === 'check_repair') {
      seen.push(lastMessageText(request))
      const fix = fixes.shift() ?? 'def add(a, b):\n    return a * b\n'
      return JSON.stringify({
        diagnosis: 'it subtracted',
        changes: [{ tool: 'write_file', path: 'ops.py', content: fix, edits: null, source: null }]
      })
    }
    return JSON.stringify({ content, note: `changed ${path}` })
  }
  return seen
}

const INPUTS = { 'check-command': CHECK, 'check-repair-rounds': '1' }

describe('checks where the change goes', () => {
  it('run again when the request is repeated: the commit to the open pull request says first that they fail', async () => {
    const repo = remote()
    repo.humanPush('git-bob/issue-1', { 'NOTES.md': 'notes\n' })
    stage.github.pullRequests.push({
      number: 2,
      title: 'Ops',
      body: '',
      head: 'git-bob/issue-1',
      base: 'master',
      state: 'open',
      headRepo: 'Codertocat/Hello-World'
    })
    const seen = script('README.md', '# ops, documented\n')
    const run = await stage.comment({ body: 'git-bob implement this' }, { workspace: repo.workspace, inputs: INPUTS })
    expect(run.code).toBe(0)
    // The check ran on the pull request's branch (NOTES.md is only there) and failed on ops.py.
    expect(seen).toHaveLength(1)
    expect(seen[0]).toContain('ops.py does not add')
    expect(seen[0]).not.toContain('NOTES.md is missing')
    expect(repo.show('git-bob/issue-1', 'README.md')).toBe('# ops, documented')
    const reply = stage.github.postedComments(1).at(-1)!.body
    expect(reply).toMatch(/> \[!WARNING\]\n> \*\*The checks fail after 1 repair round:\*\*/)
    expect(reply.indexOf('The checks fail')).toBeLessThan(reply.indexOf('I added commit'))
    expect(reply).toContain('❌ `test -f NOTES.md')
    expect(stage.github.pullRequests).toHaveLength(1)
  })

  it("commit to a pull request's branch after a repair that makes them pass, and say so: one commit on its head, summarised on it", async () => {
    const repo = remote()
    repo.humanPush('feature', { 'NOTES.md': 'notes\n' })
    stage.github.pullRequests.push({
      number: 1,
      title: 'Feature',
      body: '',
      head: 'feature',
      base: 'master',
      state: 'open',
      headRepo: 'Codertocat/Hello-World'
    })
    stage.github.addPull(1, { diff: '' })
    script('README.md', '# ops\n\nAdds.\n', ['def add(a, b):\n    return a + b\n'])
    const run = await stage.comment(
      { body: 'git-bob implement this', pullRequest: true },
      { workspace: repo.workspace, inputs: INPUTS }
    )
    expect(run.code, stage.said(run)).toBe(0)
    expect(repo.show('feature', 'ops.py')).toBe('def add(a, b):\n    return a + b')
    expect(repo.show('feature', 'README.md')).toBe('# ops\n\nAdds.')
    // The change and its repair are one commit, on top of the person's.
    expect(repo.log('feature')).toEqual(['Change README.md', 'human change', 'initial'])
    expect(stage.github.pullRequests).toHaveLength(1)
    const reply = stage.github.postedComments(1).at(-1)!.body
    expect(reply).toMatch(/I pushed commit [0-9a-f]{7} to this pull request's branch `feature`/)
    expect(reply).toContain('**Checks (after 1 repair round):**')
    expect(reply).toMatch(/✅ `test -f NOTES.md.*` passed/)
    expect(reply).toContain('`ops.py` (modified): rewritten to make the checks pass')
    expect(reply).not.toContain('The checks fail')
  })

  it('report the same for try, on a new branch of its own, linked with a compare view, without a pull request', async () => {
    const repo = remote()
    script('ops.py', 'def add(a, b):\n    return a + b\n')
    const run = await stage.comment(
      { body: 'git-bob try' },
      { workspace: repo.workspace, inputs: { 'check-command': 'grep -q "a + b" ops.py' } }
    )
    expect(run.code, stage.said(run)).toBe(0)
    expect(repo.branches()).toContain('git-bob/try-1-4242')
    expect(repo.show('git-bob/try-1-4242', 'ops.py')).toBe('def add(a, b):\n    return a + b')
    expect(stage.github.pullRequests).toHaveLength(0)
    expect(run.outputs.command).toBe('try')
    const reply = stage.github.postedComments(1).at(-1)!.body
    expect(reply).toContain('compare/master...git-bob/try-1-4242')
    expect(reply).toContain('I tried this on the branch')
    expect(reply).toMatch(/✅ `python3 -m py_compile ops.py` passed/)
    expect(reply).toMatch(/✅ `grep -q "a \+ b" ops.py` passed/)
    expect(reply).toContain('was taken from the `check-command` input')
  })
})
