import { describe, expect, it } from 'vitest'
import { attr, child, fillElement, NS, parseXml, prefixFor, splice, xmlStream } from '../../../src/media/xml.ts'

describe('Office XML read by namespace', () => {
  it('knows elements by namespace and local name, attributes by name in any order, Strict as Transitional', () => {
    const xml = `<x:presentation xmlns:x="${NS.p}" xmlns:q="${NS.r}"><x:sldSz cy="2" cx="1"/><x:sldId q:id="rId7"/></x:presentation>`
    const root = parseXml(xml).children[0]!
    expect(child(root, NS.p, 'sldSz') && attr(child(root, NS.p, 'sldSz')!, 'cx')).toBe('1')
    expect(attr(child(root, NS.p, 'sldId')!, 'id', NS.r)).toBe('rId7')
    expect(prefixFor(root, NS.r)).toBe('q:')
    const strict: string[] = []
    const stream = xmlStream({ open: (tag) => void strict.push(`${tag.uri} ${tag.local}`) })
    stream.write('<w:document xmlns:w="http://purl.oclc.org/ooxml/wordprocessingml/main"><w:b')
    stream.write('ody/></w:document>')
    stream.close()
    expect(strict).toEqual([`${NS.w} document`, `${NS.w} body`])
  })

  it('locates each element in the source, so edits leave the rest byte for byte', () => {
    const xml = `<?xml version="1.0"?>\r\n<Types xmlns="${NS.types}" >\r\n  <Default Extension="xml"/><Override PartName="/a" ></Override>\r\n</Types>`
    const root = parseXml(xml).children[0]!
    const [first, second] = root.children
    expect(xml.slice(first!.start, first!.end)).toBe('<Default Extension="xml"/>')
    expect(xml.slice(second!.start, second!.end)).toBe('<Override PartName="/a" ></Override>')
    expect(splice(xml, [{ start: second!.start, end: second!.end, text: '' }, fillElement(xml, root, '<New/>')])).toBe(
      xml.replace('<Override PartName="/a" ></Override>', '').replace('\r\n</Types>', '\r\n<New/></Types>')
    )
    // An empty element is opened to take content.
    const empty = parseXml('<a:t xmlns:a="urn:a" />').children[0]!
    expect(splice('<a:t xmlns:a="urn:a" />', [fillElement('<a:t xmlns:a="urn:a" />', empty, 'x', true)])).toBe(
      '<a:t xmlns:a="urn:a">x</a:t>'
    )
  })

  it('refuses XML that is not well-formed, an undeclared prefix and entities a DTD would define', () => {
    expect(() => parseXml('<a><b></a>')).toThrow()
    expect(() => parseXml('<x:a/>')).toThrow(/unbound namespace prefix/)
    expect(() => parseXml('<!DOCTYPE a [<!ENTITY e "boom">]><a>&e;</a>')).toThrow(/undefined entity|entity/i)
  })
})
