import { describe, expect, it } from 'vitest'
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate'
import { XMLValidator } from 'fast-xml-parser'
import { fillTemplate } from '../../../src/media/fill-template.ts'
import { checkOffice } from '../../../src/media/office-xml.ts'
import { readOffice } from '../../../src/media/read-office.ts'
import type { Deck } from '../../../src/media/schemas.ts'
import { openTemplate, type SlideTemplate } from '../../../src/media/slide-template.ts'
import { tinyPng } from '../../fakes/media-bytes.ts'
import { handMadeTemplate, MASTER_BODY, pptxgenjsTemplate } from '../../fakes/slide-templates.ts'
import { renamePrefixes } from '../../fakes/office-bytes.ts'

const images = async (path: string) => (path === 'fig/plot.png' ? tinyPng(40, 20) : null)

const DECK: Deck = {
  title: 'Lab & meeting',
  slides: [
    { title: 'Welcome', bullets: [], image: null, notes: '' },
    {
      title: 'Results',
      bullets: ['Cells & nuclei counted', 'Error < 5%'],
      image: 'fig/plot.png',
      notes: 'Say it slowly\nThen pause'
    },
    { title: 'Only a picture', bullets: [], image: 'fig/plot.png', notes: '' },
    { title: 'Questions?', bullets: [], image: 'fig/missing.png', notes: 'Thank them' }
  ],
  note: 'slides'
}

/** Every part of the zip, text for XML parts, each of which must parse. */
function unzipAll(bytes: Uint8Array): { text: Record<string, string>; raw: Record<string, Uint8Array> } {
  const raw = unzipSync(bytes)
  const text: Record<string, string> = {}
  for (const [name, data] of Object.entries(raw)) {
    if (!/\.(xml|rels)$/.test(name)) continue
    text[name] = strFromU8(data)
    expect(XMLValidator.validate(text[name]), name).toBe(true)
  }
  return { text, raw }
}

function opened(bytes: Uint8Array): SlideTemplate {
  const result = openTemplate(bytes)
  if (!result.ok) throw new Error(result.reason)
  return result.template
}

