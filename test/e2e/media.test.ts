// The built action with files beyond text: slides, documents, workbooks and a recording written by
// implement, a picture painted, documents attached to an issue read. Each written file is checked
// here by an independent reader (a zip + XML parse for Office files, the PNG and MP3 headers).
import { describe, expect, it } from 'vitest'
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate'
import { XMLValidator } from 'fast-xml-parser'
import { GitRemote } from '../fakes/git-remote.ts'
import { looksLikeMp3, tinyPdf, tinyPng } from '../fakes/media-bytes.ts'
import { decodeMp3, mpg123, walkMp3 } from '../fakes/mp3.ts'
import { pptxgenjsTemplate } from '../fakes/slide-templates.ts'
import { deckWithPictures, markupBomb } from '../fakes/office-bytes.ts'
import { pandasWorkbook, pythonOffice, PYTHON_OFFICE_MISSING } from '../fakes/python-office.ts'
import type { ChatRequest } from '../fakes/openai.ts'
import { useStage } from './scenario.ts'

// Office files written and read back, speech encoded as MP3, a zip bomb of markup read: CPU work in the child,
// up to 20 s a test on a quiet 2-core machine, several times that on a busy one or with two suites at once.
const HEAVY = { timeout: 120_000 }
const stage = useStage({ timeoutMs: HEAVY.timeout - 10_000 })

function answerBySchema(answers: Record<string, (request: ChatRequest) => unknown>): void {
  stage.model.fallback = (request) => {
    const schema = request.response_format?.json_schema?.name ?? ''
    const answer = answers[schema]
    return answer ? JSON.stringify(answer(request)) : 'A plain answer.'
  }
}

/** Every XML part parses; returns the parts' text by name. */
function officeParts(bytes: Uint8Array): Record<string, string> {
  const parts = unzipSync(bytes)
  expect(parts['[Content_Types].xml']).toBeDefined()
  const out: Record<string, string> = {}
  for (const [name, data] of Object.entries(parts)) {
    out[name] = /\.(xml|rels)$/.test(name) ? strFromU8(data) : `(${data.length} bytes)`
    if (/\.(xml|rels)$/.test(name)) expect(XMLValidator.validate(out[name]), name).toBe(true)
  }
  return out
}

/** The inputs of a run whose model is Gemini, served by the Gemini stand-in. */
const geminiInputs = (): Record<string, string> => ({
  model: 'gemini:gemini-2.5-flash',
  'google-api-key': 'AIzaSyE2eKey00000000000000000000000000000',
  'base-url': stage.gemini.url
})

const isPng = (bytes: Uint8Array): boolean => Buffer.from(bytes.subarray(0, 8)).equals(tinyPng().subarray(0, 8))

