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

describe('capReferences on GitLab: merge requests (!N) count as issues (#N) do', () => {
  const mixed = (n: number): string =>
    Array.from({ length: n }, (_, i) => (i % 2 ? `!${i + 1}` : `#${i + 1}`)).join(' ')

  it('leaves up to 20 references of both kinds alone, and unlinks the rest, "!" as "#"', () => {
    expect(capReferences(mixed(20), 20, 'gitlab')).toBe(mixed(20))
    const out = capReferences(mixed(24), 20, 'gitlab')
    expect(out).toContain('!20 #\u200b21 !\u200b22 #\u200b23 !\u200b24')
    expect(out).toMatch(/4 more issue or merge request references are written without a link/)
    expect(plainOf(out).startsWith(mixed(24))).toBe(true)
    const plain = capReferencesPlain(mixed(21), 20, 'gitlab')
    expect(plain).toMatch(/!20 #\u200b21\n\n\(1 more issue or merge request reference is/)
  })

  it("counts a project's path of any depth, a project's name, and links to merge requests", () => {
    const text = [
      mixed(18),
      'group/sub/project!7',
      'project#8',
      '[the fix](https://gitlab.example.org/g/p/-/merge_requests/9)',
      'https://gitlab.example.org/g/p/-/merge_requests/10'
    ].join(' ')
    const out = capReferences(text, 20, 'gitlab')
    expect(out).toContain('group/sub/project!7 project#8')
    expect(out).toContain('the fix https://\u200bgitlab.example.org/g/p/-/merge_requests/10')
    expect(out).not.toContain('](https://gitlab.example.org/g/p/-/merge_requests/9)')
    expect(capReferencesPlain(`${mixed(20)} a/b/c!21`, 20, 'gitlab')).toContain('a/b/c!\u200b21')
  })

  it('does not count an exclamation, an image, or references in code', () => {
    const text = `${mixed(20)} Wow! 1 and ![plot](p.png)\n\n\`\`\`\n${mixed(30)}\n\`\`\``
    expect(capReferences(text, 20, 'gitlab')).toBe(text)
  })

  it('on GitHub, "!N" is no reference and is not counted', () => {
    const bangs = Array.from({ length: 30 }, (_, i) => `!${i + 1}`).join(' ')
    expect(capReferences(bangs)).toBe(bangs)
    expect(capReferences(bangs, 20, 'gitlab')).toContain('!\u200b21')
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