const layoutOf = (rels: string): string => /Type="[^"]*\/slideLayout" Target="([^"]+)"/.exec(rels)?.[1] ?? ''

describe('a deck built on a pptxgenjs template', async () => {
  const templateBytes = await pptxgenjsTemplate()
  const template = unzipSync(templateBytes)
  const built = await fillTemplate(opened(templateBytes), DECK, images)
  const { text, raw } = unzipAll(built.bytes)

  it('keeps the masters, layouts, theme, notes master and the logo byte for byte', () => {
    const kept = Object.keys(template).filter((n) => /^ppt\/(slideMasters|slideLayouts|theme|notesMasters)\//.test(n))
    expect(kept.length).toBeGreaterThan(6)
    for (const name of kept) expect(Buffer.from(raw[name]!).equals(Buffer.from(template[name]!)), name).toBe(true)
    expect(text['ppt/slideLayouts/slideLayout2.xml']).toContain('<a:srgbClr val="123456"/>')
    const logo = /Target="\.\.\/media\/([^"]+)"/.exec(text['ppt/slideLayouts/_rels/slideLayout2.xml.rels']!)?.[1]
    expect(logo && raw[`ppt/media/${logo}`]).toBeTruthy()
  })

  it('drops the example slide with its notes and picture', () => {
    const all = Object.values(text).join('\n')
    expect(all).not.toContain('Example slide of the template')
    expect(all).not.toContain('Notes of the example slide')
    const exampleImage = Buffer.from(tinyPng(6, 6, [9, 9, 9]))
    expect(Object.values(raw).some((data) => Buffer.from(data).equals(exampleImage))).toBe(false)
    expect(text['[Content_Types].xml']!.match(/slide\+xml/g)).toHaveLength(4)
  })

  it('puts each slide on the template layout, the first title-only one on the title-only layout', () => {
    expect(text['ppt/presentation.xml']!.match(/<p:sldId /g)).toHaveLength(4)
    const layouts = [1, 2, 3, 4].map((n) => layoutOf(text[`ppt/slides/_rels/slide${n}.xml.rels`]!))
    // pptxgenjs writes its default layout first, then the masters in order they were defined.
    expect(layouts).toEqual([
      '../slideLayouts/slideLayout3.xml',
      '../slideLayouts/slideLayout2.xml',
      '../slideLayouts/slideLayout2.xml',
      '../slideLayouts/slideLayout3.xml'
    ])
    expect(text['ppt/slides/slide2.xml']).toContain('<p:ph idx="102" type="body"/>')
    expect(text['ppt/slides/slide2.xml']).toContain('<p:ph idx="101" type="title"/>')
  })

  it('writes one paragraph per bullet in the body placeholder, the picture beside it and the notes', () => {
    const slide = text['ppt/slides/slide2.xml']!
    const body = /<p:sp>(?:(?!<\/p:sp>)[\s\S])*type="body"[\s\S]*?<\/p:sp>/.exec(slide)![0]
    expect(body.match(/<a:p>/g)).toHaveLength(2)
    expect(body).toContain('<a:t>Cells &amp; nuclei counted</a:t>')
    expect(body).toContain('<a:t>Error &lt; 5%</a:t>')
    const textLeft = Number(/<a:off x="(\d+)"/.exec(body)![1])
    const picture = /<p:pic>[\s\S]*?<\/p:pic>/.exec(slide)![0]
    expect(Number(/<a:off x="(\d+)"/.exec(picture)![1])).toBeGreaterThan(textLeft)
    const rels = text['ppt/slides/_rels/slide2.xml.rels']!
    const media = /Target="\.\.\/media\/([^"]+)"/.exec(rels)![1]!
    expect(Buffer.from(raw[`ppt/media/${media}`]!).equals(tinyPng(40, 20))).toBe(true)
    expect(text['[Content_Types].xml']).toMatch(/<Default Extension="png"/)
    const notes = /Target="\.\.\/notesSlides\/([^"]+)"/.exec(rels)![1]!
    expect(text[`ppt/notesSlides/${notes}`]).toContain(
      '<a:t>Say it slowly</a:t></a:r></a:p><a:p><a:r><a:t>Then pause</a:t>'
    )
    expect(text[`ppt/notesSlides/_rels/${notes}.rels`]).toContain('../notesMasters/notesMaster1.xml')
  })

  it('places a picture alone in the content area, without an empty body', () => {
    const slide = text['ppt/slides/slide3.xml']!
    expect(slide).not.toContain('type="body"')
    expect(slide).toContain('<p:pic>')
  })

  it('names what it left out, and reads back as the deck', () => {
    expect(built.lost).toEqual(['the picture `fig/missing.png` (not found in the repository)'])
    expect(checkOffice('pptx', built.bytes)).toBeNull()
    const read = readOffice('pptx', built.bytes)
    expect(read).toContain('## Slide 1\nWelcome')
    expect(read).toContain('## Slide 2\nResults\nCells & nuclei counted\nError < 5%')
    expect(read).toContain('Speaker notes: Say it slowly')
    expect(read).toContain('## Slide 4\nQuestions?')
    expect(read).toContain('Speaker notes: Thank them')
    expect(text['docProps/core.xml']).toContain('<dc:title>Lab &amp; meeting</dc:title>')
    expect(text['docProps/app.xml']).toContain('<Slides>4</Slides>')
  })
})

describe('a deck built on a template made the way PowerPoint makes them', () => {
  it('uses the typed layouts, takes the content area from the master and leaves the notes out', async () => {
    const templateBytes = handMadeTemplate()
    const built = await fillTemplate(opened(templateBytes), DECK, images)
    const { text, raw } = unzipAll(built.bytes)
    const template = unzipSync(templateBytes)
    for (const name of [
      'ppt/slideMasters/slideMaster1.xml',
      'ppt/theme/theme1.xml',
      'ppt/slideLayouts/slideLayout2.xml'
    ])
      expect(Buffer.from(raw[name]!).equals(Buffer.from(template[name]!)), name).toBe(true)
    const layouts = [1, 2, 3, 4].map((n) => layoutOf(text[`ppt/slides/_rels/slide${n}.xml.rels`]!))
    expect(layouts).toEqual([
      '../slideLayouts/slideLayout1.xml',
      '../slideLayouts/slideLayout2.xml',
      '../slideLayouts/slideLayout2.xml',
      '../slideLayouts/slideLayout3.xml'
    ])
    expect(text['ppt/slides/slide1.xml']).toContain('<p:ph type="ctrTitle"/>')
    expect(text['ppt/slides/slide2.xml']).toContain('<p:ph idx="1"/>')
    // The picture alone sits in the master's body area.
    const picture = /<p:pic>[\s\S]*?<\/p:pic>/.exec(text['ppt/slides/slide3.xml']!)![0]
    expect(Number(/<a:off x="\d+" y="(\d+)"/.exec(picture)![1])).toBe(MASTER_BODY.y)
    expect(Object.keys(raw).some((n) => n.includes('notesSlide'))).toBe(false)
    expect(built.lost).toContain('the speaker notes of 2 slides (the template has no notes master)')
    expect(text['ppt/presentation.xml']).toMatch(/<\/p:sldMasterIdLst><p:sldIdLst>.*<\/p:sldIdLst><p:sldSz/)
    expect(readOffice('pptx', built.bytes)).toContain('## Slide 2\nResults\nCells & nuclei counted')
  })
})

