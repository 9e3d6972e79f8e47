import { describe, expect, it } from 'vitest'
import { GITHUB_BODY_LIMIT, splitMessage } from '../../../src/outbox/split-message.ts'

const FENCE = /^ {0,3}(`{3,}|~{3,})(.*)$/

/** The fence left open at the end of a markdown text, or null when every fence is closed. */
function openFence(text: string): string | null {
  let open: string | null = null
  for (const line of text.split('\n')) {
    const match = FENCE.exec(line)
    if (!match) continue
    const marker = match[1]!
    if (open === null) open = marker
    else if (marker[0] === open[0] && marker.length >= open.length && !match[2]!.trim()) open = null
  }
  return open
}

function paragraphs(count: number): string {
  return Array.from(
    { length: count },
    (_, i) => `Paragraph ${i}: ${'lorem ipsum dolor sit amet '.repeat(10).trim()}.`
  ).join('\n\n')
}

function codeLines(count: number): string {
  return Array.from({ length: count }, (_, i) => `x${i} = ${i}  # a comment on line ${i}`).join('\n')
}

describe('splitMessage: short text', () => {
  it('returns short text unchanged, as one part', () => {
    expect(splitMessage('hello', 1000)).toEqual(['hello'])
  })

  it('returns text of exactly max characters unchanged', () => {
    const text = 'a'.repeat(1000)
    expect(splitMessage(text, 1000)).toEqual([text])
  })

  it('returns empty text as one empty part', () => {
    expect(splitMessage('', 1000)).toEqual([''])
  })

  it('splits text one character over the limit', () => {
    const text = `${'word '.repeat(200)}x`
    expect(text.length).toBe(1001)
    const parts = splitMessage(text, 1000)
    expect(parts.length).toBe(2)
    expect(parts.join('')).toBe(text)
  })

  it('uses the GitHub body limit constant', () => {
    expect(GITHUB_BODY_LIMIT).toBe(65_536)
  })
})

describe('splitMessage: long prose', () => {
  const text = paragraphs(40)
  const max = 1000
  const parts = splitMessage(text, max, 100)

  it('splits into several parts', () => {
    expect(text.length).toBeGreaterThan(max * 5)
    expect(parts.length).toBeGreaterThan(5)
  })

  it('keeps every part within max', () => {
    for (const part of parts) expect(part.length).toBeLessThanOrEqual(max)
  })

  it('loses and adds nothing: the parts joined are the text', () => {
    expect(parts.join('')).toBe(text)
  })

  it('cuts at paragraph boundaries when it can', () => {
    for (const part of parts.slice(0, -1)) expect(part.endsWith('\n\n')).toBe(true)
    for (const part of parts.slice(1)) expect(part.startsWith('Paragraph ')).toBe(true)
  })

  it('has no empty parts and no cut note', () => {
    for (const part of parts) expect(part.length).toBeGreaterThan(0)
    expect(parts.join('')).not.toContain('[!NOTE]')
  })

  it('cuts at line boundaries when there are no paragraphs', () => {
    const lines = Array.from({ length: 200 }, (_, i) => `line ${i} with some words in it`).join('\n')
    const split = splitMessage(lines, 1000, 100)
    expect(split.length).toBeGreaterThan(1)
    expect(split.join('')).toBe(lines)
    for (const part of split.slice(0, -1)) expect(part.endsWith('\n')).toBe(true)
    for (const part of split) expect(part.length).toBeLessThanOrEqual(1000)
  })

  it('cuts at spaces when there are no line breaks', () => {
    const words = 'word '.repeat(1000)
    const split = splitMessage(words, 1000, 100)
    expect(split.join('')).toBe(words)
    for (const part of split.slice(0, -1)) expect(part.endsWith(' ')).toBe(true)
    for (const part of split) expect(part.length).toBeLessThanOrEqual(1000)
  })

  it('cuts hard inside one very long word', () => {
    const word = 'x'.repeat(5000)
    const split = splitMessage(word, 1000, 100)
    expect(split.length).toBeGreaterThan(1)
    expect(split.join('')).toBe(word)
    for (const part of split) expect(part.length).toBeLessThanOrEqual(1000)
  })
})

