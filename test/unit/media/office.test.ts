import { describe, expect, it } from 'vitest'
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate'
import { XMLValidator } from 'fast-xml-parser'
import { buildDeck, buildDocument, buildWorkbook } from '../../../src/media/write-office.ts'
import { checkOffice, openParts, paragraphsOf, rewriteParagraphs } from '../../../src/media/office-xml.ts'
import { readOffice } from '../../../src/media/read-office.ts'
import { tinyPng } from '../../fakes/media-bytes.ts'

const images = async (path: string) => (path === 'fig/plot.png' ? tinyPng(40, 20) : null)

/** An independent look inside: every XML part parses; the text of the named parts. */
function unzipText(bytes: Uint8Array): Record<string, string> {
  const parts = unzipSync(bytes)
  const out: Record<string, string> = {}
  for (const [name, data] of Object.entries(parts)) {
    if (!/\.(xml|rels)$/.test(name)) continue
    out[name] = strFromU8(data)
    expect(XMLValidator.validate(out[name]), name).toBe(true)
  }
  return out
}

describe('Office files built and read back', () => {
  it('writes slides with bullets, a picture from the repository and speaker notes', async () => {
    const built = await buildDeck(
      {
        title: 'Lab meeting',
        slides: [
          {
            title: 'Results',
            bullets: ['Cells & nuclei counted', 'Error < 5%'],
            image: 'fig/plot.png',
            notes: 'Say it slowly'
          },
          { title: 'Missing', bullets: [], image: 'fig/none.png', notes: '' }
        ],
        note: 'slides'
      },
      images
    )
    const parts = unzipText(built.bytes)
    expect(parts['ppt/slides/slide1.xml']).toContain('Cells &amp; nuclei counted')
    expect(Object.keys(parts).some((n) => n.startsWith('ppt/notesSlides/'))).toBe(true)
    expect(Object.keys(unzipSync(built.bytes)).some((n) => n.startsWith('ppt/media/'))).toBe(true)
    expect(built.lost).toEqual(['the picture `fig/none.png` (not found in the repository)'])
    expect(checkOffice('pptx', built.bytes)).toBeNull()
    const text = readOffice('pptx', built.bytes)
    expect(text).toContain('## Slide 1\nResults\nCells & nuclei counted\nError < 5%')
    expect(text).toContain('Speaker notes: Say it slowly')
  })

  it('leaves out of a deck the control characters XML cannot hold, and refuses a part that has them', async () => {
    const odd = 'a\u0001b\u000bc'
    const built = await buildDeck(
      { title: odd, slides: [{ title: odd, bullets: [odd], image: null, notes: odd }], note: '' },
      images
    )
    expect(checkOffice('pptx', built.bytes)).toBeNull()
    expect(readOffice('pptx', built.bytes)).toContain('## Slide 1\nabc\nabc\n\nSpeaker notes: abc')
    const parts = unzipSync(built.bytes)
    parts['ppt/slides/slide1.xml'] = strToU8(strFromU8(parts['ppt/slides/slide1.xml']!).replace('abc', 'a\u0001bc'))
    expect(checkOffice('pptx', zipSync(parts))).toBe(
      'the part ppt/slides/slide1.xml holds control characters XML cannot hold'
    )
  })

  it('writes a document with headings, lists, a table and a picture', async () => {
    const built = await buildDocument(
      {
        title: 'Report',
        blocks: [
          { kind: 'heading', level: 1, text: 'Summary', items: null, rows: null, image: null },
          { kind: 'paragraph', text: 'The **main** finding.', level: null, items: null, rows: null, image: null },
          { kind: 'bullets', items: ['one', 'two'], level: null, text: null, rows: null, image: null },
          { kind: 'numbered', items: ['first'], level: null, text: null, rows: null, image: null },
          {
            kind: 'table',
            rows: [
              ['a', 'b'],
              ['1', '2']
            ],
            level: null,
            text: null,
            items: null,
            image: null
          },
          { kind: 'image', image: 'fig/plot.png', level: null, text: null, items: null, rows: null }
        ],
        note: 'doc'
      },
      images
    )
    const parts = unzipText(built.bytes)
    expect(parts['word/document.xml']).toContain('The ')
    expect(Object.keys(unzipSync(built.bytes)).some((n) => n.startsWith('word/media/'))).toBe(true)
    expect(built.lost).toEqual([])
    const text = readOffice('docx', built.bytes)
    expect(text).toContain('# Summary')
    expect(text).toContain('The main finding.')
    expect(text).toContain('- one')
    expect(text).toContain('| a | b |\n| --- | --- |\n| 1 | 2 |')
  })

  it('writes a workbook with sheets, numbers and formulas', async () => {
    const built = await buildWorkbook({
      sheets: [
        {
          name: 'Counts/2024',
          rows: [
            ['sample', 'cells'],
            ['A', 10],
            ['B', 32]
          ],
          formulas: [
            { cell: 'B4', formula: '=SUM(B2:B3)' },
            { cell: 'nope', formula: '1' }
          ]
        }
      ],
      note: 'sheet'
    })
    const parts = unzipText(built.bytes)
    expect(parts['xl/workbook.xml']).toContain('name="Counts 2024"')
    expect(built.lost).toHaveLength(1)
    const text = readOffice('xlsx', built.bytes)
    expect(text).toContain('## Sheet: Counts 2024')
    expect(text).toContain('| A | 10 |')
    expect(text).toContain('=SUM(B2:B3)')
  })

  it('says why a file is not an Office file', () => {
    expect(checkOffice('docx', new Uint8Array([1, 2, 3]))).toMatch(/not a zip archive/)
  })

  it('refuses a file that claims to unpack to more than the limit (a zip bomb) before inflating it', async () => {
    const built = (
      await buildDocument(
        {
          title: 'T',
          blocks: [{ kind: 'paragraph', level: null, text: 'Hi', items: null, rows: null, image: null }],
          note: ''
        },
        images
      )
    ).bytes
    expect(() => openParts('docx', built)).not.toThrow()
    // The central directory's uncompressed size of the first part (offset 24 of its header) made to claim 4 GB.
    const bomb = new Uint8Array(built)
    const view = new DataView(bomb.buffer)
    let header = bomb.length - 22
    while (view.getUint32(header, true) !== 0x06054b50) header -= 1
    const directory = view.getUint32(header + 16, true)
    expect(view.getUint32(directory, true)).toBe(0x02014b50)
    view.setUint32(directory + 24, 0xfffffff0, true)
    expect(() => openParts('docx', bomb)).toThrow(/would unpack to 4,29\d,\d{3},\d{3} bytes, more than 300,000,000/)
    expect(checkOffice('docx', bomb)).toMatch(/more than 300,000,000/)
  })
})

