// The model's reading tools on GitLab, through the whole flow: read_thread takes GitLab's references (#N an
// issue, !N a merge request, group/project!N, links to /-/issues/N and /-/merge_requests/N) of the job's own
// project only, and reading a merge request under the number of the issue being answered leaves the answer there.
import { describe, expect, it } from 'vitest'
import { PROJECT } from '../fakes/gitlab.ts'
import { useGitLabFlowStage } from './stage.ts'

const stage = useGitLabFlowStage()

const maintainer = { id: 1, username: 'maintainer', name: 'Ada Maintainer' }

/** Every tool result of the conversation, as the model stand-in's last request carried them. */
function toolResults(): string[] {
  return stage.model.requests
    .at(-1)!
    .body.messages.flatMap((m) => (m.role === 'tool' && typeof m.content === 'string' ? [m.content] : []))
}

describe('read_thread on GitLab', () => {
  it('reads a merge request as !N, group/project!N or its link, an issue as #N, and refuses another project', async () => {
    stage.gitlab.addIssue(1, 'Reading data', 'How do I read data.csv?')
    stage.gitlab.addIssue(2, 'Slow parser', 'Parsing takes minutes.')
    stage.gitlab.addNote('issues', 2, { id: 402, body: 'Profiled it: the regex backtracks.', authorId: 3 })
    // A merge request with the number of the issue the request is on: GitLab numbers them apart.
    stage.gitlab.addMergeRequest({
      iid: 1,
      title: 'Read CSV with pandas',
      description: 'Uses pandas.read_csv.',
      source_branch: 'csv',
      target_branch: 'master'
    })
    stage.gitlab.addNote('merge_requests', 1, { id: 401, body: 'Tested on the big file.', authorId: 3 })
    const read = (reference: string): { name: string; arguments: { reference: string } } => ({
      name: 'read_thread',
      arguments: { reference }
    })
    stage.model.script.push({
      reply: '',
      toolCalls: [
        read('!1'),
        read(`${stage.gitlab.serverUrl}/${PROJECT}/-/merge_requests/1`),
        read(`${PROJECT}#2`),
        read('lab/other!1'),
        read('#1')
      ]
    })
    stage.model.script.push({ reply: 'Merge request !1 answers it.' })
    const run = await stage.note(
      { noteId: 301, body: 'Is this solved anywhere? git-bob comment', user: maintainer },
      { inputs: { 'max-steps': '5' } }
    )

    expect(run.code, stage.said(run)).toBe(0)
    const [byBang, byLink, issue, other, current] = toolResults()
    expect(byBang, stage.said(run)).toContain(`# Merge request !1 in ${PROJECT}: Read CSV with pandas`)
    expect(byBang).toContain('Uses pandas.read_csv.')
    expect(byBang).toContain('Tested on the big file.')
    expect(byBang).not.toContain('How do I read data.csv?')
    expect(byLink).toContain(`# Merge request !1 in ${PROJECT}: Read CSV with pandas`)
    expect(issue).toContain(`# Issue #2 in ${PROJECT}: Slow parser`)
    expect(issue).toContain('Profiled it: the regex backtracks.')
    expect(other).toContain(
      `lab/other!1 is in another project; git-bob reads only issues and merge requests of ${PROJECT}.`
    )
    expect(current).toContain(`# This issue, #1 in ${PROJECT}: Reading data`)
    // Nothing was asked of another project.
    expect(stage.gitlab.requests.some((r) => r.path.includes('lab%2Fother') || r.path.includes('lab/other'))).toBe(
      false
    )
    // The answer is on the issue asked on, not on the merge request of the same number the model read.
    expect(
      stage.gitlab
        .botNotes('issues', 1)
        .map((n) => n.body)
        .join('\n'),
      stage.said(run)
    ).toContain('Merge request !1 answers it.')
    expect(stage.gitlab.botNotes('merge_requests', 1)).toEqual([])
  })

  it('says there is no such merge request, and that #N is an issue there', async () => {
    stage.gitlab.addIssue(1, 'Reading data', 'How do I read data.csv?')
    stage.gitlab.addMergeRequest({
      iid: 7,
      title: 'A merge request',
      description: 'text',
      source_branch: 'x',
      target_branch: 'master'
    })
    stage.model.script.push({
      reply: '',
      toolCalls: [
        { name: 'read_thread', arguments: { reference: '!9' } },
        { name: 'read_thread', arguments: { reference: '#7' } }
      ]
    })
    stage.model.script.push({ reply: 'Nothing found.' })
    const run = await stage.note(
      { noteId: 302, body: 'git-bob comment', user: maintainer },
      { inputs: { 'max-steps': '5' } }
    )

    expect(run.code, stage.said(run)).toBe(0)
    const [missing, issue] = toolResults()
    expect(missing, stage.said(run)).toContain(`There is no merge request !9 in ${PROJECT}.`)
    // #7 is issue 7 on GitLab, which does not exist: merge request !7 is not read in its place.
    expect(issue).toContain(`There is no issue #7 in ${PROJECT}.`)
  })
})