describe('splitMessage: code fences', () => {
  const text = `Intro\n\n\`\`\`python\n${codeLines(100)}\n\`\`\`\n\nOutro`
  const max = 1000
  const parts = splitMessage(text, max, 100)

  it('splits inside the code block', () => {
    expect(parts.length).toBeGreaterThan(2)
  })

  it('keeps every part within max, including the repaired fences', () => {
    for (const part of parts) expect(part.length).toBeLessThanOrEqual(max)
  })

  it('leaves no fence open at the end of any part', () => {
    for (const part of parts) expect(openFence(part)).toBeNull()
  })

  it('closes the fence at the end of each part cut inside the block', () => {
    for (const part of parts.slice(0, -1)) expect(part.endsWith('\n```')).toBe(true)
  })

  it('reopens the fence with the same info string line in the next part', () => {
    for (const part of parts.slice(1)) expect(part.startsWith('```python\n')).toBe(true)
  })

  it('covers the text: removing the repairs gives back the original', () => {
    const rebuilt = parts
      .map((part, i) => {
        let p = part
        if (i > 0) p = p.slice('```python\n'.length)
        if (i < parts.length - 1) p = p.slice(0, -'\n```'.length)
        return p
      })
      .join('')
    expect(rebuilt).toBe(text)
  })

  it('every code line appears exactly once across the parts', () => {
    const all = parts.join('\n')
    for (let i = 0; i < 100; i++) {
      expect(all.split(`x${i} = ${i}  #`).length - 1).toBe(1)
    }
  })

  it('repairs tilde fences with tildes', () => {
    const tilde = `~~~ts\n${codeLines(100)}\n~~~`
    const split = splitMessage(tilde, 1000, 100)
    expect(split.length).toBeGreaterThan(1)
    for (const part of split.slice(0, -1)) expect(part.endsWith('\n~~~')).toBe(true)
    for (const part of split.slice(1)) expect(part.startsWith('~~~ts\n')).toBe(true)
    for (const part of split) expect(openFence(part)).toBeNull()
  })

  it('repairs a longer fence with the same length and keeps the full info line', () => {
    const long = `\`\`\`\`\`md title="example"\n\`\`\`\ninner\n\`\`\`\n${codeLines(100)}\n\`\`\`\`\``
    const split = splitMessage(long, 1000, 100)
    expect(split.length).toBeGreaterThan(1)
    for (const part of split.slice(0, -1)) expect(part.endsWith('\n`````')).toBe(true)
    for (const part of split.slice(1)) expect(part.startsWith('`````md title="example"\n')).toBe(true)
    for (const part of split) expect(openFence(part)).toBeNull()
  })

  it('does not repair a fence that was closed within the part', () => {
    const text2 = `\`\`\`js\nshort()\n\`\`\`\n\n${paragraphs(20)}`
    const split = splitMessage(text2, 1000, 100)
    expect(split.length).toBeGreaterThan(1)
    expect(split.join('')).toBe(text2)
    expect(split.slice(1).some((p) => p.startsWith('```'))).toBe(false)
  })

  it('handles a second code block that starts in a later part', () => {
    const two = `${paragraphs(3)}\n\n\`\`\`\n${codeLines(40)}\n\`\`\`\n\n${paragraphs(3)}\n\n\`\`\`sh\n${codeLines(40)}\n\`\`\`\n\nEnd.`
    const split = splitMessage(two, 1000, 100)
    for (const part of split) {
      expect(part.length).toBeLessThanOrEqual(1000)
      expect(openFence(part)).toBeNull()
    }
    expect(split.at(-1)!.endsWith('End.')).toBe(true)
  })
})

describe('splitMessage: too long for maxParts', () => {
  const text = 'word '.repeat(5000)
  const parts = splitMessage(text, 1000, 3)

  it('returns exactly maxParts parts', () => {
    expect(parts.length).toBe(3)
  })

  it('keeps every part, including the one with the note, within max', () => {
    for (const part of parts) expect(part.length).toBeLessThanOrEqual(1000)
  })

  it('ends the last part with a note saying the answer was cut', () => {
    const last = parts.at(-1)!
    expect(last).toContain('> [!NOTE]')
    expect(last).toMatch(
      /This answer was cut here: it was longer than 3 GitHub comments can hold \(25,000 characters\)\.$/
    )
  })

  it('puts the note only in the last part', () => {
    for (const part of parts.slice(0, -1)) expect(part).not.toContain('[!NOTE]')
  })

  it('keeps the beginning of the text', () => {
    expect(text.startsWith(parts.slice(0, -1).join(''))).toBe(true)
  })

  it('defaults to four parts', () => {
    const split = splitMessage(text, 1000)
    expect(split.length).toBe(4)
    expect(split.at(-1)).toContain('longer than 4 GitHub comments')
  })

  it('names the forge whose comments could not hold it', () => {
    expect(splitMessage(text, 1000, 4, 'GitLab').at(-1)).toContain('longer than 4 GitLab comments')
  })

  it('closes an open fence before the note', () => {
    const code = `\`\`\`\n${codeLines(500)}\n\`\`\``
    const split = splitMessage(code, 1000, 2)
    expect(split.length).toBe(2)
    const last = split.at(-1)!
    expect(last).toContain('\n```\n\n> [!NOTE]')
    for (const part of split) {
      expect(part.length).toBeLessThanOrEqual(1000)
      expect(openFence(part)).toBeNull()
    }
  })

  it('has no note when the text fits exactly in maxParts', () => {
    const fits = paragraphs(6)
    const split = splitMessage(fits, 1000, 100)
    const again = splitMessage(fits, 1000, split.length)
    expect(again).toEqual(split)
    expect(again.join('')).not.toContain('[!NOTE]')
  })
})
