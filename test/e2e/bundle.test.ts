// What a comment run loads, read from esbuild's metafile of the build that made dist/ (the e2e setup keeps it):
// the provider SDK and the command it needs, never another provider's SDK or another command's libraries.
import type { Metafile } from 'esbuild'
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { METAFILE } from './build-dist.ts'

/** The inputs of every chunk a run loads: static imports always, dynamic ones where `follow` says so. */
function loadedInputs(metafile: Metafile, follow: (entryPoint: string) => boolean): string[] {
  const outputs = metafile.outputs
  const entry = Object.keys(outputs).find((o) => outputs[o]!.entryPoint === 'src/index.ts')!
  const seen = new Set<string>()
  const visit = (name: string): void => {
    if (seen.has(name)) return
    seen.add(name)
    for (const i of outputs[name]!.imports) {
      if (i.external) continue
      const target = outputs[i.path]!
      if (i.kind === 'import-statement' || (i.kind === 'dynamic-import' && follow(target.entryPoint ?? '')))
        visit(i.path)
    }
  }
  visit(entry)
  return [...seen].flatMap((o) => Object.keys(outputs[o]!.inputs))
}

const metafile = JSON.parse(readFileSync(METAFILE, 'utf8')) as Metafile

describe('the split bundle', () => {
  it('loads for a comment run only the OpenAI SDK, Octokit and the comment command', () => {
    // What a comment run with an OpenAI model imports on its way (main.ts, the GitHub client, the provider).
    const reached = [
      'src/main.ts',
      'src/commands/comment.ts',
      'src/llm/openai-provider.ts',
      '@actions/github/',
      '@octokit/plugin-retry/',
      '@octokit/plugin-throttling/',
      'bottleneck/'
    ]
    const inputs = loadedInputs(metafile, (entryPoint) => reached.some((r) => entryPoint.includes(r)))
    const has = (part: string): boolean => inputs.some((i) => i.includes(part))
    for (const part of ['node_modules/openai/', 'node_modules/zod/', 'src/commands/comment.ts', 'src/run.ts'])
      expect(has(part), part).toBe(true)
    for (const part of [
      'node_modules/@anthropic-ai/sdk/',
      'node_modules/@google/genai/',
      'node_modules/yaml/',
      'node_modules/fast-xml-parser/',
      'node_modules/@breezystack/lamejs/',
      'node_modules/pptxgenjs/',
      'node_modules/docx/',
      'node_modules/exceljs/',
      'node_modules/unpdf/',
      'node_modules/fast-png/',
      'node_modules/saxes/',
      'src/media/xml.ts',
      'src/commands/implement/implement.ts',
      'src/commands/review/review.ts',
      'src/commands/split.ts'
    ])
      expect(has(part), part).toBe(false)
  })
})

describe('the markdown worker', () => {
  it('is an entry of its own in dist/, one folder above the chunk that starts it (src/markdown/off-thread.ts)', () => {
    const outputs = Object.entries(metafile.outputs)
    const worker = outputs.find(([, o]) => o.entryPoint === 'src/markdown/read-worker.ts')
    expect(worker?.[0]).toBe('dist/markdown-worker.js')
    // off-thread.ts looks for ../markdown-worker.js from the chunk it is bundled into.
    const starter = outputs.filter(([, o]) => Object.keys(o.inputs).includes('src/markdown/off-thread.ts'))
    expect(starter.map(([name]) => name)).toEqual([expect.stringMatching(/^dist\/chunks\/[^/]+\.js$/)])
  })
})
