import { describe, expect, it } from 'vitest'
import { strToU8, zipSync } from 'fflate'
import { readOffice, readOfficeWithPictures } from '../../../src/media/read-office.ts'
import { MAX_XML_CHARS } from '../../../src/media/office-package.ts'
import { deckWithPictures, markupBomb, pictures, renamePrefixes } from '../../fakes/office-bytes.ts'
import {
  openpyxlWorkbook,
  pandasWorkbook,
  pythonDocx,
  pythonOffice,
  PYTHON_OFFICE_MISSING
} from '../../fakes/python-office.ts'

const W = 'http://schemas.openxmlformats.org/wordprocessingml/2006/main'
const TYPES = '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>'

/** A Word document of this body (inside w:body) and these styles. */
function word(body: string, styles = ''): Uint8Array {
  return zipSync({
    '[Content_Types].xml': strToU8(TYPES),
    'word/document.xml': strToU8(
      `<?xml version="1.0"?><w:document xmlns:w="${W}" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"><w:body>${body}</w:body></w:document>`
    ),
    'word/styles.xml': strToU8(`<w:styles xmlns:w="${W}">${styles}</w:styles>`)
  })
}

const run = (text: string, props = ''): string =>
  `<w:r>${props ? `<w:rPr>${props}</w:rPr>` : ''}<w:t>${text}</w:t></w:r>`