describe('the built action with slides, documents, workbooks, recordings and pictures', HEAVY, () => {
  it('implement: writes a deck with a repository picture, a document, a workbook and an MP3, and commits them', async () => {
    const repo = new GitRemote({ 'README.md': '# Hello-World\n', 'fig/cells.png': tinyPng(30, 20) })
    answerBySchema({
      change_plan: () => ({
        title: 'Add the lab meeting material',
        summary: 'Slides, a report, the counts and an audio summary.',
        actions: ['talk/slides.pptx', 'talk/report.docx', 'talk/counts.xlsx', 'talk/summary.mp3'].map((path) => ({
          action: 'create',
          path,
          source: null,
          reason: 'asked for'
        }))
      }),
      slides: () => ({
        title: 'Lab meeting',
        slides: [{ title: 'Cell counts', bullets: ['Mitosis is rare'], image: 'fig/cells.png', notes: 'Start here' }],
        note: 'the talk'
      }),
      document: () => ({
        title: 'Report',
        blocks: [
          { kind: 'heading', level: 1, text: 'Findings', items: null, rows: null, image: null },
          {
            kind: 'table',
            level: null,
            text: null,
            items: null,
            rows: [
              ['dish', 'cells'],
              ['A', '12']
            ],
            image: null
          }
        ],
        note: 'the report'
      }),
      workbook: () => ({
        sheets: [
          {
            name: 'Counts',
            rows: [
              ['dish', 'cells'],
              ['A', 12],
              ['B', 30]
            ],
            formulas: []
          }
        ],
        note: 'the counts'
      }),
      speech: () => ({ text: 'Dish B had the most cells.', note: 'an audio summary' })
    })
    const run = await stage.comment(
      { body: 'Make the lab meeting material. git-bob implement' },
      { workspace: repo.workspace }
    )

    expect(run.code, stage.said(run)).toBe(0)
    const branch = 'git-bob/issue-1'
    const deck = officeParts(repo.bytes(branch, 'talk/slides.pptx'))
    expect(deck['ppt/slides/slide1.xml']).toContain('Mitosis is rare')
    expect(Object.keys(deck).some((n) => n.startsWith('ppt/media/'))).toBe(true)
    expect(Object.keys(deck).some((n) => n.startsWith('ppt/notesSlides/'))).toBe(true)
    const doc = officeParts(repo.bytes(branch, 'talk/report.docx'))
    expect(doc['word/document.xml']).toContain('Findings')
    expect(doc['word/document.xml']).toContain('<w:tbl>')
    const book = officeParts(repo.bytes(branch, 'talk/counts.xlsx'))
    expect(book['xl/workbook.xml']).toContain('name="Counts"')
    expect(looksLikeMp3(repo.bytes(branch, 'talk/summary.mp3'))).toBe(true)
    expect(stage.model.mediaRequests.map((r) => r.path)).toEqual(['/v1/audio/speech'])
    expect(stage.model.mediaRequests[0]!.body, stage.said(run)).toMatchObject({
      input: 'Dish B had the most cells.',
      model: 'gpt-4o-mini-tts'
    })

    const pull = stage.github.pullRequests[0]!
    expect(pull.body, stage.said(run)).toContain('> Dish B had the most cells.')
    expect(pull.body, stage.said(run)).toContain('`talk/slides.pptx`')
    const comment = stage.github.postedComments(1)[0]!.body
    expect(comment).toContain('speech model: gpt-4o-mini-tts via openai')
  })

  it('implement: builds the deck on the repository slide_template.pptx', async () => {
    const template = await pptxgenjsTemplate()
    const repo = new GitRemote({
      'README.md': '# Hello-World\n',
      'slide_template.pptx': template,
      'fig/cells.png': tinyPng(30, 20)
    })
    answerBySchema({
      change_plan: () => ({
        title: 'Add the talk',
        summary: 'Slides on the template.',
        actions: [{ action: 'create', path: 'talk/slides.pptx', source: null, reason: 'asked for' }]
      }),
      slides: () => ({
        title: 'Lab meeting',
        slides: [{ title: 'Cell counts', bullets: ['Mitosis is rare'], image: 'fig/cells.png', notes: 'Start here' }],
        note: 'the talk'
      })
    })
    const run = await stage.comment({ body: 'Make the talk. git-bob implement' }, { workspace: repo.workspace })

    expect(run.code, stage.said(run)).toBe(0)
    const committed = repo.bytes('git-bob/issue-1', 'talk/slides.pptx')
    const deck = officeParts(committed)
    const raw = unzipSync(committed)
    const original = unzipSync(template)
    for (const part of [
      'ppt/slideMasters/slideMaster1.xml',
      'ppt/theme/theme1.xml',
      'ppt/slideLayouts/slideLayout2.xml'
    ])
      expect(Buffer.from(raw[part]!).equals(Buffer.from(original[part]!)), part).toBe(true)
    expect(deck['ppt/slides/_rels/slide1.xml.rels']).toContain('Target="../slideLayouts/slideLayout2.xml"')
    expect(deck['ppt/slides/slide1.xml']).toContain('<a:t>Mitosis is rare</a:t>')
    expect(deck['ppt/slides/slide1.xml']).toContain('<p:pic>')
    expect(JSON.stringify(deck)).not.toContain('Example slide of the template')
    const pull = stage.github.pullRequests[0]!
    expect(pull.body, stage.said(run)).toContain("The deck starts from the repository's `slide_template.pptx`")
    expect(pull.body, stage.said(run)).not.toContain('was not used')
  })

  it('implement with Gemini: the speech model speaks PCM, and git-bob commits it encoded as a real MP3', async () => {
    const repo = new GitRemote({ 'README.md': '# Hello-World\n' })
    const words = 'Dish B had the most cells, twice as many as dish A, and the counts agree with last week.'
    stage.gemini.fallback = (request) => {
      // Gemini's structured answers carry no schema name: the schema's fields say which answer is asked for.
      const fields = Object.keys(
        (request.generationConfig?.responseJsonSchema as { properties?: object } | undefined)?.properties ?? {}
      )
      if (fields.includes('actions'))
        return JSON.stringify({
          title: 'Add an audio summary',
          summary: 'The counts, spoken.',
          actions: [{ action: 'create', path: 'talk/summary.mp3', source: null, reason: 'asked for' }]
        })
      if (fields.includes('text')) return JSON.stringify({ text: words, note: 'an audio summary' })
      return 'A plain answer.'
    }
    const run = await stage.comment(
      { body: 'Record an audio summary of the counts. git-bob implement' },
      {
        workspace: repo.workspace,
        inputs: geminiInputs()
      }
    )

    expect(run.code, stage.said(run)).toBe(0)
    const mp3 = repo.bytes('git-bob/issue-1', 'talk/summary.mp3')
    const seconds = stage.gemini.speechSeconds(words)
    expect(seconds).toBeGreaterThan(5)
    const walk = walkMp3(mp3)
    expect(walk).toMatchObject({ sampleRate: 24000, bitrates: [64] })
    expect(Math.abs(walk.seconds - seconds)).toBeLessThan(0.2)
    if (mpg123) expect(Math.abs(decodeMp3(mp3).seconds - seconds)).toBeLessThan(0.2)
    const tts = stage.gemini.requests.find((r) => r.model === 'gemini-2.5-flash-preview-tts')!
    expect(tts.body.generationConfig?.responseModalities, stage.said(run)).toEqual(['AUDIO'])

    const pull = stage.github.pullRequests[0]!
    expect(pull.body, stage.said(run)).toContain(`> ${words}`)
    expect(pull.body, stage.said(run)).toContain(
      'google:gemini-2.5-flash-preview-tts spoke raw 16-bit PCM (24 kHz, mono); git-bob encoded it as MP3 (64 kbit/s) with lamejs.'
    )
    expect(stage.github.postedComments(1)[0]!.body, stage.said(run)).toContain(
      'speech model: gemini-2.5-flash-preview-tts via google'
    )
  })

  it('paint: commits the PNG the image model painted and shows it in the pull request at the commit', async () => {
    const repo = new GitRemote({ 'README.md': '# Hello-World\n' })
    answerBySchema({
      picture_request: () => ({
        title: 'Add a comic of a dividing cell',
        summary: 'A comic for the README.',
        path: 'images/cell-comic.png',
        prompt: 'A friendly comic of a cell dividing, pastel colours'
      })
    })
    const run = await stage.comment({ body: 'git-bob paint a comic of a cell dividing' }, { workspace: repo.workspace })

    expect(run.code, stage.said(run)).toBe(0)
    const branch = 'git-bob/issue-1'
    expect(isPng(repo.bytes(branch, 'images/cell-comic.png'))).toBe(true)
    expect(stage.model.mediaRequests[0]).toMatchObject({
      path: '/v1/images/generations',
      body: { model: 'gpt-image-1', prompt: 'A friendly comic of a cell dividing, pastel colours' }
    })
    const pull = stage.github.pullRequests[0]!
    expect(pull.body, stage.said(run)).toMatch(
      /!\[images\/cell-comic\.png\]\(https?:\/\/[^)]+\/blob\/[0-9a-f]{40}\/images\/cell-comic\.png\?raw=true\)/
    )
    expect(stage.github.postedComments(1)[0]!.body, stage.said(run)).toContain('image model: gpt-image-1 via openai')
    expect(run.summary).toContain(': paint — gpt-image-1 via openai — 50 in / 272 out tokens')
  })

  it('paint with GitHub Models: a clear message that it has no image model, and nothing committed', async () => {
    const repo = new GitRemote({ 'README.md': '# Hello-World\n' })
    const run = await stage.comment(
      { body: 'git-bob draw a cat' },
      {
        workspace: repo.workspace,
        inputs: { model: 'github_models:openai/gpt-4.1', 'github-token': 'ghs_testtoken1234567890' }
      }
    )
    expect(run.code, stage.said(run)).toBe(0)
    const body = stage.github.postedComments(1).at(-1)!.body
    expect(body, stage.said(run)).toContain("I can't paint here")
    expect(body, stage.said(run)).toContain('offers git-bob no model for pictures')
    expect(body, stage.said(run)).toContain('`image-model`')
    expect(repo.branches()).toEqual(['master'])
    expect(stage.model.mediaRequests, stage.said(run)).toEqual([])
  })

  it('paint with Gemini: the image model answers through generateContent, and the PNG is committed', async () => {
    const repo = new GitRemote({ 'README.md': '# Hello-World\n' })
    stage.gemini.fallback = (request) => {
      const fields = Object.keys(
        (request.generationConfig?.responseJsonSchema as { properties?: object } | undefined)?.properties ?? {}
      )
      return fields.includes('prompt')
        ? JSON.stringify({
            title: 'Add a sketch of the pipeline',
            summary: 'A sketch for the docs.',
            path: 'docs/pipeline.png',
            prompt: 'A hand-drawn sketch of a microscopy pipeline'
          })
        : 'A plain answer.'
    }
    const run = await stage.comment(
      { body: 'git-bob paint a sketch of the pipeline' },
      {
        workspace: repo.workspace,
        inputs: geminiInputs()
      }
    )

    expect(run.code, stage.said(run)).toBe(0)
    expect(isPng(repo.bytes('git-bob/issue-1', 'docs/pipeline.png'))).toBe(true)
    const painted = stage.gemini.requests.find((r) => r.model === 'gemini-2.5-flash-image')!
    expect(painted.body.generationConfig?.responseModalities, stage.said(run)).toContain('IMAGE')
    expect(JSON.stringify(painted.body.contents), stage.said(run)).toContain(
      'A hand-drawn sketch of a microscopy pipeline'
    )
    expect(stage.github.pullRequests[0]!.body, stage.said(run)).toMatch(
      /!\[docs\/pipeline\.png\]\([^)]+\/docs\/pipeline\.png\?raw=true\)/
    )
    expect(stage.github.postedComments(1)[0]!.body, stage.said(run)).toContain(
      'image model: gemini-2.5-flash-image via google'
    )
  })

  it('implement: translates an existing deck in place; its picture, layout and notes stay, the words change', async () => {
    const deck = await pptxgenjsTemplate()
    const repo = new GitRemote({ 'README.md': '# Hello-World\n', 'talk/slides.pptx': deck })
    const german: Record<string, string> = {
      'Example slide of the template': 'Beispielfolie der Vorlage',
      'Notes of the example slide': 'Notizen der Beispielfolie'
    }
    answerBySchema({
      change_plan: () => ({
        title: 'Translate the slides into German',
        summary: 'The deck, in German.',
        actions: [{ action: 'modify', path: 'talk/slides.pptx', source: null, reason: 'asked for' }]
      }),
      // The prompt numbers the deck's paragraphs: the answer picks them by number, as a model would.
      rewrite: (request) => {
        const prompt = JSON.stringify(request.messages)
        const paragraphs = Object.entries(german).map(([english, text]) => {
          const index = new RegExp(`\\[(\\d+)\\](?: \\(speaker notes\\))? ${english}`).exec(prompt)?.[1]
          return { index: Number(index), text }
        })
        return { paragraphs, note: 'translated into German' }
      }
    })
    const run = await stage.comment(
      { body: 'Please translate talk/slides.pptx into German. git-bob implement' },
      { workspace: repo.workspace }
    )

    expect(run.code, stage.said(run)).toBe(0)
    const before = officeParts(deck)
    const after = officeParts(repo.bytes('git-bob/issue-1', 'talk/slides.pptx'))
    expect(Object.keys(after).sort()).toEqual(Object.keys(before).sort())
    expect(after['ppt/slides/slide1.xml']).toContain('Beispielfolie der Vorlage')
    expect(after['ppt/slides/slide1.xml']).not.toContain('Example slide of the template')
    const notes = Object.keys(after).find((n) => /^ppt\/notesSlides\/notesSlide\d+\.xml$/.test(n))!
    expect(after[notes]).toContain('Notizen der Beispielfolie')
    for (const name of Object.keys(before).filter((n) => !/slides\/slide1\.xml$|notesSlide/.test(n)))
      expect(after[name], name).toBe(before[name])
    const pull = stage.github.pullRequests[0]!
    expect(pull.body, stage.said(run)).toContain('changed in place, paragraph by paragraph')
  })

  it('a PDF and a Word document attached to the issue reach the model as text', async () => {
    stage.github.attachments.set('files/7/results.pdf', {
      type: 'application/pdf',
      bytes: tinyPdf('Viability was 93 percent')
    })
    stage.github.attachments.set('files/8/methods.docx', {
      type: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
      bytes: handMadeDocx('Cells were stained with DAPI.')
    })
    stage.model.fallback = () => 'Summary: viability 93%.'
    const url = stage.github.url
    // The GitHub stand-in plays github.com too, where attachments live.
    const run = await stage.comment(
      {
        body: `Please summarise [results.pdf](${url}/user-attachments/files/7/results.pdf) and ${url}/user-attachments/files/8/methods.docx\n\ngit-bob comment`
      },
      { env: { GITHUB_SERVER_URL: url } }
    )
    expect(run.code, stage.said(run)).toBe(0)
    const prompt = JSON.stringify(stage.model.requests[0]!.body.messages)
    expect(prompt).toContain('Viability was 93 percent')
    expect(prompt).toContain('Cells were stained with DAPI.')
    expect(prompt).toContain('results.pdf (attached in the comment by @')
  })

  it.skipIf(!pythonOffice)(
    `a workbook pandas wrote, attached and named in the repository, reaches the model with its rows${pythonOffice ? '' : ` (${PYTHON_OFFICE_MISSING})`}`,
    async () => {
      const book = pandasWorkbook()
      stage.github.attachments.set('files/9/counts.xlsx', {
        type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
        bytes: Buffer.from(book)
      })
      const repo = new GitRemote({ 'README.md': '# Hello-World\n', 'data/counts.xlsx': Buffer.from(book) })
      stage.model.fallback = () => 'S3 has the most cells.'
      const url = stage.github.url
      const run = await stage.comment(
        {
          body: `Which sample in ${url}/user-attachments/files/9/counts.xlsx and data/counts.xlsx has the most cells?\n\ngit-bob comment`
        },
        { env: { GITHUB_SERVER_URL: url }, workspace: repo.workspace }
      )
      expect(run.code, stage.said(run)).toBe(0)
      const prompt = JSON.stringify(stage.model.requests[0]!.body.messages)
      const rows = '## Sheet: Counts\\n| sample | cells |\\n| S1 | 10 |\\n| S2 | 20 |\\n| S3 | 30 |'
      // Once attached, once from the repository.
      expect(prompt.split(rows)).toHaveLength(3)
    }
  )

  it('a zip bomb of markup attached to the issue is read up to the XML budget, and the notes say so', async () => {
    stage.github.attachments.set('files/10/bomb.docx', {
      type: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
      bytes: Buffer.from(markupBomb(280))
    })
    stage.model.fallback = () => 'It says: Visible first.'
    const url = stage.github.url
    const run = await stage.comment(
      { body: `What does ${url}/user-attachments/files/10/bomb.docx say?\n\ngit-bob comment` },
      { env: { GITHUB_SERVER_URL: url } }
    )
    expect(run.code, stage.said(run)).toBe(0)
    const prompt = JSON.stringify(stage.model.requests[0]!.body.messages)
    expect(prompt).toContain('Visible first')
    expect(prompt).not.toContain('hidden words here')
    const answer = stage.github.postedComments(1).at(-1)!.body
    expect(answer).toContain('It says: Visible first.')
    expect(answer).toContain("the rest of it (git-bob reads at most 8,000,000 characters of a document's XML)")
    expect(answer).toContain('its hidden text (Word does not show it)')
  })

  describe('documents named by their path in the repository', () => {
    const green = tinyPng(64, 48, [40, 200, 40])
    async function repository(): Promise<GitRemote> {
      return new GitRemote({
        'README.md': '# Hello-World\n',
        'docs/report.pdf': tinyPdf('Viability was 93 percent', [{ width: 60, height: 40, rgb: [200, 40, 40] }]),
        'docs/talk.pptx': Buffer.from(
          await deckWithPictures([{ text: 'Intro' }, { text: 'Cells under the microscope', pictures: [green] }])
        )
      })
    }
    const request = 'Please summarise docs/report.pdf and the slides in docs/talk.pptx\n\ngit-bob comment'
    type Part = { type: string; text?: string; image_url?: { url: string } }
    const userParts = (): Part[] => {
      const content = stage.model.requests[0]!.body.messages.find((m) => m.role === 'user')!.content
      return typeof content === 'string' ? [{ type: 'text', text: content }] : (content as Part[])
    }

    it('reach an image-reading model with their text and their pictures, each labelled', async () => {
      const repo = await repository()
      stage.model.fallback = () => 'Summary: viability 93%, and a slide of cells.'
      const run = await stage.comment({ body: request }, { workspace: repo.workspace })

      expect(run.code, stage.said(run)).toBe(0)
      const parts = userParts()
      const text = parts[0]!.text!
      expect(text).toContain('## Content of docs/report.pdf')
      expect(text).toContain('Viability was 93 percent\n\n[picture 1]')
      expect(text).toContain('## Content of docs/talk.pptx')
      expect(text).toContain('## Slide 2\nCells under the microscope\n[picture 1]')
      const labels = parts.filter((p) => p.type === 'text').map((p) => p.text!)
      const images = parts.filter((p) => p.type === 'image_url').map((p) => p.image_url!.url)
      expect(labels.slice(1)).toEqual([
        'The picture 1 on page 1 of docs/report.pdf, in the repository (marked "[picture 1]" in its text):',
        'The picture 1 on slide 2 of docs/talk.pptx, in the repository (marked "[picture 1]" in its text):'
      ])
      expect(images, stage.said(run)).toHaveLength(2)
      // The PDF's image, decoded by pdf.js and encoded again as a PNG of the same size.
      const fromPdf = Buffer.from(images[0]!.replace(/^data:image\/png;base64,/, ''), 'base64')
      expect(isPng(fromPdf)).toBe(true)
      expect([fromPdf.readUInt32BE(16), fromPdf.readUInt32BE(20)]).toEqual([60, 40])
      // The deck's picture, the very bytes it holds.
      expect(images[1]).toBe(`data:image/png;base64,${green.toString('base64')}`)
    })

    it('reach a model that reads no images as text alone, and the notes say the pictures were not shown', async () => {
      const repo = await repository()
      stage.model.fallback = () => 'Summary: viability 93%.'
      const run = await stage.comment(
        { body: request },
        { workspace: repo.workspace, inputs: { model: 'openai:gpt-3.5-turbo' } }
      )

      expect(run.code, stage.said(run)).toBe(0)
      const parts = userParts()
      expect(parts.every((p) => p.type === 'text')).toBe(true)
      expect(parts[0]!.text).toContain('Viability was 93 percent')
      expect(parts[0]!.text).not.toContain('[picture 1]')
      expect(parts[0]!.text).toContain(
        'the pictures in documents: openai:gpt-3.5-turbo does not read images, so only their text is shown'
      )
      expect(stage.github.postedComments(1).at(-1)!.body, stage.said(run)).toContain(
        'does not read images, so only their text is shown'
      )
    })
  })
})

/** A minimal Word document written here, not by the code under test. */
function handMadeDocx(text: string): Buffer {
  return Buffer.from(
    zipSync({
      '[Content_Types].xml': strToU8(
        '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>'
      ),
      '_rels/.rels': strToU8(
        '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="r1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>'
      ),
      'word/document.xml': strToU8(
        `<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>${text}</w:t></w:r></w:p></w:body></w:document>`
      )
    })
  )
}
