// Slide templates for the tests, made here rather than committed: one by pptxgenjs (slide masters with
// title and body placeholders, a background colour, a logo, one example slide with notes and a
// picture), one made by hand the way PowerPoint writes them (typed layouts whose placeholders inherit
// their place from the master, no notes master, no slides), and an odd one without a body placeholder.
import { strToU8, zipSync } from 'fflate'
import { tinyPng } from './media-bytes.ts'

async function pptxgenjs() {
  const mod = await import('pptxgenjs')
  type Constructor = (typeof mod)['default']['default']
  const loaded = mod.default as unknown as Constructor | { default: Constructor }
  return 'default' in loaded ? loaded.default : loaded
}

const png = (bytes: Uint8Array): string => `data:image/png;base64,${Buffer.from(bytes).toString('base64')}`

/** A template with a "TITLE_AND_CONTENT" and a "TITLE_ONLY" layout, and one example slide. */
export async function pptxgenjsTemplate(): Promise<Uint8Array> {
  const PptxGenJS = await pptxgenjs()
  const pptx = new PptxGenJS()
  pptx.layout = 'LAYOUT_16x9'
  pptx.defineSlideMaster({
    title: 'TITLE_AND_CONTENT',
    background: { color: '123456' },
    objects: [
      { image: { x: 9, y: 5, w: 0.5, h: 0.5, data: png(tinyPng(8, 8, [0, 200, 0])) } },
      { placeholder: { options: { name: 'title', type: 'title', x: 0.5, y: 0.2, w: 9, h: 0.8 }, text: '' } },
      { placeholder: { options: { name: 'body', type: 'body', x: 0.5, y: 1.2, w: 9, h: 3.8 }, text: '' } }
    ]
  })
  pptx.defineSlideMaster({
    title: 'TITLE_ONLY',
    background: { color: '654321' },
    objects: [{ placeholder: { options: { name: 'title', type: 'title', x: 0.5, y: 2, w: 9, h: 1 }, text: '' } }]
  })
  const example = pptx.addSlide({ masterName: 'TITLE_AND_CONTENT' })
  example.addText('Example slide of the template', { placeholder: 'title' })
  example.addImage({ x: 1, y: 1, w: 1, h: 1, data: png(tinyPng(6, 6, [9, 9, 9])) })
  example.addNotes('Notes of the example slide')
  const out = await pptx.write({ outputType: 'nodebuffer' })
  return new Uint8Array(out as Buffer)
}

/** A template whose only layout has a title and no body placeholder. */
export async function oddTemplate(): Promise<Uint8Array> {
  const PptxGenJS = await pptxgenjs()
  const pptx = new PptxGenJS()
  pptx.defineSlideMaster({
    title: 'ONLY_A_TITLE',
    objects: [{ placeholder: { options: { name: 'title', type: 'title', x: 0.5, y: 2, w: 9, h: 1 }, text: '' } }]
  })
  return new Uint8Array((await pptx.write({ outputType: 'nodebuffer' })) as Buffer)
}

const NS =
  'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" xmlns:p="http://schemas.openxmlformats.org/presentationml/2006/main"'
const R = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships'
const CT = 'application/vnd.openxmlformats-officedocument.presentationml'

function rels(...targets: [string, string][]): Uint8Array {
  return strToU8(
    `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${targets
      .map(([type, target], i) => `<Relationship Id="rId${i + 1}" Type="${R}/${type}" Target="${target}"/>`)
      .join('')}</Relationships>`
  )
}

function shape(id: number, ph: string, xfrm = ''): string {
  return `<p:sp><p:nvSpPr><p:cNvPr id="${id}" name="Placeholder ${id}"/><p:cNvSpPr/><p:nvPr>${ph}</p:nvPr></p:nvSpPr><p:spPr>${xfrm}</p:spPr><p:txBody><a:bodyPr/><a:lstStyle/><a:p><a:endParaRPr/></a:p></p:txBody></p:sp>`
}

function tree(shapes: string): string {
  return `<p:cSld><p:spTree><p:nvGrpSpPr><p:cNvPr id="1" name=""/><p:cNvGrpSpPr/><p:nvPr/></p:nvGrpSpPr><p:grpSpPr/>${shapes}</p:spTree></p:cSld>`
}

/** Where the hand-made master puts its body: layouts without a place of their own inherit it. */
export const MASTER_BODY = { x: 838200, y: 1825625, cx: 10515600, cy: 4351338 }

