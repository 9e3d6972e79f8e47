import { describe, expect, it } from 'vitest'
import { readFrontMatter } from '../../../src/conversation/front-matter.ts'

describe('readFrontMatter', () => {
  it('reads applyTo as a comma-separated string or a list, and the body after the front matter', () => {
    const front = readFrontMatter('---\napplyTo: "**/*.py, docs/**"\n---\nUse pandas.\n')
    expect(front).toEqual({ applyTo: ['**/*.py', 'docs/**'], body: 'Use pandas.\n' })
    expect(readFrontMatter('---\r\napplyTo:\r\n  - "/src/**"\r\n---\r\nx').applyTo).toEqual(['src/**'])
  })

  it('applies always without front matter, without applyTo, or when the YAML is broken or not a mapping', () => {
    expect(readFrontMatter('No front matter.')).toEqual({ applyTo: null, body: 'No front matter.' })
    expect(readFrontMatter('---\ndescription: x\n---\nbody')).toEqual({ applyTo: null, body: 'body' })
    expect(readFrontMatter('---\napplyTo: [unclosed\n---\nbody')).toEqual({ applyTo: null, body: 'body' })
    expect(readFrontMatter('---\n- a list\n---\nbody').applyTo).toBeNull()
  })
})
