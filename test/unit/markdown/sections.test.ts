import { describe, expect, it } from 'vitest'
import { sections } from '../../../src/markdown/sections.ts'

describe('sections', () => {
  it('runs each section to the next heading of its level or higher', () => {
    const text = '# Title\n\nintro\n\n## Code Review Rules\n\n- a\n\n### Detail\n\nb\n\n## Style\n\nc\n'
    const found = sections(text)
    expect(found.map((s) => [s.title, s.depth])).toEqual([
      ['Title', 1],
      ['Code Review Rules', 2],
      ['Detail', 3],
      ['Style', 2]
    ])
    const review = found[1]!
    expect(text.slice(review.start, review.end)).toBe('## Code Review Rules\n\n- a\n\n### Detail\n\nb\n\n')
    expect(found[0]!.end).toBe(text.length)
  })

  it('starts no section in a fenced code block, a quote or a list', () => {
    const text = '## Review\n\n```md\n## Not a heading\n```\n\n> ## quoted\n\n- ## listed\n\nend'
    const found = sections(text)
    expect(found.map((s) => s.title)).toEqual(['Review'])
    expect(found[0]!.end).toBe(text.length)
  })

  it('reads the heading as shown (emphasis, code) and setext headings, with offsets after CRLF is normalised', () => {
    const found = sections('Intro\r\n=====\r\n\r\n## *Review* `rules`\r\n')
    expect(found.map((s) => [s.title, s.depth])).toEqual([
      ['Intro', 1],
      ['Review rules', 2]
    ])
    expect(found[1]!.start).toBe('Intro\n=====\n\n'.length)
  })

  it('finds no sections in a text past the limits of what is parsed', () => {
    expect(sections(`## Review\n\n${'x'.repeat(70_000)}`)).toEqual([])
  })
})
