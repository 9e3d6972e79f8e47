import { describe, expect, it } from 'vitest'
import { strToU8, Zip, ZipDeflate, ZipPassThrough, zipSync } from 'fflate'
import { openPackage, partBytes, readPart } from '../../../src/media/office-package.ts'
import { readRelationships } from '../../../src/media/relationships.ts'
import { pictures } from '../../fakes/office-bytes.ts'

const TYPES = strToU8('<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>')

/** The text of every t element of a part, as the stream reader meets it. */
function texts(pkg: ReturnType<typeof openPackage>, part: string): string[] {
  const out: string[] = []
  let inT = false
  readPart(pkg, part, {
    open: (tag) => void (inT = tag.local === 't'),
    close: () => void (inT = false),
    text: (t) => void (inT && out.push(t))
  })
  return out
}

describe('an Office package opened for reading', () => {
  it('reads parts stored and deflated, and parts a streaming writer sized afterwards (data descriptors)', () => {
    const chunks: Uint8Array[] = []
    const zip = new Zip((error, chunk) => {
      if (error) throw error
      chunks.push(chunk)
    })
    const types = new ZipPassThrough('[Content_Types].xml')
    zip.add(types)
    types.push(TYPES, true)
    const document = new ZipDeflate('word/document.xml')
    zip.add(document)
    document.push(strToU8('<w:document xmlns:w="urn:w"><w:t>streamed</w:t>'))
    document.push(strToU8('<w:t>and sized later</w:t></w:document>'), true)
    zip.end()
    const bytes = new Uint8Array(Buffer.concat(chunks))
    expect(texts(openPackage('docx', bytes), 'word/document.xml')).toEqual(['streamed', 'and sized later'])
  })

  it('says why a file cannot be opened', () => {
    expect(() => openPackage('docx', new Uint8Array([1, 2, 3]))).toThrow(
      'not a zip archive (no end of central directory)'
    )
    expect(() => openPackage('docx', zipSync({ '[Content_Types].xml': TYPES }))).toThrow(
      'the part word/document.xml is missing'
    )
  })

  it('stops a part at the XML budget and says the budget was spent', () => {
    const xml = `<w:document xmlns:w="urn:w">${'<w:t>x</w:t>'.repeat(10_000)}</w:document>`
    const pkg = openPackage('docx', zipSync({ '[Content_Types].xml': TYPES, 'word/document.xml': strToU8(xml) }), 1_000)
    const read = texts(pkg, 'word/document.xml')
    expect(read.length).toBeGreaterThan(50)
    expect(read.length).toBeLessThan(100)
    expect(pkg.exhausted).toBe(true)
    expect(pkg.budget).toBe(0)
  })

  it('gives a picture whole, or its head, and nothing for a part larger than asked', () => {
    const pkg = openPackage(
      'docx',
      zipSync({
        '[Content_Types].xml': TYPES,
        'word/document.xml': strToU8('<w:document xmlns:w="urn:w"/>'),
        'word/media/red.png': pictures.red
      })
    )
    expect(Buffer.from(partBytes(pkg, 'word/media/red.png', 1_000_000)!).equals(Buffer.from(pictures.red))).toBe(true)
    expect(Buffer.from(partBytes(pkg, 'word/media/red.png', 24, true)!).equals(pictures.red.subarray(0, 24))).toBe(true)
    expect(partBytes(pkg, 'word/media/red.png', 24)).toBeNull()
    expect(partBytes(pkg, 'word/media/none.png', 1_000)).toBeNull()
  })

  it('reads relationships whatever the order of their attributes and the prefix of their namespace', () => {
    const pkg = openPackage(
      'xlsx',
      zipSync({
        '[Content_Types].xml': TYPES,
        'xl/workbook.xml': strToU8('<workbook xmlns="urn:s"/>'),
        'xl/_rels/workbook.xml.rels': strToU8(
          '<pr:Relationships xmlns:pr="http://schemas.openxmlformats.org/package/2006/relationships">' +
            '<pr:Relationship Type="x/worksheet" Target="/xl/worksheets/sheet1.xml" Id="rId1"/>' +
            '<pr:Relationship Id="rId2" Target="styles.xml" Type="x/styles"/>' +
            '<pr:Relationship Id="rId3" Target="https://example.org" TargetMode="External" Type="x/hyperlink"/>' +
            '<Relationship Id="rId4" Target="not/in/the/namespace.xml" Type="x/other"/></pr:Relationships>'
        )
      })
    )
    expect(readRelationships(pkg, 'xl/workbook.xml')).toEqual([
      { id: 'rId1', type: 'worksheet', target: 'xl/worksheets/sheet1.xml' },
      { id: 'rId2', type: 'styles', target: 'xl/styles.xml' },
      { id: 'rId3', type: 'hyperlink', target: null }
    ])
  })
})