describe('what names the template slides', () => {
  it('drops custom shows (and says so) and sections, and makes a template saved as .potx a presentation', async () => {
    const parts = unzipSync(await pptxgenjsTemplate())
    const presentation = strFromU8(parts['ppt/presentation.xml']!)
    parts['ppt/presentation.xml'] = strToU8(
      presentation.replace(
        '</p:presentation>',
        '<p:custShowLst><p:custShow name="Short" id="0"><p:sldLst><p:sld r:id="rId2"/></p:sldLst></p:custShow></p:custShowLst>' +
          '<p:extLst><p:ext uri="{521415D9-36F7-43E2-AB2F-B90AF26B5E84}"><p14:sectionLst xmlns:p14="http://schemas.microsoft.com/office/powerpoint/2010/main"><p14:section name="Intro" id="{00000000-0000-0000-0000-000000000001}"><p14:sldIdLst><p14:sldId id="256"/></p14:sldIdLst></p14:section></p14:sectionLst></p:ext>' +
          '<p:ext uri="{EFAFB233-063F-42B5-8137-9DF3F51BA10A}"><p15:sldGuideLst xmlns:p15="http://schemas.microsoft.com/office/powerpoint/2012/main"/></p:ext></p:extLst></p:presentation>'
      )
    )
    parts['[Content_Types].xml'] = strToU8(
      strFromU8(parts['[Content_Types].xml']!).replace(
        'presentationml.presentation.main+xml',
        'presentationml.template.main+xml'
      )
    )
    const built = await fillTemplate(opened(zipSync(parts)), DECK, images)
    const { text } = unzipAll(built.bytes)
    expect(text['ppt/presentation.xml']).not.toContain('custShowLst')
    expect(text['ppt/presentation.xml']).not.toContain('sectionLst')
    expect(text['ppt/presentation.xml']).toContain('sldGuideLst')
    expect(text['[Content_Types].xml']).toContain('presentationml.presentation.main+xml')
    expect(built.lost).toContain("the template's custom slide shows")
  })
})

describe('a template whose XML uses other prefixes', () => {
  it('is read and filled as the same template: pml: for p:, d: for a:, rel: for r:', async () => {
    const original = await pptxgenjsTemplate()
    const templateBytes = renamePrefixes(original, { p: 'pml', a: 'd', r: 'rel' })
    const template = opened(templateBytes)
    const same = opened(original)
    expect({ ...template, parts: null }).toEqual({ ...same, parts: null })
    const built = await fillTemplate(template, DECK, images)
    expect(checkOffice('pptx', built.bytes)).toBeNull()
    const { text, raw } = unzipAll(built.bytes)
    const kept = unzipSync(templateBytes)
    for (const name of Object.keys(kept).filter((n) => /^ppt\/(slideMasters|slideLayouts|theme)\//.test(n)))
      expect(Buffer.from(raw[name]!).equals(Buffer.from(kept[name]!)), name).toBe(true)
    // The new slide list in the presentation's own prefixes, where the schema wants it.
    expect(text['ppt/presentation.xml']).toMatch(
      /<\/pml:sldMasterIdLst>(?:<pml:notesMasterIdLst>.*<\/pml:notesMasterIdLst>)?<pml:sldIdLst><pml:sldId id="256" rel:id="rId\d+"\/>/
    )
    expect(text['ppt/presentation.xml']).not.toContain('<p:')
    const read = readOffice('pptx', built.bytes)
    expect(read).toBe(readOffice('pptx', (await fillTemplate(same, DECK, images)).bytes))
    expect(read).toContain('## Slide 2\nResults\nCells & nuclei counted\nError < 5%')
    expect(read).toContain('Speaker notes: Say it slowly Then pause')
  })
})
