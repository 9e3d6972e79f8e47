// The repository's instruction files through the whole flow: read from the default branch with one tree listing,
// chosen by the files the request touches, named in the job summary, and never read from a pull request's head.
import { describe, expect, it } from 'vitest'
import type { ChatRequest } from '../fakes/openai.ts'
import type { StoredFile } from '../fakes/github.ts'
import { useStage } from './stage.ts'

const stage = useStage()
const HEAD = '3333333333333333333333333333333333333333'
const CHANGED: StoredFile = {
  filename: 'src/io/read.py',
  status: 'modified',
  additions: 1,
  deletions: 0,
  patch: '@@ -1,1 +1,2 @@\n import csv\n+import json'
}

const systemOf = (request: ChatRequest): string => String(request.messages[0]!.content)

/** The default branch's instruction files, one marker each. */
function defaultBranchFiles(): void {
  const files = stage.github.files
  files.set('.github/git-bob.md', 'MARK-GITBOB')
  files.set('AGENTS.md', '# Conventions\n\nMARK-AGENTS-ROOT\n\n## Code Review Rules\n\nMARK-REVIEW-RULE')
  files.set('src/io/AGENTS.md', 'MARK-AGENTS-IO')
  files.set('docs/AGENTS.md', 'MARK-AGENTS-DOCS')
  files.set('CLAUDE.md', 'MARK-CLAUDE')
  files.set('GEMINI.md', 'MARK-GEMINI')
  files.set('.github/copilot-instructions.md', 'MARK-COPILOT')
  files.set('.github/instructions/python.instructions.md', '---\napplyTo: "**/*.py"\n---\nMARK-SCOPED-PY')
  files.set('.github/instructions/web.instructions.md', '---\napplyTo: "**/*.ts"\n---\nMARK-SCOPED-TS')
  files.set('src/io/read.py', 'import csv\n')
}

describe('instruction files', () => {
  it('a review reads those of the default branch that apply, review rules first, and none of the head', async () => {
    defaultBranchFiles()
    stage.github.addPull(1, { files: [CHANGED], headSha: HEAD })
    // The pull request rewrites the instructions: none of this may reach the model.
    stage.github.filesAt.set(
      HEAD,
      new Map([
        ['AGENTS.md', 'MARK-HEAD-AGENTS'],
        ['src/io/AGENTS.md', 'MARK-HEAD-IO'],
        ['.github/git-bob.md', 'MARK-HEAD-GITBOB'],
        ['src/io/read.py', 'import csv\nimport json\n']
      ])
    )
    stage.model.fallback = () => JSON.stringify({ fulfils: 'Yes.', risks: [], missing: [], comments: [] })
    const run = await stage.comment({ body: 'git-bob review', pullRequest: true })

    expect(run.code, run.stdout).toBe(0)
    const system = systemOf(stage.model.requests[0]!.body)
    for (const marker of [
      'GITBOB',
      'AGENTS-IO',
      'AGENTS-ROOT',
      'COPILOT',
      'SCOPED-PY',
      'CLAUDE',
      'GEMINI',
      'REVIEW-RULE'
    ])
      expect(system).toContain(`MARK-${marker}`)
    for (const marker of ['MARK-HEAD', 'MARK-AGENTS-DOCS', 'MARK-SCOPED-TS']) expect(system).not.toContain(marker)
    expect(system.indexOf('MARK-REVIEW-RULE')).toBeLessThan(system.indexOf('MARK-GITBOB'))
    expect(system).toContain('<instructions file="src/io/AGENTS.md">')
    // One listing of the default branch, and every instruction file read from it.
    const trees = stage.github.requests.filter((r) => r.path.includes('/git/trees/'))
    expect(trees.map((r) => r.path)).toEqual([expect.stringMatching(/\/git\/trees\/master$/)])
    const reads = stage.github.requests.filter((r) => /\/contents\/(.*AGENTS|CLAUDE|GEMINI|\.github)/.test(r.path))
    expect(reads.length).toBeGreaterThanOrEqual(8)
    for (const read of reads) expect(read.query.get('ref')).toBe('master')
    expect(run.summary).toContain(
      'src/io/AGENTS.md, AGENTS.md, .github/copilot-instructions.md, .github/instructions/python.instructions.md, CLAUDE.md, GEMINI.md'
    )
  })

  it('a comment leaves out the review rules and reads only the files the input names', async () => {
    defaultBranchFiles()
    await stage.comment(
      { body: 'git-bob comment on src/io/read.py' },
      { inputs: { 'instruction-files': 'AGENTS.md, .github/instructions' } }
    )
    const system = systemOf(stage.model.requests[0]!.body)
    for (const marker of ['GITBOB', 'AGENTS-ROOT', 'AGENTS-IO', 'SCOPED-PY']) expect(system).toContain(`MARK-${marker}`)
    for (const marker of ['REVIEW-RULE', 'CLAUDE', 'GEMINI', 'COPILOT', 'SCOPED-TS'])
      expect(system).not.toContain(`MARK-${marker}`)
    expect(stage.github.requests.some((r) => r.path.endsWith('/contents/CLAUDE.md'))).toBe(false)
  })

  it('trims them to their share of a small budget, and says so', async () => {
    defaultBranchFiles()
    stage.github.files.set('GEMINI.md', `MARK-GEMINI ${'long '.repeat(3000)}`)
    const run = await stage.comment({ body: 'git-bob comment' }, { inputs: { 'prompt-token-budget': '6000' } })
    const system = systemOf(stage.model.requests[0]!.body)
    expect(system).toContain('MARK-GITBOB')
    expect(system).not.toContain('MARK-GEMINI')
    expect(run.summary).toContain("the instructions in GEMINI.md, to fit their share of the model's input budget")
  })

  it('reads only the instructions file when the input says none', async () => {
    defaultBranchFiles()
    const none = await stage.comment({ body: 'git-bob comment' }, { inputs: { 'instruction-files': 'none' } })
    expect(none.code, none.stdout).toBe(0)
    const only = systemOf(stage.model.requests[0]!.body)
    expect(only).toContain('MARK-GITBOB')
    expect(only).not.toContain('MARK-AGENTS-ROOT')
  })
})
