import { randomBytes } from 'node:crypto'
import { strFromU8, unzipSync } from 'fflate'
import { describe, expect, it } from 'vitest'
import { implement } from '../../../../src/commands/implement/implement.ts'
import type { Plan } from '../../../../src/commands/implement/plan.ts'
import { mediaFileKind } from '../../../../src/commands/implement/write-media.ts'
import type { Outcome } from '../../../../src/commands/types.ts'
import type { MediaModels } from '../../../../src/llm/media.ts'
import { parseModelSpec } from '../../../../src/llm/providers.ts'
import { readOffice } from '../../../../src/media/read-office.ts'
import { buildDeck, buildDocument, buildWorkbook } from '../../../../src/media/write-office.ts'
import { changePorts, conversationContext } from '../../../fakes/conversation-context.ts'
import { tinyMp3, tinyPng } from '../../../fakes/media-bytes.ts'
import { MemoryWorkspace } from '../../../fakes/memory-workspace.ts'
import { oddTemplate, pptxgenjsTemplate } from '../../../fakes/slide-templates.ts'
import { ScriptedModel, type Answer } from '../../../fakes/scripted-model.ts'

function plan(...actions: { action?: 'create' | 'modify'; path: string }[]): Plan {
  return {
    title: 'Media',
    summary: 'Files that are not text.',
    actions: actions.map((a) => ({ action: 'create', source: null, reason: 'asked for', ...a }))
  }
}

function changes(outcome: Outcome): Extract<Outcome, { kind: 'changes' }> {
  if (outcome.kind !== 'changes') throw new Error(`expected changes, got ${JSON.stringify(outcome)}`)
  return outcome
}

/** Picture and speech models that answer with tiny real files and remember what they were asked. */
function fakeMedia(provider = 'openai'): MediaModels & { asked: string[] } {
  const asked: string[] = []
  const spec = parseModelSpec(provider === 'openai' ? 'openai:gpt-image-1' : 'google:gemini-2.5-flash-image')
  const speaker = parseModelSpec(provider === 'openai' ? 'openai:gpt-4o-mini-tts' : 'google:tts')
  return {
    asked,
    image: { ok: true, spec },
    speech: { ok: true, spec: speaker },
    async paint(prompt) {
      asked.push(prompt)
      return { bytes: tinyPng(), mediaType: 'image/png', model: spec.id }
    },
    async speak(text, format) {
      asked.push(text)
      // Gemini speaks PCM, which llm/media.ts makes into the file asked for.
      const encoded = provider === 'openai' ? null : { sampleRate: 24000, kbps: format === 'mp3' ? 64 : null }
      return { bytes: tinyMp3(), format, model: speaker.id, encoded }
    }
  }
}

async function run(ws: MemoryWorkspace, script: Answer[], media?: MediaModels) {
  const model = new ScriptedModel(...script)
  const outcome = await implement(conversationContext(model, changePorts(ws), media ? { media } : {}), 'pull-request')
  return { outcome, model }
}

const SLIDE = { title: 'Results', bullets: ['Cells were counted'], image: null, notes: 'Say this first' }