const W = 'http://schemas.openxmlformats.org/wordprocessingml/2006/main'
const A = 'http://schemas.openxmlformats.org/drawingml/2006/main'
const P = 'http://schemas.openxmlformats.org/presentationml/2006/main'

describe('paragraphs rewritten in place', () => {
  it('puts the new text in the first run, empties the others and counts paragraphs that mixed formats', () => {
    const xml =
      `<w:body xmlns:w="${W}"><w:p><w:pPr><w:pStyle w:val="Heading1"/></w:pPr><w:r><w:t>Title</w:t></w:r></w:p>` +
      '<w:p><w:r><w:rPr><w:b/></w:rPr><w:t>Bold</w:t></w:r><w:r><w:t xml:space="preserve"> and plain</w:t></w:r></w:p>' +
      '<w:p><w:r><w:t>Kept</w:t></w:r></w:p></w:body>'
    const out = rewriteParagraphs(
      'docx',
      xml,
      new Map([
        [0, 'Titel'],
        [1, 'Fett & normal']
      ])
    )
    expect(out.mixed).toBe(1)
    expect(paragraphsOf('docx', out.xml).map((p) => p.text)).toEqual(['Titel', 'Fett & normal', 'Kept'])
    expect(out.xml).toContain('<w:pStyle w:val="Heading1"/>')
    expect(out.xml).toContain('<w:b/></w:rPr><w:t xml:space="preserve">Fett &amp; normal</w:t>')
    expect(XMLValidator.validate(out.xml)).toBe(true)
    // Byte for byte outside the changed text elements.
    expect(out.xml).toBe(
      xml
        .replace('<w:t>Title</w:t>', '<w:t xml:space="preserve">Titel</w:t>')
        .replace('<w:t>Bold</w:t>', '<w:t xml:space="preserve">Fett &amp; normal</w:t>')
        .replace('<w:t xml:space="preserve"> and plain</w:t>', '<w:t xml:space="preserve"></w:t>')
    )
  })

  it('leaves hidden, deleted and fallback text where it is, and reads a text box as a paragraph of its own', () => {
    const xml =
      `<w:document xmlns:w="${W}" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"><w:body>` +
      '<w:p><w:r><w:t>Shown</w:t></w:r><w:r><w:rPr><w:vanish/></w:rPr><w:t>Hidden</w:t></w:r>' +
      '<w:del><w:r><w:delText>Gone</w:delText></w:r></w:del><w:r><w:rPr><w:vanish w:val="0"/></w:rPr><w:t> too</w:t></w:r>' +
      '<mc:AlternateContent><mc:Choice Requires="wps"><w:r><w:t>Box</w:t></w:r></mc:Choice><mc:Fallback><w:r><w:t>Box</w:t></w:r></mc:Fallback></mc:AlternateContent></w:p>' +
      '</w:body></w:document>'
    expect(paragraphsOf('docx', xml).map((p) => p.text)).toEqual(['Shown tooBox'])
    const out = rewriteParagraphs('docx', xml, new Map([[0, 'Neu']]))
    expect(out.xml).toContain('<w:rPr><w:vanish/></w:rPr><w:t>Hidden</w:t>')
    expect(out.xml).toContain('<w:delText>Gone</w:delText>')
    expect(out.xml).toContain('<mc:Fallback><w:r><w:t>Box</w:t></w:r></mc:Fallback>')
    expect(paragraphsOf('docx', out.xml).map((p) => p.text)).toEqual(['Neu'])
  })

  it('drops the control characters XML cannot hold from the new text (Office would call the file broken)', () => {
    // Other prefixes than PowerPoint's: the elements are known by their namespace.
    const xml = `<pml:txBody xmlns:pml="${P}" xmlns:d="${A}"><d:p><d:r><d:t>Hi</d:t></d:r></d:p></pml:txBody>`
    const out = rewriteParagraphs('pptx', xml, new Map([[0, 'a\u000bb\u0001 "c" <d>\tok\n']]))
    // eslint-disable-next-line no-control-regex
    expect(out.xml).not.toMatch(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/)
    expect(paragraphsOf('pptx', out.xml).map((p) => p.text)).toEqual(['ab "c" <d>\tok\n'])
  })
})
