import { describe, expect, it } from 'vitest'
import { cmark, CMARK_MISSING, issueReferences, renderGfm } from '../../fakes/cmark.ts'
import {
  capReferences,
  capReferencesPlain,
  closingKeywords,
  neutraliseClosing,
  neutraliseClosingPlain
} from '../../../src/outbox/references.ts'

const plainOf = (text: string): string => text.replace(/\u200b/g, '')

describe('closing keywords', () => {
  it.each(['close', 'closes', 'closed', 'fix', 'fixes', 'fixed', 'resolve', 'resolves', 'resolved'])(
    'neutralises "%s" in every case, before #N, owner/repo#N and an issue URL',
    (word) => {
      for (const text of [`${word} #5`, `${word.toUpperCase()}: o/r#7`, `${word} https://github.com/o/r/issues/9`]) {
        expect(closingKeywords(text)).toHaveLength(1)
        const out = neutraliseClosingPlain(text)
        expect(closingKeywords(out)).toEqual([])
        expect(plainOf(out)).toBe(text)
        expect(closingKeywords(neutraliseClosing(text))).toEqual([])
      }
    }
  )

  it('leaves words that only look like keywords, and keywords without a reference', () => {
    const text = 'prefix #5, unfixed #6, a fix for the plot, closes the gap'
    expect(neutraliseClosingPlain(text)).toBe(text)
    expect(neutraliseClosing(text)).toBe(text)
  })

  it('neutralises a keyword written with a character reference', () => {
    const out = neutraliseClosing('fi&#120;es #10')
    expect(out).not.toBe('fi&#120;es #10')
    expect(closingKeywords(out.replace(/&#120;/g, 'x'))).toEqual([])
  })
})

describe('capReferences', () => {
  const refs = (n: number): string => Array.from({ length: n }, (_, i) => `#${i + 1}`).join(' ')

  it('leaves up to 20 references alone', () => {
    expect(capReferences(refs(20))).toBe(refs(20))
    expect(capReferencesPlain(refs(20))).toBe(refs(20))
  })

  it('unlinks the references past 20 and says so', () => {
    const out = capReferences(`${refs(25)} and o/r#99 and https://github.com/o/r/issues/3`)
    expect(out).toContain('#20 #\u200b21')
    expect(out).toContain('o/r#\u200b99')
    expect(out).toContain('https://\u200bgithub.com/o/r/issues/3')
    expect(out).toMatch(/7 more issue references are written without a link/)
    expect(capReferencesPlain(refs(21))).toMatch(/#20 #\u200b21\n\n\(1 more issue reference is/)
  })

  it('does not count references in code', () => {
    const text = `\`\`\`\n${refs(30)}\n\`\`\``
    expect(capReferences(text)).toBe(text)
  })
})

describe('capReferences counts links to issues as references', () => {
  const URL = 'https://github.com/o/r'
  const shapes = [
    (n: number) => `[see this](${URL}/issues/${n})`,
    (n: number) => `[that one][r${n}]\n\n[r${n}]: ${URL}/pull/${n}\n`,
    (n: number) => `<a href="${URL}/issues/${n}">an issue</a>`,
    (n: number) => `<a href='/o/r/pull/${n}'>relative</a>`,
    (n: number) => `[text](<${URL}/discussions/${n}> "a title")`,
    (n: number) => `o/r#${n}`,
    (n: number) => `${URL}/issues/${n}`
  ]

  it('keeps the text of a link past the limit, not its address, and counts it in the note', () => {
    const text = Array.from({ length: 22 }, (_, i) => `[issue ${i}](${URL}/issues/${i})`).join(' ')
    const out = capReferences(text)
    expect(out).toContain(`[issue 19](${URL}/issues/19) issue 20 issue 21`)
    expect(out).toContain('2 more issue references are written without a link')
  })

  it.each(shapes.map((shape, i) => [i, shape] as const))('shape %i: 21 of it link 20', (_, shape) => {
    const text = Array.from({ length: 21 }, (_, i) => shape(i + 1)).join('\n\n')
    const out = capReferences(text)
    expect(out).toContain('1 more issue reference is written without a link')
  })

  it.skipIf(!cmark)(
    `300 link-shaped references in an answer: GitHub (cmark-gfm) links at most 20${cmark ? '' : ` (${CMARK_MISSING})`}`,
    () => {
      const text = Array.from({ length: 300 }, (_, i) => shapes[i % shapes.length]!(i + 1)).join('\n\n')
      expect(issueReferences(renderGfm(text)).length).toBe(300)
      const out = capReferences(text)
      expect(issueReferences(renderGfm(out)).length).toBeLessThanOrEqual(20)
      expect(out).toContain('280 more issue references are written without a link')
    }
  )
})

describe('on model text too complex to read (markdown/limits.ts)', () => {
  const deep = '> '.repeat(15_000)
  it('neutraliseClosing breaks every keyword, character references shown as written', () => {
    const out = neutraliseClosing(`${deep}fixes #1 and fi&#120;es #2`)
    expect(closingKeywords(out)).toEqual([])
    expect(out).toContain('fi&amp;#120;es #2')
  })

  it('capReferences counts every reference in the source', () => {
    const refs = Array.from({ length: 30 }, (_, i) => `#${i + 1}`).join(' ')
    const out = capReferences(`${deep}${refs}`, 20)
    expect(out).toContain('#20 #\u200b21')
    expect(out).toContain('10 more issue references are written without a link')
  })
})
