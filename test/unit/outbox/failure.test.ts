import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { ConfigError } from '../../../src/errors.ts'
import { describeFailure } from '../../../src/outbox/failure.ts'
import { HOMEPAGE } from '../../../src/version.ts'

/** An error as Octokit throws it: a message and the HTTP status. */
function httpError(status: number): Error {
  return Object.assign(new Error(`HTTP ${status}`), { status })
}

describe('describeFailure', () => {
  it('a refused request (403) names the permissions and links what each part needs, a section that exists', () => {
    const { advice } = describeFailure(httpError(403))
    expect(advice).toContain('`permissions: issues: write, pull-requests: write, contents: read`')
    const link = `${HOMEPAGE}/blob/main/docs/configuration.md#repository-settings-that-matter`
    expect(advice).toContain(`(${link})`)
    const page = readFileSync(new URL('../../../docs/configuration.md', import.meta.url), 'utf8')
    expect(page).toMatch(/^## Repository settings that matter$/m)
  })

  it('a setting the workflow got wrong is said in its own words', () => {
    expect(describeFailure(new ConfigError('Set `model`.'))).toEqual({
      what: 'git-bob is not configured correctly.',
      advice: 'Set `model`.'
    })
  })
})
