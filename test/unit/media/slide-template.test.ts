import { describe, expect, it } from 'vitest'
import { strToU8, zipSync } from 'fflate'
import { openTemplate, reachable, relationships } from '../../../src/media/slide-template.ts'
import { handMadeTemplate, MASTER_BODY, oddTemplate, pptxgenjsTemplate } from '../../fakes/slide-templates.ts'

describe('a slide template read', () => {
  it('finds the title-and-content, title-only and title-slide layouts PowerPoint types', () => {
    const opened = openTemplate(handMadeTemplate())
    if (!opened.ok) throw new Error(opened.reason)
    const t = opened.template
    expect(t.content.part).toBe('ppt/slideLayouts/slideLayout2.xml')
    expect(t.content.body.attributes).toBe(' idx="1"')
    expect(t.content.body.box).toEqual(MASTER_BODY)
    expect(t.titleOnly?.part).toBe('ppt/slideLayouts/slideLayout3.xml')
    expect(t.titleSlide?.title.type).toBe('ctrTitle')
    expect(t.notesMaster).toBeNull()
    expect(t.slides).toEqual([])
    expect(t.size).toEqual({ cx: 12192000, cy: 6858000 })
  })

  it('finds layouts by their placeholders when they are not typed (pptxgenjs)', async () => {
    const opened = openTemplate(await pptxgenjsTemplate())
    if (!opened.ok) throw new Error(opened.reason)
    expect(opened.template.content.body.box).toEqual({ x: 457200, y: 1097280, cx: 8229600, cy: 3474720 })
    expect(opened.template.titleOnly?.part).toBe('ppt/slideLayouts/slideLayout3.xml')
    expect(opened.template.notesMaster).toBe('ppt/notesMasters/notesMaster1.xml')
    expect(opened.template.slides).toEqual(['ppt/slides/slide1.xml'])
  })

  it('says why a template cannot be used', async () => {
    expect(openTemplate(new Uint8Array([1, 2, 3]))).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/^it cannot be opened: not a zip archive/)
    })
    expect(openTemplate(await oddTemplate())).toEqual({
      ok: false,
      reason: 'none of its 2 layouts has both a title and a body placeholder'
    })
    const noPresentation = zipSync({ '[Content_Types].xml': strToU8('<Types/>') })
    expect(openTemplate(noPresentation)).toMatchObject({ ok: false, reason: expect.stringContaining('is missing') })
  })
})

describe('package relationships', () => {
  it('resolves targets relative to the part, skips external ones and follows them transitively', () => {
    const parts = {
      '_rels/.rels': strToU8(
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="r1" Type="x/officeDocument" Target="ppt/p.xml"/></Relationships>'
      ),
      'ppt/p.xml': strToU8('<p/>'),
      'ppt/_rels/p.xml.rels': strToU8(
        `<Relationships xmlns='http://schemas.openxmlformats.org/package/2006/relationships'><Relationship Type='x/slide' Id='r2' Target='slides/s.xml'/><Relationship Id="r3" Type="x/hyperlink" Target="https://example.org" TargetMode="External"/></Relationships>`
      ),
      'ppt/slides/s.xml': strToU8('<s/>'),
      'ppt/slides/_rels/s.xml.rels': strToU8(
        '<rel:Relationships xmlns:rel="http://schemas.openxmlformats.org/package/2006/relationships"><rel:Relationship Id="r1" Type="x/image" Target="../media/a%20b.png"/></rel:Relationships>'
      ),
      'ppt/media/a b.png': new Uint8Array([1])
    }
    expect(relationships(parts, 'ppt/p.xml')).toEqual([
      { id: 'r2', type: 'slide', target: 'ppt/slides/s.xml' },
      { id: 'r3', type: 'hyperlink', target: null }
    ])
    expect([...reachable(parts, [''])].sort()).toEqual(['', 'ppt/media/a b.png', 'ppt/p.xml', 'ppt/slides/s.xml'])
  })
})
