import { describe, expect, it } from 'vitest'
import type { ProposedComment } from '../../../../src/commands/review/anchor.ts'
import {
  dropRepeats,
  itemRepeats,
  repeatedBy,
  similarity,
  wordsOf,
  type DecidedFinding
} from '../../../../src/commands/review/repeats.ts'

const ENCODING: DecidedFinding = {
  path: 'src/load.py',
  line: 12,
  text: 'Name the encoding when opening the file: the default encoding depends on the platform.'
}
const comment = (over: Partial<ProposedComment>): ProposedComment => ({
  path: 'src/load.py',
  line: 12,
  startLine: null,
  body: '',
  suggestion: null,
  ...over
})

describe('wordsOf and similarity', () => {
  it('compares the words that say what a text is about, endings and stop words aside', () => {
    expect([...wordsOf('The files are opened with the default encodings')].sort()).toEqual(['default', 'encod', 'open'])
    expect(similarity(wordsOf('open the cache'), wordsOf('opening caches'))).toBe(1)
    expect(similarity(wordsOf('open the file'), wordsOf('a race in the cache'))).toBe(0)
    expect(similarity(new Set(), wordsOf('x'))).toBe(0)
  })
})

describe('repeatedBy', () => {
  it('the same concern on the same file repeats a dismissed finding, wherever its line moved', () => {
    const moved = comment({
      line: 90,
      body: 'The default encoding depends on the platform: name the encoding when opening.'
    })
    expect(repeatedBy(moved, [ENCODING])).toBe(ENCODING)
  })

  it('near the dismissed line, fewer shared words are enough', () => {
    const near = comment({ line: 15, body: 'Pass encoding="utf-8" to open(); Windows differs.' })
    const far = comment({ line: 80, body: near.body })
    expect(repeatedBy(near, [ENCODING])).toBe(ENCODING)
    expect(repeatedBy(far, [ENCODING])).toBeNull()
  })

  it('another concern, or the same words on another file, is new', () => {
    expect(repeatedBy(comment({ body: 'rows grows without bound on a huge input; stream it.' }), [ENCODING])).toBeNull()
    expect(repeatedBy(comment({ path: 'src/save.py', body: ENCODING.text }), [ENCODING])).toBeNull()
  })
})

describe('itemRepeats', () => {
  it('a risk that names the file, or says almost the same, repeats; another does not', () => {
    expect(itemRepeats('load.py relies on the platform default encoding.', [ENCODING])).toBe(ENCODING)
    expect(itemRepeats('The default encoding depends on the platform when opening the file.', [ENCODING])).toBe(
      ENCODING
    )
    expect(itemRepeats('The encoding of data files is not documented.', [ENCODING])).toBeNull()
  })
})

describe('dropRepeats', () => {
  it('drops repeating comments and list items, counts them, and names each repeated finding once', () => {
    const repeat = comment({ line: 14, body: 'Name the encoding: the platform default encoding differs.' })
    const fresh = comment({ line: 20, body: 'rows grows without bound; stream it.' })
    const out = dropRepeats(
      {
        comments: [repeat, fresh],
        risks: ['load.py opens the file with the platform default encoding.', 'Blank lines are dropped silently.'],
        missing: ['A test for blank lines.']
      },
      [ENCODING, { path: 'src/other.py', line: 1, text: 'Something else entirely.' }]
    )
    expect(out.comments).toEqual([fresh])
    expect(out.risks).toEqual(['Blank lines are dropped silently.'])
    expect(out.missing).toEqual(['A test for blank lines.'])
    expect(out.repeated).toEqual([ENCODING])
    expect(out.dropped).toBe(2)
  })

  it('without dismissed findings, keeps everything', () => {
    const c = comment({ body: ENCODING.text })
    expect(dropRepeats({ comments: [c], risks: ['r'], missing: [] }, [])).toMatchObject({
      comments: [c],
      risks: ['r'],
      dropped: 0
    })
  })
})
