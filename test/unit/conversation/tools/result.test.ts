import { describe, expect, it } from 'vitest'
import { z } from 'zod'
import { readingTool, reason } from '../../../../src/conversation/tools/result.ts'
import { MissingPermissionError } from '../../../../src/errors.ts'

const signal = new AbortController().signal
const policy = { redact: (text: string) => text.replaceAll('s3cret-value', '***'), maxTokens: 50 }

function tool(run: (input: { n: number }) => Promise<{ text: string; isError?: boolean }>) {
  return readingTool({ name: 'probe', description: 'a probe', input: z.object({ n: z.number().int() }), run }, policy)
}

describe('readingTool', () => {
  it('answers arguments that do not fit the schema with an error result, without running', async () => {
    let ran = false
    const probe = tool(async () => {
      ran = true
      return { text: 'ran' }
    })
    expect(await probe.run({ n: 'one' } as never, signal)).toEqual({
      text: 'Invalid arguments for probe: n: Invalid input: expected number, received string',
      isError: true
    })
    expect(ran).toBe(false)
  })

  it('turns a throw into an error result, masked, and names a missing permission', async () => {
    const broken = tool(async () => {
      throw new Error('boom with s3cret-value')
    })
    expect(await broken.run({ n: 1 }, signal)).toEqual({ text: 'probe failed: boom with ***', isError: true })
    const denied = tool(async () => {
      throw new MissingPermissionError('checks: read', 'check runs')
    })
    expect((await denied.run({ n: 1 }, signal)).text).toBe(
      "probe failed: git-bob's token cannot read check runs: add `checks: read` to the workflow's permissions"
    )
  })

  it('masks and caps what a tool returns', async () => {
    const long = tool(async () => ({ text: `s3cret-value\n${'line\n'.repeat(200)}` }))
    const result = await long.run({ n: 1 }, signal)
    expect(result.text.startsWith('***\nline')).toBe(true)
    expect(result.text).toMatch(/\[cut here: [\d,]+ more characters not shown; ask for less/)
    expect(result.text.length).toBeLessThanOrEqual(200)
  })
})

describe('reason', () => {
  it("names GitHub before an Octokit error's status; a GitLab error names its answer itself", () => {
    expect(reason(Object.assign(new Error('Not Found'), { status: 404 }))).toBe('GitHub answered 404: Not Found')
    const gitlab = Object.assign(new Error('GitLab answered GET /projects/1/issues/3 with HTTP 404: 404 Not Found'), {
      status: 404
    })
    expect(reason(gitlab)).toBe('GitLab answered GET /projects/1/issues/3 with HTTP 404: 404 Not Found')
  })
})
