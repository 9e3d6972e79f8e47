import { describe, expect, it } from 'vitest'
import { INSTRUCTION_SOURCES } from '../../../src/config.ts'
import { loadInstructions, type InstructionReader } from '../../../src/conversation/load-instructions.ts'

/** A branch's files, and every read asked of them. */
function branch(files: Record<string, string>, tree?: () => Promise<{ paths: string[]; truncated: boolean }>) {
  const reads: string[] = []
  const api: InstructionReader = {
    tree: async (ref) => {
      reads.push(`tree ${ref}`)
      return tree ? tree() : { paths: Object.keys(files), truncated: false }
    },
    fileText: async (path, ref) => {
      reads.push(`${path}@${ref}`)
      return files[path] ?? null
    }
  }
  return { api, reads }
}

const request = (touched: string[], maxTokens = 10_000) => ({
  ref: 'main',
  touched: Promise.resolve(touched),
  sources: [...INSTRUCTION_SOURCES],
  instructionsFile: '.github/git-bob.md',
  maxTokens
})

describe('loadInstructions', () => {
  it('lists the default branch once, then reads the files that apply to the touched files from it', async () => {
    const { api, reads } = branch({
      'AGENTS.md': 'root agents',
      'src/AGENTS.md': 'src agents\n\n## Code Review Rules\n\nno loops',
      'docs/AGENTS.md': 'docs agents',
      '.github/instructions/py.instructions.md': '---\napplyTo: "**/*.py"\n---\npython rules',
      '.github/instructions/js.instructions.md': '---\napplyTo: "**/*.js"\n---\njs rules',
      'CLAUDE.md': '   \n',
      'src/a.py': 'print(1)'
    })
    const loaded = await loadInstructions(api, request(['src/a.py']))
    expect(loaded.files).toEqual([
      { path: 'src/AGENTS.md', general: 'src agents', review: '## Code Review Rules\n\nno loops', trimmed: false },
      { path: 'AGENTS.md', general: 'root agents', review: '', trimmed: false },
      { path: '.github/instructions/py.instructions.md', general: 'python rules', review: '', trimmed: false }
    ])
    expect(reads[0]).toBe('tree main')
    expect(reads.every((r) => r === 'tree main' || r.endsWith('@main'))).toBe(true)
    expect(reads).not.toContain('docs/AGENTS.md@main')
    expect(reads).toHaveLength(6)
    expect(loaded.problem).toBeNull()
  })

  it('reads the usual paths when the tree cannot be listed, and says why', async () => {
    const { api, reads } = branch({ 'AGENTS.md': 'root agents' }, () =>
      Promise.reject(new Error('Git Repository is empty.'))
    )
    const loaded = await loadInstructions(api, request(['src/a.py']))
    expect(loaded.files.map((f) => f.path)).toEqual(['AGENTS.md'])
    expect(loaded.problem).toContain('Git Repository is empty.')
    expect(reads).toContain('.github/git-bob.md@main')
  })

  it('fits the files into their share, the least important left out first', async () => {
    const { api } = branch({ '.github/git-bob.md': 'a'.repeat(400), 'GEMINI.md': 'g'.repeat(4000) })
    const loaded = await loadInstructions(api, request([], 300))
    expect(loaded.files.map((f) => f.path)).toEqual(['.github/git-bob.md'])
    expect(loaded.leftOut).toEqual(["the instructions in GEMINI.md, to fit their share of the model's input budget"])
  })
})
