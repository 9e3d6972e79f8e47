import { describe, expect, it } from 'vitest'
import { readRepoFileTool } from '../../../../src/conversation/tools/read-repo-file.ts'
import type { RepoFiles } from '../../../../src/conversation/repo-context.ts'

/** Listed paths are what .gitbobignore leaves visible (repo-context.ts filters them). */
function files(texts: Record<string, string>, listed = Object.keys(texts)): RepoFiles {
  return {
    origin: 'the test',
    list: async () => ({ paths: listed, truncated: false }),
    read: async (path) => texts[path] ?? null
  }
}

const redact = (text: string): string => text.replaceAll('sk-secret-123', '***')
const signal = new AbortController().signal

describe('read_file', () => {
  it('reads a file with line numbers, masked, and says what is left', async () => {
    const tool = readRepoFileTool(files({ 'a.py': 'x = 1\nkey = "sk-secret-123"\nprint(x)' }), redact)
    const result = await tool.run({ path: './a.py', start_line: 2, end_line: 2 }, signal)
    expect(result.isError).toBeUndefined()
    expect(result.text).toBe(
      'a.py, lines 2 to 2 of 3:\n2: key = "***"\n\n[lines 3 to 3 not shown; ask with start_line]'
    )
  })

  it('refuses paths the file list does not show (.gitbobignore), binary, too large and linked files', async () => {
    const tool = readRepoFileTool(
      files({ 'hidden.txt': 'secret', 'img.png': 'binary', 'big.csv': 'too large', l: 'link' }, [
        'img.png',
        'big.csv',
        'l'
      ]),
      redact
    )
    expect(await tool.run({ path: 'hidden.txt' }, signal)).toEqual({
      text: 'hidden.txt is not a file of the repository, or it may not be read.',
      isError: true
    })
    expect(await tool.run({ path: 'img.png' }, signal)).toEqual({ text: 'img.png is binary.', isError: true })
    expect(await tool.run({ path: 'big.csv' }, signal)).toEqual({ text: 'big.csv is too large.', isError: true })
    expect(await tool.run({ path: 'l' }, signal)).toEqual({ text: 'l is a symbolic link.', isError: true })
  })

  it('caps a long file at 400 lines', async () => {
    const long = Array.from({ length: 1000 }, (_, i) => `line ${i + 1}`).join('\n')
    const result = await readRepoFileTool(files({ 'long.txt': long }), redact).run({ path: 'long.txt' }, signal)
    expect(result.text).toContain('long.txt, lines 1 to 400 of 1000:')
    expect(result.text).toContain('[lines 401 to 1000 not shown; ask with start_line]')
  })

  it('uses the list already read, when given, instead of listing again', async () => {
    const repo: RepoFiles = {
      ...files({ 'a.txt': 'alpha', 'b.txt': 'beta' }),
      list: () => Promise.reject(new Error('listed again'))
    }
    const tool = readRepoFileTool(repo, redact, ['a.txt'])
    expect((await tool.run({ path: 'a.txt' }, signal)).text).toContain('1: alpha')
    expect((await tool.run({ path: 'b.txt' }, signal)).isError).toBe(true)
  })
})