// Each writer is a Python start with its library (a second or two of CPU, several on a busy machine): the time a
// test that starts real processes has (vitest.config.ts), not the unit layer's.
describe.skipIf(!pythonOffice)(
  `files from the Python writers${pythonOffice ? '' : ` (${PYTHON_OFFICE_MISSING})`}`,
  { timeout: 60_000 },
  () => {
    it('reads a python-docx document: heading, paragraphs, list, table; not the hidden runs', () => {
      const read = readOfficeWithPictures('docx', pythonDocx(), 0)
      expect(read.text).toBe(
        '# Lab report\n\nVisible start. Visible end.\n\n- First point\n\n- Second point\n\n' +
          '| sample | cells |\n| --- | --- |\n| A | 10 |\n\nAfter the table & more <text>.'
      )
      expect(read.left).toEqual(['its hidden text (Word does not show it)'])
    })

    it('reads an openpyxl workbook (Target before Id, absolute targets) with its rows; not what Excel hides', () => {
      const read = readOfficeWithPictures('xlsx', openpyxlWorkbook(), 0)
      expect(read.text).toBe(
        '## Sheet: Counts\n| sample | cells | note |\n| A | 10 | ok |\n| B | 32 | fine |\n|  | =SUM(B2:B4) |\n\n' +
          '## Sheet: Notes & more\n| Einträge | über <zwei> Zeilen |'
      )
      expect(read.text).not.toMatch(/hunter2|hidden row|secret column/)
      expect(read.left).toEqual([
        '1 hidden sheet (Excel does not show it)',
        '1 hidden row and 1 hidden column range (Excel does not show them)'
      ])
    })

    it('reads every row of a workbook pandas wrote, and stops a long one once the text is long enough', () => {
      expect(readOffice('xlsx', pandasWorkbook())).toBe(
        '## Sheet: Counts\n| sample | cells |\n| S1 | 10 |\n| S2 | 20 |\n| S3 | 30 |'
      )
      // 2,000 rows, some 30 kB of text: thirty times the budget (openpyxl writes 20,000 in a second more).
      const long = readOffice('xlsx', pandasWorkbook(2_000), 1_000)
      expect(long).toMatch(/^## Sheet: Counts\n\| sample \| cells \|\n\| S1 \| 10 \|/)
      expect(long.length).toBeGreaterThan(1_000)
      // Read until the budget, not to the end.
      expect(long).not.toContain('| S2000 |')
    })

    it('reads the same document and workbook whatever prefixes their XML uses', () => {
      const renamed = renamePrefixes(pythonDocx(), { w: 'wx' })
      expect(readOffice('docx', renamed)).toBe(readOffice('docx', pythonDocx()))
      expect(readOffice('xlsx', renamePrefixes(openpyxlWorkbook(), { r: 'rel' }))).toContain('| B | 32 | fine |')
    })
  }
)

describe('what a reader of a Word document does not see', () => {
  it('leaves out hidden runs (own formatting, a hidden style, the defaults), deleted text and fallbacks', () => {
    const styles =
      '<w:style w:type="character" w:styleId="Quiet"><w:rPr><w:vanish/></w:rPr></w:style>' +
      '<w:style w:type="character" w:styleId="QuietToo"><w:basedOn w:val="Quiet"/></w:style>' +
      '<w:style w:type="character" w:styleId="Loud"><w:basedOn w:val="Quiet"/><w:rPr><w:vanish w:val="0"/></w:rPr></w:style>'
    const body =
      `<w:p>${run('Shown ')}${run('vanished ', '<w:vanish/>')}${run('web ', '<w:webHidden/>')}` +
      `${run('styled ', '<w:rStyle w:val="Quiet"/>')}${run('inherited ', '<w:rStyle w:val="QuietToo"/>')}` +
      `${run('loud ', '<w:rStyle w:val="Loud"/>')}${run('off ', '<w:vanish w:val="false"/>')}` +
      `<w:del w:id="1"><w:r><w:delText>deleted </w:delText></w:r></w:del><w:ins w:id="2">${run('inserted')}</w:ins></w:p>` +
      // A hidden paragraph mark hides the mark, not the text.
      `<w:p><w:pPr><w:rPr><w:vanish/></w:rPr></w:pPr>${run('Mark hidden, text shown')}</w:p>` +
      `<w:p><mc:AlternateContent><mc:Choice Requires="wps">${run('Box')}</mc:Choice><mc:Fallback>${run('Box again')}</mc:Fallback></mc:AlternateContent></w:p>`
    const read = readOfficeWithPictures('docx', word(body, styles), 0)
    expect(read.text).toBe('Shown loud off inserted\n\nMark hidden, text shown\n\nBox')
    expect(read.left).toEqual(['its hidden text (Word does not show it)', 'the text its tracked changes delete'])
    // Everything hidden by default: nothing a reader sees.
    const defaults = '<w:docDefaults><w:rPrDefault><w:rPr><w:vanish/></w:rPr></w:rPrDefault></w:docDefaults>'
    expect(readOffice('docx', word(`<w:p>${run('Secret')}</w:p>`, defaults))).toBe('')
  })

  it('says why a part that is not XML cannot be read', () => {
    expect(() => readOffice('docx', word('<w:p><w:r><w:t>open'))).toThrow(/close tag/i)
    expect(() => readOffice('docx', word('<x:p/>'))).toThrow(/unbound namespace prefix/)
  })
})

describe('a deck read whatever its prefixes and with hidden shapes', () => {
  it('reads slides and notes written with other prefixes, pictures too', async () => {
    const deck = await deckWithPictures([{ text: 'Results', pictures: [pictures.red], notes: 'Say it' }])
    const renamed = renamePrefixes(deck, { p: 'pml', a: 'd', r: 'rel' })
    const read = readOfficeWithPictures('pptx', renamed, 3)
    expect(read.text).toBe(readOfficeWithPictures('pptx', deck, 3).text)
    expect(read.text).toContain('## Slide 1\nResults\n[picture 1]')
    expect(read.text).toContain('Speaker notes: Say it')
    expect(read.pictures).toHaveLength(1)
  })

  it('leaves out a shape PowerPoint hides', async () => {
    const deck = await deckWithPictures([{ text: 'Hidden words' }])
    const hidden = renamePrefixes(deck, {})
    const { unzipSync, strFromU8 } = await import('fflate')
    const parts = unzipSync(hidden)
    const slide = strFromU8(parts['ppt/slides/slide1.xml']!)
    parts['ppt/slides/slide1.xml'] = strToU8(
      slide.replace(/(<p:sp>\s*<p:nvSpPr>\s*<p:cNvPr [^>]*?)(\/?>)/, '$1 hidden="1"$2')
    )
    const read = readOfficeWithPictures('pptx', zipSync(parts), 0)
    expect(read.text).toBe('## Slide 1')
    expect(read.left).toEqual(['the hidden shapes on 1 slide (PowerPoint does not show them)'])
  })
})

describe('a document within bounds', () => {
  it('reads a zip bomb of markup up to the XML budget and says the rest was not read', () => {
    const megabytes = Math.ceil(MAX_XML_CHARS / 1_000_000) + 4
    const bomb = markupBomb(megabytes)
    expect(bomb.length).toBeLessThan(megabytes * 1_000_000 * 0.01)
    const read = readOfficeWithPictures('docx', bomb, 0)
    expect(read.text).toBe('Visible first')
    expect(read.left).toEqual([
      'its hidden text (Word does not show it)',
      `the rest of it (git-bob reads at most ${MAX_XML_CHARS.toLocaleString('en-US')} characters of a document's XML)`
    ])
  })
})