/** PowerPoint's way: "Title Slide", "Title and Content" (type obj, body without type) and "Title Only" layouts. */
export function handMadeTemplate(): Uint8Array {
  const layout = (type: string, name: string, shapes: string) =>
    strToU8(
      `<?xml version="1.0" encoding="UTF-8"?><p:sldLayout ${NS} type="${type}" preserve="1">${tree(shapes).replace('<p:cSld>', `<p:cSld name="${name}">`)}<p:clrMapOvr><a:masterClrMapping/></p:clrMapOvr></p:sldLayout>`
    )
  const xfrm = (b: typeof MASTER_BODY) =>
    `<a:xfrm><a:off x="${b.x}" y="${b.y}"/><a:ext cx="${b.cx}" cy="${b.cy}"/></a:xfrm>`
  const masterRels: [string, string][] = [1, 2, 3].map((n) => ['slideLayout', `../slideLayouts/slideLayout${n}.xml`])
  return zipSync({
    '[Content_Types].xml': strToU8(
      `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/ppt/presentation.xml" ContentType="${CT}.presentation.main+xml"/><Override PartName="/ppt/slideMasters/slideMaster1.xml" ContentType="${CT}.slideMaster+xml"/>${[1, 2, 3].map((n) => `<Override PartName="/ppt/slideLayouts/slideLayout${n}.xml" ContentType="${CT}.slideLayout+xml"/>`).join('')}<Override PartName="/ppt/theme/theme1.xml" ContentType="application/vnd.openxmlformats-officedocument.theme+xml"/></Types>`
    ),
    '_rels/.rels': rels(['officeDocument', 'ppt/presentation.xml']),
    'ppt/presentation.xml': strToU8(
      `<?xml version="1.0" encoding="UTF-8"?><p:presentation ${NS}><p:sldMasterIdLst><p:sldMasterId id="2147483648" r:id="rId1"/></p:sldMasterIdLst><p:sldSz cx="12192000" cy="6858000"/><p:notesSz cx="6858000" cy="9144000"/></p:presentation>`
    ),
    'ppt/_rels/presentation.xml.rels': rels(
      ['slideMaster', 'slideMasters/slideMaster1.xml'],
      ['theme', 'theme/theme1.xml']
    ),
    'ppt/slideMasters/slideMaster1.xml': strToU8(
      `<?xml version="1.0" encoding="UTF-8"?><p:sldMaster ${NS}><p:cSld><p:bg><p:bgPr><a:solidFill><a:srgbClr val="FFEEDD"/></a:solidFill><a:effectLst/></p:bgPr></p:bg>${tree(
        shape(2, '<p:ph type="title"/>', xfrm({ x: 838200, y: 365125, cx: 10515600, cy: 1325563 })) +
          shape(3, '<p:ph type="body" idx="1"/>', xfrm(MASTER_BODY))
      ).slice(
        '<p:cSld>'.length
      )}<p:clrMap bg1="lt1" tx1="dk1" bg2="lt2" tx2="dk2" accent1="accent1" accent2="accent2" accent3="accent3" accent4="accent4" accent5="accent5" accent6="accent6" hlink="hlink" folHlink="folHlink"/><p:sldLayoutIdLst>${[1, 2, 3].map((n) => `<p:sldLayoutId id="${2147483648 + n}" r:id="rId${n}"/>`).join('')}</p:sldLayoutIdLst></p:sldMaster>`
    ),
    'ppt/slideMasters/_rels/slideMaster1.xml.rels': rels(...masterRels, ['theme', '../theme/theme1.xml']),
    'ppt/slideLayouts/slideLayout1.xml': layout(
      'title',
      'Title Slide',
      shape(2, '<p:ph type="ctrTitle"/>') + shape(3, '<p:ph type="subTitle" idx="1"/>')
    ),
    'ppt/slideLayouts/slideLayout2.xml': layout(
      'obj',
      'Title and Content',
      shape(2, '<p:ph type="title"/>') + shape(3, '<p:ph idx="1"/>')
    ),
    'ppt/slideLayouts/slideLayout3.xml': layout('titleOnly', 'Title Only', shape(2, '<p:ph type="title"/>')),
    ...Object.fromEntries(
      [1, 2, 3].map((n) => [
        `ppt/slideLayouts/_rels/slideLayout${n}.xml.rels`,
        rels(['slideMaster', '../slideMasters/slideMaster1.xml'])
      ])
    ),
    'ppt/theme/theme1.xml': strToU8(
      `<?xml version="1.0" encoding="UTF-8"?><a:theme xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" name="Hand"><a:themeElements><a:clrScheme name="Hand"><a:dk1><a:srgbClr val="000000"/></a:dk1></a:clrScheme><a:fontScheme name="Hand"><a:majorFont><a:latin typeface="Georgia"/></a:majorFont><a:minorFont><a:latin typeface="Verdana"/></a:minorFont></a:fontScheme></a:themeElements></a:theme>`
    )
  })
}
