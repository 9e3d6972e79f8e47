import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { z } from 'zod'
import { checkoutFiles } from '../../../../src/adapters/git/checkout-files.ts'
import { readingTools } from '../../../../src/conversation/tools/index.ts'
import type { CiSource, ThreadSource } from '../../../../src/ports/repository.ts'
import { CONVERSATION, readingStage, REQUEST_TIME, type ReadingStage } from '../../../fakes/reading-stage.ts'

let stage: ReadingStage
beforeAll(async () => {
  stage = await readingStage({ 'README.md': 'hi\n' })
})
afterAll(() => stage.close())

describe('readingTools', () => {
  it('offers six read-only tools, each with a JSON schema a provider can take', () => {
    const tools = readingTools(
      { files: checkoutFiles(stage.remote.workspace)!, threads: {} as ThreadSource, ci: {} as CiSource },
      {
        repo: 'o/r',
        current: { number: 1, kind: 'issue' },
        requestTime: REQUEST_TIME,
        conversation: CONVERSATION,
        redact: (t) => t
      }
    )
    expect(tools.map((t) => t.name)).toEqual([
      'list_files',
      'read_file',
      'search',
      'read_thread',
      'read_pull_request_diff',
      'read_ci'
    ])
    for (const tool of tools) {
      const schema = z.toJSONSchema(tool.input) as {
        type: string
        properties: Record<string, { description?: string }>
      }
      expect(schema.type).toBe('object')
      for (const property of Object.values(schema.properties)) expect(property.description).toBeTruthy()
      expect(tool.description.length).toBeGreaterThan(20)
    }
  })

  it('reports a GitHub server error as a result, never a throw', async () => {
    stage.github.faults.push({ method: 'GET', path: /\/issues\/\d+$/, status: 500, times: 10 })
    const result = await stage.tools('api').call('read_thread', { reference: '#3' })
    expect(result.isError).toBe(true)
    expect(result.text).toMatch(/^read_thread failed: GitHub answered 500/)
  })

  it('has no checkout when the workspace is not a git repository', () => {
    expect(checkoutFiles('')).toBeNull()
    expect(checkoutFiles(stage.remote.root)).toBeNull()
  })
})