describe('files that are not text, in implement', () => {
  it('knows which files it writes', () => {
    expect(['a.PPTX', 'b.docx', 'c.xlsx', 'd.mp3', 'e.wav', 'f.png', 'g.txt', 'h.pdf'].map(mediaFileKind)).toEqual([
      'pptx',
      'docx',
      'xlsx',
      'speech',
      'speech',
      'picture',
      null,
      null
    ])
  })

  it('builds a deck from scratch, and says why the repository template could not be used', async () => {
    const ws = new MemoryWorkspace({ 'slide_template.pptx': new Uint8Array([0, 1]) })
    const { outcome, model } = await run(ws, [
      plan({ path: 'talk.pptx' }),
      { title: 'Talk', slides: [SLIDE], note: 'the talk' }
    ])
    expect(model.purposes).toEqual(['plan', 'write talk.pptx'])
    const bytes = ws.files.get('talk.pptx') as Uint8Array
    expect(readOffice('pptx', bytes)).toContain('Cells were counted')
    const file = changes(outcome).files[0]!
    expect(file.note).toBe('the talk')
    expect(file.details).toMatch(
      /`slide_template\.pptx` was not used \(it cannot be opened: not a zip archive.*\): the slides were built from scratch/
    )
  })

  it('masks a secret in any text the model puts into a deck, a document or a workbook', async () => {
    const ws = new MemoryWorkspace()
    const secret = 'sk-secret-123'
    await run(ws, [
      plan({ path: 'talk.pptx' }, { path: 'report.docx' }, { path: 'table.xlsx' }),
      { title: `Talk ${secret}`, slides: [{ ...SLIDE, bullets: [`key ${secret}`], notes: secret }], note: 'talk' },
      {
        title: 'Report',
        blocks: [{ kind: 'paragraph', level: null, text: `key ${secret}`, items: null, rows: null, image: null }],
        note: 'report'
      },
      { sheets: [{ name: 'Keys', rows: [['key', secret]], formulas: [] }], note: 'table' }
    ])
    const written = ['talk.pptx', 'report.docx', 'table.xlsx'].map((path) => ws.files.get(path) as Uint8Array)
    expect(written.every((bytes) => bytes instanceof Uint8Array)).toBe(true)
    for (const [i, kind] of (['pptx', 'docx', 'xlsx'] as const).entries()) {
      const text = readOffice(kind, written[i]!)
      expect(text).toContain('***')
      expect(text).not.toContain(secret)
    }
  })

  it('builds a deck on the repository template and says so', async () => {
    const template = await pptxgenjsTemplate()
    const ws = new MemoryWorkspace({ 'slide_template.pptx': template })
    const { outcome } = await run(ws, [
      plan({ path: 'talk.pptx' }),
      { title: 'Talk', slides: [SLIDE], note: 'the talk' }
    ])
    const parts = unzipSync(ws.files.get('talk.pptx') as Uint8Array)
    const theme = 'ppt/theme/theme1.xml'
    expect(Buffer.from(parts[theme]!).equals(Buffer.from(unzipSync(template)[theme]!))).toBe(true)
    expect(strFromU8(parts['ppt/slides/_rels/slide1.xml.rels']!)).toContain('../slideLayouts/slideLayout2.xml')
    const file = changes(outcome).files[0]!
    expect(file.details).toBe(
      "The deck starts from the repository's `slide_template.pptx`: its slide masters, layouts and theme are kept; its own 1 slide was left out."
    )
    expect(readOffice('pptx', ws.files.get('talk.pptx') as Uint8Array)).toContain('Speaker notes: Say this first')
  })

  it('says when the template has no layout for title and bullets', async () => {
    const ws = new MemoryWorkspace({ 'slide_template.pptx': await oddTemplate() })
    const { outcome } = await run(ws, [
      plan({ path: 'talk.pptx' }),
      { title: 'Talk', slides: [SLIDE], note: 'the talk' }
    ])
    expect(changes(outcome).files[0]!.details).toContain(
      'was not used (none of its 2 layouts has both a title and a body placeholder)'
    )
    expect(readOffice('pptx', ws.files.get('talk.pptx') as Uint8Array)).toContain('Cells were counted')
  })

  it('puts in only the pictures the model may read: not what .gitbobignore hides, not .git', async () => {
    const ws = new MemoryWorkspace({
      '.gitbobignore': 'private/\n',
      'private/face.png': tinyPng(),
      '.git/logo.png': tinyPng(),
      'figs/plot.png': tinyPng()
    })
    const slide = (image: string) => ({ ...SLIDE, title: image, image })
    const { outcome } = await run(ws, [
      plan({ path: 'talk.pptx' }),
      {
        title: 'Talk',
        slides: [
          slide('private/face.png'),
          slide('figs/../private/face.png'),
          slide('.git/logo.png'),
          slide('figs/plot.png')
        ],
        note: 'the talk'
      }
    ])
    const media = Object.keys(unzipSync(ws.files.get('talk.pptx') as Uint8Array)).filter(
      (n) => n.startsWith('ppt/media/') && !n.endsWith('/')
    )
    expect(media).toHaveLength(1)
    const details = changes(outcome).files[0]!.details ?? ''
    for (const hidden of ['private/face.png', 'figs/../private/face.png', '.git/logo.png'])
      expect(details).toContain(`the picture \`${hidden}\` (not found in the repository)`)
    expect(details).not.toContain('figs/plot.png')
  })

  it('does not read or change an existing document larger than max-file-bytes, and asks the model nothing for it', async () => {
    const big = new Uint8Array(150_000).fill(7)
    big[0] = 0
    const ws = new MemoryWorkspace({ 'big.docx': big })
    const { outcome, model } = await run(ws, [plan({ action: 'modify', path: 'big.docx' })])
    expect(model.purposes).toEqual(['plan'])
    expect(outcome.kind === 'reply' && outcome.body).toContain(
      '`big.docx` (modify) was not changed: it has 150,000 bytes, more than the limit of 100,000 for a file git-bob writes'
    )
  })

  it('does not hand the model an existing workbook or document whose text is too long to change through it', async () => {
    const rows = Array.from({ length: 3000 }, (_, i) => [`sample ${i} of the long series`, i])
    const book = (await buildWorkbook({ sheets: [{ name: 'A', rows, formulas: [] }], note: '' })).bytes
    const blocks = Array.from({ length: 80 }, (_, i) => ({
      kind: 'paragraph' as const,
      text: `${i} ${'All cells were counted twice. '.repeat(30)}`,
      level: null,
      items: null,
      rows: null,
      image: null
    }))
    const doc = (await buildDocument({ title: 'T', blocks, note: '' }, async () => null)).bytes
    const ws = new MemoryWorkspace({ 'book.xlsx': book, 'report.docx': doc })
    const { outcome, model } = await run(ws, [
      plan({ action: 'modify', path: 'book.xlsx' }, { action: 'modify', path: 'report.docx' })
    ])
    expect(model.purposes).toEqual(['plan'])
    const body = outcome.kind === 'reply' ? outcome.body : ''
    expect(body).toMatch(
      /`book\.xlsx` \(modify\) was not changed: its text has more than the 60,000 characters git-bob hands the model/
    )
    expect(body).toMatch(/`report\.docx` \(modify\) was not changed: its text has more than the 60,000 characters/)
    expect(body).toContain('change it with a notebook or a script instead')
    expect(ws.files.get('book.xlsx')).toBe(book)
  })

  it('sends content that does not make a valid file back once with the problem', async () => {
    const ws = new MemoryWorkspace({})
    const { outcome, model } = await run(ws, [
      plan({ path: 'book.xlsx' }),
      { sheets: [{ name: 'A', rows: [[randomBytes(120_000).toString('base64')]], formulas: [] }], note: 'too big' },
      { sheets: [{ name: 'A', rows: [['x', 1]], formulas: [] }], note: 'small' }
    ])
    expect(model.purposes).toEqual(['plan', 'write book.xlsx', 'write book.xlsx (again)'])
    expect(model.lastMessage(2)).toContain('more than the limit')
    expect(changes(outcome).files[0]!.note).toBe('small')
    expect(readOffice('xlsx', ws.files.get('book.xlsx') as Uint8Array)).toContain('| x | 1 |')
  })

  it('translates a deck in place: pictures and layout kept, what was lost said', async () => {
    const original = (await buildDeck({ title: 'T', slides: [SLIDE], note: '' }, async () => null)).bytes
    const ws = new MemoryWorkspace({ 'talk.pptx': original })
    const { outcome, model } = await run(ws, [
      plan({ action: 'modify', path: 'talk.pptx' }),
      {
        paragraphs: [
          { index: 0, text: 'Ergebnisse' },
          { index: 1, text: 'Zellen wurden gezählt & <geprüft>' }
        ],
        note: 'translated to German'
      }
    ])
    const listing = model.lastMessage(1)
    expect(listing).toContain('[0] Results')
    expect(listing).toContain('(speaker notes) Say this first')
    const text = readOffice('pptx', ws.files.get('talk.pptx') as Uint8Array)
    expect(text).toContain('Ergebnisse\nZellen wurden gezählt & <geprüft>')
    expect(text).toContain('Speaker notes: Say this first')
    expect(changes(outcome).files[0]!.details).toContain('changed in place')
  })

  it('records speech: the model writes the words, the speech model speaks them, the PR quotes them', async () => {
    const ws = new MemoryWorkspace({})
    const media = fakeMedia()
    const { outcome } = await run(ws, [plan({ path: 'summary.mp3' }), { text: 'Hello lab.', note: 'a summary' }], media)
    expect(media.asked).toEqual(['Hello lab.'])
    expect(Buffer.from(ws.files.get('summary.mp3') as Uint8Array)).toEqual(tinyMp3())
    const file = changes(outcome).files[0]!
    expect(file.note).toBe('a summary (spoken by openai:gpt-4o-mini-tts)')
    expect(file.details).toContain('> Hello lab.')
  })

  it("says that git-bob encoded Gemini's PCM as the MP3", async () => {
    const ws = new MemoryWorkspace({})
    const { outcome } = await run(ws, [plan({ path: 'a.mp3' }), { text: 'Hello lab.', note: 'a summary' }], {
      ...fakeMedia('google')
    })
    expect(ws.files.has('a.mp3')).toBe(true)
    const file = changes(outcome).files[0]!
    expect(file.note).toBe('a summary (spoken by google:tts)')
    expect(file.details).toContain(
      'google:tts spoke raw 16-bit PCM (24 kHz, mono); git-bob encoded it as MP3 (64 kbit/s) with lamejs.'
    )
    expect(file.details).toContain('> Hello lab.')
  })

  it('says why there is no picture without an image model', async () => {
    const ws = new MemoryWorkspace({})
    const { outcome } = await run(ws, [plan({ path: 'b.png' })], {
      ...fakeMedia('google'),
      image: { ok: false, reason: 'no pictures here' }
    })
    if (outcome.kind !== 'reply') throw new Error('expected a reply')
    expect(outcome.body).toContain('`b.png` (create) was not changed: no image model: no pictures here.')
  })
})
