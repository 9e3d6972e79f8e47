import { describe, expect, it } from 'vitest'
import { dispatchRefusal } from '../../../src/wiring/ports.ts'
import { ConfigError } from '../../../src/errors.ts'

describe('dispatchRefusal', () => {
  it.each([
    [403, 'the token needs `actions: write`'],
    [404, 'no workflow `release.yml` on `main`'],
    [422, 'give it a `workflow_dispatch` trigger']
  ])('names the setting to change for HTTP %i', (status, text) => {
    const error = dispatchRefusal(status, 'release.yml', 'main')
    expect(error).toBeInstanceOf(ConfigError)
    expect(error?.message).toContain(text)
  })

  it('leaves other failures (a server error, no HTTP status) as they are', () => {
    expect(dispatchRefusal(502, 'release.yml', 'main')).toBeNull()
    expect(dispatchRefusal(undefined, 'release.yml', 'main')).toBeNull()
  })
})
